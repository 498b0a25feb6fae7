"""A world stepping a file database hands the write-ahead log's checkpoints to a thread:
its steps reach the database file itself without the writer's commits doing the copying."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from simverse.core.loader import parse_world
from simverse.store.checkpointer import SAFETY_NET_PAGES
from simverse.world.model import World
from tests.core.core_helpers import tiny_world


def _steps_in_file_alone(path: Path) -> int:
    """Committed steps the database file holds without its log (``immutable`` ignores it);
    -1 while a checkpoint is still copying pages in."""
    with sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True) as conn:
        try:
            return conn.execute("SELECT count(*) FROM steps").fetchone()[0]
        except sqlite3.DatabaseError:
            return -1


def _waited_for(condition, timeout_s: float = 20.0) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


def test_steps_reach_the_file_through_the_checkpoint_thread(tmp_path: Path) -> None:
    db = tmp_path / "run.db"
    world = World(parse_world(tiny_world()), seed=3, db=str(db), memory=False)
    try:
        checkpointer = world.store._checkpointer
        assert checkpointer is not None
        with world.store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == SAFETY_NET_PAGES
        for _ in range(3):
            world.step()
        # a few small commits never fill 1,000 pages: only the thread copies them into the file
        assert _waited_for(lambda: _steps_in_file_alone(db) == 4)
        assert checkpointer.checkpoints >= 1
    finally:
        world.close()
    assert not checkpointer._thread.is_alive()


def test_a_resumed_run_checkpoints_in_the_background_too(tmp_path: Path) -> None:
    db = tmp_path / "run.db"
    World(parse_world(tiny_world()), seed=3, db=str(db), memory=False).close()
    world = World.resume(str(db))
    try:
        assert world.store._checkpointer is not None
        world.step()
        assert _waited_for(lambda: _steps_in_file_alone(db) == 2)
    finally:
        world.close()
