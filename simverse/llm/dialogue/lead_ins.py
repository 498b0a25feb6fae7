"""What a line says before what it asks or bids: that it follows on from the last ("one
more thing, Bram, ..."), who is speaking ("Ilsa, it's me, Mara. ..."), thanks or an apology
("thanks love, and sorry to bother you, but ..."); none of it is the line's body."""

from __future__ import annotations

from collections.abc import Container

from simverse.core.names import word_set
from simverse.llm.dialogue.typed import WH

AUX = word_set("is are am was were do does did can could would will shall should have has had may might "
                "must any anything")
FILLERS = word_set("sorry pardon excuse um umm erm er uh oh ooh ah ahh aah wow gosh hmm blimey")
"""Words a line may open with before it asks ("sorry, what's her name?", "ooh, what's that?"): not its body."""


def lead_in(words: list[str], start: int, names: Container[str]) -> int:
    """How many words from ``start`` lead into the line's body (0: none)."""
    if words[start] not in _FIRST_WORDS:  # most lines: one look, not a scan of every phrase
        return 0
    return _follow_up(words, start) or _introduction(words, start, names) or _courtesy(words, start)


_FOLLOW_UPS = tuple(tuple(p.split()) for p in (
    "one more thing", "one last thing", "another thing", "last thing", "one more question", "one last question",
    "another question", "last question", "next question", "quick question", "a quick question", "also", "oh and",
    "and also", "and another thing", "and one more thing", "btw", "by the way", "anyway", "anyways",
    "first of all", "first off", "first things first", "before anything else", "before you do anything else",
    "which reminds me", "which brings me to you", "which brings me to my question",
    "which brings me to", "that brings me to", "long story short", "to cut a long story short",
    "all of which makes me wonder", "which makes me wonder", "speaking of which", "so anyway",
    "but what i really came to ask", "what i really came to ask", "but what i came to ask",
    "what i came to ask"))
"""What a line may open with to say it follows on from the last ("oh and greta, ...", "one
more thing bram, ...") or from a story told before it ("which reminds me, ...", "long story
short, ..."): not its body."""


_SPEAKING = (("it", "is", "me"), ("it", "is"), ("this", "is"), ("i", "am"))


def _introduction(words: list[str], start: int, names: Container[str]) -> int:
    """How many words from ``start`` say who is speaking ("it's me, Mara", "this is Ada"), with
    more to follow (0: none)."""
    said = _phrase_at(words, start, _SPEAKING)
    if said and start + said < len(words) - 2 and words[start + said] == "your":
        if words[start + said + 1] in _KIN:
            return said + 2  # "it's your mum, ..."
        if start + said < len(words) - 3 and words[start + said + 2] in names:
            return said + 3  # "it's your neighbour Sunita. ..."
    who = words[start + said] if said and start + said < len(words) - 1 else ""
    return said + 1 if who and (who in names or who in _KIN) else 0


_KIN = word_set("dad mum mom mam mother father mama papa gran granny grandma grandad granddad grandpa nan nana "
                "auntie aunt uncle")
"""Who a speaker may say they are instead of a name ("Milo, it's Dad. Tell me...")."""


_COURTESIES = tuple(tuple(p.split()) for p in ("thanks", "thank you", "many thanks", "cheers", "ta", "apologies",
                                                "sorry to bother you", "sorry to trouble you", "pardon me"))
_AFTER_COURTESY = word_set("love mate dear again and but so much")


def _courtesy(words: list[str], start: int) -> int:
    """How many words from ``start`` thank or apologise before a question ("thanks love, and
    sorry to bother you, but where's the tavern?"), 0 where no question follows."""
    end = start + _phrase_at(words, start, _COURTESIES)
    while start < end < len(words) and words[end] in _AFTER_COURTESY:
        end += 1
    asks = start < end < len(words) and (words[end] in WH or words[end] in AUX or words[end] in FILLERS)
    return end - start if asks or (start < end and _courtesy(words, end)) else 0


def _follow_up(words: list[str], start: int) -> int:
    """How many words from ``start`` say the line follows on from the last, with more to
    follow (0: none)."""
    said = _phrase_at(words, start, _FOLLOW_UPS)
    return said if len(words) > start + said else 0


def _phrase_at(words: list[str], start: int, phrases: tuple[tuple[str, ...], ...]) -> int:
    """The length of the first of ``phrases`` that the words from ``start`` open with (0: none)."""
    return next((len(p) for p in phrases if tuple(words[start:start + len(p)]) == p), 0)


_FIRST_WORDS = frozenset(p[0] for p in (*_FOLLOW_UPS, *_SPEAKING, *_COURTESIES))
"""The words a lead-in may open with."""
