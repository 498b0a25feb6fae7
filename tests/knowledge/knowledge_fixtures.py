"""Knowledge test worlds: a hand-built graph with a known history, and a tiny world where
Ann tells Bob. Plain functions in a uniquely named module, not a conftest, so that
``from conftest import ...`` in other test folders never picks this module up."""

from __future__ import annotations

import copy
from typing import Any

from simverse.knowledge.graph import WORLD, KnowledgeGraph

HAMLET: dict[str, Any] = {
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
    "items": [{"id": "bread", "name": "loaf", "place": "bakery", "quantity": 1, "price": 1}],
    "npcs": [
        {"name": "Ann", "persona": "the baker", "start_place": "bakery", "sociability": 1.0,
         "knowledge": [{"subject": "well", "predicate": "is", "object": "dry",
                        "text": "the well is dry", "tracked": True}]},
        {"name": "Bob", "persona": "a farmer", "start_place": "bakery", "sociability": 1.0},
        {"name": "Cid", "persona": "a child", "start_place": "square", "sociability": 1.0},
    ],
    "events": [{"at_step": 2, "description": "Rain fills the well.",
                "facts": [{"subject": "well", "predicate": "is", "object": "full", "text": "the well is full"}]}],
    "knowledge": [{"subject": "well", "predicate": "is", "object": "dry", "tracked": True}],
}


def new_hamlet_world() -> dict[str, Any]:
    """A fresh copy of the hamlet world file as a dict."""
    return copy.deepcopy(HAMLET)


def new_rumour_graph() -> KnowledgeGraph:
    """The world knows the well is dry from step 0 until rain at step 4 fills it; Ann knew it
    from the start, told Bob at step 2 (line 5), who told Cid at step 3 (line 9)."""
    kg = KnowledgeGraph()
    kg.assert_fact(WORLD, "well", "is", "dry", source="world_file", step=0, tracked=True)
    kg.assert_fact("Ann", "well", "is", "dry", source="world_file", step=0, tracked=True)
    kg.assert_fact("Bob", "well", "is", "dry", source="dialogue:5", step=2, told_by="Ann", tracked=True)
    kg.assert_fact("Cid", "well", "is", "dry", source="dialogue:9", step=3, told_by="Bob", tracked=True)
    kg.close(WORLD, "well|is|dry", 4)
    kg.assert_fact(WORLD, "well", "is", "full", source="event:1", step=4)
    kg.assert_fact("Ann", "well", "is", "full", source="event:1", step=4)
    kg.close("Ann", "well|is|dry", 4)
    return kg
