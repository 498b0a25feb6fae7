"""What a line says about whom or what its answer is for, rather than what it asks: a
reporter's, clerk's or investigator's "for the record", "for our readers", "for the school
paper", "for my notes", "for the inquiry", "in your own words", "off the record"; how exact
or routine it means to be ("to be precise", "just the facts", "purely routine"); an audience
told or shown in the speaker's place ("could you tell our listeners what ...", "show our crew
how you ..."); and a question put as a check or a statement asked for ("can you confirm
what ...", "I need to establish where ...", "I'll need you to state ..."). Said plainly
before any reader sees the line, as :mod:`.gamer` does for game talk: the intent reader and
the embedder read the line as said, so "could you tell me, in your own words, what ..."
would read as an order to talk and "for the front page of the paper" would name the papers
of a world.

Plain English, no world's words: the nouns below are what an answer may be given for
(a record, a publication, an inquiry, its audience, a recording), never a place, person or
ware; a phrase is dropped only where it says "for" one of them and stands at a clause's
edge, so "what's for supper?", "for how much?" and "what do you want for a paper lantern?"
are left as they are. A demonstration asked ("show me how you gather herbs") is the work
itself asked ("gather herbs"): what the NPC would do to show it.
"""

from __future__ import annotations

import re
from functools import lru_cache

_AUDIENCES = "readers|reader|listeners|listener|viewers|viewer|audience|subscribers|followers"
_RECORDS = ("record|records|paper|newspaper|piece|profile|article|column|feature|podcast|programme|program|"
            "broadcast|newsletter|bulletin|photo|photos|photograph|caption|captions|headline|headlines|front page|"
            "episode|magazine|blog|segment|recording|transcript|documentary|vlog|edition|website|write-up|writeup|"
            "notes|notebook|file|files|report|inquiry|enquiry|investigation|inquest|paperwork|minutes|logbook|"
            "survey|census|questionnaire|form|statement|statements|reconstruction")
_WHOSE = r"(?:the|our|my|your|this|that|a|an|[a-z]+'s)"
_FILLER = r"(?:(?!(?:and|or|for|to|giving|telling|showing|of|in|on|at|with)\b)[a-z-]+\s+){0,2}"
_HEARERS = rf"(?:{_WHOSE}\s+)?{_FILLER}(?:{_AUDIENCES})\b"
_FOR = (rf"for\s+(?:{_WHOSE}\s+)?{_FILLER}(?:{_RECORDS}|{_AUDIENCES})\b"
        rf"(?:\s+of\s+(?:{_WHOSE}\s+)?{_FILLER}(?:{_RECORDS})\b)?")
_ADJUNCT = (rf"(?:(?:strictly|just|purely|all|completely|totally)\s+)?(?:on|off)\s+the\s+record\b"
            rf"|{_FOR}|in\s+your\s+own\s+words\b|with\s+the\s+(?:tape|tapes|mic|microphone|camera|cameras|recorder)\s+"
            rf"(?:stopped|switched\s+off|turned\s+off|off|running|rolling|on)\b|(?:on|off)\s+air\b"
            rf"|(?:on|off)\s+(?:the\s+)?(?:tape|camera|mic)\b"
            rf"|(?:just\s+)?to\s+(?:be\s+(?:precise|exact|clear|accurate|thorough|sure|certain)|clarify)\b"
            rf"|(?:purely|just|merely|strictly)\s+(?:as\s+a\s+)?(?:routine|a\s+formality|procedure)\b"
            rf"|(?:just\s+)?the\s+facts(?:\s+(?:only|please))?\b|strictly\s+speaking\b"
            rf"|as\s+a\s+(?:witness|formality|matter\s+of\s+routine)\b|let\s+me\s+get\s+this\s+straight\b"
            rf"|according\s+to\s+(?:my|our|the)\s+(?:{_RECORDS})\b")
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

_CONFIRMED = re.compile(r"\b(?:(?:i|we)(?:'ll|\s+will|'d|\s+would|\s+just)?\s+(?:need|have|want)\s+you\s+to\s+state"
                        r"|(?:(?:i|we)(?:'ll|\s+will|'d|\s+would|\s+just)?\s+(?:need|have|want)\s+(?:you\s+)?to\s+)?"
                        r"(?:confirm|establish|ascertain|determine|clarify))(?:\s+for\s+(?:me|us))?\s+"
                        r"(?=(?:what|where|who|whom|whose|which|when|why|how|whether|if|the)\b)"
                        r"|\bwalk\s+(?:me|us)\s+through\s+(?=(?:what|where|who|whom|whose|which|when|why|whether)\b)",
                        re.IGNORECASE)
"""A question put as a check or a statement asked for: "can you confirm what ...", "I need to
establish where ...", "I'll need you to state the price of ...", "walk me through what ..."
-> "tell me ..."."""

_REASON_TO = re.compile(r"\b(?:i|we) (?:have|had|'ve got|have got) (?:good |every |some )?reason to "
                        r"(?=(?:believe|think|suspect)\b)", re.IGNORECASE)
""""I have reason to believe ..." -> "I believe ...": a belief put warily, no reason asked."""

_SHOWN_HOW = re.compile(r"\b(?:show|teach|demonstrate to|walk)\s+(?:me|us)\s+(?:through\s+)?"
                        r"(?:(?:exactly|precisely|just|again)\s+)?how\s+you\s+(?:(?:usually|normally|always)\s+)?",
                        re.IGNORECASE)
"""A demonstration asked: "could you show me how you gather herbs" -> "could you gather herbs"."""

_WALKED_THROUGH = re.compile(r"\bwalk\s+(me|us)\s+through\s+(?=[a-z]+ing\b[^.?!]*\bby\s+(?:doing|showing|making)\b)",
                             re.IGNORECASE)
"""Work shown step by step: "walk me through filling a prescription by doing one" -> "show me
filling ..." (:mod:`.stated` takes "walk me through filling prescriptions" to ask to be told)."""

_LEFT_OVER = ((re.compile(r"\b(?:and\s+)?this\s+is(?:\s+all)?\s*(?=[.,?!]|$)|\bwhile\s+(?:we're|we\s+are)\s*(?=[,.?!])",
                          re.IGNORECASE), ""),
              (re.compile(r",\s*(?:and|or)\s*(?=,)", re.IGNORECASE), ","),
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
    plain = _REASON_TO.sub(lambda m: f"{m[0].split()[0]} ", plain)
    plain = _SHOWN_HOW.sub("", plain)
    plain = _WALKED_THROUGH.sub(r"show \1 ", plain)
    return line if plain == line else tidied(plain)


def tidied(text: str) -> str:
    """``text`` with what a dropped phrase left tidied (stranded commas, a bare "this is")."""
    for pattern, replacement in _LEFT_OVER:
        text = pattern.sub(replacement, text)
    return text.strip()


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
