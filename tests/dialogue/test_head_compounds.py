"""A head word of a name said inside another noun phrase names nothing: "the town hall"
is not the North Hall, nor is "the hall office"; said alone, with an adjective, an owner
or a verb it still names its place. The invented abbey of
``test_places_described``."""

from __future__ import annotations

import pytest

from simverse.agents.names import world_names
from simverse.agents.player import ask
from simverse.core.loader import parse_world
from tests.dialogue.test_places_described import abbey, world  # noqa: F401  (the abbey fixture)


@pytest.fixture(scope="module")
def names():
    return world_names(parse_world(abbey()))


@pytest.mark.parametrize("line", ["where is the town hall?", "how do I get to the pool hall?",
                                  "where's the hall office?", "is there a hall office?"])
def test_a_head_word_inside_another_noun_phrase_names_nothing(names, line):
    assert "north_hall" not in names.find(line)


@pytest.mark.parametrize(("line", "place"), [
    ("where is the hall?", "north_hall"), ("is the hall open?", "north_hall"),
    ("what does the hall keep?", "north_hall"), ("how far is the old hall", "north_hall"),
    ("Anselm's hall, where is it?", "north_hall"), ("the cloister, the hall", "north_hall"),
    ("where is the north hall office?", "north_hall"), ("a mug of brew", "brew")])
def test_a_head_word_alone_or_with_an_adjective_names_its_place(names, line, place):
    assert place in names.find(line)


def test_the_way_to_another_places_head_word_is_not_given(world):  # noqa: F811
    answer = ask(world, "Aude", "how do I get to the town hall?").utterance
    assert "North Hall" not in answer, answer
