"""The way between places: from where the NPC stands, and between two places the line names."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from dialogue_helpers import village

from simverse.agents.player import ask
from simverse.core.loader import parse_world
from simverse.world.model import World


@pytest.fixture
def world() -> Iterator[World]:
    w = World(parse_world(village()), seed=0, embedder="hashing")  # bakery - square - quay
    yield w
    w.close()


@pytest.mark.parametrize("line", ["How do I get from the quay to the bakery?",
                                  "how would I get to Hilde's Bakery from the Quay?",
                                  "Which way is it from the quay over to the bakery?"])
def test_the_way_between_two_named_places_starts_where_the_line_says(world, line):
    answer = ask(world, "Hilde", line).utterance  # Hilde stands in the bakery, not at the quay
    assert "Market Square" in answer and "We're at" not in answer, answer
    assert answer.index("Hilde's Bakery") < answer.index("Market Square"), answer  # to the bakery, by the square


def test_a_way_that_starts_where_the_npc_stands_is_said_from_here(world):
    answer = ask(world, "Hilde", "How do I get from the bakery to the quay?").utterance
    assert answer == "To get to The Quay, go by Market Square.", answer


def test_a_neighbouring_place_is_right_next_to_the_start(world):
    answer = ask(world, "Kit", "how do I get from the quay to the square?").utterance  # Kit is in the square
    assert answer.startswith("Market Square is right next to The Quay"), answer
    answer = ask(world, "Hilde", "how do I get from the square to the quay?").utterance
    assert answer.startswith("The Quay is right next to Market Square"), answer


@pytest.mark.parametrize("line", ["What's the quickest way from the quay over to the bakery?",
                                  "what is the shortest route from the quay to Hilde's Bakery?",
                                  "is there a path from the quay to the bakery?"])
def test_a_way_asked_for_as_a_thing_is_a_way(world, line):
    answer = ask(world, "Hilde", line).utterance
    assert "Market Square" in answer and answer.index("Hilde's Bakery") < answer.index("Market Square"), answer
