"""A population where one NPC is driven by a model and the rest by the scripted brain:
only that NPC's requests reach the model, and the run replays identically without it."""

from __future__ import annotations

from sqlalchemy import select

from simverse.core.loader import parse_world
from simverse.store.digest import run_digest
from simverse.store.llm_models import LLMCall
from simverse.world import World
from tests.hamlet import hamlet_world


def test_only_the_model_npc_asks_the_model_and_the_run_replays(tmp_path, tiny_model_dir):
    spec = parse_world(hamlet_world())
    model = f"transformers:{tiny_model_dir}"
    live = World(spec, seed=5, db=str(tmp_path / "live.db"), memory=False, brains={"Bob": model})
    live.run(2)
    brains = live.last_stats["brains"]
    assert brains[model]["llm_calls"] >= 1 and brains["scripted"]["llm_calls"] == 0
    with live.store.session() as session:
        tags = list(session.scalars(select(LLMCall.tag)))
    assert tags and all(" Bob " in f"{t} " for t in tags)
    replayed = World(spec, seed=5, db=str(tmp_path / "replay.db"), memory=False, brains={"Bob": model},
                     replay=str(tmp_path / "live.db"))
    replayed.run(2)
    assert run_digest(replayed.store, replayed.run_id) == run_digest(live.store, live.run_id)
