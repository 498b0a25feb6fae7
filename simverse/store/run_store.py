"""Open a run database, create runs, commit steps in one transaction each, read them back.

Any SQLAlchemy URL works. A SQLite file is checked read-only before anything writes to it
(:mod:`simverse.store.database`): :func:`open_read_only` never writes at all, and a writer
opens only a simverse database of a known schema version or a new path. Writers get WAL
journaling, so a reader (the dashboard) never blocks the writer and never sees a
half-written step, and ``synchronous=NORMAL``, which in WAL mode keeps every committed step
across a killed process. One process writes a run at a time (:meth:`RunStore.lock_run`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, func, select, update
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

import simverse.store.knowledge_models
import simverse.store.redaction_models  # noqa: F401  (both register their tables)
from simverse.core.runtime import StepRuntime
from simverse.core.state import MAX_INT
from simverse.store.base import Base
from simverse.store.bulk_insert import insert_rows
from simverse.store.checkpointer import SAFETY_NET_PAGES, Checkpointer
from simverse.store.database import (
    DEFAULT_DIR,
    SCHEMA_VERSION,
    check_database,
    connect_read_only,
    sqlite_file,
)
from simverse.store.json_column import dumps_json
from simverse.store.models import RunRow, StepRow
from simverse.store.prompt_texts import store_texts
from simverse.store.writer_lock import WriterLock

__all__ = ["DEFAULT_DIR", "RunNotFound", "RunStore", "StepBatch", "db_url", "default_db_path", "open_read_only"]


class RunNotFound(LookupError):
    """The database has no such run (or no runs at all)."""


def db_url(ref: str | Path) -> str:
    """A SQLAlchemy URL from a URL or a plain file path."""
    text = str(ref)
    return text if "://" in text else f"sqlite:///{text}"


def default_db_path(world: str) -> Path:
    """Where ``simverse run`` keeps a world's runs when no ``--db`` is given."""
    return DEFAULT_DIR / f"{world}.db"


def open_read_only(ref: str | Path) -> RunStore:
    """A run database opened for reading only, after the read-only check (for ``inspect``,
    ``check``, the dashboard): it can never add a table, switch WAL on or create a file."""
    return RunStore(db_url(ref), read_only=True)


def make_engine(url: str) -> Engine:
    """A writer's engine for ``url``: SQLite files get WAL, and a new file gets simverse's
    tables and schema version (the ``runs/`` directory is the only one created)."""
    path = sqlite_file(url)
    if path is not None and not path.parent.exists():
        path.parent.mkdir(parents=True, exist_ok=True)  # check_database allowed it: inside runs/
    if path is not None and not path.exists():
        create_file(path)
    if url.startswith("sqlite") and path is None:  # one shared connection, or each thread sees its own database
        engine = create_engine(
            url, poolclass=StaticPool, connect_args={"check_same_thread": False}, json_serializer=dumps_json
        )
    else:
        engine = create_engine(url, json_serializer=dumps_json)
    if url.startswith("sqlite"):
        event.listen(engine, "connect", _sqlite_pragmas)
    Base.metadata.create_all(engine)
    if url.startswith("sqlite"):
        with engine.begin() as conn:
            if conn.exec_driver_sql("PRAGMA user_version").scalar() != SCHEMA_VERSION:
                conn.exec_driver_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")
    return engine


def create_file(path: Path) -> None:
    """Make a new database whole or not at all: its tables and schema version are written to
    a file beside it that is then linked into place, so a process killed while creating it
    leaves no half-made database (at most a hidden ``.NAME.PID.new`` file)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.new")
    engine = create_engine(f"sqlite:///{tmp}")
    try:
        Base.metadata.create_all(engine)
        with engine.begin() as conn:
            conn.exec_driver_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")
    finally:
        engine.dispose()
    try:
        os.link(tmp, path)
    except FileExistsError:
        pass  # another process made it first: the caller goes on with that one
    except OSError:  # a file system without hard links: a rename, which may replace a racing twin
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _read_only_engine(path: Path) -> Engine:
    return create_engine("sqlite://", creator=lambda: connect_read_only(path))


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _safety_net(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.execute(f"PRAGMA wal_autocheckpoint={SAFETY_NET_PAGES}")


@dataclass
class StepBatch:
    """Everything one step writes: rows per table (as dicts), plus ORM objects."""

    rows: dict[type, list[dict[str, Any]]] = field(default_factory=dict)
    objects: list[Any] = field(default_factory=list)
    updates: list[tuple[type, dict[str, Any], dict[str, Any]]] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    """Shared prompt texts the step's calls name (:mod:`simverse.store.prompt_texts`)."""

    def add(self, table: type, row: dict[str, Any]) -> None:
        self.rows.setdefault(table, []).append(row)

    def extend(self, table: type, rows: Iterable[dict[str, Any]]) -> None:
        self.rows.setdefault(table, []).extend(rows)


class RunStore:
    """A run database: one engine, one session per unit of work."""

    def __init__(self, url: str, *, read_only: bool = False, create: bool = True) -> None:
        """Check a SQLite file first (see :mod:`simverse.store.database`); ``read_only``
        opens it with a connection that cannot write, ``create=False`` refuses a new path."""
        self.url = url
        self.path = sqlite_file(url)
        self.read_only = read_only
        self._locks: dict[int, WriterLock] = {}
        if self.path is not None:
            check_database(self.path, create=create and not read_only)
            self.engine = _read_only_engine(self.path) if read_only else make_engine(url)
        elif read_only:
            self.engine = create_engine(url)
        else:
            self.engine = make_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._checkpointer: Checkpointer | None = None

    def lock_run(self, run_id: int) -> None:
        """Become the one writer of run ``run_id`` until :meth:`close` (or the process ends);
        :class:`~simverse.store.writer_lock.RunLocked` names the process that already is."""
        if self.path is not None and run_id not in self._locks:
            self._locks[run_id] = WriterLock(self.path, run_id).acquire()

    def session(self) -> Session:
        return self._sessions()

    def checkpoint_in_background(self) -> None:
        """Let a thread copy the write-ahead log into the file after each commit
        (:mod:`simverse.store.checkpointer`): for the world that steps this file, whose
        step commits are large. Nothing for read-only stores or other databases."""
        if self.path is None or self.read_only or self._checkpointer is not None:
            return
        event.listen(self.engine, "connect", _safety_net)
        self.engine.dispose()  # pooled connections reopen with the safety net
        self._checkpointer = Checkpointer(self.path)
        event.listen(self._sessions, "after_commit", self._checkpointer.poke)

    def create_run(self, **fields: Any) -> int:
        """A run row in its own transaction (a run the world starts uses :meth:`add_run`)."""
        with self.session() as session, session.begin():
            return self.add_run(session, **fields)

    def add_run(self, session: Session, **fields: Any) -> int:
        """A run row inside the caller's transaction (committed with its step 0); its id."""
        run = RunRow(created_at=datetime.now(UTC), **fields)
        session.add(run)
        session.flush()
        return run.id

    def run(self, run_id: int | None = None) -> RunRow:
        """A run by id, or the newest run when ``run_id`` is None (an id no SQLite integer can
        hold, such as a mistyped ``--run``, is no run, not an OverflowError from the driver)."""
        if run_id is not None and not -MAX_INT - 1 <= run_id <= MAX_INT:  # the driver would raise OverflowError
            raise RunNotFound(f"{self.path or self.url}: has no run {run_id}")
        with self.session() as session:
            stmt = select(RunRow).order_by(RunRow.id.desc())
            if run_id is not None:
                stmt = select(RunRow).where(RunRow.id == run_id)
            run = session.scalars(stmt.limit(1)).first()
        if run is None:
            what = f"has no run {run_id}" if run_id is not None else "holds no run yet"
            raise RunNotFound(f"{self.path or self.url}: {what}")
        return run

    def runs(self) -> list[RunRow]:
        with self.session() as session:
            return list(session.scalars(select(RunRow).order_by(RunRow.id)))

    def write_step(self, session: Session, run_id: int, step: int, batch: StepBatch) -> None:
        """Write one step's rows into the step's open transaction (the caller commits)."""
        store_texts(session, batch.texts)
        for table, rows in batch.rows.items():
            if rows:
                insert_rows(session, table.__table__, rows)
        for table, where, values in batch.updates:
            stmt = update(table).values(**values)
            for column, value in where.items():
                stmt = stmt.where(getattr(table, column) == value)
            session.execute(stmt)
        session.add_all(batch.objects)
        session.execute(update(RunRow).where(RunRow.id == run_id).values(last_step=step))

    def planned_steps(self, run_id: int) -> int | None:
        """The length the run was started for (None for runs made before it was stored)."""
        value = (self.run(run_id).config or {}).get("planned_steps")
        return value if isinstance(value, int) else None

    def update_config(self, run_id: int, **values: Any) -> None:
        """Merge ``values`` into the run's ``config`` JSON (e.g. ``planned_steps``)."""
        with self.session() as session, session.begin():
            run = session.get(RunRow, run_id)
            if run is None:
                raise RunNotFound(f"{self.url}: no run {run_id}")
            run.config = {**(run.config or {}), **values}

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
        if self._checkpointer is not None:
            self._checkpointer.close()
            self._checkpointer = None
        self.engine.dispose()
        for lock in self._locks.values():
            lock.release()
        self._locks.clear()
