"""An answer answers what was asked: what the NPC is doing now is no answer to a count or to
another day; "who is X married to?" is not about X; an order with a question tag is an order;
"pour me a pint" asks for a ware of the place said in other words; "see to those waiting
lamps" asks for the NPC's work at the place whose description names them. An invented
lamp yard and inn."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from simverse.agents.player import ask
from simverse.core.loader import parse_world
from simverse.experiments.dialogue_eval import DONT_KNOW
from simverse.llm.dialogue.reading import read
from simverse.world.model import World
from tests.dialogue.word_groups import WordGroups


def lamp_yard() -> dict[str, Any]:
    """Corin trims lamps in the yard (his shift, not a word of the lamps); Brida keeps the
    inn, where dark ale is sold; pale ale is sold at the quay."""
    npc = {"traits": ["calm"], "sociability": 0.0}
    return {
        "format_version": 1, "name": "lamp_yard", "title": "Lamp Yard",
        "environment": {"start": "08:00", "minutes_per_step": 60},
        "settings": {"conversation_turns": 4, "hunger_per_step": 0.0, "embedder": "hashing"},
        "places": [
            {"id": "yard", "name": "Lamp Yard", "connections": ["inn"],
             "description": "Rows of brass lamps waiting to be trimmed before dusk."},
            {"id": "inn", "name": "Copper Kettle Inn", "connections": ["yard", "quay"]},
            {"id": "quay", "name": "Old Quay", "connections": ["inn"]},
        ],
        "items": [
            {"id": "dark_ale", "name": "dark ale", "place": "inn", "quantity": 9, "price": 2},
            {"id": "pale_ale", "name": "pale ale", "place": "quay", "quantity": 9, "price": 1},
        ],
        "npcs": [
            {**npc, "name": "Corin", "persona": "The lamplighter: patient and exact.", "start_place": "yard",
             "schedule": [{"start": "00:00", "place": "yard", "activity": "working the early shift",
                           "action": "trim"}]},
            {**npc, "name": "Brida", "persona": "The innkeeper: brisk and cheerful.", "start_place": "inn"},
            {**npc, "name": "Tamsin", "persona": "A ropemaker from the quay.", "start_place": "inn"},
        ],
        "actions": [
            {"name": "trim", "description": "Trim the wicks of the lamps in the yard.",
             "preconditions": ["actor.place == yard"], "effects": []},
            {"name": "queue_up", "description": "Stand in line for a lamp to be lit.",
             "preconditions": ["actor.place == inn"], "effects": []},
            {"name": "sell", "description": "Sell a drink over the bar.", "args": {"item": "item"},
             "preconditions": ["item.place == actor.place", "item.quantity > 0"], "effects": []},
        ],
    }


@pytest.fixture
def world() -> Iterator[World]:
    w = World(parse_world(lamp_yard()), seed=0, embedder="hashing")
    yield w
    w.close()


def test_what_it_is_doing_answers_what_it_is_doing(world):
    assert "early shift" in ask(world, "Corin", "Corin, what are you doing?").utterance


@pytest.mark.parametrize("line", ["Corin, how many shifts did you work last week?",
                                  "will the early shift be a long one tomorrow?",
                                  "corin how many shifts are you working yesterday"])
def test_a_count_or_another_day_is_not_answered_with_what_it_is_doing(world, line):
    answer = ask(world, "Corin", line).utterance
    assert "early shift" not in answer and DONT_KNOW.search(answer), answer


def test_who_someone_is_tied_to_is_not_who_they_are(world):
    answer = ask(world, "Tamsin", "who is Brida married to?").utterance
    assert "innkeeper" not in answer and DONT_KNOW.search(answer), answer
    assert "innkeeper" in ask(world, "Tamsin", "who is Brida?").utterance


def test_an_order_with_a_question_tag_is_no_question():
    assert not read("trim the lamps, would you?").question
    assert read("would you trim the lamps?").question


def test_the_npcs_work_at_a_place_whose_description_names_what_is_asked(world):
    assert ask(world, "Corin", "Corin, see to those waiting lamps, will you?").action == "trim"


def test_a_ware_said_in_other_words_is_the_one_sold_here(world):
    world.brain.hear_with(WordGroups({"pint", "ale"}))
    reply = ask(world, "Brida", "Brida, pull me a pint would you?")
    assert reply.action == "sell" and reply.args.get("item") == "dark_ale", reply
