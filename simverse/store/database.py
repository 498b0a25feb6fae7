"""Look before you write: what a path must be before simverse opens it as a run database.

Every command that takes a database calls :func:`check_database` first. It reads the file
with a read-only SQLite connection (URI ``mode=ro``), so whatever it refuses stays
byte-identical: no WAL switch, no tables, no directories, a 0-byte file stays 0 bytes.
(SQLite opens it ``immutable`` when it has no write-ahead log, so not even ``-wal`` or
``-shm`` files appear beside it.) It accepts a simverse database of a known schema version (or, for commands that create
one, a new path in a directory that exists) and refuses anything else with one line
(:class:`DatabaseRefused`): a directory, an empty or text file, a foreign SQLite file, a
truncated or corrupt file, a database written by a newer simverse.

Schema versions are stamped in SQLite's ``PRAGMA user_version``. Databases made before the
stamp (``user_version`` 0 with simverse's tables) are version 1 and stay readable and
resumable; a writer opening one stamps the current version after adding the tables it
lacks (new tables only: old rows are never rewritten). Every older version is read as it
is (see :data:`SCHEMA_VERSION` for what each one changed).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from sqlalchemy.engine import make_url

SCHEMA_VERSION = 4
"""1: the tables before the version stamp; 2: adds the ``redactions`` table; 3: a recorded
LLM call whose text the content filter blocked holds the placeholder in ``llm_calls`` and
its text in ``redactions`` (``llm_call:ID:response``). A version-2 reader would replay such
a call with the placeholder, so it must refuse the database: hence the new number, though
no table changed. Older databases need no rewrite: their calls keep their text in
``llm_calls``, and replay reads it from there when ``redactions`` has no row for a call.
4: adds ``prompt_texts``; a recorded request names a long message by its digest instead of
holding it (:mod:`simverse.store.prompt_texts`), which an older reader would show as is;
and a memory row of a run with ``memory_gists`` may hold, in ``embedding``, a reference to
its gist's vector (``b"k"`` and a 16-byte key), which an older reader would take for a
vector."""
LEGACY_VERSION = 1
SQLITE_MAGIC = b"SQLite format 3\x00"
REQUIRED_COLUMNS = {
    "runs": {"id", "world", "seed", "llm", "config", "world_spec", "status", "last_step"},
    "steps": {"run_id", "step", "state", "rng_state", "runtime"},
}
DEFAULT_DIR = Path("runs")
"""Where ``simverse run`` keeps runs when no ``--db`` is given; the one directory simverse
creates by itself."""


class DatabaseRefused(ValueError):
    """The path is not a run database simverse may open (one line says why)."""


@dataclass(frozen=True)
class DatabaseInfo:
    """What :func:`check_database` found: an existing database and its version, or a new path."""

    path: Path
    exists: bool
    schema_version: int | None = None


def sqlite_file(url: str) -> Path | None:
    """The file behind a SQLAlchemy URL; None for in-memory SQLite and other databases."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    if parsed.database.startswith("file:"):
        return Path(parsed.database[5:].split("?", 1)[0])
    return Path(parsed.database)


def connect_read_only(path: Path, *, untouched: bool = False) -> sqlite3.Connection:
    """A connection that cannot write the file (``mode=ro``) nor change it (``query_only``).

    ``untouched`` opens it ``immutable`` (no ``-wal``/``-shm`` files made beside it) when it
    has no write-ahead log: for a look at a file that may be refused, where even SQLite's
    side files would change its directory. Not for reading a database a writer may open later.
    """
    mode = "immutable=1" if untouched and not Path(f"{path}-wal").exists() else "mode=ro"
    conn = sqlite3.connect(f"file:{quote(str(path.resolve()))}?{mode}", uri=True, check_same_thread=False)
    conn.execute("PRAGMA query_only=1")
    return conn


def check_database(path: str | Path, *, create: bool = False, verify: bool = True) -> DatabaseInfo:
    """Accept a simverse database (or, with ``create``, a new path whose directory exists);
    raise :class:`DatabaseRefused` otherwise. ``verify`` also runs SQLite's quick check."""
    path = Path(path)
    if not path.exists() and not path.is_symlink():
        if not create:
            raise DatabaseRefused(f"{path}: no such run database")
        parent = path.parent
        if not parent.is_dir() and not _inside_default_dir(parent):
            raise DatabaseRefused(f"{path}: directory {parent} does not exist (simverse creates no directories)")
        return DatabaseInfo(path, exists=False)
    _check_file(path)
    try:
        conn = connect_read_only(path, untouched=True)
    except sqlite3.Error as exc:
        raise DatabaseRefused(f"{path}: cannot open it read-only ({exc})") from None
    try:
        version = _schema_version(conn, path)
        if verify:
            problems = _quick_check(conn)
            if problems:
                raise DatabaseRefused(f"{path}: corrupt database ({problems[0]}); `simverse check` says more")
    except sqlite3.DatabaseError as exc:
        raise DatabaseRefused(f"{path}: corrupt or unreadable database ({exc})") from None
    finally:
        conn.close()
    return DatabaseInfo(path, exists=True, schema_version=version)


def integrity_problems(path: str | Path, limit: int = 20) -> list[str]:
    """SQLite's full ``PRAGMA integrity_check`` on a read-only connection ([] when sound)."""
    conn = connect_read_only(Path(path), untouched=True)
    try:
        rows = [r[0] for r in conn.execute(f"PRAGMA integrity_check({int(limit)})")]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    finally:
        conn.close()
    return [] if rows == ["ok"] else rows


def _inside_default_dir(directory: Path) -> bool:
    try:
        directory.resolve().relative_to(DEFAULT_DIR.resolve())
    except ValueError:
        return False
    return True


def _check_file(path: Path) -> None:
    """What the first bytes tell, before SQLite reads anything."""
    if path.is_dir():
        raise DatabaseRefused(f"{path}: is a directory, not a run database")
    if not path.is_file():
        raise DatabaseRefused(f"{path}: is not a regular file")
    size = path.stat().st_size
    if size == 0:
        raise DatabaseRefused(f"{path}: is an empty file, not a simverse run database")
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise DatabaseRefused(f"{path}: cannot read it ({exc.strerror})") from None
    if not header.startswith(SQLITE_MAGIC):
        raise DatabaseRefused(f"{path}: is not an SQLite database, so not a simverse run database")
    if len(header) < 100:
        raise DatabaseRefused(f"{path}: truncated database ({size} bytes, shorter than its header)")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    counted_pages_valid = header[24:28] == header[92:96] and pages > 0
    # a process killed while checkpointing leaves a first page that counts pages still only
    # in the write-ahead log, which SQLite reads them from: then a short file is no damage
    logged = Path(f"{path}-wal").is_file() and Path(f"{path}-wal").stat().st_size > 0
    if page_size < 512 or size % page_size or (counted_pages_valid and not logged and size < pages * page_size):
        raise DatabaseRefused(f"{path}: truncated database ({size} bytes; its header promises "
                              f"{pages} pages of {page_size} bytes)")


def _schema_version(conn: sqlite3.Connection, path: Path) -> int:
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    stamp = int(conn.execute("PRAGMA user_version").fetchone()[0])
    missing = [t for t in REQUIRED_COLUMNS if t not in tables]
    if missing:
        raise DatabaseRefused(f"{path}: not a simverse run database (no {' or '.join(missing)} table)")
    for table, wanted in REQUIRED_COLUMNS.items():
        have = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        if not wanted <= have:
            lacking = ", ".join(sorted(wanted - have))
            raise DatabaseRefused(f"{path}: not a simverse run database (table {table} lacks {lacking})")
    version = stamp or LEGACY_VERSION
    if version > SCHEMA_VERSION:
        raise DatabaseRefused(f"{path}: written by a newer simverse (schema version {version}; "
                              f"this one reads up to {SCHEMA_VERSION})")
    return version


def _quick_check(conn: sqlite3.Connection) -> list[str]:
    rows = [r[0] for r in conn.execute("PRAGMA quick_check(5)")]
    return [] if rows == ["ok"] else rows
