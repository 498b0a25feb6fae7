"""The hamlet: the smallest world the suites build on (three places, three NPCs, a loaf and
a belief about the well). Each suite adds what its tests need to a fresh copy."""

from __future__ import annotations

from typing import Any


def hamlet_world() -> dict[str, Any]:
    """A fresh world-file dict: Ann and Bob in the bakery, Cid in the square; Ann and the
    world know the well is dry (a tracked fact)."""
    return {
        "format_version": 1,
        "name": "hamlet",
        "title": "Hamlet",
        "environment": {"start": "08:00", "minutes_per_step": 60},
        "settings": {"conversation_turns": 4, "hunger_per_step": 0.0, "embedder": "hashing"},
        "places": [
            {"id": "square", "name": "Square", "connections": ["bakery", "well"]},
            {"id": "bakery", "name": "Bakery", "connections": ["square"]},
            {"id": "well", "name": "Well", "connections": ["square"]},
        ],
        "items": [{"id": "bread", "name": "loaf", "place": "bakery", "quantity": 1, "price": 1,
                   "properties": {"edible": True}}],
        "npcs": [
            {"name": "Ann", "persona": "the baker", "start_place": "bakery", "sociability": 1.0,
             "knowledge": [{"subject": "well", "predicate": "is", "object": "dry",
                            "text": "the well is dry", "tracked": True}]},
            {"name": "Bob", "persona": "a farmer", "start_place": "bakery", "sociability": 1.0},
            {"name": "Cid", "persona": "a child", "start_place": "square", "sociability": 1.0},
        ],
        "knowledge": [{"subject": "well", "predicate": "is", "object": "dry", "tracked": True}],
    }
