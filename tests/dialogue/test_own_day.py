"""Who the NPC is, what its day holds and where one stands, asked as a stranger asks ("tell me about
yourself", "what's the plan for today?", "what did you come here for?", "got anything to
eat?"), and lines close to them that ask something else, on an invented kiln yard."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from simverse.agents.player import ask
from simverse.core.loader import parse_world
from simverse.world.model import World
from tests.dialogue.test_doing_now import kiln as doing_now_kiln


def kiln() -> dict[str, Any]:
    """The kiln yard of ``test_doing_now``, with an oat bun on sale and a ferrywoman at the ford
    who sells nothing."""
    world = doing_now_kiln()
    world["items"] = [{"id": "bun", "name": "oat bun", "place": "yard", "quantity": 4, "price": 3,
                       "properties": {"edible": True}}]
    world["npcs"].append({"name": "Wenna", "persona": "The ferrywoman: brisk.", "traits": ["brisk"],
                          "sociability": 0.0, "start_place": "ford", "goals": ["carry the mail across"]})
    return world


@pytest.fixture(scope="module")
def world() -> Iterator[World]:
    w = World(parse_world(kiln()), seed=0, embedder="hashing")
    yield w
    w.close()


@pytest.mark.parametrize("line", ["tell me a bit about yourself", "Piran, so what's your story?",
                                  "introduce yourself, would you?"])
def test_an_introduction_asked_says_who_what_now_and_what_for(world, line):
    said = ask(world, "Piran", line).utterance
    assert "Piran" in said and "potter" in said and "stacking the kiln" in said and "fire forty pots" in said


@pytest.mark.parametrize("line", ["what's the plan for today?", "what's on the agenda?",
                                  "what does the day look like?", "what are we doing today?"])
def test_the_days_plan_asked_without_you_is_its_activity_and_goals(world, line):
    said = ask(world, "Piran", line).utterance
    assert "stacking the kiln" in said and "fire forty pots" in said


@pytest.mark.parametrize("line", ["what's the plan for tomorrow?", "what's the plan for the Ford?",
                                  "tell me about Wenna"])
def test_another_day_or_another_thing_is_not_its_own_day(world, line):
    said = ask(world, "Piran", line).utterance
    assert "fire forty pots" not in said and "I'm Piran" not in said


@pytest.mark.parametrize("line", ["what did you come here for?", "why did you come to the yard?",
                                  "why are you here, then?"])
def test_why_it_came_is_what_it_is_after(world, line):
    assert "fire forty pots" in ask(world, "Piran", line).utterance


def test_why_it_came_at_another_time_is_not_its_goal_now(world):
    assert "fire forty pots" not in ask(world, "Piran", "what did you come here for yesterday?").utterance


def test_food_asked_where_wares_are_sold_is_the_wares(world):
    assert "oat bun for 3 coins" in ask(world, "Piran", "got anything to eat?").utterance


def test_the_cheapest_asked_where_wares_are_sold_is_the_cheapest_ware(world):
    assert ask(world, "Piran", "what's the cheapest thing you've got?").utterance == \
        "The cheapest here is an oat bun, 3 coins."


def test_food_asked_where_nothing_is_sold_offers_no_wares(world):
    assert "coins" not in ask(world, "Wenna", "got anything to eat?").utterance


@pytest.mark.parametrize("line", ["where are we?", "excuse me, where am i?", "what is this place?"])
def test_where_the_asker_stands_is_the_npcs_place(world, line):
    assert "This is Kiln Yard" in ask(world, "Piran", line).utterance


@pytest.mark.parametrize("line", ["where are you from?", "where are we going?"])
def test_a_birthplace_or_a_way_is_not_where_it_stands(world, line):
    assert "This is Kiln Yard" not in ask(world, "Piran", line).utterance


@pytest.mark.parametrize("line", ["nice to meet you", "it's so nice to meet you", "good to see you again"])
def test_pleasure_at_meeting_is_a_greeting_not_an_order_or_a_farewell(world, line):
    decision = ask(world, "Piran", line)
    assert decision.action == "talk" and "cannot" not in decision.utterance
    assert decision.utterance != ask(world, "Piran", "goodbye").utterance


def test_a_farewell_that_says_it_was_good_to_see_one_is_a_farewell(world):
    assert ask(world, "Piran", "bye, good to see you").utterance == ask(world, "Piran", "goodbye").utterance


@pytest.mark.parametrize("line", ["did you sleep well?", "how was your morning?"])
def test_how_its_day_has_gone_is_told_from_how_it_is(world, line):
    assert ask(world, "Piran", line).utterance == ask(world, "Piran", "how are you?").utterance


@pytest.mark.parametrize("line", ["what is it you do?", "what is it you do for work, if you don't mind me asking?"])
def test_its_job_asked_as_what_it_is_it_does_is_its_role(world, line):
    assert ask(world, "Piran", line).utterance == "I'm the potter."


def test_what_it_does_off_work_is_not_its_job(world):
    assert ask(world, "Piran", "what do you do for fun?").utterance != "I'm the potter."
