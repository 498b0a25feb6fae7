"""Prediction without applying: "what if" an NPC did this, or this happened, now or at step N.

Everything runs on a copy of the state (the live one, or the one stored with step N), through
the world's own resolver, so a prediction is exactly what the next step would do with the
same input, minus the seeded ordering against other NPCs' actions. Model calls made for a
prediction are neither recorded in the run nor counted in its step stats.
"""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING

from simverse.core.outcome import Outcome
from simverse.core.seeds import derive_seed
from simverse.core.state import WorldState
from simverse.events.inference import EventQuery
from simverse.events.resolution import IMPROVISE
from simverse.events.resolver import ActionCall
from simverse.events.validation import resolve_entity

if TYPE_CHECKING:
    from simverse.world.model import World


def predict_outcome(world: World, what: ActionCall | str, at_step: int | None = None,
                    place: str | None = None) -> Outcome:
    """The outcome ``what`` would have, on a copy of the state now or after ``at_step``."""
    state = state_at(world, at_step)
    step = (at_step if at_step is not None else world.step_index) + 1
    if place is not None and place not in world.places:
        raise ValueError(f"predict: unknown place {place!r}")
    if isinstance(what, ActionCall):
        if what.actor not in state.entities or state.kinds.get(what.actor) != "npc":
            raise ValueError(f"predict: unknown NPC {what.actor!r}")
        return world.resolver.predict(state, what)
    query = EventQuery("injected", what, None, place, derive_seed(world.seed, step, "predict", "events", 0),
                       f"step {step} events predict")
    return world.resolver.predict(state, query)


def state_at(world: World, at_step: int | None) -> WorldState:
    """A private copy of the state now, or as stored after step ``at_step``."""
    if at_step is None or at_step == world.step_index:
        return world.state.copy()
    if at_step < 0 or at_step > world.step_index:
        raise ValueError(f"predict: step {at_step} is not between 0 and {world.step_index}")
    row = world.store.step_row(world.run_id, at_step)
    return WorldState.from_json(row.state).copy()


def action_from_text(world: World, npc: str, text: str) -> ActionCall:
    """Read "buy bread" or "move market" as a world action of ``npc`` when the first word
    names one (later words fill its arguments in order, names matched loosely); anything
    else is ``improvise`` with the text."""
    if npc not in world.npcs:
        raise ValueError(f"unknown NPC {npc!r} (NPCs: {', '.join(world.npc_names)})")
    words = re.findall(r"[\w']+", text)
    specs = {"move": {"place": "place"}, "wait": {}}
    specs.update({a.name: dict(a.args) for a in world.spec.actions})
    name = words[0].lower() if words else ""
    name = name if name in specs else next(iter(difflib.get_close_matches(name, list(specs), n=1, cutoff=0.85)), "")
    if not name or len(words) - 1 < len(specs[name]):
        return ActionCall(npc, IMPROVISE, {"text": text.strip()})
    args: dict[str, str] = {}
    rest = [w for w in words[1:] if w.lower() not in ("the", "a", "an", "to", "with", "at")]
    for arg, value in zip(specs[name], rest, strict=False):
        found = resolve_entity(world.state, value)
        if found is None:
            return ActionCall(npc, IMPROVISE, {"text": text.strip()})
        args[arg] = found
    if len(args) < len(specs[name]):
        return ActionCall(npc, IMPROVISE, {"text": text.strip()})
    return ActionCall(npc, name, args)
