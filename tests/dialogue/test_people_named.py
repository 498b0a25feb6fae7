"""Who a named person is: their role before a title ("Father Anselm, the priest"), a role
of two words ("the lamp keeper"), and questions that name a person but ask about someone
tied to them ("who is Anselm married to?"), on an invented hamlet."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from simverse.agents.player import ask
from simverse.core.loader import parse_world
from simverse.world.model import World


def hamlet() -> dict[str, Any]:
    npc = {"traits": ["calm"], "sociability": 0.0, "start_place": "green"}
    return {
        "format_version": 1, "name": "hamlet", "title": "Hamlet",
        "environment": {"start": "08:00", "minutes_per_step": 60},
        "settings": {"conversation_turns": 4, "hunger_per_step": 0.0, "embedder": "hashing"},
        "places": [{"id": "green", "name": "Hamlet Green", "connections": []}],
        "npcs": [
            {**npc, "name": "Anselm", "persona": "Father Anselm, the village priest, who rings the bell."},
            {**npc, "name": "Nessa", "persona": "The lamp keeper: quiet, watchful."},
            {**npc, "name": "Orla", "persona": "The toll keeper: sharp, tired."},
            {**npc, "name": "Pell", "persona": "A carter who hauls sacks."},
        ],
    }


@pytest.fixture
def world() -> Iterator[World]:
    w = World(parse_world(hamlet()), seed=0, embedder="hashing")
    yield w
    w.close()


@pytest.mark.parametrize("line", ["who is Anselm?", "who is Anselm, of all people?",
                                  "who is this Anselm you keep talking about?"])
def test_a_person_is_known_by_their_role_not_their_title(world, line):
    answer = ask(world, "Pell", line).utterance
    assert "The priest" in answer and "father" not in answer.lower(), answer


def test_a_role_of_two_words_names_the_person(world):
    assert "The lamp keeper" in ask(world, "Pell", "who's that Nessa everyone speaks of?").utterance


@pytest.mark.parametrize("line", ["who is Anselm married to?", "who does Anselm pray with?"])
def test_a_question_about_someone_tied_to_a_person_is_not_about_them(world, line):
    assert "priest" not in ask(world, "Pell", line).utterance
