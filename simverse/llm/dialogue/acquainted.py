"""Whether the NPC knows anyone where it is ("do you know anyone here?", "is anybody here
known to you?"), and how it stands with the one asking ("what am I to you?", "do you trust
me?"), answered from its relationships: what it is given of them is all it knows. Plain
English word shapes, no world's words.
"""

from __future__ import annotations

import re

from simverse.core.decisions import DecisionRequest
from simverse.llm.dialogue.people import opinion_of, relation_sentence
from simverse.llm.dialogue.reading import Reading

_ANYONE = r"(?:anyone|anybody|someone|somebody|any of (?:them|these|those|the \w+))"
_KNOWN = r"(?:know|recogni[sz]e|familiar with|acquainted with)"
_ASKED = re.compile(
    rf"\b(?:do|did|would|can|could) you (?:happen to )?(?:\w+ )?{_KNOWN} {_ANYONE}\b"
    rf"(?! (?:who|that|which|to|with|in|at|on|from|about|for|selling|called|named)\b)"
    rf"|\b{_ANYONE}(?: \w+){{0,3}} (?:you know|known to you|familiar to you|you recogni[sz]e)\b")
""""Do you know anyone here?", "is anybody here known to you?", "any of these folk you
recognise?"; not "do you know anyone who mends nets?" (someone by what they do) nor "anyone
in the village" (somewhere else)."""


def acquaintance_asked(r: Reading) -> bool:
    """Whether the line asks if the NPC knows anyone where it is."""
    return bool(_ASKED.search(r.text))


def acquaintances(req: DecisionRequest) -> str:
    """"Sunita is my neighbour.": how it stands with each person here it has a relationship
    with (not the one asking); "" when it has none here, to be answered otherwise."""
    kinds = req.relation_kinds
    known = [p for p in req.people_here if p in kinds and p != req.partner]
    return " ".join(f"{relation_sentence(p, kinds[p])}." for p in sorted(known))


_STANDING = re.compile(
    r"\bwhat am i to you\b|\bwhat (?:do|would) you (?:think|make|say) of me\b"
    r"|\bhow (?:do|would) you (?:see|feel about|regard|rate|describe) (?:me|us)\b"
    r"|\b(?:do|would|can|could) you (?:really |still )?(?:trust|like|rate) me\b(?! to\b)"
    r"|\bhow (?:well )?do you know me\b|\bwhere do (?:i|we) stand\b"
    r"|\bare (?:we|you and i|me and you) (?:still )?(?:friends|mates|pals|close|rivals|enemies|partners|family)\b"
    r"(?! (?:to|by|on|with|at|in|enough)\b)")
""""What am I to you?", "do you trust me?", "are we friends?": how the NPC stands with the
one speaking to it."""


def standing_asked(r: Reading) -> bool:
    """Whether the line asks how the NPC stands with the one speaking to it."""
    return bool(_STANDING.search(r.text))


def standing(req: DecisionRequest) -> str:
    """"You're my old friend, and I think the world of you.": what the speaker is to the
    NPC and how it feels about them, from its relationship; where it has none, that it does
    not know them well enough to say."""
    partner = req.partner or ""
    kind, feeling = req.relation_kinds.get(partner), req.relationships.get(partner)
    if kind is None and feeling is None:
        return "I don't know you well enough to say."
    parts = [relation_sentence("you", kind).replace("you is ", "you're ") if kind else "",
             opinion_of(feeling, "you") if feeling is not None else ""]
    said = ", and ".join(p for p in parts if p)
    return f"{said[:1].upper()}{said[1:]}."


def known_people(req: DecisionRequest, r: Reading) -> str:
    """How the NPC stands with the one asking, or whom it knows here, where the line asks
    either; "" otherwise, to be answered by the other answers."""
    if standing_asked(r):
        return standing(req)
    return acquaintances(req) if acquaintance_asked(r) else ""
