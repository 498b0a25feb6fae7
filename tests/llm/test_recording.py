"""Record every call into the run database; replay a run from it without a model."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

import simverse.store  # noqa: F401  (registers every table)
from simverse.llm.brain import LLMBrain
from simverse.llm.recording import (
    CacheMiss,
    CallIds,
    RecordingBackend,
    ReplayBackend,
    request_key,
    store_calls,
)
from simverse.store.base import Base
from simverse.store.llm_models import LLMCall
from tests.llm.conftest import decision_request, llm_request


@pytest.fixture
def session():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as s:
        yield s


def record_step(recorder: RecordingBackend, session: Session, requests) -> list:
    """What the world does per step: generate, then add the drained calls and commit."""
    responses = recorder.generate_batch(requests)
    store_calls(session, recorder.drain())
    session.commit()
    return responses


def test_round_trip_through_sqlite_answers_identically_without_the_model(tiny_backend,
                                                                         session):
    recorder = RecordingBackend(tiny_backend, run_id=7)
    requests = [llm_request(f"hi {i}", seed=i, temperature=0.8, tag=f"step 2 npc N{i} act")
                for i in range(3)]
    live = record_step(recorder, session, requests)
    assert [r.call_id for r in live] == [1, 2, 3] and recorder.pending == 0

    rows = session.scalars(select(LLMCall).order_by(LLMCall.id)).all()
    assert (rows[0].run_id, rows[0].step, rows[0].tag) == (7, 2, "step 2 npc N0 act")
    assert rows[0].key == request_key("transformers", tiny_backend.model, requests[0])
    assert len(rows[0].key) == 64 and rows[0].completion_tokens == live[0].completion_tokens

    replay = ReplayBackend.from_session(session, run_id=7)
    assert (replay.name, replay.model) == (tiny_backend.name, tiny_backend.model)
    again = replay.generate_batch(requests)
    assert [r.text for r in again] == [r.text for r in live]
    assert all(r.cached for r in again)


def test_drained_calls_are_rows_of_every_column_stored_by_one_bulk_insert(session):
    recorder = RecordingBackend(ReplayStub(), run_id=4, ids=CallIds(10))
    recorder.generate_batch([llm_request("a", tag="step 3 npc A act"), llm_request("b")])
    rows = recorder.drain()
    assert all(set(row) == set(LLMCall.__table__.c.keys()) for row in rows)
    assert [(r["id"], r["step"]) for r in rows] == [(10, 3), (11, 1)]
    store_calls(session, rows)
    stored = session.execute(select(LLMCall.__table__).order_by(LLMCall.id)).mappings().all()
    assert [dict(r) for r in stored] == rows


def test_a_miss_names_the_request_tag(session):
    recorder = RecordingBackend(ReplayStub(), run_id=1)
    record_step(recorder, session, [llm_request("known", tag="step 1 npc Ada act")])
    replay = ReplayBackend.from_session(session, run_id=1)
    with pytest.raises(CacheMiss, match="step 4 npc Mara act"):
        replay.generate_batch([llm_request("never asked", tag="step 4 npc Mara act")])


def test_ids_are_per_run_and_resume_after_the_stored_ones(session):
    first = RecordingBackend(ReplayStub(), run_id=1)
    record_step(first, session, [llm_request("a"), llm_request("b")])
    other_run = RecordingBackend(ReplayStub(), run_id=2)
    record_step(other_run, session, [llm_request("c")])
    resumed = RecordingBackend(ReplayStub(), run_id=1, ids=CallIds.after_stored(session, 1))
    [response] = record_step(resumed, session, [llm_request("d")])
    assert response.call_id == 3
    ids = session.execute(select(LLMCall.run_id, LLMCall.id).order_by(LLMCall.run_id,
                                                                      LLMCall.id)).all()
    assert [tuple(r) for r in ids] == [(1, 1), (1, 2), (1, 3), (2, 1)]


def test_repeated_identical_requests_replay_in_recorded_order(session):
    stub = ReplayStub()
    recorder = RecordingBackend(stub, run_id=1)
    record_step(recorder, session, [llm_request("same")])
    record_step(recorder, session, [llm_request("same")])
    replay = ReplayBackend.from_session(session, run_id=1)
    texts = [replay.generate_batch([llm_request("same")])[0].text for _ in range(3)]
    assert texts == ["answer 1", "answer 2", "answer 2"]


def test_a_replayed_brain_decides_exactly_as_the_recorded_one(tiny_backend, session):
    reqs = [decision_request(npc=f"N{i}", seed=i, observations=["Tom waved."])
            for i in range(3)]
    live_brain = LLMBrain(RecordingBackend(tiny_backend, run_id=3), skip_idle=False)
    live = live_brain.decide_batch(reqs)
    store_calls(session, live_brain.drain_calls())
    session.commit()
    replayed = LLMBrain(ReplayBackend.from_session(session, 3), skip_idle=False).decide_batch(
        reqs)
    assert live == replayed
    assert all(d.llm_call_ids for d in live)


class ReplayStub:
    """A deterministic backend that numbers its answers."""

    name = "stub"
    model = "counter"

    def __init__(self) -> None:
        self.count = 0

    def generate_batch(self, requests):
        from simverse.core.llm_protocol import LLMResponse

        out = []
        for _ in requests:
            self.count += 1
            out.append(LLMResponse(text=f"answer {self.count}"))
        return out
