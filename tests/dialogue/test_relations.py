"""Relationships asked by what they mean ("who do you travel with?" for companions): one
relationship that stands out is said, several of one kind are said together, two kinds
that fit as well are no answer."""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest

from simverse.agents.player import ask
from simverse.core.loader import parse_world
from simverse.core.names import FUNCTION_WORDS
from simverse.world.model import World


class _Meanings:
    """A toy encoder: a text is its bag of words; "travel" and "companion" are one
    concept (with "escort"), and so are "trust" and "confidant"."""

    GROUPS = ({"travel", "companion", "escort"}, {"trust", "confidant"})

    def embed(self, texts: list[str]) -> np.ndarray:
        rows = []
        for text in texts:
            vector = np.zeros(64, dtype=np.float32)
            for word in (w for w in re.findall(r"[a-z]+", text.lower()) if w not in FUNCTION_WORDS):
                group = next((i for i, g in enumerate(self.GROUPS) if word in g), None)
                vector[group if group is not None else 8 + zlib.crc32(word.encode()) % 56] += 1.0
            norm = float(np.linalg.norm(vector))
            rows.append(vector / norm if norm else vector)
        return np.stack(rows)


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
        w.brain.hear_with(_Meanings())
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
