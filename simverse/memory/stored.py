"""Reading a run's memory rows back: what :meth:`MemoryStream.load` rebuilds from.

Kept apart from the stream so that the stream reads as the step uses it; these are the
queries and row conversions of loading only.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Select, Text, func, select, type_coerce
from sqlalchemy.orm import Session

from simverse.memory.types import EXPERIENCE_KINDS, MemoryRecord
from simverse.store.memory_models import Memory

_MEM = Memory.__table__


def active_rows(run_id: int) -> Select:
    """The run's active memory rows in id order (JSON columns as text, parsed lazily)."""
    return (
        select(
            _MEM.c.id,
            _MEM.c.npc,
            _MEM.c.kind,
            _MEM.c.text,
            _MEM.c.step,
            _MEM.c.sim_hours,
            _MEM.c.importance,
            type_coerce(_MEM.c.evidence, Text).label("evidence"),
            _MEM.c.source_event_id,
            type_coerce(_MEM.c.data, Text).label("data"),
            _MEM.c.last_access_hours,
            _MEM.c.last_access_step,
            _MEM.c.embedding,
        )
        .where(_MEM.c.run_id == run_id, _MEM.c.archived.is_(False))
        .order_by(_MEM.c.id)
    )


def record_of(r: Any) -> MemoryRecord:
    """A stored row as the stream holds it."""
    return MemoryRecord(
        id=r.id,
        npc=r.npc,
        kind=r.kind,
        text=r.text,
        step=r.step,
        sim_hours=r.sim_hours,
        importance=r.importance,
        evidence=_json_ids(r.evidence),
        source_event_id=r.source_event_id,
        data=_json_or_none(r.data),
    )


def importance_since_reflection(session: Session, run_id: int) -> dict[str, int]:
    """Per NPC, summed importance of experiences (archived or not) after its last
    reflection: the same quantity :meth:`MemoryStream.add_many` accumulates."""
    last = (
        select(_MEM.c.npc.label("npc"), func.max(_MEM.c.id).label("last_id"))
        .where(_MEM.c.run_id == run_id, _MEM.c.kind == "reflection")
        .group_by(_MEM.c.npc)
        .subquery()
    )
    rows = session.execute(
        select(_MEM.c.npc, func.sum(_MEM.c.importance))
        .select_from(_MEM.outerjoin(last, last.c.npc == _MEM.c.npc))
        .where(
            _MEM.c.run_id == run_id,
            _MEM.c.kind.in_(sorted(EXPERIENCE_KINDS)),
            _MEM.c.id > func.coalesce(last.c.last_id, 0),
        )
        .group_by(_MEM.c.npc)
    ).all()
    return {npc: int(total) for npc, total in rows}


def _json_ids(raw: str | None) -> tuple[int, ...]:
    """Evidence ids from their JSON text; most memories have none (fast path for load)."""
    if not raw or raw == "[]":
        return ()
    return tuple(int(i) for i in json.loads(raw))


def _json_or_none(raw: str | None) -> dict | None:
    if raw is None or raw == "null":
        return None
    return json.loads(raw)
