"""The run's models: the NPC brain and the events model, recorded in the run, or answered
from a recorded run (``replay``) instead of any model; and the provenance of those
models: what a run records about them at start, and the switches of brain within a run.

Opening is split in two so that nothing is stored before the models answer:
:func:`open_models` builds the backends and asks an HTTP server how it treats ``seed``
(an unreachable server raises :class:`~simverse.llm.errors.LLMUnavailable` here, before a
run row exists); :func:`connect_models` then wraps them in recorders of the run.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from simverse.core.decisions import Brain
from simverse.core.llm_protocol import Backend
from simverse.events.resolution import EventResolver
from simverse.llm.provenance import brain_facts
from simverse.llm.recording import CallIds, RecordingBackend, ReplayBackend
from simverse.llm.spec import make_backends, make_brain, record_backends, same_spec
from simverse.store.llm_models import LLMSwitch
from simverse.store.models import RunRow
from simverse.store.run_store import RunStore, db_url
from simverse.store.talk_models import PlayerTalkRow

Change = tuple[str, str, str]
"""A switch of brain: (role, from spec, to spec)."""


class BrainMismatch(ValueError):
    """A run was asked to continue with another brain without saying so (``--switch-llm``)."""


def open_models(llm: str, llm_events: str, replay: str | None = None,
                llm_seed: str = "probe") -> tuple[dict[str, Backend | None], dict[str, Any]]:
    """The unrecorded backend of each role (a recording's answers stand in for every
    model with ``replay``) and the facts a run keeps about them (seed support, decoding)."""
    answers = replay_backend(replay) if replay else None
    backends = make_backends({"npc": llm, "events": llm_events}, replay=answers)
    sampled = any(b is not None for b in backends.values())
    return backends, brain_facts(backends, llm_seed, sampled)


def connect_models(session: Session, run_id: int, llm: str, backends: dict[str, Backend | None],
                   resolver: EventResolver, brain: Brain | None = None, skip_idle: bool = True) -> Brain:
    """The brain for ``llm`` (or ``brain`` as given) and, on ``resolver``, the events model,
    every call recorded in run ``run_id`` with ids continuing after those stored."""
    ids = CallIds.after_stored(session, run_id)
    recorded = record_backends(backends, run_id, ids)
    chosen = brain if brain is not None else make_brain(llm, backend=recorded["npc"], skip_idle=skip_idle)
    resolver.set_backend(recorded["events"])
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


def replay_backend(source: str) -> Backend:
    """Recorded answers of ``PATH`` (its newest run) or ``PATH#RUN``, for a model-free replay."""
    path, _, run = source.partition("#")
    store = RunStore(db_url(path))
    run_id = store.run(int(run) if run else None).id
    with store.session() as session:
        answers = ReplayBackend.from_session(session, run_id)
    store.close()
    return answers


def brain_changes(run: RunRow, llm: str | None, llm_events: str | None) -> list[Change]:
    """The roles whose brain a resume would change (a spec not given keeps the run's)."""
    stored = {"npc": run.llm, "events": run.config.get("llm_events") or "scripted"}
    asked = {"npc": llm, "events": llm_events}
    return [(role, stored[role], asked[role]) for role in ("npc", "events")
            if asked[role] is not None and not same_spec(stored[role], asked[role])]


def refuse_unannounced(run: RunRow, changes: Sequence[Change]) -> None:
    """Raise :class:`BrainMismatch` naming the run's brain and the asked one."""
    role, old, new = changes[0]
    flag = "--llm" if role == "npc" else "--llm-events"
    raise BrainMismatch(f"run {run.id} was made with {flag} {old}; continuing it with {new} would mix two "
                        "brains in one run: add --switch-llm to switch (the switch and its step are recorded)")


def record_switches(session: Session, run_id: int, step: int, changes: Sequence[Change]) -> None:
    """Store each switch after ``step`` and make the run row name the brains now in use."""
    last = session.scalar(select(func.max(LLMSwitch.id)).where(LLMSwitch.run_id == run_id)) or 0
    talks = session.scalar(select(func.count()).where(PlayerTalkRow.run_id == run_id)) or 0
    run = session.get(RunRow, run_id, populate_existing=True)
    config = dict(run.config or {})
    for offset, (role, old, new) in enumerate(changes, start=1):
        session.add(LLMSwitch(run_id=run_id, id=last + offset, step=step, role=role, from_llm=old,
                              to_llm=new, after_talk=talks))
        if role == "npc":
            session.execute(update(RunRow).where(RunRow.id == run_id).values(llm=new))
        else:
            config["llm_events"] = new
    session.execute(update(RunRow).where(RunRow.id == run_id).values(config=config))


def remember_facts(session: Session, run_id: int, facts: dict[str, Any], skip_idle: bool) -> None:
    """Keep the models' facts and the skip rule in the run's config (resume may change them)."""
    run = session.get(RunRow, run_id, populate_existing=True)
    config = {**(run.config or {}), "llm_facts": facts, "skip_idle": skip_idle}
    session.execute(update(RunRow).where(RunRow.id == run_id).values(config=config))
