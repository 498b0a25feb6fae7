"""Lines that only open or close a talk: greetings (also "nice to meet you"), farewells and
thanks, read from plain English words, never a world's own."""

from __future__ import annotations

import re
from functools import lru_cache

from simverse.llm.dialogue.reading import GREETINGS, Reading

FAREWELLS = ("goodbye", "bye", "farewell", "see you", "see ya", "good night", "take care", "cheerio",
             "so long", "until next time", "i must go", "i should go", "got to go", "gotta go", "have a good day",
             "have a nice day", "have a good one", "be seeing you", "later then", "better be off", "be on my way",
             "must dash", "must be going", "better get going")
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
    """Whether the line names ``name`` only to say who is speaking ("Ms Arden, it's Theo.",
    "it's me, Mara.", "Aldo here.", "Lena again."), so the speaker is not what it asks about."""
    said = text.lower()
    intro, named = _introducing(name.lower())
    return intro.search(said) is not None and len(named.findall(said)) == 1


@lru_cache(maxsize=1 << 12)
def _introducing(name: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The patterns of a speaker introducing themselves by ``name``, and of the name, compiled
    once per name: a world of a thousand people has more names than the ``re`` module keeps."""
    said = re.escape(name)
    return (re.compile(rf"\b(?:it'?s|it is|this is|i'?m|i am)(?:,? me,?)? {said}\b(?! (?:is|was|has|and)\b)"
                       rf"|\b{said} (?:here|again|speaking)\b(?! (?:is|was|has)\b)"),
            re.compile(rf"\b{said}\b"))


__all__ = ["FAREWELLS", "MEETING", "THANKS", "introduces", "is_farewell", "is_greeting", "is_thanks", "meets",
           "says_farewell"]
