"""The run's models: the NPC brain and the events model, recorded in the run, or answered
from a recorded run (``replay``) instead of any model."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from simverse.core.decisions import Brain
from simverse.core.llm_protocol import Backend
from simverse.events.resolution import EventResolver
from simverse.llm.recording import CallIds, RecordingBackend, ReplayBackend
from simverse.llm.spec import make_backends, make_brain
from simverse.memory.vectors import recorded_vectors
from simverse.store.run_store import RunStore, db_url


def connect_models(session: Session, run_id: int, llm: str, llm_events: str, resolver: EventResolver,
                   brain: Brain | None = None, replay: str | None = None) -> Brain:
    """The brain for ``llm`` (or ``brain`` as given) and, on ``resolver``, the events model
    for ``llm_events``. Every call is recorded in run ``run_id`` with ids continuing after
    those stored; with ``replay`` a recorded run's calls answer instead of any model."""
    answers = replay_backend(replay) if replay else None
    ids = CallIds.after_stored(session, run_id)
    backends = make_backends({"npc": llm, "events": llm_events}, run_id=run_id, call_ids=ids, replay=answers)
    chosen = brain if brain is not None else make_brain(llm, backend=backends["npc"])
    resolver.set_backend(backends["events"])
    resolver.record_with(recorder(chosen, run_id, ids))
    return chosen


def recorder(brain: Brain, run_id: int, ids: CallIds) -> Callable[[Backend], Backend]:
    """How an events model set later (``--llm-events``, tests) is recorded: with the
    brain's call ids when it records, else with the run's."""
    def record(backend: Backend) -> Backend:
        if isinstance(backend, RecordingBackend):
            return backend
        shared = getattr(getattr(brain, "backend", None), "ids", None)
        return RecordingBackend(backend, run_id, shared if isinstance(shared, CallIds) else ids)

    return record


def replay_vectors(source: str, embedder: str) -> dict[bytes, bytes]:
    """The text vectors ``embedder`` computed in the recorded run ``PATH`` or ``PATH#RUN``:
    a replay reads them instead of running the embedder (which then never loads)."""
    path, _, run = source.partition("#")
    store = RunStore(db_url(path))
    run_id = store.run(int(run) if run else None).id
    with store.session() as session:
        vectors = recorded_vectors(session, run_id, embedder)
    store.close()
    return vectors


def replay_backend(source: str) -> Backend:
    """Recorded answers of ``PATH`` (its newest run) or ``PATH#RUN``, for a model-free replay."""
    path, _, run = source.partition("#")
    store = RunStore(db_url(path))
    run_id = store.run(int(run) if run else None).id
    with store.session() as session:
        answers = ReplayBackend.from_session(session, run_id)
    store.close()
    return answers
