"""The first message every NPC of a world is sent is stored once, and read back whole."""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path

from sqlalchemy import select

from simverse.core.loader import parse_world
from simverse.llm.recording import canonical_json
from simverse.store.digest import run_digest
from simverse.store.llm_models import LLMCall
from simverse.store.prompt_texts import REFERENCE, SHARED_MIN_CHARS, PromptText, full_requests
from simverse.world.model import World
from tests.llm.test_world_with_model import HAMLET


def big_hamlet() -> dict:
    """The hamlet with a lane of 30 houses, so the world's brief is a long message."""
    spec = copy.deepcopy(HAMLET)
    lane = [f"house{i}" for i in range(30)]
    spec["places"][0]["connections"] = ["bakery", lane[0]]
    for i, house in enumerate(lane):
        spec["places"].append({"id": house, "name": f"House {i}",
                               "connections": [lane[i - 1] if i else "square", *lane[i + 1:i + 2]]})
    return spec


def calls_and_texts(db: Path) -> tuple[list[LLMCall], list[dict], list[PromptText]]:
    world = World.resume(str(db))
    try:
        with world.store.session() as session:
            calls = session.scalars(select(LLMCall).order_by(LLMCall.run_id, LLMCall.id)).all()
            return calls, full_requests(session, [c.request_json for c in calls]), \
                session.scalars(select(PromptText)).all()
    finally:
        world.close()


def test_a_long_first_message_is_stored_once_and_read_back_as_sent(tmp_path, tiny_model_dir):
    db = tmp_path / "run.db"
    world = World(parse_world(big_hamlet()), seed=5, db=str(db), llm=f"transformers:{tiny_model_dir}")
    world.run(2)
    world.close()
    resumed = World.resume(str(db))  # a resumed run names the texts the database already holds
    resumed.run(1)
    resumed.close()
    second = World(parse_world(big_hamlet()), seed=6, db=str(db), llm=f"transformers:{tiny_model_dir}")
    second.run(1)
    second.close()

    calls, requests, texts = calls_and_texts(db)
    assert len({c.run_id for c in calls}) == 2 and len(calls) > 4
    assert texts and len(texts) < len(calls) / 2, "each shared text is stored once"
    assert all(len(t.text) >= SHARED_MIN_CHARS for t in texts)
    for call, request in zip(calls, requests, strict=True):
        stored = json.loads(call.request_json)["messages"]
        assert stored[0][1] == {REFERENCE: hashlib.sha256(request["messages"][0][1].encode()).hexdigest()}
        assert all(isinstance(content, str) for _, content in stored[1:]), "short messages stay inline"
        # read back whole, the request hashes to the key replay looks it up by
        assert hashlib.sha256(canonical_json(request).encode()).hexdigest() == call.key


def test_a_run_with_shared_texts_replays_identically(tmp_path, tiny_model_dir):
    live = World(parse_world(big_hamlet()), seed=5, db=str(tmp_path / "live.db"), llm=f"transformers:{tiny_model_dir}")
    live.run(2)
    replayed = World(parse_world(big_hamlet()), seed=5, db=str(tmp_path / "replay.db"),
                     llm=f"transformers:{tiny_model_dir}", replay=str(tmp_path / "live.db"))
    replayed.run(2)
    assert run_digest(replayed.store, replayed.run_id) == run_digest(live.store, live.run_id)
    with live.store.session() as session:
        assert session.scalars(select(PromptText)).all()
    live.close()
    replayed.close()


def test_the_dashboard_shows_a_shared_text_whole_and_says_when_it_is_missing() -> None:
    from simverse.dashboard.minds import parse_request

    raw = json.dumps({"messages": [["system", {REFERENCE: "ab12"}], ["user", "hello"]], "seed": 1})
    shown = parse_request(raw, {"ab12": "The world: a harbour town."})
    assert shown["messages"] == [("system", "The world: a harbour town."), ("user", "hello")]
    missing = parse_request(raw, {})
    assert "ab12" in missing["messages"][0][1] and missing["messages"][1] == ("user", "hello")
