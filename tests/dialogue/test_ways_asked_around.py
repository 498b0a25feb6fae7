"""Ways asked with more around them: to the place that sells what the line names, from
where the NPC stands; past the people said on the way ("a message for Wulf at the quay,
how do I get there?"); to a place called by two words close to its name ("the brew stand"
for the Tea Kiosk), but not by two words that are another thing's name."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from simverse.agents.player import ask
from simverse.core.loader import parse_world
from simverse.world.model import World
from tests.dialogue.word_groups import WordGroups


def test_the_way_to_where_the_things_named_are_sold(world):
    answer = ask(world, "Wulf", "I'm starving, how do I get from the quay to the place that does barley loaves?")
    assert "Hilde's Bakery" in answer.utterance and "Market Square" in answer.utterance, answer.utterance


def test_a_person_said_on_the_way_is_not_where_the_way_goes(world):
    answer = ask(world, "Kit", "I've a message for Wulf at the quay, how do I get there from the bakery?").utterance
    assert "The Quay" in answer and "Market Square" in answer, answer


def hall() -> dict[str, Any]:
    npc = {"traits": ["calm"], "sociability": 0.0}
    return {
        "format_version": 1, "name": "hall", "title": "Hall",
        "environment": {"start": "08:00", "minutes_per_step": 60},
        "settings": {"conversation_turns": 4, "hunger_per_step": 0.0, "embedder": "hashing"},
        "places": [{"id": "hall", "name": "Front Hall", "connections": ["corridor"]},
                   {"id": "corridor", "name": "Long Corridor", "connections": ["hall", "kiosk"]},
                   {"id": "kiosk", "name": "Tea Kiosk", "connections": ["corridor"]}],
        "npcs": [{**npc, "name": "Ros", "persona": "A porter.", "start_place": "hall"}],
    }


@pytest.fixture
def hall_world() -> Iterator[World]:
    w = World(parse_world(hall()), seed=0, embedder="hashing")
    w.brain.hear_with(WordGroups({"stand", "kiosk"}, {"brew", "tea"}))
    yield w
    w.close()


def test_two_words_close_to_a_place_s_name_name_it(hall_world):
    answer = ask(hall_world, "Ros", "where's this brew stand everyone goes on about?").utterance
    assert "Tea Kiosk" in answer and "Long Corridor" in answer, answer


def test_two_words_close_to_no_place_s_name_name_none(hall_world):
    answer = ask(hall_world, "Ros", "where's the nearest cash machine?").utterance
    assert "Kiosk" not in answer and "Corridor" not in answer, answer
