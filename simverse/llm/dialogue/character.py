"""The NPC asked what kind of person it is ("how would you describe yourself?", "what sort
of man are you?", "how do you keep your desk so tidy?"): its role and its traits, said in
the first person. Not its whole persona, which may hold what it keeps to itself ("with
grain money to hide")."""

from __future__ import annotations

import re

from simverse.core.decisions import DecisionRequest
from simverse.llm.dialogue.reading import Reading

_ASKED = re.compile(r"\bdescribe yourself\b|\bwhat (?:kind|sort|type) of (?:a )?(?:person|man|woman|girl|boy|fellow|lad"
                    r"|lass|guy|character|teacher|doctor|leader|boss)? ?(?:are you|would you say you are)\b"
                    r"|\bwhat are you like\b(?! at| with)"
                    r"|\bhow (?:do|did|can) you (?:keep|stay|remain|get|manage to (?:be|keep|stay)) (?:[a-z']+ ){0,3}?"
                    r"so (?!sure\b|certain\b|much\b|many\b|far\b|long\b)[a-z]+\b")


def character_asked(r: Reading) -> bool:
    """Whether the line asks what kind of person the NPC is."""
    return bool(_ASKED.search(r.text))


def character(req: DecisionRequest, role: str) -> str:
    """"I'm a young knight errant: brave, honourable and vain." (``role`` as the NPC says it)."""
    traits = [t.strip() for t in req.traits if t.strip()]
    if not traits:
        return f"I'm {role}."
    listed = traits[0] if len(traits) == 1 else f"{', '.join(traits[:-1])} and {traits[-1]}"
    return f"I'm {role}: {listed}."
