"""A tiny world and sweep files for the experiment tests (helpers named to avoid clashes)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import tomli_w

HAMLET: dict[str, Any] = {
    "format_version": 1,
    "name": "hamlet",
    "title": "Sweep Hamlet",
    "environment": {"start": "08:00", "minutes_per_step": 60},
    "settings": {"conversation_turns": 4, "hunger_per_step": 0.0, "embedder": "hashing"},
    "places": [
        {"id": "square", "name": "Square", "connections": ["bakery", "well"]},
        {"id": "bakery", "name": "Bakery", "connections": ["square"]},
        {"id": "well", "name": "Well", "connections": ["square"]},
    ],
    "items": [{"id": "bread", "name": "loaf", "place": "bakery", "quantity": 3, "price": 1,
               "properties": {"edible": True}}],
    "npcs": [
        {"name": "Ann", "persona": "the baker", "start_place": "bakery", "sociability": 1.0,
         "knowledge": [{"subject": "well", "predicate": "is", "object": "dry",
                        "text": "the well is dry", "tracked": True}]},
        {"name": "Bob", "persona": "a farmer", "start_place": "bakery", "sociability": 1.0},
        {"name": "Cid", "persona": "a child", "start_place": "bakery", "sociability": 1.0},
    ],
    "knowledge": [{"subject": "well", "predicate": "is", "object": "dry", "tracked": True}],
}


@pytest.fixture
def hamlet() -> dict[str, Any]:
    """A fresh copy of the hamlet world as a dict."""
    return copy.deepcopy(HAMLET)


@pytest.fixture
def hamlet_file(tmp_path: Path, hamlet: dict[str, Any]) -> Path:
    """The hamlet written as ``world.toml`` in its own directory."""
    directory = tmp_path / "hamlet"
    directory.mkdir()
    (directory / "world.toml").write_text(tomli_w.dumps(hamlet), encoding="utf-8")
    return directory / "world.toml"
