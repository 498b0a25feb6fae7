"""Which files the dashboard opens, and how: simverse run databases only, read-only.

The database picker lists the ``*.db`` files under the runs directory (``runs/`` where
``simverse run`` keeps them) that :func:`check_database` accepts, and names the others with
the reason they were refused. A check opens the file with SQLite's ``mode=ro`` URI (no
table is created, no journal mode switched, no directory made) and looks for the tables
and columns every simverse run database has. Pages then read through
:class:`ReadOnlyStore`, a :class:`~simverse.store.run_store.RunStore` on a ``mode=ro``
engine, so browsing can never write to a database.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import create_engine, event
from sqlalchemy.engine import make_url

from simverse.store.run_store import DEFAULT_DIR, RunStore

REQUIRED_COLUMNS = {
    "runs": {"id", "world", "seed", "llm", "world_spec", "status", "last_step", "parent_run_id", "forked_at_step"},
    "steps": {"run_id", "step", "sim_time", "state", "runtime", "stats"},
    "npc_states": {"run_id", "step", "npc", "place"},
    "events": {"run_id", "id", "step", "kind", "narration"},
    "dialogue": {"run_id", "id", "step", "speaker", "listener", "text"},
    "decisions": {"run_id", "id", "step", "npc", "status"},
    "facts": {"run_id", "id", "holder", "subject", "predicate", "object", "valid_from"},
}


class NotARunDatabase(ValueError):
    """A path the dashboard refuses to open, with the reason as its message."""


@dataclass(frozen=True)
class Listing:
    """The run databases under a folder, and the files there that were refused (with why)."""

    databases: list[Path]
    refused: list[tuple[Path, str]]


def path_of(target: str | Path) -> Path:
    """The file behind a path or a ``sqlite:///`` URL; other URLs are refused."""
    text = str(target)
    if "://" not in text:
        return Path(text)
    url = make_url(text)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        raise NotARunDatabase(f"{text}: the dashboard browses SQLite run database files only")
    return Path(url.database)


def check_database(target: str | Path) -> Path:
    """The file, if it is a simverse run database; :class:`NotARunDatabase` saying why if not.
    Opens it read-only: the file is left byte-identical whatever it holds."""
    path = path_of(target)
    if not path.exists():
        raise NotARunDatabase(f"{path}: no such file")
    if not path.is_file():
        raise NotARunDatabase(f"{path}: not a file")
    try:
        with _read_only(path) as connection:
            tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            missing = sorted(set(REQUIRED_COLUMNS) - tables)
            if missing:
                raise NotARunDatabase(f"{path}: not a simverse run database (no table {', '.join(missing)})")
            for table, needed in REQUIRED_COLUMNS.items():
                columns = {row[1] for row in connection.execute(f"PRAGMA table_info({table})")}
                if not needed <= columns:
                    raise NotARunDatabase(f"{path}: not a simverse run database of a known version "
                                          f"({table} lacks {', '.join(sorted(needed - columns))})")
    except sqlite3.DatabaseError as exc:
        raise NotARunDatabase(f"{path}: not a SQLite database ({exc})") from None
    return path


class _read_only:
    """A ``mode=ro`` sqlite3 connection, closed on exit."""

    def __init__(self, path: Path) -> None:
        self.connection = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True)

    def __enter__(self) -> sqlite3.Connection:
        return self.connection

    def __exit__(self, *_: object) -> None:
        self.connection.close()


def list_databases(root: Path = DEFAULT_DIR) -> Listing:
    """Every ``*.db`` under ``root`` (sub-folders included), split into accepted and refused."""
    if not root.is_dir():
        return Listing([], [])
    good, refused = [], []
    for path in sorted(root.rglob("*.db")):
        try:
            good.append(check_database(path))
        except NotARunDatabase as exc:
            refused.append((path, str(exc)))
    return Listing(good, refused)


def readonly_url(path: str | Path) -> str:
    """The SQLAlchemy URL that opens ``path`` read-only (SQLite ``mode=ro`` URI)."""
    return f"sqlite:///file:{quote(str(Path(path).resolve()))}?mode=ro&uri=true"


class ReadOnlyStore(RunStore):
    """A :class:`RunStore` that can only read: a ``mode=ro`` engine, no tables created.
    Its ``url`` is the read-only URL; every reading function of the store works on it."""

    def __init__(self, path: str | Path) -> None:  # RunStore.__init__ is not called: it would write
        self.url = readonly_url(path)
        self.engine = create_engine(self.url)
        event.listen(self.engine, "connect", _busy_timeout)


def _busy_timeout(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    dbapi_connection.execute("PRAGMA busy_timeout=10000")
