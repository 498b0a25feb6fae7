"""A fingerprint of everything a run stored, to prove two runs are the same run.

Used by ``simverse replay`` (a replay must reproduce its source exactly) and by tests.
Timestamps, wall times, LLM latencies and where the run lives (its id, database path and
package versions) are left out: they differ between identical runs by nature. Tables with
no rows for the run are left out too, so a run in an older database (which lacks a newer,
empty table) fingerprints like the same run in a new one.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import inspect, select

from simverse.store.base import Base
from simverse.store.run_store import RunStore

VOLATILE_COLUMNS = {
    "runs": {"id", "created_at", "config", "versions", "status", "parent_run_id", "forked_at_step"},
    "steps": {"committed_at", "wall_time_s"},
    "llm_calls": {"latency_s"},
}
VOLATILE_KEYS = {"latency_s", "wall_time_s"}


def run_digest(store: RunStore, run_id: int) -> dict[str, str]:
    """A sha256 per table over the run's rows (in primary-key order), volatile parts removed."""
    out = {}
    with store.session() as session:
        for table in Base.metadata.sorted_tables:
            key = "id" if table.name == "runs" else "run_id"
            if key not in table.c or table.name not in inspect(session.connection()).get_table_names():
                continue
            skip = VOLATILE_COLUMNS.get(table.name, set()) | {"run_id"}
            columns = [c for c in table.c if c.name not in skip]
            order = [c for c in table.primary_key.columns if c.name not in skip]
            rows = session.execute(select(*columns).where(table.c[key] == run_id).order_by(*order)).all()
            if not rows and table.name != "runs":
                continue  # an empty table and a missing one (older databases) hold the same run
            digest = hashlib.sha256()
            for row in rows:
                digest.update(json.dumps([_stable(v) for v in row], default=str, sort_keys=True).encode())
            out[table.name] = f"{len(rows)}:{digest.hexdigest()[:16]}"
    return out


def differing_tables(a: dict[str, str], b: dict[str, str]) -> list[str]:
    """Tables whose fingerprints differ (or exist on one side only)."""
    return sorted(t for t in set(a) | set(b) if a.get(t) != b.get(t))


def _stable(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _stable(v) for k, v in value.items() if k not in VOLATILE_KEYS}
    if isinstance(value, list):
        return [_stable(v) for v in value]
    if isinstance(value, bytes):
        return hashlib.sha256(value).hexdigest()
    return value
