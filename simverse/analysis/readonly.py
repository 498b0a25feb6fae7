"""Open a run database for reading only: nothing about the file changes, whatever it is.

SQLite files are opened through a ``mode=ro`` URI, so no table is created, the journal
mode is left as it is and a missing file is an error rather than a new empty database.
A file that is not a simverse database is refused with one line naming it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, inspect
from sqlalchemy.exc import DatabaseError

REQUIRED_TABLES = ("runs", "steps")


class NotARunDatabase(ValueError):
    """The path is missing, unreadable, or not a simverse run database."""


def readonly_engine(ref: str | Path) -> Engine:
    """A read-only engine for a SQLite path (or any SQLAlchemy URL, opened as given)."""
    text = str(ref)
    if "://" in text:
        engine = create_engine(text)
    else:
        path = Path(text)
        if not path.is_file():
            raise NotARunDatabase(f"{text}: no such database file")
        uri = f"file:{quote(str(path.resolve()))}?mode=ro"
        engine = create_engine("sqlite://", creator=lambda: _connect_ro(uri))
    _check_tables(engine, text)
    return engine


def _connect_ro(uri: str) -> sqlite3.Connection:
    return sqlite3.connect(uri, uri=True, check_same_thread=False)


def _check_tables(engine: Engine, label: str) -> None:
    try:
        present = set(inspect(engine).get_table_names())
    except DatabaseError as exc:
        engine.dispose()
        raise NotARunDatabase(f"{label}: not a readable SQLite database ({exc.orig})") from None
    missing = [t for t in REQUIRED_TABLES if t not in present]
    if missing:
        engine.dispose()
        raise NotARunDatabase(f"{label}: not a simverse run database (no table {missing[0]!r})")
