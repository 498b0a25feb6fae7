"""What the NPC is doing now, asked in other words ("what has you occupied?"), and lines
close to it that ask something else, on an invented kiln yard and its toy encoder."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from simverse.agents.player import ask
from simverse.core.loader import parse_world
from simverse.world.model import World
from tests.dialogue.word_groups import WordGroups


def kiln() -> dict[str, Any]:
    return {
        "format_version": 1, "name": "kiln", "title": "Kiln",
        "environment": {"start": "08:00", "minutes_per_step": 60},
        "settings": {"conversation_turns": 4, "hunger_per_step": 0.0, "embedder": "hashing"},
        "places": [{"id": "yard", "name": "Kiln Yard", "connections": ["ford"]},
                   {"id": "ford", "name": "Ford", "connections": ["yard"]}],
        "items": [{"id": "tongs", "name": "iron tongs", "place": "Piran", "properties": {"portable": True}}],
        "npcs": [{"name": "Piran", "persona": "The potter: patient.", "traits": ["calm"], "sociability": 0.0,
                  "start_place": "yard", "goals": ["fire forty pots"],
                  "schedule": [{"start": "00:00", "place": "yard", "activity": "stacking the kiln"}]}],
    }


@pytest.fixture
def world() -> Iterator[World]:
    w = World(parse_world(kiln()), seed=0, embedder="hashing")
    w.brain.hear_with(WordGroups({"doing", "occupied", "keeps"}))
    yield w
    w.close()


@pytest.mark.parametrize("line", ["Piran, what has you so occupied?", "what keeps you at it here?"])
def test_doing_now_asked_in_other_words_is_the_activity(world, line):
    assert "stacking the kiln" in ask(world, "Piran", line).utterance


@pytest.mark.parametrize("line", ["what are you carrying there?", "what has you occupied at the Ford?",
                                  "what kept you occupied yesterday?"])
def test_lines_near_it_that_ask_something_else_get_no_activity(world, line):
    assert "stacking the kiln" not in ask(world, "Piran", line).utterance


@pytest.mark.parametrize("line", ["what are you crouched down fiddling with there?",
                                  "what's all that you're stacking, Piran?"])
def test_what_the_npc_is_busy_doing_asked_with_a_verb_of_doing_is_the_activity(world, line):
    assert "stacking the kiln" in ask(world, "Piran", line).utterance


@pytest.mark.parametrize("line", ["what are you hoping for today?", "what are you looking at?"])
def test_a_verb_of_aiming_or_seeing_asks_no_activity(world, line):
    assert "stacking the kiln" not in ask(world, "Piran", line).utterance


@pytest.mark.parametrize("line", ["that kiln of yours got a name?", "Piran, what do you call the kiln you're stacking?",
                                  "the kiln you keep stacking, is it named after anyone?"])
def test_a_name_asked_of_what_it_works_on_is_not_its_doing(world, line):
    assert "stacking the kiln" not in ask(world, "Piran", line).utterance


@pytest.mark.parametrize("line", ["what do people call you?", "what should I call you, then?", "what are you called?"])
def test_its_own_name_asked_in_other_words_is_its_name(world, line):
    assert "I'm Piran" in ask(world, "Piran", line).utterance
