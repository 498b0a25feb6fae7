"""A call for news that says what it is after ("is anything on at the fair I should get
ready for?") is answered by the news closest in meaning, not by whichever is latest; a
bare "any news?" still gets the latest; a secret stays with those the NPC trusts."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from dialogue_helpers import village

from simverse.agents.player import ask
from simverse.core.loader import parse_world
from simverse.world.model import World
from tests.dialogue.word_groups import WordGroups


def _world_data() -> dict:
    data = village()
    hilde = data["npcs"][0]
    hilde["knowledge"] = [
        {"subject": "fair", "predicate": "starts_at", "object": "noon", "text": "the spring fair starts at noon"},
        {"subject": "well", "predicate": "tastes", "object": "iron", "text": "the well water tastes of iron"},
        {"subject": "cat", "predicate": "had", "object": "kittens", "text": "the miller's cat had kittens"},
        {"subject": "roof", "predicate": "leaks", "object": "chapel", "text": "the chapel roof leaks again"},
    ]
    return data


@pytest.fixture
def world() -> Iterator[World]:
    w = World(parse_world(_world_data()), seed=0, embedder="hashing")
    w.brain.hear_with(WordGroups({"fair", "festival", "fete"}))
    yield w
    w.close()


@pytest.mark.parametrize("line", ["anything happening at the festival I should get ready for?",
                                  "any news about the fete?"])
def test_news_asked_for_is_the_closest_news(world, line):
    answer = ask(world, "Hilde", line).utterance
    assert "noon" in answer, answer


def test_a_bare_call_for_news_still_gets_some_news(world):
    answer = ask(world, "Hilde", "any news?").utterance
    assert any(w in answer for w in ("noon", "iron", "kittens", "roof")), answer
