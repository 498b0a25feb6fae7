"""What the step's phases work on: the :class:`Stage` (the world's long-lived parts, read
as a protocol) and the :class:`StepTurn` (one step's session, rows and counts).

The phases in :mod:`simverse.world.step` take both, so they never import ``World`` and
``World`` assembles a step from them; ``World`` is the one object that is a Stage.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from random import Random
from typing import Any, Protocol

import numpy as np
from mesa.discrete_space import Network
from sqlalchemy.orm import Session

from simverse.agents.minds import Minds
from simverse.agents.perception import Surroundings
from simverse.core.content_filter import ContentFilter
from simverse.core.decisions import Brain, FactView
from simverse.core.runtime import StepRuntime
from simverse.events.resolution import EventResolver
from simverse.store.run_store import RunStore, StepBatch
from simverse.world.screening import Screening

DECISION_STATUSES = ("valid", "repaired", "retried", "defaulted")


class Stage(Surroundings, Protocol):
    """The world as its step's phases use it (besides what an NPC perceives)."""

    run_id: int
    store: RunStore
    brain: Brain
    resolver: EventResolver
    minds: Minds | None
    runtime: StepRuntime
    content_filter: ContentFilter
    screening: Screening
    space: Network
    random: Random
    rng: np.random.Generator
    step_hooks: list[Callable[[Any, StepBatch], None]]

    def sync_clock(self, step: int) -> None:
        """Re-base the clock on the state's time (after the director moved it)."""
        ...


@dataclass
class StepTurn:
    """One step in the making: its number and simulated time, the session it commits in
    (opened once by ``World.step``), the rows it writes and the counts it reports."""

    step: int
    session: Session
    started: float
    hours: float = 0.0
    batch: StepBatch = field(default_factory=StepBatch)
    stats: dict[str, Any] = field(default_factory=lambda: empty_stats())
    ranked_facts: Mapping[str, list[FactView]] = field(default_factory=dict)
    action_results: list[tuple[str, bool]] = field(default_factory=list)
    """(actor, success) of the step's actions, for per-brain counts."""


def empty_stats() -> dict[str, Any]:
    """A step's counts before anything happened."""
    return {
        "conversations": 0, "dialogue_lines": 0, "actions": 0, "failed_actions": 0, "events": 0,
        "policy_violations": 0, "filtered_lines": 0,
        "decisions": dict.fromkeys(DECISION_STATUSES, 0),
    }


__all__ = ["DECISION_STATUSES", "Stage", "StepTurn", "empty_stats"]
