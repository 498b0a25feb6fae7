"""NPC.schedule_index: the entry in force at an hour, by bisection when starts are in order."""

from __future__ import annotations

import itertools

import mesa

from simverse.agents.npc import NPC
from simverse.core.schema import NPCSpec, ScheduleEntry


def _npc(starts: list[str]) -> NPC:
    """An NPC with entries starting at ``starts``, set past validation (which asks for them
    in order) so that the scan's rule is checked for any order."""
    schedule = [ScheduleEntry(s, "home", f"a{i}") for i, s in enumerate(starts)]
    spec = NPCSpec(name="ann", persona="a baker", start_place="home").model_copy(update={"schedule": schedule})
    return NPC(mesa.Model(), spec)


def _by_scan(npc: NPC, hour: float) -> int | None:
    """The rule as first written: the last entry (in the list's order) started by ``hour``,
    else the last entry (the one running past midnight)."""
    current = len(npc._starts) - 1 if npc._starts else None
    for i, start in enumerate(npc._starts):
        if start <= hour:
            current = i
    return current


def test_the_entry_in_force_is_found_alike_in_order_or_not() -> None:
    lists = [[], ["08:00"], ["06:00", "12:00", "18:30"], ["06:00", "06:00", "12:00"], ["12:00", "06:00", "18:00"],
             ["23:00", "01:00"]]
    hours = [h / 4 for h in range(0, 96)] + [6.0, 12.0, 18.5, 23.999]
    for starts, hour in itertools.product(lists, hours):
        npc = _npc(starts)
        assert npc.schedule_index(hour) == _by_scan(npc, hour), (starts, hour)
