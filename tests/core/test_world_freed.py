"""A closed world is freed: a long sweep or evaluation that builds world after world keeps
only the worlds still open (Mesa 3.3's per-model agent id table would keep them all)."""

from __future__ import annotations

import gc
import weakref

from simverse.agents.player import ask
from simverse.core.loader import parse_world
from simverse.world.model import World
from tests.hamlet import hamlet_world


def test_a_closed_world_that_stepped_and_talked_is_garbage():
    world = World(parse_world(hamlet_world()), seed=0, embedder="hashing")
    world.step()
    ask(world, "Ann", "where is the well?")
    freed = weakref.ref(world)
    world.close()
    del world
    gc.collect()
    assert freed() is None
