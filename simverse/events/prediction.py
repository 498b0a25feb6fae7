"""Prediction without applying: "what if" an NPC did this, or this happened, now or at step N.

Everything runs on a copy of the state (the live one, or the one stored with step N), through
the world's own resolver, so a prediction is exactly what the next step would do with the
same input, minus the seeded ordering against other NPCs' actions. Model calls made for a
prediction are neither recorded in the run nor counted in its step stats.
"""

from __future__ import annotations

import difflib
import re

import networkx as nx

from simverse.core.outcome import Outcome
from simverse.core.runtime import check_injected_text
from simverse.core.schema import WorldSpec
from simverse.core.seeds import derive_seed
from simverse.core.state import WorldState
from simverse.events.inference import EventQuery
from simverse.events.resolution import IMPROVISE, EventResolver
from simverse.events.resolver import ActionCall
from simverse.events.validation import resolve_entity
from simverse.store.run_store import RunStore


def predict_outcome(resolver: EventResolver, state: WorldState, places: nx.Graph, what: ActionCall | str,
                    step: int, seed: int, place: str | None = None) -> Outcome:
    """The outcome ``what`` would have at ``step`` on ``state`` (a private copy, which this
    may change); event text is seeded from the world's ``seed`` like a step's events. Text is
    a person's, held to :data:`~simverse.core.runtime.MAX_INJECTED_CHARS` like an injection."""
    if isinstance(what, str):
        check_injected_text(what, "predict")
    if place is not None and place not in places:
        raise ValueError(f"predict: unknown place {place!r}")
    if isinstance(what, ActionCall):
        if what.actor not in state.entities or state.kinds.get(what.actor) != "npc":
            raise ValueError(f"predict: unknown NPC {what.actor!r}")
        return resolver.predict(state, what)
    query = EventQuery("injected", what, None, place, derive_seed(seed, step, "predict", "events", 0),
                       f"step {step} events predict")
    return resolver.predict(state, query)


def state_at(store: RunStore, run_id: int, now: WorldState, step_index: int, at_step: int | None) -> WorldState:
    """A private copy of the state ``now`` (after ``step_index``), or as stored after ``at_step``."""
    if at_step is None or at_step == step_index:
        return now.copy()
    if at_step < 0 or at_step > step_index:
        raise ValueError(f"predict: step {at_step} is not between 0 and {step_index}")
    return WorldState.from_json(store.step_row(run_id, at_step).state).copy()


def action_from_text(spec: WorldSpec, state: WorldState, npc: str, text: str) -> ActionCall:
    """Read "buy bread" or "move market" as a world action of ``npc`` when the first word
    names one (later words fill its arguments in order, names matched loosely against the
    entities of ``state``); anything else is ``improvise`` with the text (held to
    :data:`~simverse.core.runtime.MAX_INJECTED_CHARS`, as it goes to the events model)."""
    check_injected_text(text, "predict")
    if npc not in {n.name for n in spec.npcs}:
        raise ValueError(f"unknown NPC {npc!r} (NPCs: {', '.join(sorted(n.name for n in spec.npcs))})")
    words = re.findall(r"[\w']+", text)
    specs = {"move": {"place": "place"}, "wait": {}}
    specs.update({a.name: dict(a.args) for a in spec.actions})
    name = words[0].lower() if words else ""
    name = name if name in specs else next(iter(difflib.get_close_matches(name, list(specs), n=1, cutoff=0.85)), "")
    if not name or len(words) - 1 < len(specs[name]):
        return ActionCall(npc, IMPROVISE, {"text": text.strip()})
    args: dict[str, str] = {}
    rest = [w for w in words[1:] if w.lower() not in ("the", "a", "an", "to", "with", "at")]
    for arg, value in zip(specs[name], rest, strict=False):
        found = resolve_entity(state, value)
        if found is None:
            return ActionCall(npc, IMPROVISE, {"text": text.strip()})
        args[arg] = found
    if len(args) < len(specs[name]):
        return ActionCall(npc, IMPROVISE, {"text": text.strip()})
    return ActionCall(npc, name, args)
