"""The NPC as a Mesa agent: identity and persona from the world file, state in the world.

An NPC's mutable state (place, coins, hunger, mood, inventory, activity) lives in
:class:`simverse.core.state.WorldState`, the one place effects change; the agent reads
it from there and keeps its Mesa cell in step with its place.
"""

from __future__ import annotations

import bisect
import itertools
from typing import Any, Protocol

from mesa.discrete_space import CellAgent, Network

from simverse.core.schema import NPCSpec, ScheduleEntry
from simverse.core.state import WorldState


class Habitat(Protocol):
    """What an NPC reads of the Mesa model it lives in (the world): the state that holds
    its place and needs, and the place network its cell belongs to."""

    state: WorldState
    space: Network


class NPC(CellAgent):
    """A non-player character; ``name`` is its id across the world. ``model`` is the
    ``mesa.Model`` it belongs to, read as a :class:`Habitat`."""

    model: Habitat

    def __init__(self, model: Habitat, spec: NPCSpec) -> None:
        super().__init__(model)
        self.spec = spec
        self.name = spec.name
        self._starts = [int(e.start[:2]) + int(e.start[3:]) / 60 for e in spec.schedule]
        self._in_order = all(a <= b for a, b in itertools.pairwise(self._starts))

    @property
    def props(self) -> dict[str, Any]:
        return self.model.state.entities[self.name]

    @property
    def place(self) -> str:  # the properties read the state's entry themselves: ~2 million reads a run
        return self.model.state.entities[self.name]["place"]

    @property
    def hunger(self) -> float:
        return float(self.model.state.entities[self.name].get("hunger", 0.0))

    @property
    def coins(self) -> float:
        return float(self.model.state.entities[self.name].get("coins", 0))

    @property
    def mood(self) -> str:
        return str(self.model.state.entities[self.name].get("mood", ""))

    def schedule_entry(self, hour: float) -> ScheduleEntry | None:
        """The schedule entry in force at ``hour`` (the last one started; wraps at midnight)."""
        index = self.schedule_index(hour)
        return None if index is None else self.spec.schedule[index]

    def schedule_index(self, hour: float) -> int | None:
        """Index of the schedule entry in force at ``hour`` (None without a schedule)."""
        if not self.spec.schedule:
            return None
        if self._in_order:  # the last entry started by ``hour``, found by bisection (the usual case)
            index = bisect.bisect_right(self._starts, hour) - 1
            return index if index >= 0 else len(self._starts) - 1
        current = len(self.spec.schedule) - 1
        for i, start in enumerate(self._starts):
            if start <= hour:
                current = i
        return current

    def slot(self, day: int, hour: float) -> str | None:
        """``"day:index"``: which occurrence of which entry is in force (an entry running
        past midnight belongs to the day it started)."""
        index = self.schedule_index(hour)
        if index is None:
            return None
        started_yesterday = hour < self._starts[0]
        return f"{day - 1 if started_yesterday else day}:{index}"

    def sync_cell(self) -> None:
        """Put the Mesa cell where the world state says the NPC is."""
        cell = self.model.space[self.place]
        if self.cell is not cell:
            self.cell = cell
