"""The NPC asked what kind of person it is ("how would you describe yourself?", "what sort
of man are you?", "how do you keep your desk so tidy?"): its role and its traits, said in
the first person. Not its whole persona, which may hold what it keeps to itself ("with
grain money to hide")."""

from __future__ import annotations

import re

from simverse.core.decisions import DecisionRequest
from simverse.llm.dialogue.reading import Reading, addressed

_NATURE = (r"(?:[a-z-]+ ){0,2}?(?:temperament|character|personality|nature|demeanou?r|manner|disposition|ways|style"
           r"|way of life|lifestyle)")
"""What a person is like, asked by name ("your temperament", "your bedside manner", "your way
of life")."""
_QUALITIES = r"(?:strengths|strong points|good points|qualities|virtues|traits)\b"
"""What a person is good at or like, asked by name ("what are your top strengths?", "what
qualities do you bring?"; not "what qualities do you look for in a pupil?")."""
_ASKED = re.compile(r"\b(?:describe|characteri[sz]e|sum up|portray) yourself\b"
                    r"|\b(?:which|what) (?:[a-z]+ )?words (?:best )?(?:describe you|sum up you|sum you up)\b"
                    r"|\bwhat (?:kind|sort|type) of (?:a |an )?(?:[a-z]+ )?(?:are you|would you say you are)"
                    r"(?: by (?:calling|trade|nature|profession))?(?=\s*(?:[?.!,]|$))"
                    r"|\b(?:the|what) (?:kind|sort|type) of (?:a |an )?[a-z]+ you are\b"
                    r"|\bwhat are you like\b(?! at| with)"
                    r"|\bhow (?:do|did|can) you (?:keep|stay|remain|get|manage to (?:be|keep|stay)) (?:[a-z']+ ){0,3}?"
                    r"so (?!sure\b|certain\b|much\b|many\b|far\b|long\b)[a-z]+\b"
                    rf"|\b(?:describe|characteri[sz]e|sum up) your {_NATURE}\b|\bwhat is your {_NATURE} like\b"
                    rf"|\bwhat (?:kind|sort|type) of {_NATURE} (?:do|would|will) you\b"
                    r"|\bwhat (?:are|is|'s|were) your (?:[a-z]+ )?" + _QUALITIES + r"|\bwhat " + _QUALITIES
                    + r" (?:do|would|will|did) you (?:have|bring|possess|offer|max out|rely on|pride yourself on)\b")
_SEEN_BY_OTHERS = re.compile(
    rf"\b(?:how|in what (?:terms|words|way)|with what words|what words) (?:would|do|does|might|could|will)"
    rf" (?!i |we )(?:[a-z]+ ){{1,3}}?(?:describe|characteri[sz]e|sum up|size up|paint) (?:you|your {_NATURE})\b"
    r"|\bhow (?:would|do|does|might) (?!i |we )(?:[a-z]+ ){1,3}?(?:see|view|regard) you$"
    r"|\bwhat would (?!i |we )(?:[a-z]+ ){1,3}?say you are like\b"
    r"|\b(?:which|what) (?:[a-z]+ )?words would (?!i |we )(?:[a-z]+ ){1,3}?(?:pick|use|choose) to"
    r" (?:describe you|sum up you|sum you up)\b")
"""What others would say of the NPC ("how would your staff describe your temperament?", "how
do the villagers see you?"): the others named are not whom it asks about."""


def character_asked(r: Reading, npc: str = "") -> bool:
    """Whether the line asks what kind of person the NPC is, of itself; said with its name
    after the question too ("what kind of warrior are you, Rowan?")."""
    return bool(_ASKED.search(r.text) or (npc and _ASKED.search(addressed(r, npc))))


def seen_by_others(r: Reading) -> bool:
    """Whether the line asks what kind of person others take the NPC for."""
    return bool(_SEEN_BY_OTHERS.search(r.text))


def character(req: DecisionRequest, role: str) -> str:
    """"I'm a young knight errant: brave, honourable and vain." (``role`` as the NPC says it)."""
    traits = [t.strip() for t in req.traits if t.strip()]
    if not traits:
        return f"I'm {role}."
    listed = traits[0] if len(traits) == 1 else f"{', '.join(traits[:-1])} and {traits[-1]}"
    return f"I'm {role}: {listed}."
