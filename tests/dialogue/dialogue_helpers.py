"""The village the dialogue tests talk to: a baker who knows when the fair starts, a keeper
with a secret about the reeve, the reeve himself, and a boy who knows nothing; a bakery, a
square and a quay, bread for sale, and actions to bake, sell and pray."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from simverse.world.model import World


@contextmanager
def shipped(name: str, embedder: str = "hashing") -> Iterator[World]:
    """A shipped world at its start (seed 0), closed after use."""
    world = World(name, seed=0, embedder=embedder)
    try:
        yield world
    finally:
        world.close()


def village() -> dict[str, Any]:
    return {
        "format_version": 1, "name": "village", "title": "Village",
        "environment": {"start": "08:00", "minutes_per_step": 60},
        "settings": {"conversation_turns": 4, "hunger_per_step": 0.0, "embedder": "hashing"},
        "places": [
            {"id": "bakery", "name": "Hilde's Bakery", "connections": ["square"], "properties": {"shop": True}},
            {"id": "square", "name": "Market Square", "connections": ["bakery", "quay"]},
            {"id": "quay", "name": "The Quay", "connections": ["square"]},
        ],
        "items": [{"id": "bread", "name": "barley loaf", "place": "bakery", "quantity": 5, "price": 2,
                   "properties": {"edible": True}}],
        "npcs": [
            {"name": "Hilde", "persona": "The village baker: warm and talkative.", "traits": ["kind", "talkative"],
             "start_place": "bakery", "sociability": 0.0,
             "relationships": {"Wulf": {"kind": "friend", "affinity": 0.6}},
             "knowledge": [{"subject": "fair", "predicate": "starts_at", "object": "noon",
                            "text": "the spring fair starts at noon"}]},
            {"name": "Wulf", "persona": "The quay keeper: quiet and watchful.", "traits": ["shy", "honest"],
             "start_place": "quay", "sociability": 0.0,
             "relationships": {"Hilde": {"kind": "friend", "affinity": 0.6},
                               "Odo": {"kind": "neighbour", "affinity": -0.1}},
             "knowledge": [{"subject": "Odo", "predicate": "sold", "object": "grain_store",
                            "text": "the reeve Odo sold the grain store to a stranger", "secret": True}]},
            {"name": "Odo", "persona": "The reeve: loud, anxious, with grain money to hide.",
             "traits": ["loud", "anxious"], "start_place": "square", "sociability": 0.0,
             "knowledge": [{"subject": "Odo", "predicate": "sold", "object": "grain_store",
                            "text": "I sold the grain store", "secret": True}]},
            {"name": "Kit", "persona": "A young stable boy, eager and curious.", "traits": ["eager"],
             "start_place": "square", "sociability": 0.0},
        ],
        "actions": [
            {"name": "bake", "description": "Bake a batch of barley loaves.",
             "preconditions": ["actor.place == bakery"], "effects": ["bread.quantity += 2"]},
            {"name": "sell", "description": "Sell goods over the counter.",
             "preconditions": ["here.shop == true"], "effects": ["actor.coins += 2"]},
            {"name": "pray", "description": "Say a prayer for the village.", "effects": []},
        ],
    }
