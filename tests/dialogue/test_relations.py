"""Relationships asked by what they mean ("who do you travel with?" for companions): one
relationship that stands out is said, several of one kind are said together, two kinds
that fit as well are no answer."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from simverse.agents.player import ask
from simverse.core.loader import parse_world
from simverse.world.model import World
from tests.dialogue.word_groups import WordGroups


def _meanings() -> WordGroups:
    """"travel" and "companion" are one concept (with "escort"), and so are "trust" and
    "confidant"."""
    return WordGroups({"travel", "companion", "escort"}, {"trust", "confidant"})


def caravan(kinds: dict[str, str]) -> dict[str, Any]:
    npc = {"traits": ["calm"], "sociability": 0.0, "start_place": "camp"}
    return {
        "format_version": 1, "name": "caravan", "title": "Caravan",
        "environment": {"start": "08:00", "minutes_per_step": 60},
        "settings": {"conversation_turns": 4, "hunger_per_step": 0.0, "embedder": "hashing"},
        "places": [{"id": "camp", "name": "Salt Camp", "connections": []}],
        "npcs": [
            {**npc, "name": "Tamsin", "persona": "A caravan scout.",
             "relationships": {who: {"kind": kind, "affinity": 0.5} for who, kind in kinds.items()}},
            {**npc, "name": "Bodo", "persona": "A camel driver."},
            {**npc, "name": "Liesl", "persona": "A salt trader."},
        ],
    }


@pytest.fixture
def make() -> Iterator:
    worlds: list[World] = []

    def build(kinds: dict[str, str]) -> World:
        w = World(parse_world(caravan(kinds)), seed=0, embedder="hashing")
        w.brain.hear_with(_meanings())
        worlds.append(w)
        return w

    yield build
    for w in worlds:
        w.close()


def test_a_relationship_asked_by_its_meaning_is_said(make):
    world = make({"Bodo": "companion", "Liesl": "confidant"})
    assert ask(world, "Tamsin", "Who do you travel with?").utterance == "Bodo is my companion."


def test_several_relationships_of_the_kind_asked_are_said_together(make):
    world = make({"Bodo": "companion", "Liesl": "companion"})
    assert ask(world, "Tamsin", "who do you travel with?").utterance == "Bodo and Liesl are my companions."


def test_two_kinds_that_fit_as_well_are_no_answer(make):
    world = make({"Bodo": "companion", "Liesl": "escort"})
    answer = ask(world, "Tamsin", "who do you travel with?").utterance
    assert "Bodo" not in answer and "Liesl" not in answer, answer
