"""Hostile answers are data: a run driven by a server that answers with surrogates, NUL,
escape sequences, invalid UTF-8, megabytes or broken JSON completes, and nothing it
stores or shows the next prompt carries those characters."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from simverse.core.loader import parse_world
from simverse.core.sanitize import clean_text
from simverse.llm.errors import LLMUnavailable
from simverse.llm.recording import MAX_RESPONSE_CHARS
from simverse.store.llm_models import LLMCall
from simverse.store.models import DecisionRow, DialogueRow
from simverse.store.prompt_texts import full_requests
from simverse.store.run_store import RunNotFound, RunStore
from simverse.world.model import World
from tests.hamlet import hamlet_world
from tests.llm.hostile_server import CASES, HostileServer


@pytest.fixture
def hostile():
    """Start hostile servers; all closed at teardown."""
    started: list[HostileServer] = []

    def start(case: str, **options) -> HostileServer:
        started.append(HostileServer(case, **options))
        return started[-1]

    yield start
    for server in started:
        server.close()


def world_on(url: str, db, **options) -> World:
    spec = hamlet_world()
    spec["events"] = [{"at_step": 1, "description": "A bell rings."},
                      {"at_step": 2, "description": "A cart rattles past."}]
    return World(parse_world(spec), seed=3, db=str(db), llm=f"openai:{url}#hostile", skip_idle=False, **options)


def strings(value):
    """Every string in a JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield k
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


def assert_clean(text: str | None, where: str) -> None:
    if text is None:
        return
    assert clean_text(text) == text, f"{where} keeps unsafe characters: {text[:80]!r}"
    text.encode("utf-8")


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_run_completes_whatever_the_server_answers(tmp_path, hostile, case):
    server = hostile(case)
    world = world_on(server.url, tmp_path / "run.db")
    world.run(2)
    assert world.step_index == 2
    with world.store.session() as session:
        calls = session.scalars(select(LLMCall)).all()
        lines = session.scalars(select(DialogueRow)).all()
        decisions = session.scalars(select(DecisionRow)).all()
        requests = full_requests(session, [c.request_json for c in calls])
    assert calls
    for call, request in zip(calls, requests, strict=True):
        assert len(call.response_text) <= MAX_RESPONSE_CHARS
        assert_clean(call.response_text, f"call {call.id} response")
        assert_clean(call.error, f"call {call.id} error")
        for text in strings(request["messages"]):
            assert_clean(text, f"call {call.id} prompt")
    for line in lines:
        assert_clean(line.text, f"dialogue {line.id}")
    for decision in decisions:
        assert_clean(decision.utterance, f"decision {decision.id}")
        assert_clean(decision.note, f"decision {decision.id} note")
    world.close()


def test_the_next_prompt_quotes_hostile_words_as_clean_data(tmp_path, hostile):
    server = hostile("ANSI escapes")
    world = world_on(server.url, tmp_path / "run.db")
    world.run(2)
    with world.store.session() as session:
        said = [line.text for line in session.scalars(select(DialogueRow))]
        step_2 = session.scalars(select(LLMCall).where(LLMCall.step == 2))
        prompts = full_requests(session, [c.request_json for c in step_2])
    assert any("red" in text and "\x1b" not in text for text in said), said
    assert any("red" in m[1] for p in prompts for m in p["messages"])
    world.close()


def test_a_2_mb_answer_is_stored_cut_with_its_full_length(tmp_path, hostile):
    server = hostile("2 MB answer")
    world = world_on(server.url, tmp_path / "run.db")
    world.run(1)
    with world.store.session() as session:
        call = session.scalars(select(LLMCall).where(LLMCall.step == 1)).first()
    assert len(call.response_text) <= MAX_RESPONSE_CHARS
    assert call.response_text.endswith("characters in all]") and "2000" in call.response_text[-40:]
    world.close()


def test_a_server_that_answers_nothing_is_found_before_the_run_is_stored(tmp_path, hostile):
    server = hostile("not JSON", every_other=False)
    db = tmp_path / "run.db"
    with pytest.raises(LLMUnavailable, match="malformed"):
        world_on(server.url, db)
    with pytest.raises(RunNotFound):
        RunStore(f"sqlite:///{db}").run()


def test_a_step_whose_every_request_fails_stops_the_run_after_its_committed_steps(tmp_path, hostile):
    server = hostile("not JSON", every_other=False)
    db = tmp_path / "run.db"
    world = world_on(server.url, db, llm_seed="honoured")  # declared: no probe at start
    with pytest.raises(LLMUnavailable, match="none of 3 requests"):
        world.run(2)
    world.close()
    store = RunStore(f"sqlite:///{db}")
    assert store.run().last_step == 0
    assert store.last_step(store.run().id) == 0
