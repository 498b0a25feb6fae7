"""Whether a line passes something on ("I heard the mill burned down") rather than asks:
a line that tells news ends in a question of its own only when it asks the NPC something
("I saw you two at the quay. Are you pals?") or asks whether what it tells is so."""

from __future__ import annotations

import re
from functools import lru_cache

from simverse.llm.dialogue.reading import Reading, read
from simverse.llm.dialogue.unmarked import last_sentence

TELLING = ("did you know that", "have you heard that", "i heard", "i have heard", "they say", "word is",
           "rumour has it", "rumor has it", "between you and me", "guess what", "apparently", "you know what",
           "people say", "i saw", "i noticed", "let me tell you", "listen", "that reminds me", "also", "told me that",
           "word around")
_HEARD_THIS = re.compile(r"\b(?:have you heard|did you know|guess what|listen)\s*[?!:,.]\s*\w")
_YOUR = frozenset({"you", "your", "yours"})


_CHECKING = re.compile(r"\b(?:is|was) (?:that|it|this) (?:right|true|so|correct)\b|\bam i right\b")
"""A line that asks whether what it says is so."""


_LAST_PART = re.compile(r"[,;:.!]\s+|\s+-\s+")


def _asks_you_last(raw: str) -> bool:
    """Whether a line's last part asks the NPC something of its own, more than "did you
    know?" ("I saw you chatting to Sunita, is she a friend of yours?")."""
    parts = _LAST_PART.split(raw.strip())
    if len(parts) < 2:
        return False
    last, sentence = read(parts[-1]), read(last_sentence(raw))
    if sentence.raw != raw.strip() and len(sentence.words) >= 3 and not sentence.has("you know", "have you heard"):
        last = sentence  # "I saw you slip him something. Is he a friend of yours, or is it business?", "You two pals?"
    return (last.opens or last is sentence) and len(last.words) >= 3 + last.opens and bool(set(last.words) & _YOUR)


@lru_cache(maxsize=1 << 16)
def tells_news(r: Reading) -> bool:
    """Whether the line passes something on ("did you know that...", "I heard...", "Have
    you heard? The mill burned down.")."""
    body = " ".join(r.body) if r.body else r.text  # after a name or greeting: "Ines, do you know what..."
    if any(body.startswith(p + " ") for p in ("do you know what", "do you know who", "do you know where",
                                              "do you know when", "do you know why", "do you know how",
                                              "you know what he", "you know what she")):
        return False  # asks: "do you know what Tomas does?"
    if r.raw.endswith("?") and (_CHECKING.search(r.text) or _asks_you_last(r.raw)):
        return False  # "I heard the mill burned, is that right?" asks whether what it heard is so
    if r.question and r.wh and r.has("between you and me", "between us"):
        return False  # "between you n me, which classmate do u think is amazing": asked in confidence
    cues = [p for p in TELLING if r.has(p)]
    if cues == ["also"] and r.question and r.wh:
        return False  # "also bea, coffee outta the break room machine, price?": one more question
    return len(r.words) >= 6 and (bool(cues) or bool(_HEARD_THIS.search(r.raw)))
