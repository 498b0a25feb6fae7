"""Wares asked for in other words ("a brew" for the pot of tea), chosen by the embedder
only when one ware stands out; prices asked of a place list its wares."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from simverse.agents.player import ask
from simverse.core.loader import parse_world
from simverse.world.model import World
from tests.dialogue.word_groups import WordGroups


def _groups() -> WordGroups:
    """The words of one group are one concept ("brew" and "tea"; "lamp" and "lantern"; "snack",
    "bun" and "cake")."""
    return WordGroups({"brew", "tea"}, {"lamp", "lantern"}, {"snack", "bun", "cake"})


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
    world.brain.hear_with(_groups())
    assert "2 coins" in ask(world, "Mei", "how much is a brew these days?").utterance
    assert "5 coins" in ask(world, "Mei", "what does a lamp go for?").utterance


def test_without_meaning_a_word_names_no_ware(world):
    assert "coin" not in ask(world, "Mei", "how much is a brew these days?").utterance


def test_a_word_close_to_two_wares_names_neither(world):
    world.brain.hear_with(_groups())
    assert "coin" not in ask(world, "Mei", "how much is a snack?").utterance


def test_a_word_close_to_a_ware_of_the_place_named_picks_it_there(world):
    world.brain.hear_with(_groups())
    assert "1 coin" in ask(world, "Mei", "how much is a snack at the Willow Teahouse?").utterance


def test_prices_asked_of_a_place_list_its_wares(world):
    answer = ask(world, "Mei", "what are prices like at the Willow Teahouse?").utterance
    assert "pot of tea" in answer and "2 coins" in answer and "sesame bun" in answer, answer
