"""A tiny world and sweep files for the experiment tests (helpers named to avoid clashes)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import tomli_w

from tests.hamlet import hamlet_world


def _sweep_hamlet() -> dict[str, Any]:
    """The hamlet with everyone in the bakery (so they talk) and three loaves."""
    world = hamlet_world()
    world["title"] = "Sweep Hamlet"
    world["items"][0]["quantity"] = 3
    world["npcs"][2]["start_place"] = "bakery"
    return world


@pytest.fixture
def hamlet() -> dict[str, Any]:
    """A fresh copy of the hamlet world as a dict."""
    return _sweep_hamlet()


@pytest.fixture
def hamlet_file(tmp_path: Path, hamlet: dict[str, Any]) -> Path:
    """The hamlet written as ``world.toml`` in its own directory."""
    directory = tmp_path / "hamlet"
    directory.mkdir()
    (directory / "world.toml").write_text(tomli_w.dumps(hamlet), encoding="utf-8")
    return directory / "world.toml"
