"""Reading a run back: the world's parts as its last committed step left them.

The database is the source of truth. :func:`restore_last_step` gives a reopened
:class:`~simverse.world.model.World` the state, both random streams, the between-steps
record (with a person's exchanges after that step), the clock and the knowledge graph of
the run's last committed step, so the run continues exactly as the uninterrupted one would.
"""

from __future__ import annotations

from random import Random
from typing import Any, Protocol

import numpy as np
from sqlalchemy.orm import Session

from simverse.agents.player import after_talk, talks_after
from simverse.core.clock import Clock
from simverse.core.runtime import StepRuntime
from simverse.core.schema import WorldSpec
from simverse.core.state import WorldState
from simverse.events.triggers import set_clock
from simverse.knowledge.entities import world_entities
from simverse.knowledge.graph import KnowledgeGraph
from simverse.knowledge.store import load_knowledge
from simverse.store.run_store import RunStore

__all__ = ["Restorable", "restore_last_step"]


class Restorable(Protocol):
    """What a stored step gives back to the world."""

    spec: WorldSpec
    store: RunStore
    run_id: int
    step_index: int
    steps: int
    state: WorldState
    random: Random
    rng: np.random.Generator
    runtime: StepRuntime
    clock: Clock
    last_stats: dict[str, Any]
    knowledge: KnowledgeGraph

    def sync_clock(self, step: int) -> None:
        """Re-base the clock on the state's time."""
        ...


def restore_last_step(world: Restorable, session: Session) -> None:
    """Put the world where the run's last committed step left it."""
    last = world.store.last_step(world.run_id)
    if last is None:
        raise ValueError(f"{world.store.url}: run {world.run_id} has no committed step to resume from")
    row = world.store.step_row(world.run_id, last)
    world.step_index = last
    world.steps = last
    world.state = WorldState.from_json(row.state)
    version, internal, gauss = row.rng_state["random"]
    world.random.setstate((version, tuple(internal), gauss))
    world.rng.bit_generator.state = row.rng_state["numpy"]
    world.runtime = after_talk(StepRuntime.from_json(row.runtime), talks_after(session, world.run_id, last))
    if "time" not in world.state.entities["world"]:  # a run made before the clock was state
        set_clock(world.state, world.clock.minutes(last))
    world.sync_clock(last)
    world.last_stats = row.stats
    world.knowledge = load_knowledge(session, world.run_id, world_entities(world.spec))
