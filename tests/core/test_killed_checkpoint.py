"""A database whose writer was killed while checkpointing is whole, not truncated.

SQLite's checkpoint copies pages from the write-ahead log into the database file, the first
page (which counts the pages) first. Killed in between, the file is shorter than its first
page says, and the log still holds the rest: SQLite reads them from there. Such a file must
be accepted, and without a log the same shortness must still be refused."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from simverse.store.database import DatabaseRefused, check_database
from simverse.store.run_store import RunStore

WAL_HEADER, FRAME_HEADER = 32, 24


def crashed_mid_checkpoint(tmp_path: Path) -> Path:
    """A run database copied, with its log, as a writer killed mid-checkpoint leaves it."""
    live = tmp_path / "live.db"
    RunStore(f"sqlite:///{live}").close()
    conn = sqlite3.connect(live)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("CREATE TABLE notes (text TEXT)")
    conn.executemany("INSERT INTO notes VALUES (?)", [("x" * 500,)] * 400)
    conn.commit()
    crashed = tmp_path / "crashed.db"
    shutil.copy(live, crashed)
    shutil.copy(f"{live}-wal", f"{crashed}-wal")
    conn.close()
    page_size = int.from_bytes(crashed.read_bytes()[16:18], "big")
    log = Path(f"{crashed}-wal").read_bytes()
    first_page = None
    for offset in range(WAL_HEADER, len(log) - FRAME_HEADER - page_size + 1, FRAME_HEADER + page_size):
        if int.from_bytes(log[offset:offset + 4], "big") == 1:
            first_page = log[offset + FRAME_HEADER:offset + FRAME_HEADER + page_size]
    assert first_page is not None
    with crashed.open("r+b") as handle:  # the checkpoint wrote the first page, then was killed
        handle.write(first_page)
    promised = int.from_bytes(first_page[28:32], "big")
    assert crashed.stat().st_size < promised * page_size
    return crashed


def test_a_file_shorter_than_its_header_with_the_log_beside_it_is_accepted(tmp_path):
    crashed = crashed_mid_checkpoint(tmp_path)
    assert check_database(crashed).exists
    with sqlite3.connect(f"file:{crashed}?mode=ro", uri=True) as conn:
        assert conn.execute("SELECT count(*) FROM notes").fetchone()[0] == 400


def test_the_same_file_without_its_log_is_refused_as_truncated(tmp_path):
    crashed = crashed_mid_checkpoint(tmp_path)
    Path(f"{crashed}-wal").unlink()
    with pytest.raises(DatabaseRefused, match="truncated"):
        check_database(crashed)
