"""The command line: list worlds, run with a summary, inspect transcripts."""

from __future__ import annotations

import subprocess
import sys


def simverse(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "simverse.cli", *args], capture_output=True, text=True,
                          timeout=180, cwd=cwd, env={"COLUMNS": "200", "PATH": "/usr/bin:/bin"})


def test_worlds_lists_harbor_town():
    result = simverse("worlds")
    assert result.returncode == 0
    assert "harbor_town" in result.stdout


def test_run_prints_summary_and_defaults_db_under_runs(tmp_path):
    result = simverse("run", "harbor_town", "--steps", "6", "--seed", "2", "--embedder", "hashing", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "runs" / "harbor_town.db").exists()
    for word in ("steps", "conversations", "actions", "events", "wall time"):
        assert word in result.stdout
    assert "│ steps          │ 6" in result.stdout


def test_inspect_lists_runs_and_filters_transcript(tmp_path):
    db = str(tmp_path / "r.db")
    ran = simverse("run", "harbor_town", "--steps", "12", "--seed", "2", "--db", db, "--quiet", "--embedder", "hashing")
    assert ran.returncode == 0
    listing = simverse("inspect", db)
    assert "harbor_town" in listing.stdout
    transcript = simverse("inspect", db, "--run", "1", "--npc", "Nell", "--from-step", "2", "--to-step", "10")
    assert transcript.returncode == 0
    steps = [int(line.split()[1]) for line in transcript.stdout.splitlines() if line.startswith("step ")]
    assert steps and min(steps) >= 2 and max(steps) <= 10
    assert "Nell" in transcript.stdout


def test_inspect_missing_database_is_one_line_error(tmp_path):
    result = simverse("inspect", str(tmp_path / "none.db"))
    assert result.returncode == 2
    assert "no such run database" in result.stdout


def test_predict_reads_a_run_with_its_own_embedder(tmp_path):
    from simverse.core.loader import parse_world
    from simverse.world.model import World
    from tests.hamlet import hamlet_world

    db = tmp_path / "minilm.db"
    world = World(parse_world(hamlet_world()), seed=1, db=str(db), embedder="minilm")
    world.run(1)
    world.close()
    result = simverse("predict", str(db), "a storm")
    assert result.returncode == 0, result.stderr
    assert "narration" in result.stdout
