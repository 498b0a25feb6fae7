"""A tiny world for event-inference tests, and a fake events model that returns canned text.

(Not named conftest: tests/core imports its own ``conftest`` module by name.)"""

from __future__ import annotations

import copy
import json
from collections.abc import Sequence
from typing import Any

from simverse.core.llm_protocol import LLMRequest, LLMResponse
from simverse.core.loader import parse_world
from simverse.world.model import World

EVENTS_TINY: dict[str, Any] = {
    "format_version": 1,
    "name": "events_tiny",
    "title": "Tiny Port",
    "environment": {"start": "08:00", "minutes_per_step": 60},
    "settings": {"hunger_per_step": 0.0, "embedder": "hashing", "allow_improvise": True},
    "places": [
        {"id": "harbour", "name": "The Harbour", "connections": ["market"]},
        {"id": "market", "name": "Market Street", "connections": ["harbour", "bakery"], "properties": {"market": True}},
        {"id": "bakery", "name": "Bakery", "connections": ["market"]},
    ],
    "items": [{"id": "bread", "name": "loaf", "place": "bakery", "quantity": 1, "price": 1,
               "properties": {"edible": True}}],
    "npcs": [
        {"name": "Ann", "persona": "the baker", "start_place": "bakery", "coins": 5},
        {"name": "Bob", "persona": "a fisher", "start_place": "bakery", "coins": 5},
        {"name": "Cid", "persona": "a child", "start_place": "market", "coins": 1},
    ],
    "actions": [
        {"name": "buy", "description": "buy an item here", "args": {"item": "item"},
         "preconditions": ["item.place == actor.place", "item.quantity > 0", "actor.coins >= item.price"],
         "effects": ["item.quantity -= 1", "actor.coins -= item.price", "actor.inventory += item"],
         "narration": "{actor} buys a {item_name}."},
    ],
}


def make_port(world: dict[str, Any], **kwargs: Any) -> World:
    return World(parse_world(world), seed=kwargs.pop("seed", 0), embedder="hashing", **kwargs)


class CannedBackend:
    """An events model that answers every request with the next canned text, and keeps
    what it was asked (one list per ``generate_batch`` call)."""

    name = "canned"
    model = "canned"

    def __init__(self, *answers: str | dict[str, Any]) -> None:
        self.answers = [a if isinstance(a, str) else json.dumps(a) for a in answers]
        self.batches: list[list[LLMRequest]] = []

    def generate_batch(self, requests: Sequence[LLMRequest]) -> list[LLMResponse]:
        self.batches.append(list(requests))
        out = []
        for _ in requests:
            text = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
            out.append(LLMResponse(text=text))
        return out


def new_port() -> dict[str, Any]:
    """A fresh copy of the tiny port world as a dict, to edit in a test."""
    return copy.deepcopy(EVENTS_TINY)
