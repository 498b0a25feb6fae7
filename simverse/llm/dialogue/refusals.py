"""Why an NPC cannot do what it is asked, from what it believes: refused a refund, it says
the rule it knows of refunds ("refunds over 50 coins need the manager's approval"). Only a
belief that names the action's own word, never a secret, so a refusal tells what the NPC
would say to anyone."""

from __future__ import annotations

from simverse.core.decisions import ActionSpec, DecisionRequest, FactView
from simverse.core.names import FUNCTION_WORDS, word_form_set, word_forms, word_set

LIGHT_VERBS = word_set("give take make do have get keep put go come let set work look help try use")
"""Verbs that say little of what is to be done ("give us a tune", "take the next call", the
"take" of "take_ticket")."""


def rule_behind(req: DecisionRequest, spec: ActionSpec) -> FactView | None:
    """The first belief (most pertinent first) that is no secret and names the action's own
    word ("refund" of "refund"); ``None`` when it holds none."""
    own = set(word_forms(spec.name.replace("_", " "))) - FUNCTION_WORDS - LIGHT_VERBS
    if not own:
        return None
    return next((f for f in req.facts if not f.secret and own & word_form_set(f.text)), None)
