"""After "I don't know", what a person the line names and asks the NPC about is to it
("is Ruth one of the people you look out for?"), on the mill of the aims tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from simverse.agents.player import ask
from simverse.core.loader import parse_world
from simverse.experiments.dialogue_eval import DONT_KNOW
from simverse.world.model import World
from tests.dialogue.test_aims_bonds_deeds import mill


@pytest.fixture
def world() -> Iterator[World]:
    w = World(parse_world(mill()), seed=0, embedder="hashing")
    yield w
    w.close()


def test_a_person_asked_about_in_relation_to_the_npc_gets_what_they_are_to_it(world):
    answer = ask(world, "Odile", "Odile, is Ruth one of the people you look out for?").utterance
    assert "Ruth is my neighbour" in answer, answer


@pytest.mark.parametrize("line", ["is Ruth at the loft?", "did Ruth see you at the creek yesterday?"])
def test_no_relationship_for_a_line_not_about_the_npc_now(world, line):
    answer = ask(world, "Odile", line).utterance
    assert "neighbour" not in answer and DONT_KNOW.search(answer), answer
