"""A way asked to a place said by what is there or by another word for it, not by its
name: "which way's the canteen?" for a cafeteria, a goal said in the lead-in and only
pointed at by the question ("the glass room with the wilting plant - which way from
here?"). The NPC answers with the route; a place like none in the world stays unknown."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from dialogue_helpers import shipped

from simverse.agents.player import ask
from simverse.llm.dialogue.described import way_goal
from simverse.world.model import World


def test_the_goal_of_a_way_question_is_found_in_the_question_or_its_lead_in():
    assert way_goal("from the gate, which way's the dinner hall?") == ["dinner"]  # "hall": any hall
    assert way_goal("the room with the red door - which way from here?") == ["the room with the red door"]
    assert way_goal("I've a letter for the mill by the river. Which way do I go?") == ["the mill by the river"]
    assert way_goal("how do I get to the old well from your door?") == ["the old well"]
    assert way_goal("nice weather for the ducks today") == []


@pytest.fixture(scope="module")
def classroom() -> Iterator[World]:
    with shipped("classroom", "minilm") as w:
        yield w


def test_another_word_for_a_place_gets_the_way(classroom):
    answer = ask(classroom, "Theo", "theo, which way's the canteen from here?").utterance
    assert "Cafeteria" in answer, answer


@pytest.mark.parametrize("line", ["which way to the swimming baths from here?", "how do i get to the gym?",
                                  "which way to the car park"])
def test_a_place_like_none_in_the_world_stays_unknown(classroom, line):
    answer = ask(classroom, "Theo", line).utterance
    assert "To get to" not in answer and "next to" not in answer, answer


def test_a_goal_said_in_the_lead_in_gets_the_way():
    with shipped("harbor_town", "minilm") as w:
        answer = ask(w, "Aldo", "Father, I've a parcel for the tall tower with the great lamp. Which way do I go?")
    assert "Town Square" in answer.utterance, answer.utterance


def test_a_goal_said_before_a_bare_way_question_gets_the_way():
    with shipped("service_desk", "minilm") as w:
        answer = ask(w, "Rosa", "I'm after the glass room with the wilting plant - which way from here?")
    assert "Front Desk" in answer.utterance, answer.utterance


def test_a_thing_that_only_says_which_place_gets_the_way_there():
    with shipped("clinic", "minilm") as w:
        answer = ask(w, "Nadia", "i need a cuppa - which way's the tea stand?").utterance
    assert "Coffee Kiosk" in answer, answer


def test_a_thing_asked_for_itself_gets_no_way_to_a_place_like_it():
    with shipped("quest_valley", "minilm") as w:
        answer = ask(w, "Brakka", "how do I get to the watchtower key?").utterance
    assert "Watchtower" not in answer, answer
