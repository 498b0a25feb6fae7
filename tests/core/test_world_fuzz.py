"""Fuzzing world files: 120 seeded mutations of the shipped worlds (bytes flipped, lines
lost, types swapped, keys renamed, nesting thousands deep) each load or fail with one
line, never a traceback, and the whole batch finishes in bounded time (run in a child
process with a timeout, so a hang fails the test instead of stalling the suite)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

FUZZ = Path(__file__).with_name("world_fuzz.py")
ROOT = Path(__file__).resolve().parents[2]


def _fuzz(seed: int, count: int, out: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, str(FUZZ), str(seed), str(count), str(out)], capture_output=True,
                            text=True, timeout=600, env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_a_hundred_and_twenty_mutated_world_files_load_or_fail_in_one_line(tmp_path):
    report = _fuzz(seed=12, count=120, out=tmp_path)
    assert report["loaded"] + report["refused"] + len(report["other"]) == 120
    assert report["other"] == []
    assert report["refused"] >= 60  # most mutations break the file; the test is not vacuous


def test_a_mutated_world_on_the_command_line_is_one_error_line(tmp_path):
    path = tmp_path / "world.toml"
    path.write_bytes(b"format_version = 2\nname = \"x\"\n" + b"a = " + b"[" * 3000 + b"]" * 3000 + b"\n")
    result = subprocess.run([sys.executable, "-m", "simverse.cli", "run", str(path), "--steps", "1"],
                            capture_output=True, text=True, timeout=180, cwd=tmp_path,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 2
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout.strip().startswith("error:") and "nested too deeply" in result.stdout.replace("\n", "")
