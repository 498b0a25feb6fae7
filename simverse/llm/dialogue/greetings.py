"""Lines that only open or close a talk: greetings (also "nice to meet you"), farewells and
thanks, read from plain English words, never a world's own."""

from __future__ import annotations

import re

from simverse.llm.dialogue.reading import GREETINGS, Reading

FAREWELLS = ("goodbye", "bye", "farewell", "see you", "see ya", "good night", "take care", "cheerio",
             "so long", "until next time", "i must go", "i should go", "got to go", "gotta go", "have a good day",
             "have a nice day", "have a good one", "be seeing you", "later then", "better be off", "be on my way",
             "must dash", "must be going", "better get going", "fare you well", "fare ye well", "godspeed")
MEETING = ("nice to meet you", "pleased to meet you", "good to meet you", "glad to meet you", "pleasure to meet you",
           "nice to see you", "good to see you", "great to see you", "lovely to see you", "glad to see you")
"""Greetings said as a pleasure at meeting ("nice to meet you"), whose "see you" is no farewell."""
THANKS = ("thank", "thanks", "cheers", "much obliged", "grateful", "appreciate")


def is_greeting(r: Reading) -> bool:
    return bool(r.words) and (r.words[0] in GREETINGS or r.starts("good morning", "good day", "good evening",
                                                                        "good afternoon", "well met") or meets(r))


def meets(r: Reading) -> bool:
    """"Nice to meet you", "good to see you again": a greeting in any place of the line."""
    return r.has(*MEETING)


_SEEN_BY = re.compile(r"\b(?:can|could|not|will|would|to) see (?:you|ya)\b(?! (?:later|soon|around|tomorrow|then)\b)")
""""The doctor can't see you till...", "she will see you now": being seen, not a goodbye."""


def says_farewell(r: Reading) -> bool:
    """Whether the line says a farewell anywhere ("see you" of being seen is none)."""
    said = [f for f in FAREWELLS if r.has(f)]
    return bool(said) and not (set(said) <= {"see you", "see ya"} and _SEEN_BY.search(r.text))


def is_farewell(r: Reading) -> bool:
    return says_farewell(r) and (not r.opens or r.starts(*FAREWELLS)) and (not meets(r) or r.starts(*FAREWELLS))


def is_thanks(r: Reading) -> bool:
    return any(w.startswith(THANKS[:2]) for w in r.words) or r.has(*THANKS[2:])


def introduces(text: str, name: str) -> bool:
    """Whether the line names ``name`` only to say who is speaking ("Ms Arden, it's Theo.", "'tis Theo",
    "it's me, Mara.", "Aldo here.", "Lena again.", "doctor, Nadia. Main aim today?"), so the
    speaker is not what it asks about.
    The name is found as a word by plain search: a pattern compiled per name cost a
    thousand-person world a tenth of its step before its cache filled."""
    said, name = text.lower(), name.lower()
    spots = _word_spots(said, name)
    if len(spots) != 1:
        return False
    before, after = said[:spots[0]], said[spots[0] + len(name):]
    said_who = _SAYS_WHO.search(before) is not None and _NAME_IS.match(after) is None
    signed = _BEFORE_SIGNED.search(before) is not None and _AFTER_SIGNED.match(after) is not None
    return said_who or signed or _NAME_HERE.match(after) is not None


_SAYS_WHO = re.compile(r"\b(?:it'?s|it is|tis|this is|i'?m|i am)(?:,? me,?)?(?: (?:your|ur|yer) [a-z]+(?: [a-z]+)?)? $")
_NAME_IS = re.compile(r" (?:is|was|has|and)\b")
_BEFORE_SIGNED = re.compile(r"(?:^|[,\u2013\u2014-]) *$")
_AFTER_SIGNED = re.compile(r" *[.!;:]")
""""Sunita \u2014 Walter. The cough...": a name said alone after the one spoken to is the speaker's."""
_NAME_HERE = re.compile(r" (?:here|again|speaking)\b(?! (?:is|was|has)\b)")


def _word_spots(text: str, word: str) -> list[int]:
    """Where ``word`` stands in ``text`` as a whole word (no letter, digit or "_" next to it)."""
    spots, at = [], text.find(word)
    while at >= 0 and word:
        end = at + len(word)
        if (at == 0 or not _word_char(text[at - 1])) and (end == len(text) or not _word_char(text[end])):
            spots.append(at)
        at = text.find(word, at + 1)
    return spots


def _word_char(char: str) -> bool:
    return char.isalnum() or char == "_"


__all__ = ["FAREWELLS", "MEETING", "THANKS", "introduces", "is_farewell", "is_greeting", "is_thanks", "meets",
           "says_farewell"]
