"""One stored table of one or more runs as a pandas DataFrame, read in one query.

Every function takes an open connection and the run ids to read, and returns a frame with
a ``run_id`` column, so one call serves a single run and a whole sweep alike. Columns that
hold JSON come back as Python values; bulky columns (embeddings, prompts) are left out
unless asked for.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import orjson
import pandas as pd
from sqlalchemy import JSON, Connection, Table, Text, inspect, select, type_coerce

import simverse.store  # noqa: F401  (registers every table)
from simverse.store.knowledge_models import FactRow
from simverse.store.llm_models import LLMCall
from simverse.store.memory_models import Memory
from simverse.store.models import DecisionRow, DialogueRow, EventRow, NPCStateRow, RunRow, StepRow
from simverse.store.prompt_texts import PromptText, full_request_texts
from simverse.store.sweep_models import SweepCellRow

TRUTH_HOLDER = "world"


def frame(conn: Connection, table: Table, run_ids: Sequence[int], *, drop: Sequence[str] = (),
          order: Sequence[str] = ("run_id", "step")) -> pd.DataFrame:
    """The rows of ``table`` for ``run_ids`` without the ``drop`` columns, ordered.

    JSON columns are fetched as text and decoded with orjson in one pass per column,
    several times faster than a per-value ``json.loads`` on a 1,000-NPC run."""
    columns = [c for c in table.c if c.name not in drop]
    json_names = {c.name for c in columns if isinstance(c.type, JSON)}
    stmt = select(*(type_coerce(c, Text).label(c.name) if c.name in json_names else c for c in columns))
    stmt = stmt.where(table.c.run_id.in_(list(run_ids)))
    stmt = stmt.order_by(*(table.c[name] for name in order if name in table.c))
    rows = conn.execute(stmt).fetchall()
    values = list(zip(*rows, strict=True)) if rows else [() for _ in columns]
    data = {c.name: _decode(v) if c.name in json_names else v for c, v in zip(columns, values, strict=True)}
    return pd.DataFrame(data, columns=[c.name for c in columns])


def _decode(texts: Sequence[str | None]) -> list[Any]:
    return [None if t is None else orjson.loads(t) for t in texts]


def runs(conn: Connection) -> pd.DataFrame:
    """Every run: world, seed, brain, status, length, fork parent, and sweep setting if any."""
    table = RunRow.__table__
    result = conn.execute(select(*(c for c in table.c if c.name not in ("world_spec", "config", "versions")))
                          .order_by(table.c.id))
    out = pd.DataFrame(result.fetchall(), columns=list(result.keys())).rename(columns={"id": "run_id"})
    return out.merge(_sweep_cells(conn), on="run_id", how="left") if has_table(conn, "sweep_cells") else out


def _sweep_cells(conn: Connection) -> pd.DataFrame:
    table = SweepCellRow.__table__
    rows = conn.execute(select(table.c.run_id, table.c.sweep, table.c.setting)
                        .where(table.c.run_id.is_not(None))).fetchall()
    records = [{"run_id": r.run_id, "sweep": r.sweep, **{k: _scalar(v) for k, v in r.setting.items()}} for r in rows]
    return pd.DataFrame(records, columns=["run_id", "sweep"] if not records else None)


def steps(conn: Connection, run_ids: Sequence[int]) -> pd.DataFrame:
    """One row per committed step with its counts (``stats``) spread into columns."""
    out = frame(conn, StepRow.__table__, run_ids, drop=("state", "rng_state", "runtime"))
    stats = pd.json_normalize(out.pop("stats").tolist(), sep=".") if len(out) else pd.DataFrame()
    return pd.concat([out.reset_index(drop=True), stats], axis=1)


def npc_states(conn: Connection, run_ids: Sequence[int]) -> pd.DataFrame:
    return frame(conn, NPCStateRow.__table__, run_ids, order=("run_id", "step", "npc"))


def dialogue(conn: Connection, run_ids: Sequence[int]) -> pd.DataFrame:
    return frame(conn, DialogueRow.__table__, run_ids, order=("run_id", "id"))


def decisions(conn: Connection, run_ids: Sequence[int], with_context: bool = False) -> pd.DataFrame:
    """Decisions with the ``brain`` that made each (mixed populations; None otherwise)."""
    out = frame(conn, DecisionRow.__table__, run_ids, order=("run_id", "id"))
    out["brain"] = [(c or {}).get("brain") for c in out["context"]]
    return out if with_context else out.drop(columns="context")


def events(conn: Connection, run_ids: Sequence[int]) -> pd.DataFrame:
    return frame(conn, EventRow.__table__, run_ids, order=("run_id", "id"))


def facts(conn: Connection, run_ids: Sequence[int]) -> pd.DataFrame:
    """World truth and every belief with provenance; ``is_truth`` marks the world's own."""
    out = frame(conn, FactRow.__table__, run_ids, order=("run_id", "id"))
    out["is_truth"] = out["holder"] == TRUTH_HOLDER
    return out


def memories(conn: Connection, run_ids: Sequence[int]) -> pd.DataFrame:
    return frame(conn, Memory.__table__, run_ids, drop=("embedding",), order=("run_id", "id"))


def llm_calls(conn: Connection, run_ids: Sequence[int], with_text: bool = False) -> pd.DataFrame:
    drop = () if with_text else ("request_json", "response_text")
    out = frame(conn, LLMCall.__table__, run_ids, drop=drop, order=("run_id", "id"))
    if with_text and len(out) and has_table(conn, PromptText.__tablename__):
        out["request_json"] = full_request_texts(conn, list(out["request_json"]))
    return out


def has_table(conn: Connection, name: str) -> bool:
    """Whether the database has a table (older databases may lack newer ones)."""
    return name in inspect(conn).get_table_names()


def _scalar(value: Any) -> Any:
    return value if isinstance(value, str | int | float | bool) or value is None else str(value)
