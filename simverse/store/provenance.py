"""What an event caused: the memories and facts that cite it (for the dashboard).

Outcomes are stored in ``events``; memories formed from one carry ``source_event_id`` and
facts it made true carry ``source = "event:ID"``, so cause and effect can be read back.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from simverse.store.knowledge_models import FactRow
from simverse.store.memory_models import Memory
from simverse.store.models import EventRow
from simverse.store.run_store import RunNotFound, RunStore


@dataclass
class EventEffects:
    """One stored event with the memories and facts it produced."""

    event: EventRow
    memories: list[Memory]
    facts: list[FactRow]


def effects_of_event(store: RunStore, run_id: int, event_id: int) -> EventEffects:
    """The event ``event_id`` of run ``run_id`` and what cites it (memories, facts)."""
    with store.session() as session:
        event = session.get(EventRow, (run_id, event_id))
        if event is None:
            raise RunNotFound(f"{store.url}: run {run_id} has no event {event_id}")
        memories = session.scalars(
            select(Memory).where(Memory.run_id == run_id, Memory.source_event_id == event_id).order_by(Memory.id)
        ).all()
        facts = session.scalars(
            select(FactRow).where(FactRow.run_id == run_id, FactRow.source == f"event:{event_id}").order_by(FactRow.id)
        ).all()
    return EventEffects(event, list(memories), list(facts))
