"""Helpers for the experiment tests: sweep files and the command line (imported by name)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import tomli_w


def write_sweep_file(path: Path, world: Path, grid: dict[str, list], **fields: Any) -> Path:
    """A sweep file over ``world`` with fast defaults (4 steps, seed 0, hashing, no memory)."""
    data = {"world": str(world), "steps": 4, "seeds": [0], "embedder": "hashing", "memory": False, **fields,
            "grid": grid}
    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    return path


def simverse_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run ``python -m simverse.cli ARGS`` and capture its output."""
    return subprocess.run([sys.executable, "-m", "simverse.cli", *args], capture_output=True, text=True,
                          timeout=180, cwd=cwd, env={"COLUMNS": "200", "PATH": "/usr/bin:/bin"})
