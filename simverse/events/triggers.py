"""When world-file events fire, and which facts stop holding: conditions over the state.

:class:`EventTriggers` decides, at the start of each step (after the clock has advanced),
which ``[[events]]`` fire (``worlds/README.md``, events):

* ``at_step = N`` at step N;
* ``at = "HH:MM"`` (and ``day``) when the clock passes that time: the previous step's time
  is before it and this step's is at or after it;
* ``when`` alone when its condition holds now and did not at the previous check;
* ``chance`` with that probability, drawn from ``derive_seed(seed, step, "event", i)`` (so
  a run and its resume draw the same), only where ``when`` holds and at ``at`` if given.

What must be remembered between steps (the last truth of each edge-triggered condition)
is a small JSON-able dict the world stores with each step. :class:`FactConditions` lists
the facts whose ``while`` condition no longer holds, so the world closes them.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from simverse.core.rules import Operand, Rule, evaluate, parse_condition
from simverse.core.schema import KnowledgeEntry, ScheduledEvent, WorldSpec
from simverse.core.seeds import derive_seed
from simverse.core.state import WorldState

MINUTES_PER_DAY = 24 * 60


def clock_minutes(state: WorldState) -> int:
    """Minutes since the start of day 1, from ``world.day`` and ``world.time``."""
    world = state.entities["world"]
    hours, minutes = str(world.get("time", "00:00")).split(":")
    return (int(world.get("day", 1)) - 1) * MINUTES_PER_DAY + int(hours) * 60 + int(minutes)


def set_clock(state: WorldState, minutes: int) -> None:
    """Put the state's clock at ``minutes`` since the start of day 1 (the step's advance)."""
    world = state.entities["world"]
    world["time"] = f"{minutes % MINUTES_PER_DAY // 60:02d}:{minutes % 60:02d}"
    world["day"] = minutes // MINUTES_PER_DAY + 1


def holds(rule: Rule, state: WorldState) -> bool:
    """Whether a condition over entity ids and ``world`` holds in ``state``."""
    def read(operand: Operand) -> object:
        if operand.role is None:
            return operand.literal
        return state.read_path(operand.role, operand.path) if operand.role in state.entities else None

    return evaluate(rule.expr, read)


@dataclass(frozen=True)
class _Trigger:
    event: ScheduledEvent
    at: int | None
    when: Rule | None


class EventTriggers:
    """The events of one world with their triggers compiled."""

    def __init__(self, spec: WorldSpec) -> None:
        roles = {"world", *spec.place_ids(), *spec.npc_names(), *(i.id for i in spec.items)}
        self.triggers = [
            _Trigger(e, _minutes(e.at) if e.at else None, parse_condition(e.when, roles) if e.when else None)
            for e in spec.events
        ]

    def due(self, state: WorldState, step: int, before: int, seed: int, memory: dict[str, bool]) -> list[int]:
        """Indexes of the events that fire at ``step`` (file order). ``before`` is the clock
        (:func:`clock_minutes`) at the previous step; ``memory`` is updated in place."""
        now = clock_minutes(state)
        fired = []
        for i, trigger in enumerate(self.triggers):
            if self._fires(i, trigger, state, step, before, now, seed, memory):
                fired.append(i)
        return fired

    def _fires(self, i: int, trigger: _Trigger, state: WorldState, step: int, before: int, now: int, seed: int,
               memory: dict[str, bool]) -> bool:
        event = trigger.event
        if event.at_step is not None:
            return event.at_step == step
        if trigger.at is not None and not _passes(trigger.at, event.day, before, now):
            return False
        if trigger.when is not None:
            truth = holds(trigger.when, state)
            was = memory.get(str(i), False)
            memory[str(i)] = truth
            if not truth or (event.chance is None and trigger.at is None and was):
                return False
        if event.chance is not None:
            return random.Random(derive_seed(seed, step, "event", i)).random() < event.chance
        return True

    def events(self, indexes: Sequence[int]) -> list[ScheduledEvent]:
        return [self.triggers[i].event for i in indexes]


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def _passes(at: int, day: int | None, before: int, now: int) -> bool:
    """Whether the clock passed ``at`` (on ``day``, or any day) going from ``before`` to ``now``."""
    if now <= before:
        return False
    first, last = before // MINUTES_PER_DAY, now // MINUTES_PER_DAY
    for d in range(first, last + 1):
        moment = d * MINUTES_PER_DAY + at
        if before < moment <= now and (day is None or d + 1 == day):
            return True
    return False


class FactConditions:
    """Facts that hold only ``while`` a condition holds (world truth and event facts)."""

    def __init__(self, spec: WorldSpec) -> None:
        roles = {"world", *spec.place_ids(), *spec.npc_names(), *(i.id for i in spec.items)}
        entries: list[KnowledgeEntry] = [*spec.knowledge, *(f for e in spec.events for f in e.facts)]
        self.conditions: dict[tuple[str, str, str], Rule] = {
            (f.subject, f.predicate, f.object): parse_condition(f.while_, roles) for f in entries if f.while_
        }

    def ended(self, state: WorldState) -> list[tuple[str, str, str]]:
        """The ``(subject, predicate, object)`` of facts whose condition does not hold now."""
        return [triple for triple, rule in self.conditions.items() if not holds(rule, state)]
