"""``python -m simverse`` is the same command line as the ``simverse`` script."""

from __future__ import annotations

import subprocess
import sys


def test_python_m_simverse_runs_the_command_line() -> None:
    done = subprocess.run([sys.executable, "-m", "simverse", "--help"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "eval-dialogue" in done.stdout and "run" in done.stdout
