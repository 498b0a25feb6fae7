"""What a line says about whom or what its answer is for, rather than what it asks: a
reporter's or clerk's "for the record", "for our readers", "for the school paper",
"in your own words", "off the record"; an audience told or shown in the speaker's place
("could you tell our listeners what ...", "show our crew how you ..."); and a question put
as a check ("can you confirm what ..."). Said plainly before any reader sees the line,
as :mod:`.gamer` does for game talk: the intent reader and the embedder read the line as
said, so "could you tell me, in your own words, what ..." would read as an order to talk
and "for the front page of the paper" would name the papers of a world.

Plain English, no world's words: the nouns below are what an answer may be given for
(a record, a publication, its audience, a recording), never a place, person or ware; a
phrase is dropped only where it says "for" one of them and stands at a clause's edge, so
"what's for supper?", "for how much?" and "what do you want for a paper lantern?" are left
as they are. A demonstration asked ("show me how you gather herbs") is
the work itself asked ("gather herbs"): what the NPC would do to show it.
"""

from __future__ import annotations

import re
from functools import lru_cache

_AUDIENCES = "readers|reader|listeners|listener|viewers|viewer|audience|subscribers|followers"
_RECORDS = ("record|records|paper|newspaper|piece|profile|article|column|feature|podcast|programme|program|"
            "broadcast|newsletter|bulletin|photo|photos|photograph|caption|captions|headline|headlines|front page|"
            "episode|magazine|blog|segment|recording|transcript|documentary|vlog|edition|website|write-up|writeup")
_WHOSE = r"(?:the|our|my|your|this|that|a|an|[a-z]+'s)"
_FILLER = r"(?:(?!(?:and|or|for|to|giving|telling|showing|of|in|on|at|with)\b)[a-z-]+\s+){0,2}"
_HEARERS = rf"(?:{_WHOSE}\s+)?{_FILLER}(?:{_AUDIENCES})\b"
_FOR = (rf"for\s+(?:{_WHOSE}\s+)?{_FILLER}(?:{_RECORDS}|{_AUDIENCES})\b"
        rf"(?:\s+of\s+(?:{_WHOSE}\s+)?{_FILLER}(?:{_RECORDS})\b)?")
_ADJUNCT = (rf"(?:(?:strictly|just|purely|all|completely|totally)\s+)?(?:on|off)\s+the\s+record\b"
            rf"|{_FOR}|in\s+your\s+own\s+words\b|with\s+the\s+(?:tape|tapes|mic|microphone|camera|cameras|recorder)\s+"
            rf"(?:stopped|switched\s+off|turned\s+off|off|running|rolling|on)\b|(?:on|off)\s+air\b"
            rf"|(?:on|off)\s+(?:the\s+)?(?:tape|camera|mic)\b")
_ADJUNCTS = re.compile(rf"(?<![a-z'])(?:{_ADJUNCT})(?:\s*,?\s*(?:and|or)\s+(?:{_ADJUNCT}|{_HEARERS}))*",
                       re.IGNORECASE)
"""One or more of "for the record", "for our readers", "for tomorrow's paper", "for the front
page of the school paper", "in your own words", "with the tape stopped", "off the record",
"on air", joined by "and" ("for the photo and our listeners"); dropped only at the edge of a
clause (:func:`_aside`)."""

_TOLD_AUDIENCE = re.compile(
    rf"\b(tell|show|give|walk|take|guide|lead|explain to)\s+(?:all\s+)?our\s+"
    rf"(?:[a-z]+\s+)?(?:{_AUDIENCES}|crew|camera crew|photographer|cameraman|team)\b", re.IGNORECASE)
"""An audience told or shown in the speaker's place: "tell our listeners" -> "tell me"."""

_CONFIRMED = re.compile(r"\bconfirm(?:\s+for\s+me)?\s+(?=(?:what|where|who|whom|whose|which|when|why|how|"
                        r"whether|if)\b)", re.IGNORECASE)
"""A question put as a check: "can you confirm what ..." -> "can you tell me what ..."."""

_SHOWN_HOW = re.compile(r"\b(?:show|teach|demonstrate to)\s+(?:me|us)\s+how\s+you\s+", re.IGNORECASE)
"""A demonstration asked: "could you show me how you gather herbs" -> "could you gather herbs"."""

_LEFT_OVER = ((re.compile(r"\b(?:and\s+)?this\s+is(?:\s+all)?\s*(?=[.,?!]|$)|\bwhile\s+(?:we're|we\s+are)\s*(?=[,.?!])",
                          re.IGNORECASE), ""),
              (re.compile(r"\s*,\s*(?:,\s*)+"), ", "), (re.compile(r"\.\s*,\s*"), ". "),
              (re.compile(r"\b(tell|show)\s+(me|us)\s*,\s*", re.IGNORECASE), r"\1 \2 "),
              (re.compile(r"\s*,\s*([?.!])"), r"\1"),
              (re.compile(r"^\s*,\s*|\s*,\s*$"), ""), (re.compile(r"\s{2,}"), " "),
              (re.compile(r"\s+([?.!,])"), r"\1"), (re.compile(r"\b(so|and|but)\s*,\s*", re.IGNORECASE), r"\1 "))
"""What a dropped phrase leaves, tidied: a "this is" or "while we're" with nothing after it
("and this is for the podcast"), doubled or stranded commas, spaces before punctuation."""


_NEXT_WORD = re.compile(r"\s+([a-z]+)", re.IGNORECASE)
_OPENS_CLAUSE = re.compile(r"(?:^|[,.;:!?]|\b(?:and|or|so|but|just|is|it's))\s*$", re.IGNORECASE)
_ENDS_CLAUSE = re.compile(r"\s*(?:[,.;:!?]|$)")


@lru_cache(maxsize=1 << 14)  # a line heard by several NPCs
def framed_plainly(line: str, keep: frozenset[str] = frozenset()) -> str:
    """``line`` without what it says its answer is for, its audience as "me", a check as a
    question and a demonstration as the work; ``line`` itself where none of these is there."""
    plain = _ADJUNCTS.sub(lambda m: "" if _aside(line, m, keep) else m[0], line)
    plain = _TOLD_AUDIENCE.sub(lambda m: f"{m[1]} {'us' if m[1].lower() in _LED else 'me'}", plain)
    plain = _CONFIRMED.sub("tell me ", plain)
    plain = _SHOWN_HOW.sub("", plain)
    if plain == line:
        return line
    for pattern, replacement in _LEFT_OVER:
        plain = pattern.sub(replacement, plain)
    return plain.strip()


_LED = frozenset({"walk", "take", "guide", "lead"})


def _aside(line: str, m: re.Match[str], keep: frozenset[str]) -> bool:
    """Whether the phrase ``m`` stands aside from the clause: it opens or ends one ("for the
    record, ...", "..., for our readers?"; not "looking for the website where ..." or "what
    do you want for a paper lantern?"), and does not run into a word of ``keep`` (the
    world's name words: "for the paper lantern")."""
    after = _NEXT_WORD.match(line, m.end())
    if after is not None and after[1].lower() in keep:
        return False
    return _OPENS_CLAUSE.search(line, 0, m.start()) is not None or _ENDS_CLAUSE.match(line, m.end()) is not None
