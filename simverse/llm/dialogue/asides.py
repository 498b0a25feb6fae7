"""Phrases said around a question or an order that only show how it is asked: eagerly,
wryly or with mock politeness ("I'm all ears", "humour me", "surprise me", "let me guess",
"don't keep me in suspense", "no pressure", "take your time", "who'd have thought",
"if your schedule allows", "do grace me with your talents and ...", "did someone as fine as
you ..."), or that only urge on ("let's go", "come on", "no excuses", "give me your best"), or
that only pass the line as over a radio ("come in", "copy that", "over"). They ask for nothing
and name nothing of the world, but the readers would take them at their word ("humour me"
as an order, "who'd have thought" as a question about someone, "let me guess" as the
speaker's own plan). Said as nothing where one is a clause of its own ("humour me, ...",
"..., I'm all ears?"; not "I'm all ears for the tune"), before any reader sees the line, as
:mod:`.framing` drops what an answer is for. Plain English, no world's words.
"""

from __future__ import annotations

import re
from functools import lru_cache

from simverse.llm.dialogue.framing import tidied

_I_AM = r"i(?:'m|\s+am)"
_WRY = (rf"{_I_AM}\s+all\s+ears|humou?r\s+me|surprise\s+me|(?:go\s+on,?\s+)?dazzle\s+me|enlighten\s+me|do\s+tell"
        rf"|let\s+me\s+guess|don'?t\s+keep\s+me\s+in\s+suspense|{_I_AM}\s+(?:on\s+the\s+edge\s+of\s+my\s+seat"
        rf"|breathless|dying\s+to\s+know)|i\s+can\s+(?:hardly|barely)\s+wait|no\s+pressure|take\s+your\s+time"
        rf"|don'?t\s+strain\s+yourself|who(?:'d|\s+would|\s+could)\s+have\s+(?:thought|guessed|known)[^,.;:?!]*"
        rf"|wonders\s+never\s+cease|shocking,?\s+i\s+know"
        rf"|(?:wow,?\s+)?imagine\s+that|of\s+course|{_I_AM}\s+sure\s+you(?:'re|\s+are)\s+dying\s+to\s+tell\s+me"
        rf"|i(?:'ll|\s+will)\s+(?:even\s+|try\s+to\s+)?contain\s+my\s+excitement"
        rf"|if\s+(?:your|the)\s+(?:busy\s+)?schedule\s+allows|if\s+it(?:'s|\s+is)\s+not\s+too\s+much\s+trouble"
        rf"(?:\s+for\s+you)?|here(?:'s|\s+is)\s+the\s+(?:great\s+|big\s+)?mystery\s+of\s+the\s+day")
_WRY_ASIDES = re.compile(rf"(?<![a-z'])(?:{_WRY})(?![a-z'])(?:\s*,?\s*(?:and|so)\s+(?:{_WRY})(?![a-z']))*",
                         re.IGNORECASE)
"""One or more of the phrases, joined by "and" or "so" ("humour me and surprise me")."""

_URGE = (r"let'?s\s+go|let\s+us\s+go|let'?s\s+do\s+this|come\s+on|no\s+excuses|from\s+the\s+(?:top|start)"
         r"|give\s+(?:me|us|it)\s+(?:your\s+(?:best|all)|all\s+you'?ve\s+got|everything(?:\s+you'?ve\s+got)?)"
         r"|eyes\s+on\s+the\s+ball|(?:all\s+)?together\s+now|here\s+we\s+go|let'?s\s+see\s+some\s+[a-z]+")
_URGINGS = re.compile(rf"(?<![a-z'])(?:{_URGE})(?![a-z'])(?:\s*,?\s*(?:and|so)\s+(?:{_URGE})(?![a-z']))*",
                      re.IGNORECASE)
"""Phrases that only urge on: a clause of their own, they ask no walk ("let's go, how many quarters
make a half?") and no deed ("give me your best, are the pills to blame?"), where the line asks more."""
_RADIO = (r"over|copy(?:\s+that)?|roger(?:\s+that)?|loud\s+and\s+clear|come\s+in|do\s+you\s+read\s+me"
          r"|receiving\s+you|message\s+received|go\s+ahead|stand(?:ing)?\s+by(?:\s+for\s+(?:a|an|the|my|your)\s+[a-z]+)?"
          r"|say\s+again|affirmative|(?:this\s+is|it'?s)\s+base|base\s+here|please\s+advise")
_RADIO_TALK = re.compile(rf"(?<![a-z'])(?:{_RADIO})(?![a-z'])(?:\s*,?\s*(?:{_RADIO})(?![a-z']))*", re.IGNORECASE)
"""A radio operator's words of procedure ("come in", "copy that", "loud and clear", "stand by",
"over"), alone or run together: how a line is passed, not what it asks."""
_STOPS = re.compile(r"\s*(?:[,.;:!?]|$)")
"""Where an urging or a radio word ends: "let's go and see the horse" leads into the walk it proposes."""
_ASKS_MORE = 4
"""The fewest words the rest of a line holds for an urging or a radio word to be taken as only
that: "let's go, Tomas" proposes the walk itself, "thanks, over and out" is the farewell."""

_GRACED = re.compile(r"\bdo\s+grace\s+(?:me|us)\s+with\s+(?:your|a|some)\s+(?:[a-z'-]+\s+){0,3}?and\s+",
                     re.IGNORECASE)
"""Mock politeness before an order: "do grace us with your reading skills and read ..." -> "read ..."."""


_PRAISED_YOU = re.compile(r"\b(?P<asked>do|did|does|would|could|can|will|should|might) (?:a|an|someone|somebody)"
                         r" (?:[a-z]+ ){0,2}?(?:as [a-z]+ as you|like you|of your (?:talents?|skills?|standing))\b",
                         re.IGNORECASE)
"""Praise said as the subject of a question: "where did a restorer as fine as you learn ..." asks
"where did you learn ..."."""

_OPENS = re.compile(r"(?:^|[,.;:!?]|\b(?:and|or|so|but))\s*$", re.IGNORECASE)
_ENDS = re.compile(r"\s*(?:[,.;:!?]|$|(?:and|or|so|but)\b)", re.IGNORECASE)


def _a_clause_of_its_own(line: str, m: re.Match[str]) -> bool:
    """Whether the aside ``m`` is a clause of its own ("humour me, ...", "..., of course, ...");
    not "I'm all ears for the tune", where it leads into more."""
    return _OPENS.search(line, 0, m.start()) is not None and _ENDS.match(line, m.end()) is not None


def _beside_a_longer_ask(phrases: re.Pattern[str], line: str) -> str:
    """``line`` without ``phrases`` that stand as clauses of their own, where what is left still
    asks something ("let's go, Tomas" is left as it is)."""
    left = phrases.sub(lambda m: "" if _a_clause_of_its_own(line, m) and _STOPS.match(line, m.end()) else m[0], line)
    return left if len(re.findall(r"[a-z']+", left, re.IGNORECASE)) >= _ASKS_MORE else line


@lru_cache(maxsize=1 << 14)  # a line heard by several NPCs
def said_without_asides(line: str) -> str:
    """``line`` without its wry or eager asides; ``line`` itself where it has none."""
    plain = _WRY_ASIDES.sub(lambda m: "" if _a_clause_of_its_own(line, m) else m[0], line)
    plain = _PRAISED_YOU.sub(r"\g<asked> you", _GRACED.sub("", plain))
    for phrases in (_URGINGS, _RADIO_TALK):
        plain = _beside_a_longer_ask(phrases, plain)
    return line if plain == line else _LEAD_LEFT.sub("", tidied(plain))


_LEAD_LEFT = re.compile(r"^(?:and|so)\s+|(?<=,\s)(?:and|so|but)\s+(?=(?:what|which|who|where|when|why|how)\b)",
                        re.IGNORECASE)
"""What joined a dropped aside to the rest ("take your time and tell me ...", "Kofi, who'd
have thought it, but which ...")."""
