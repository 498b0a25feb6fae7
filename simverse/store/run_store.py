"""Open a run database, create runs, commit steps in one transaction each, read them back.

Any SQLAlchemy URL works; SQLite files get WAL journaling so a reader (the dashboard)
never blocks the writer and never sees a half-written step, and ``synchronous=NORMAL``,
which in WAL mode keeps every committed step across a killed process.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, func, insert, select, update
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session
from sqlalchemy.pool import StaticPool

import simverse.store.knowledge_models  # noqa: F401  (registers the table)
from simverse.core.runtime import StepRuntime
from simverse.store.base import Base
from simverse.store.models import RunRow, StepRow

DEFAULT_DIR = Path("runs")


class RunNotFound(LookupError):
    """The database has no such run (or no runs at all)."""


def db_url(ref: str | Path) -> str:
    """A SQLAlchemy URL from a URL or a plain file path."""
    text = str(ref)
    return text if "://" in text else f"sqlite:///{text}"


def default_db_path(world: str) -> Path:
    """Where ``simverse run`` keeps a world's runs when no ``--db`` is given."""
    return DEFAULT_DIR / f"{world}.db"


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite files get WAL and their directory is created."""
    parsed = make_url(url)
    in_memory = parsed.get_backend_name() == "sqlite" and parsed.database in (None, "", ":memory:")
    if parsed.get_backend_name() == "sqlite" and not in_memory:
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    if in_memory:  # one shared connection, or each thread would see its own empty database
        engine = create_engine(url, poolclass=StaticPool, connect_args={"check_same_thread": False})
    else:
        engine = create_engine(url)
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    Base.metadata.create_all(engine)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


@dataclass
class StepBatch:
    """Everything one step writes: rows per table (as dicts), plus ORM objects."""

    rows: dict[type, list[dict[str, Any]]] = field(default_factory=dict)
    objects: list[Any] = field(default_factory=list)
    updates: list[tuple[type, dict[str, Any], dict[str, Any]]] = field(default_factory=list)

    def add(self, table: type, row: dict[str, Any]) -> None:
        self.rows.setdefault(table, []).append(row)

    def extend(self, table: type, rows: Iterable[dict[str, Any]]) -> None:
        self.rows.setdefault(table, []).extend(rows)


class RunStore:
    """A run database: one engine, one session per unit of work."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)

    def session(self) -> Session:
        return Session(self.engine, expire_on_commit=False)

    def create_run(self, **fields: Any) -> int:
        with self.session() as session, session.begin():
            run = RunRow(created_at=datetime.now(UTC), **fields)
            session.add(run)
            session.flush()
            return run.id

    def run(self, run_id: int | None = None) -> RunRow:
        """A run by id, or the newest run when ``run_id`` is None."""
        with self.session() as session:
            stmt = select(RunRow).order_by(RunRow.id.desc())
            if run_id is not None:
                stmt = select(RunRow).where(RunRow.id == run_id)
            run = session.scalars(stmt.limit(1)).first()
        if run is None:
            what = f"run {run_id}" if run_id is not None else "any run"
            raise RunNotFound(f"{self.url}: no {what}")
        return run

    def runs(self) -> list[RunRow]:
        with self.session() as session:
            return list(session.scalars(select(RunRow).order_by(RunRow.id)))

    def write_step(self, session: Session, run_id: int, step: int, batch: StepBatch) -> None:
        """Write one step's rows into the step's open transaction (the caller commits)."""
        for table, rows in batch.rows.items():
            if rows:
                session.execute(insert(table.__table__), rows)
        for table, where, values in batch.updates:
            stmt = update(table).values(**values)
            for column, value in where.items():
                stmt = stmt.where(getattr(table, column) == value)
            session.execute(stmt)
        session.add_all(batch.objects)
        session.execute(update(RunRow).where(RunRow.id == run_id).values(last_step=step))

    def save_runtime(self, session: Session, run_id: int, step: int, runtime: StepRuntime) -> None:
        """Replace a committed step's runtime record (inbox, pending, ids) inside the
        caller's transaction: what happens between steps is kept with the last step."""
        session.execute(
            update(StepRow).where(StepRow.run_id == run_id, StepRow.step == step).values(runtime=runtime.to_json())
        )

    def set_status(self, run_id: int, status: str) -> None:
        with self.session() as session, session.begin():
            session.execute(update(RunRow).where(RunRow.id == run_id).values(status=status))

    def last_step(self, run_id: int) -> int | None:
        with self.session() as session:
            return session.scalar(select(func.max(StepRow.step)).where(StepRow.run_id == run_id))

    def step_row(self, run_id: int, step: int) -> StepRow:
        with self.session() as session:
            row = session.get(StepRow, (run_id, step))
        if row is None:
            raise RunNotFound(f"{self.url}: run {run_id} has no committed step {step}")
        return row

    def max_id(self, table: type, run_id: int) -> int:
        """The largest id a run has in a table (0 when empty)."""
        with self.session() as session:
            value = session.scalar(select(func.max(table.id)).where(table.run_id == run_id))
        return int(value or 0)

    def close(self) -> None:
        self.engine.dispose()
