"""Whether the NPC knows anyone where it is ("do you know anyone here?", "is anybody here
known to you?"), answered from its relationships with the people here: what it is given
of them is all it knows. Plain English word shapes, no world's words.
"""

from __future__ import annotations

import re

from simverse.core.decisions import DecisionRequest
from simverse.llm.dialogue.people import relation_sentence
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
