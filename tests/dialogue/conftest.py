"""Fixtures of the dialogue tests: a fresh village world (see :mod:`dialogue_helpers`)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from dialogue_helpers import village

from simverse.core.loader import parse_world
from simverse.world.model import World


@pytest.fixture
def world() -> Iterator[World]:
    w = World(parse_world(village()), seed=0, embedder="hashing")
    yield w
    w.close()
