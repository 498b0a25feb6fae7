"""Copy one run, with every row that belongs to it, from one run database into another.

Every run table keys its rows by ``(run_id, id)`` with ids allocated by the world, so a
run moves to another database by renumbering only ``run_id`` (tables whose own ``id`` is
an autoincrement, such as the retrieval log, get fresh ids). The sweep coordinator uses
this to gather each cell's run from its cell database into the sweep's results database.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, insert, inspect, select
from sqlalchemy.orm import Session

import simverse.store  # noqa: F401  (registers every table)
from simverse.store.base import Base
from simverse.store.models import RunRow
from simverse.store.run_store import RunStore

SKIPPED_TABLES = {"runs", "sweep_cells"}
CHUNK = 2000


def copy_run(source: RunStore, run_id: int, target: Session) -> int:
    """Copy run ``run_id`` of ``source`` into the open transaction of ``target``; returns its new id."""
    present = set(inspect(source.engine).get_table_names())
    with source.engine.connect() as conn:
        run = conn.execute(select(RunRow.__table__).where(RunRow.__table__.c.id == run_id)).mappings().first()
        if run is None:
            raise LookupError(f"{source.url}: no run {run_id}")
        values = {k: v for k, v in run.items() if k != "id"}
        new_id = target.execute(insert(RunRow.__table__).values(**values)).inserted_primary_key[0]
        for table in Base.metadata.sorted_tables:
            if table.name in SKIPPED_TABLES or table.name not in present or "run_id" not in table.c:
                continue
            _copy_rows(conn, table, run_id, new_id, target)
    return int(new_id)


def _copy_rows(conn: Any, table: Table, run_id: int, new_id: int, target: Session) -> None:
    keys = {c.name for c in table.primary_key.columns}
    fresh_ids = "id" in keys and "run_id" not in keys
    batch: list[dict[str, Any]] = []
    for row in conn.execute(select(table).where(table.c.run_id == run_id)).mappings():
        values = dict(row)
        values["run_id"] = new_id
        if fresh_ids:
            values.pop("id")
        batch.append(values)
        if len(batch) >= CHUNK:
            target.execute(insert(table), batch)
            batch = []
    if batch:
        target.execute(insert(table), batch)
