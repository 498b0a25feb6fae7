"""Who is in charge, and whom to see about something: from the roles in personas and the
places personas name, in a world of invented people and words."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from simverse.agents.player import ask
from simverse.core.loader import parse_world
from simverse.llm.dialogue.charge import charge_asked
from simverse.llm.dialogue.reading import read
from simverse.world.model import World


def reserve() -> dict[str, Any]:
    """A moorland reserve: a warden who heads it, a gardener, a cook of the Copper Kettle,
    and a walker who knows nothing."""
    npc = {"traits": ["calm"], "sociability": 0.0}
    return {
        "format_version": 1, "name": "reserve", "title": "Reserve",
        "environment": {"start": "08:00", "minutes_per_step": 60},
        "settings": {"conversation_turns": 4, "hunger_per_step": 0.0, "embedder": "hashing"},
        "places": [
            {"id": "lodge", "name": "Heather Lodge", "connections": ["kettle", "beds"]},
            {"id": "kettle", "name": "The Copper Kettle", "connections": ["lodge"]},
            {"id": "beds", "name": "Walled Garden", "connections": ["lodge"]},
        ],
        "items": [{"id": "jam", "name": "bramble jam", "place": "kettle", "quantity": 4, "price": 2}],
        "npcs": [
            {**npc, "name": "Oona", "persona": "The reserve warden: strict, weathered, fond of curlews.",
             "start_place": "lodge"},
            {**npc, "name": "Per", "persona": "The head gardener: slow-spoken, proud of his leeks.",
             "start_place": "beds"},
            {**npc, "name": "Dagny", "persona": "Cook of The Copper Kettle, loud and generous.",
             "start_place": "kettle"},
            {**npc, "name": "Rhys", "persona": "A walker passing through, lost as usual.", "start_place": "lodge"},
            {**npc, "name": "Sefton", "persona": "The harbourmaster: gruff, counts rope.", "start_place": "lodge"},
        ],
    }


@pytest.fixture
def world() -> Iterator[World]:
    w = World(parse_world(reserve()), seed=0, embedder="hashing")
    yield w
    w.close()


@pytest.mark.parametrize("line", ["who is in charge around here?", "Who's the boss of this place?",
                                  "who runs this whole outfit?"])
def test_the_one_whose_role_heads_things_is_in_charge_of_the_place(world, line):
    assert "Oona" in ask(world, "Rhys", line).utterance


@pytest.mark.parametrize("line", ["who looks after the gardens?", "Who should I talk to about the garden beds?",
                                  "who takes care of gardening here?"])
def test_a_charge_that_shares_a_root_with_a_role_names_its_person(world, line):
    assert "Per" in ask(world, "Rhys", line).utterance


def test_a_place_the_persona_names_is_run_by_that_person(world):
    assert ask(world, "Rhys", "who runs the Copper Kettle?").utterance.startswith("That's Dagny")


def test_whom_to_see_about_a_ware_is_who_keeps_the_place_it_is_sold_at(world):
    assert ask(world, "Rhys", "who do I talk to about the jam?").utterance.startswith("That's Dagny")


def test_a_role_no_list_knows_is_read_from_the_persona_s_opening(world):
    assert "Sefton" in ask(world, "Rhys", "who is the harbourmaster?").utterance
    assert ask(world, "Rhys", "who looks after the harbour?").utterance.startswith("That's Sefton")


def test_the_one_in_charge_says_so_itself(world):
    assert ask(world, "Oona", "who's in charge here?").utterance.startswith("I am")


def test_a_charge_no_role_fits_gets_no_guess(world):
    answer = ask(world, "Rhys", "who is in charge of the fireworks?").utterance
    assert not any(name in answer for name in ("Oona", "Per", "Dagny")), answer


def test_a_who_question_without_a_charge_is_not_read_as_one(world):
    answer = ask(world, "Rhys", "who stole the curlew eggs?").utterance
    assert not any(name in answer for name in ("Oona", "Per", "Dagny")), answer


@pytest.mark.parametrize("line", ["who is the runner?", "who is the manager here?", "who leaded the way?"])
def test_a_role_word_is_no_phrase_of_being_in_charge(line):
    assert charge_asked(read(line)) is None
