"""A question about one property of a thing ("what colour was it?") is answered only by a
belief that speaks of it; and "the valley" is no name for "the lost map of the valley",
while "the soup" still names "a bowl of soup"."""

from __future__ import annotations

from simverse.agents.names import world_names
from simverse.agents.player import ask
from simverse.core.loader import parse_world
from tests.dialogue.dialogue_helpers import village


def test_a_colour_asked_is_not_answered_by_a_belief_that_names_none(world):
    answer = ask(world, "Hilde", "what colour will it be, the spring fair?").utterance
    assert answer.startswith("That I do not know"), answer  # what it does know may follow, as an aside


def test_a_question_without_a_property_word_is_answered_by_the_belief(world):
    answer = ask(world, "Hilde", "what time does the spring fair start?").utterance
    assert "noon" in answer and "not know" not in answer, answer


def _spec():
    world = village()
    world["items"] += [{"id": "map", "name": "lost map of the marsh", "place": "square", "quantity": 1, "price": 9},
                       {"id": "soup", "name": "bowl of leek soup", "place": "bakery", "quantity": 3, "price": 2}]
    return parse_world(world)


def test_what_comes_after_of_names_the_thing_only_after_a_measure():
    names = world_names(_spec())
    assert names.find("is there an inn anywhere in this marsh?") == []
    assert names.find("where can I get the map?") == ["map"]
    assert names.find("how much is the soup?") == ["soup"]
