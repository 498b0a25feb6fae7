"""A relationship asked by an English idiom for it ("who showed you the ropes?" for a
mentor), only when the line asks of the NPC's own ("you", "your")."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from simverse.agents.player import ask
from simverse.core.loader import parse_world
from simverse.world.model import World


@pytest.fixture
def yard() -> Iterator[World]:
    npc = {"traits": ["calm"], "sociability": 0.0, "start_place": "yard"}
    spec = {
        "format_version": 1, "name": "yard", "title": "Yard",
        "environment": {"start": "08:00", "minutes_per_step": 60},
        "settings": {"conversation_turns": 4, "hunger_per_step": 0.0, "embedder": "hashing"},
        "places": [{"id": "yard", "name": "Timber Yard", "connections": []}],
        "npcs": [{**npc, "name": "Jory", "persona": "A young sawyer.",
                  "relationships": {"Bede": {"kind": "mentor", "affinity": 0.5},
                                    "Cass": {"kind": "source", "affinity": 0.2}}},
                 {**npc, "name": "Bede", "persona": "An old sawyer."},
                 {**npc, "name": "Cass", "persona": "A carter who hears everything."}],
    }
    w = World(parse_world(spec), seed=0, embedder="hashing")
    yield w
    w.close()


def test_an_idiom_for_a_relationship_names_the_person(yard):
    assert "Bede" in ask(yard, "Jory", "who showed you the ropes when you started here?").utterance
    assert "Cass" in ask(yard, "Jory", "who tips you off about what goes on?").utterance


def test_an_idiom_without_you_asks_of_no_relationship(yard):
    answer = ask(yard, "Jory", "who showed the old carter the ropes?").utterance
    assert "Bede" not in answer, answer
