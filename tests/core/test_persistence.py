"""SQLite is the source of truth: same seed, same database; killed runs resume exactly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from core_helpers import fingerprint, same_run

from simverse.world.model import World

STEPS = 14


def _run(db: Path, steps: int = STEPS, seed: int = 7) -> None:
    world = World("harbor_town", seed=seed, db=str(db), embedder="hashing")
    world.run(steps)
    world.close()


def test_same_world_seed_and_brain_give_the_same_database(tmp_path):
    _run(tmp_path / "a.db")
    _run(tmp_path / "b.db")
    a, b = fingerprint(tmp_path / "a.db"), fingerprint(tmp_path / "b.db")
    assert not a["dialogue"].startswith("0:"), "the run talked"
    assert a == b


def test_another_seed_gives_another_run(tmp_path):
    _run(tmp_path / "a.db", seed=1)
    _run(tmp_path / "b.db", seed=2)
    assert fingerprint(tmp_path / "a.db")["dialogue"] != fingerprint(tmp_path / "b.db")["dialogue"]


def test_resume_after_kill_minus_nine_equals_the_uninterrupted_run(tmp_path):
    killed_db, marker = tmp_path / "killed.db", tmp_path / "in-step"
    script = textwrap.dedent(f"""
        import time
        from pathlib import Path
        from simverse.world.model import World

        def stall(world, batch):
            if world.step_index + 1 == 9:          # inside step 9, before its commit
                Path({str(marker)!r}).write_text("now")
                time.sleep(60)

        world = World("harbor_town", seed=7, db={str(killed_db)!r}, embedder="hashing")
        world.step_hooks.append(stall)
        world.run({STEPS})
    """)
    proc = subprocess.Popen([sys.executable, "-c", script])
    deadline = time.time() + 120
    while not marker.exists():
        assert proc.poll() is None, "the run ended before it could be killed"
        assert time.time() < deadline
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)

    resumed = World.resume(str(killed_db))
    assert resumed.step_index == 8, "the half-written step 9 was rolled back"
    resumed.run(STEPS - resumed.step_index)
    resumed.close()

    _run(tmp_path / "clean.db")
    assert same_run(killed_db, tmp_path / "clean.db")


def test_cli_resume_continues_a_run(tmp_path):
    db = tmp_path / "r.db"
    cmd = [sys.executable, "-m", "simverse.cli", "run"]
    first = ["harbor_town", "--steps", "5", "--seed", "7", "--db", str(db), "--quiet", "--embedder", "hashing"]
    subprocess.run([*cmd, *first], check=True, timeout=120)
    subprocess.run([*cmd, "--resume", str(db), "--steps", "9", "--quiet"], check=True, timeout=120)
    _run(tmp_path / "clean.db")
    assert same_run(db, tmp_path / "clean.db")


def test_a_run_reopened_with_the_default_minilm_embedder_continues_identically(tmp_path):
    """Memory embeddings and retrieval scores are floats from a real model: reopening must
    not change a single bit of what is stored (same texts, same batches, same vectors)."""
    whole = World("harbor_town", seed=3, db=str(tmp_path / "whole.db"))
    whole.run(8)
    whole.close()
    half = World("harbor_town", seed=3, db=str(tmp_path / "half.db"))
    half.run(4)
    half.close()
    reopened = World.resume(str(tmp_path / "half.db"))
    assert reopened.embedder == "minilm"
    reopened.run(4)
    reopened.close()
    assert same_run(tmp_path / "whole.db", tmp_path / "half.db")
