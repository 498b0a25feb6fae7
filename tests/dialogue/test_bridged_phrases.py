"""A belief asked about in two words where it says one ("your money back" for "a refund"):
the phrase is bridged by the embedder like a single word."""

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


class _Phrases:
    """A toy encoder: a text is its bag of words, except that the phrase "money back" and
    the word "refund", each said alone, are one concept."""

    def embed(self, texts: list[str]) -> np.ndarray:
        rows = []
        for text in texts:
            vector = np.zeros(64, dtype=np.float32)
            if text.strip() in ("money back", "refund"):
                vector[0] = 1.0
            else:
                for word in (w for w in re.findall(r"[a-z]+", text.lower()) if w not in FUNCTION_WORDS):
                    vector[1 + zlib.crc32(word.encode()) % 63] += 1.0
            norm = float(np.linalg.norm(vector))
            rows.append(vector / norm if norm else vector)
        return np.stack(rows)


def counter() -> dict[str, Any]:
    return {
        "format_version": 1, "name": "counter", "title": "Counter",
        "environment": {"start": "08:00", "minutes_per_step": 60},
        "settings": {"conversation_turns": 4, "hunger_per_step": 0.0, "embedder": "hashing"},
        "places": [{"id": "hall", "name": "Guild Hall", "connections": []}],
        "npcs": [{"name": "Ysolde", "persona": "A weaver with a grievance.", "traits": ["stubborn"],
                  "start_place": "hall", "sociability": 0.0,
                  "knowledge": [{"subject": "tinker", "predicate": "promised", "object": "refund",
                                 "text": "the tinker promised me a refund for the cracked loom"}]}],
    }


@pytest.fixture
def world() -> Iterator[World]:
    w = World(parse_world(counter()), seed=0, embedder="hashing")
    yield w
    w.close()


def test_two_words_a_belief_says_in_one_are_bridged(world):
    line = "Why are you so sure you'll get your money back?"
    assert "tinker" not in ask(world, "Ysolde", line).utterance  # the hashing embedder knows no synonyms
    world.brain.hear_with(_Phrases())
    assert "tinker" in ask(world, "Ysolde", line).utterance
