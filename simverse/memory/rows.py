"""The memory tables' rows: reading a run's memories back, and writing many rows fast.

Kept apart from the stream so that the stream reads as the step uses it. A 1,000-NPC step
writes ~10,000 memory rows; SQLAlchemy's per-row parameter processing then cost more than
SQLite itself, so :func:`insert_rows` and :func:`update_rows` hand SQLite's driver the
value tuples directly (a statement compiled once by SQLAlchemy for the dialect). Values are
what the column stores (JSON as its text, which :func:`json_text` gives; booleans as 0/1);
other databases take SQLAlchemy's own path, JSON decoded back to values for it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from typing import Any

from sqlalchemy import JSON, Select, Table, Text, bindparam, func, insert, select, type_coerce, update
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import Executable

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


def json_text(value: Any) -> str:
    """A value as a JSON column stores it (SQLAlchemy's default serialisation)."""
    if value is None:
        return "null"
    if isinstance(value, (list, tuple)) and not value:
        return "[]"
    return json.dumps(value)


def insert_rows(session: Session, table: Table, columns: Sequence[str], rows: list[tuple]) -> None:
    """``INSERT`` many rows given as tuples in ``columns`` order."""
    if rows:
        _execute_many(session, table, _statement("insert", table, tuple(columns), ()), tuple(columns), rows)


def update_rows(
    session: Session, table: Table, values: Sequence[str], where: Sequence[str], rows: list[tuple]
) -> None:
    """``UPDATE table SET values... WHERE where... (all =)`` for many rows given as tuples
    of the ``values`` columns, then the ``where`` columns."""
    if rows:
        names = tuple(values) + tuple(f"w_{c}" for c in where)
        _execute_many(session, table, _statement("update", table, tuple(values), tuple(where)), names, rows)


@cache
def _statement(kind: str, table: Table, columns: tuple[str, ...], where: tuple[str, ...]) -> Executable:
    """The statement with one named parameter per column (``w_`` + name in the WHERE)."""
    if kind == "insert":
        return insert(table).values({c: bindparam(c) for c in columns})
    stmt = update(table).values({c: bindparam(c) for c in columns})
    for c in where:
        stmt = stmt.where(table.c[c] == bindparam(f"w_{c}"))
    return stmt


@cache
def _sqlite_text(stmt: Executable, dialect: Dialect) -> tuple[str, tuple[str, ...]]:
    """The statement's SQL for SQLite and the order of its positional parameters."""
    compiled = stmt.compile(dialect=dialect)
    return str(compiled), tuple(compiled.positiontup or ())


def _execute_many(
    session: Session, table: Table, stmt: Executable, names: tuple[str, ...], rows: list[tuple]
) -> None:
    conn = session.connection()
    if conn.dialect.name == "sqlite":
        sql, order = _sqlite_text(stmt, conn.dialect)
        if order != names:
            at = [names.index(n) for n in order]
            rows = [tuple(r[i] for i in at) for r in rows]
        conn.exec_driver_sql(sql, rows)
        return
    # other databases: SQLAlchemy's own path, JSON columns given as their values again
    decode = {n for n in names if n in table.c and isinstance(table.c[n].type, JSON)}
    session.execute(stmt, [{n: json.loads(v) if n in decode else v for n, v in zip(names, r, strict=True)}
                           for r in rows])
