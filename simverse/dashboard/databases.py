"""Which files the dashboard opens, and how: simverse run databases only, read-only.

The database picker lists the ``*.db`` files under the runs directory (``runs/`` where
``simverse run`` keeps them) that :func:`simverse.store.database.check_database` accepts
(read-only, ``mode=ro``: nothing about a file changes, whatever it holds), and names the
others with the reason they were refused. Pages then read through
:func:`simverse.store.run_store.open_read_only`, so browsing can never write to a database.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from simverse.store.database import DEFAULT_DIR, DatabaseRefused, check_database, sqlite_file
from simverse.store.run_store import RunStore, db_url, open_read_only

NotARunDatabase = DatabaseRefused


@dataclass(frozen=True)
class Listing:
    """The run databases under a folder, and the files there that were refused (with why)."""

    databases: list[Path]
    refused: list[tuple[Path, str]]


def path_of(target: str | Path) -> Path:
    """The file behind a path or a ``sqlite:///`` URL; other URLs are refused."""
    path = sqlite_file(db_url(target))
    if path is None:
        raise DatabaseRefused(f"{target}: the dashboard browses SQLite run database files only")
    return path


def accept(target: str | Path, verify: bool = True) -> Path:
    """The file, if it is a simverse run database; :class:`DatabaseRefused` saying why if
    not (``verify`` adds SQLite's quick check)."""
    path = path_of(target)
    check_database(path, verify=verify)
    return path


def list_databases(root: Path = DEFAULT_DIR) -> Listing:
    """Every ``*.db`` under ``root`` (sub-folders included), split into accepted and refused."""
    if not root.is_dir():
        return Listing([], [])
    good, refused = [], []
    for path in sorted(root.rglob("*.db")):
        try:
            good.append(accept(path, verify=False))
        except DatabaseRefused as exc:
            refused.append((path, str(exc)))
    return Listing(good, refused)


def read_only_store(path: str | Path) -> RunStore:
    """A store on ``path`` that can only read (SQLite ``mode=ro`` and ``query_only``)."""
    return open_read_only(path_of(path))
