"""The README's two set-up commands stay true: CI runs the test command verbatim."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _bash_blocks(text: str) -> list[str]:
    return [b.strip() for b in re.findall(r"```bash\n(.*?)```", text, flags=re.S)]


def test_ci_runs_the_readme_test_command():
    commands = _bash_blocks((ROOT / "README.md").read_text())
    test_command = next(c for c in commands if "pytest" in c)
    assert test_command in (ROOT / ".ci" / "run").read_text().splitlines()


def test_readme_run_command_names_a_shipped_world():
    run_command = next(c for c in _bash_blocks((ROOT / "README.md").read_text()) if "simverse run" in c)
    world = run_command.split("simverse run ")[1].split()[0]
    assert (ROOT / "worlds" / world / "world.toml").exists()
