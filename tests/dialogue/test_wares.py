"""Wares asked for in other words ("a cuppa" for the pot of tea), chosen by the embedder
only when one ware stands out; prices asked of a place list its wares."""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest

from simverse.agents.player import ask
from simverse.core.loader import parse_world
from simverse.core.names import FUNCTION_WORDS
from simverse.world.model import World


class _Groups:
    """A toy encoder: a text is its bag of words, and the words of one group are one
    concept ("cuppa" and "tea"; "lamp" and "lantern"; "snack", "bun" and "cake")."""

    GROUPS = ({"cuppa", "tea"}, {"lamp", "lantern"}, {"snack", "bun", "cake"})

    def embed(self, texts: list[str]) -> np.ndarray:
        rows = []
        for text in texts:
            vector = np.zeros(64, dtype=np.float32)
            for word in (w for w in re.findall(r"[a-z]+", text.lower()) if w not in FUNCTION_WORDS):
                group = next((i for i, g in enumerate(self.GROUPS) if word in g), None)
                vector[group if group is not None else 8 + zlib.crc32(word.encode()) % 56] += 1.0
            norm = float(np.linalg.norm(vector))
            rows.append(vector / norm if norm else vector)
        return np.stack(rows)


def teahouse() -> dict[str, Any]:
    npc = {"traits": ["calm"], "sociability": 0.0}
    return {
        "format_version": 1, "name": "teahouse", "title": "Teahouse",
        "environment": {"start": "08:00", "minutes_per_step": 60},
        "settings": {"conversation_turns": 4, "hunger_per_step": 0.0, "embedder": "hashing"},
        "places": [
            {"id": "teahouse", "name": "Willow Teahouse", "connections": ["stall"]},
            {"id": "stall", "name": "Riverside Stall", "connections": ["teahouse"]},
        ],
        "items": [
            {"id": "tea", "name": "pot of tea", "place": "teahouse", "quantity": 9, "price": 2},
            {"id": "bun", "name": "sesame bun", "place": "teahouse", "quantity": 9, "price": 1},
            {"id": "cake", "name": "honey cake", "place": "stall", "quantity": 9, "price": 3},
            {"id": "lantern", "name": "paper lantern", "place": "stall", "quantity": 9, "price": 5},
        ],
        "npcs": [{**npc, "name": "Mei", "persona": "A ferry pilot on her day off.", "start_place": "stall"}],
    }


@pytest.fixture
def world() -> Iterator[World]:
    w = World(parse_world(teahouse()), seed=0, embedder="hashing")
    yield w
    w.close()


def test_a_ware_said_in_other_words_has_its_price(world):
    world.brain.hear_with(_Groups())
    assert "2 coins" in ask(world, "Mei", "how much is a cuppa these days?").utterance
    assert "5 coins" in ask(world, "Mei", "what does a lamp go for?").utterance


def test_without_meaning_a_word_names_no_ware(world):
    assert "coin" not in ask(world, "Mei", "how much is a cuppa these days?").utterance


def test_a_word_close_to_two_wares_names_neither(world):
    world.brain.hear_with(_Groups())
    assert "coin" not in ask(world, "Mei", "how much is a snack?").utterance


def test_a_word_close_to_a_ware_of_the_place_named_picks_it_there(world):
    world.brain.hear_with(_Groups())
    assert "1 coin" in ask(world, "Mei", "how much is a snack at the Willow Teahouse?").utterance


def test_prices_asked_of_a_place_list_its_wares(world):
    answer = ask(world, "Mei", "what are prices like at the Willow Teahouse?").utterance
    assert "pot of tea" in answer and "2 coins" in answer and "sesame bun" in answer, answer
