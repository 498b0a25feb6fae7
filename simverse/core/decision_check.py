"""The world's own check of every decision, whatever brain made it.

Brains may already have repaired their output; the world still refuses anything that
names an action, place, person or item the NPC cannot use, replacing it with ``wait``
and keeping the reason, so no brain can push an impossible action into the resolver.
"""

from __future__ import annotations

from dataclasses import replace

from simverse.core.decisions import ActionSpec, Decision, DecisionRequest

MAX_UTTERANCE = 600
MAX_ACTION_TEXT = 200


def check_decision(decision: Decision, request: DecisionRequest) -> Decision:
    """Return the decision if it is usable, else a ``wait`` saying why."""
    problem = _problem(decision, request)
    if problem is None:
        if decision.utterance is not None and len(decision.utterance) > MAX_UTTERANCE:
            return replace(decision, utterance=decision.utterance[:MAX_UTTERANCE])
        return decision
    if request.mode == "reply":
        return Decision(request.npc, "talk", {"npc": request.partner or ""}, "...", end_conversation=True,
                        status="defaulted", note=f"{request.label}: {problem}",
                        llm_call_ids=list(decision.llm_call_ids))
    return Decision(request.npc, "wait", status="defaulted", note=f"{request.label}: {problem}",
                    llm_call_ids=list(decision.llm_call_ids))


def _problem(decision: Decision, request: DecisionRequest) -> str | None:
    if decision.npc != request.npc:
        return f"answer is for {decision.npc!r}, not {request.npc!r}"
    if request.mode == "reply":
        if not (decision.utterance or "").strip():
            return "empty reply"
        return _unknown_facts(decision, request)
    spec = _action_spec(request, decision.action)
    if spec is None:
        return f"unknown action {decision.action!r}"
    for arg, kind in spec.args.items():
        value = decision.args.get(arg)
        if value is None:
            return f"action {decision.action!r} is missing argument {arg!r}"
        if kind == "place" and value not in request.neighbours:
            return f"{arg}={value!r} is not a place reachable from {request.place!r}"
        if kind == "npc" and value not in request.people_here:
            return f"{arg}={value!r} is not someone here"
        if kind == "item" and value not in request.items_here and value not in request.inventory:
            return f"{arg}={value!r} is not an item here or carried"
        if kind == "text" and not 0 < len(value.strip()) <= MAX_ACTION_TEXT:
            return f"{arg} must be 1-{MAX_ACTION_TEXT} characters of text"
    if decision.action == "talk" and not (decision.utterance or "").strip():
        return "talk without anything to say"
    return _unknown_facts(decision, request)


def _action_spec(request: DecisionRequest, name: str | None) -> ActionSpec | None:
    """The request's action of that name (the last one, should two share it): a scan, since
    a request offers a handful of actions and every decision of a step is checked."""
    for action in reversed(request.actions):
        if action.name == name:
            return action
    return None


def _unknown_facts(decision: Decision, request: DecisionRequest) -> str | None:
    if not decision.told_facts:  # most decisions tell nothing: no set of what is known to build
        return None
    known = {f.key for f in request.facts}
    for key in decision.told_facts:
        if key not in known:
            return f"tells fact {key!r} it does not know"
    return None
