"""Every shipped world runs offline with the scripted brain: NPCs act, talk and pass on news."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from simverse.core.loader import load_world, shipped_worlds
from simverse.store.models import DialogueRow, EventRow
from simverse.world.model import World


@pytest.mark.parametrize("path", shipped_worlds(), ids=lambda p: p.parent.name)
def test_shipped_world_runs_a_morning_offline(path):
    world = World(load_world(path), seed=1, embedder="hashing")
    world.run(16)
    with world.store.session() as s:
        done = s.scalar(select(func.count()).where(EventRow.kind == "action", EventRow.success.is_(True),
                                                   EventRow.action.not_in(["wait", "move"])))
        lines = s.scalar(select(func.count()).select_from(DialogueRow))
        told = [d.told_facts for d in s.scalars(select(DialogueRow))]
    assert done > 0, "NPCs used the world's own actions"
    assert lines > 0, "NPCs talked"
    assert any(told), "and passed on something they knew"
    assert world.last_stats["decisions"]["defaulted"] == 0
