"""A fork whose injected event the run cannot take (a place its world lacks, empty text) or
whose step count is negative is refused with one error before anything is written: it
used to fork the run first and then fail (or drop the empty event), leaving a new run in
the database for a command that was refused."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from event_helpers import make_port, new_port

from simverse.store.run_store import open_read_only

ROOT = Path(__file__).resolve().parents[2]


def _runs(db) -> int:
    store = open_read_only(db)
    try:
        return len(store.runs())
    finally:
        store.close()


@pytest.mark.parametrize(("args", "message"), [
    (["--inject", "a storm rolls in", "--place", "moon"], "inject: unknown place 'moon'"),
    (["--inject", "   "], "inject: the event text is empty"),
    (["--steps", "-3"], "--steps"),
])
def test_a_refused_fork_writes_no_run(tmp_path, args, message):
    db = tmp_path / "run.db"
    world = make_port(new_port(), db=str(db))
    world.run(3)
    world.close()
    result = subprocess.run([sys.executable, "-m", "simverse.cli", "fork", str(db), "--at", "2", *args],
                            capture_output=True, text=True, timeout=180,
                            env={**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200"})
    output = result.stdout + result.stderr
    assert result.returncode == 2 and message in output and "Traceback" not in output
    assert _runs(db) == 1
