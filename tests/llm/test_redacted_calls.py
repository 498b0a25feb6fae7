"""Blocked words a model says stay out of every table but ``redactions``, recorded LLM calls
included, and the run still replays (and resumes) to the very same database."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from simverse.agents.player import talk_to
from simverse.core.content_filter import DEFAULT_PLACEHOLDER
from simverse.core.loader import parse_world
from simverse.store.database import SCHEMA_VERSION, check_database
from simverse.store.digest import run_digest
from simverse.store.run_store import RunStore
from simverse.world.model import World
from tests.hamlet import hamlet_world
from tests.llm.fake_openai import FakeServer

BLOCKED = ("sh1t", "b!tch", "f u c k")
"""What the model (and the player) say that the filter blocks; none is a word of the world."""


def rude_answer(body: dict) -> str:
    """Ann swears at Bob in every line; Bob answers politely; Cid first answers with an
    action that does not exist and a swear word (rejected, so retried), then waits."""
    messages = body["messages"]
    prompt = "\n".join(m["content"] for m in messages)
    if any(m["role"] == "assistant" for m in messages):
        return '{"action": "wait", "args": {}}'
    if "You are Ann" in prompt:
        return '{"action": "talk", "args": {"npc": "Bob"}, "utterance": "Morning Bob, you sh1t-for-brains."}'
    if "You are Bob" in prompt:
        return '{"action": "talk", "args": {"npc": "Ann"}, "utterance": "Good morning, Ann."}'
    return '{"action": "fly", "args": {}, "utterance": "Stupid b!tch."}'


@pytest.fixture(scope="module")
def server():
    fake = FakeServer(rude_answer)
    yield fake
    fake.close()


def world_on(server: FakeServer, db: Path, **options) -> World:
    return World(parse_world(hamlet_world()), seed=4, db=str(db), llm=f"openai:{server.url}#rude",
                 skip_idle=False, **options)


def leaks(db: Path) -> list[str]:
    """``table.column`` of every text value outside ``redactions`` holding a blocked word."""
    conn = sqlite3.connect(db)
    found = []
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            if table == "redactions":
                continue
            for column in [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]:
                for word in BLOCKED:
                    count = conn.execute(f'SELECT count(*) FROM "{table}" WHERE typeof("{column}") = \'text\' '
                                         f'AND instr(lower("{column}"), ?) > 0', (word,)).fetchone()[0]
                    if count:
                        found.append(f"{table}.{column} ({word!r} x{count})")
    finally:
        conn.close()
    return found


def redactions(db: Path) -> dict[str, str]:
    conn = sqlite3.connect(db)
    try:
        return dict(conn.execute("SELECT source, blocked_text FROM redactions"))
    finally:
        conn.close()


@pytest.fixture(scope="module")
def live(server, tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("live") / "live.db"
    world = world_on(server, db)
    world.run(2)
    reply = talk_to(world, "Ann", "Hello, you f u c k i n g baker")
    world.run(1)
    world.close()
    assert "sh1t" not in reply
    return db


def test_no_table_but_redactions_holds_what_the_model_or_the_player_said_that_was_blocked(live):
    assert leaks(live) == []
    kept = redactions(live)
    answers = {s: t for s, t in kept.items() if s.startswith("llm_call:") and s.endswith(":response")}
    assert any("sh1t-for-brains" in t for t in answers.values()), "the swearing answer is kept"
    assert any("b!tch" in t for t in answers.values()), "a rejected answer is screened too"
    quoted = [t for s, t in kept.items() if s.startswith("llm_call:") and s.endswith(":request")]
    assert quoted and all("b!tch" in t for t in quoted), "the retry quoting it is kept whole"
    assert any("f u c k i n g" in t for t in kept.values())


def test_a_blocked_call_stores_the_placeholder_and_a_retry_its_prompt_without_the_quote(live):
    conn = sqlite3.connect(live)
    calls = {i: (req, resp) for i, req, resp in conn.execute("SELECT id, request_json, response_text FROM llm_calls")}
    conn.close()
    kept = redactions(live)
    for source in kept:
        if not source.startswith("llm_call:"):
            continue
        call_id, part = int(source.split(":")[1]), source.split(":")[2]
        request, response = calls[call_id]
        if part == "response":
            assert response == DEFAULT_PLACEHOLDER
        else:
            messages = json.loads(request)["messages"]
            assert [m for m in messages if m[0] == "assistant"] == [["assistant", DEFAULT_PLACEHOLDER]]
            assert json.loads(kept[source])["messages"][:2] == messages[:2], "the prompt itself is kept"
    polite = [resp for _, resp in calls.values() if "Good morning, Ann." in resp]
    assert polite, "answers without blocked words are stored as they were"


def test_replay_answers_with_what_the_model_said_and_gives_an_identical_database(live, server, tmp_path):
    replayed = world_on(server, tmp_path / "replay.db", replay=str(live))
    replayed.run(2)
    talk_to(replayed, "Ann", "Hello, you f u c k i n g baker")
    replayed.run(1)
    source = RunStore(f"sqlite:///{live}", read_only=True)
    try:
        assert run_digest(replayed.store, replayed.run_id) == run_digest(source, 1)
    finally:
        replayed.close()
        source.close()
    assert leaks(tmp_path / "replay.db") == []


def test_a_resumed_run_redacts_as_the_uninterrupted_one(server, tmp_path):
    whole = world_on(server, tmp_path / "whole.db")
    whole.run(3)
    first = world_on(server, tmp_path / "parts.db")
    first.run(2)
    first.close()
    resumed = World.resume(str(tmp_path / "parts.db"))
    resumed.run(1)
    try:
        assert run_digest(resumed.store, resumed.run_id) == run_digest(whole.store, whole.run_id)
    finally:
        resumed.close()
        whole.close()
    assert leaks(tmp_path / "parts.db") == []


def test_a_version_2_database_with_the_words_in_its_calls_still_replays_and_resumes(live, server, tmp_path):
    old = tmp_path / "old.db"
    shutil.copy(live, old)
    conn = sqlite3.connect(old)
    kept = conn.execute("SELECT source, blocked_text FROM redactions WHERE source LIKE 'llm_call:%'").fetchall()
    for source, text in kept:
        _, call_id, part = source.split(":")
        column = "response_text" if part == "response" else "request_json"
        conn.execute(f"UPDATE llm_calls SET {column} = ? WHERE id = ?", (text, int(call_id)))
    conn.execute("DELETE FROM redactions WHERE source LIKE 'llm_call:%'")
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    assert check_database(old).schema_version == 2
    replayed = world_on(server, tmp_path / "replay.db", replay=str(old))
    replayed.run(2)
    talk_to(replayed, "Ann", "Hello, you f u c k i n g baker")
    replayed.run(1)
    source = RunStore(f"sqlite:///{live}", read_only=True)
    try:
        assert run_digest(replayed.store, replayed.run_id) == run_digest(source, 1), "same decisions, and now redacted"
    finally:
        replayed.close()
        source.close()
    resumed = World.resume(str(old))
    resumed.run(1)
    resumed.close()
    assert check_database(old).schema_version == SCHEMA_VERSION
