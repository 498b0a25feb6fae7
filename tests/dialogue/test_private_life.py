"""Questions about an NPC's own private life that nothing it knows answers get "can't say",
turned aside in its voice, not a guess or a misread order; what its persona or
relationships do say is still told. On an invented smithy."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from simverse.agents.player import ask
from simverse.core.loader import parse_world
from simverse.experiments.dialogue_eval import DONT_KNOW
from simverse.world.model import World


def smithy() -> dict[str, Any]:
    """Gorm the smith (thirty years at the forge, Hedda his partner) and Ulla who sweeps up."""
    npc = {"traits": ["calm"], "sociability": 0.0, "start_place": "forge"}
    return {
        "format_version": 1, "name": "smithy", "title": "Smithy",
        "environment": {"start": "08:00", "minutes_per_step": 60},
        "settings": {"conversation_turns": 4, "hunger_per_step": 0.0, "embedder": "hashing"},
        "places": [{"id": "forge", "name": "The Forge", "connections": []}],
        "actions": [{"name": "teach", "description": "Teach an apprentice to shoe a horse.",
                     "preconditions": ["actor.place == forge"], "effects": [], "narration": "{actor} teaches."}],
        "npcs": [
            {**npc, "name": "Gorm", "persona": "The smith: thirty years at the forge, gruff and fair.",
             "relationships": {"Hedda": {"kind": "partner", "affinity": 0.8}}},
            {**npc, "name": "Hedda", "persona": "A weaver."},
            {**npc, "name": "Ulla", "persona": "A girl who sweeps the forge floor."},
        ],
    }


@pytest.fixture
def world() -> Iterator[World]:
    w = World(parse_world(smithy()), seed=0, embedder="hashing")
    yield w
    w.close()


@pytest.mark.parametrize(("npc", "line"), [
    ("Ulla", "got any brothers or sisters, ulla?"),
    ("Ulla", "how old are you then"),
    ("Gorm", "where r u from originally"),
    ("Ulla", "how many yrs you been teaching"),  # not an order to teach
    ("Gorm", "any kids at home?"),
])
def test_a_private_question_nothing_known_answers_is_turned_aside(world, npc, line):
    decision = ask(world, npc, line)
    assert DONT_KNOW.search(decision.utterance) and decision.action == "talk", decision.utterance


def test_what_the_npc_knows_of_its_life_is_still_told(world):
    assert "Hedda" in ask(world, "Gorm", "are you married?").utterance
    years = ask(world, "Gorm", "how long have you been a smith?").utterance
    assert "Can't say" not in years, years


def test_questions_about_someone_else_or_for_a_person_are_not_the_npc_s_private_life(world):
    for line in ("how old is Hedda?", "who's top dog round here?"):
        assert "Can't say" not in ask(world, "Ulla", line).utterance, line
