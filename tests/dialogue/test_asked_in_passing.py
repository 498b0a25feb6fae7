"""Questions people ask in passing: a drink named for a drink ("anywhere I can get a
cider?"), the boss asked by an idiom ("who do you answer to?"), a deed done to the NPC
("who knighted you?": someone else, never itself), and a distance ("is the quay far from
the bakery?": the way)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from dialogue_helpers import shipped

from simverse.agents.player import ask
from simverse.world.model import World


@pytest.fixture(scope="module")
def harbour() -> Iterator[World]:
    with shipped("harbor_town") as w:
        yield w


@pytest.fixture(scope="module")
def museum() -> Iterator[World]:
    with shipped("museum_tour") as w:
        yield w


def test_a_named_drink_asks_where_drink_is_sold(harbour):
    answer = ask(harbour, "Finn", "finn is there somewhere round here i can get a cider?").utterance
    assert "Salty Gull" in answer, answer


@pytest.mark.parametrize("line", ["camille who do you answer to around here?", "camille who do you work for?"])
def test_the_boss_asked_by_an_idiom(museum, line):
    assert "Hale is my boss" in ask(museum, "Camille", line).utterance


def test_a_deed_done_to_the_npc_is_not_answered_with_itself():
    with shipped("quest_valley") as valley:
        answer = ask(valley, "Rowan", "rowan who knighted you, anyway?").utterance
    assert "knight" not in answer, answer  # not "I do; I am the young knight"


def test_a_distance_asked_between_two_places_is_the_way(world):
    answer = ask(world, "Kit", "kit is the quay far from hilde's bakery?").utterance
    assert "Market Square" in answer, answer


def test_someone_asked_for_by_the_role_word_is_named():
    with shipped("service_desk") as service:
        answer = ask(service, "Rosa", "rosa is there a trainee in today?").utterance
        nobody = ask(service, "Rosa", "rosa is there a locksmith in today?").utterance
    assert "Bea" in answer, answer
    assert "That's" not in nobody, nobody  # no one's role says it


def test_where_a_belief_was_heard_asks_its_source_not_a_place():
    from simverse.llm.dialogue.reading import read

    assert read("where did you hear that about the mayor?").wh == "how"
    assert read("where did you put the ledger?").wh == "where"
