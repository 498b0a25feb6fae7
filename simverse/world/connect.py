"""The run's models: the NPC brain and the events model, recorded in the run, or answered
from a recorded run (``replay``) instead of any model."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from simverse.core.decisions import Brain
from simverse.core.llm_protocol import Backend
from simverse.core.population import assign_brains
from simverse.events.resolution import EventResolver
from simverse.llm.population import Population
from simverse.llm.recording import CallIds, RecordingBackend, ReplayBackend
from simverse.llm.spec import make_backend, make_backends, make_brain
from simverse.store.run_store import RunStore, db_url


def connect_models(session: Session, run_id: int, llm: str, llm_events: str, resolver: EventResolver,
                   brain: Brain | None = None, replay: str | None = None, mix: Mix | None = None) -> Brain:
    """The brain for ``llm`` (or ``brain`` as given) and, on ``resolver``, the events model
    for ``llm_events``. Every call is recorded in run ``run_id`` with ids continuing after
    those stored; with ``replay`` a recorded run's calls answer instead of any model. With
    a ``mix`` of per-NPC brains, a :class:`Population` of them (the default for the rest)."""
    answers = replay_backend(replay) if replay else None
    ids = CallIds.after_stored(session, run_id)
    backends = make_backends({"npc": llm, "events": llm_events}, run_id=run_id, call_ids=ids, replay=answers)
    chosen = brain if brain is not None else make_brain(llm, backend=backends["npc"])
    if mix is not None and mix.pairs:
        chosen = population(mix, llm, chosen, run_id, ids, answers)
    resolver.set_backend(backends["events"])
    resolver.record_with(recorder(chosen, run_id, ids))
    return chosen


@dataclass
class Mix:
    """Per-NPC brains: ordered ``(who, spec or Brain)`` pairs (see :mod:`simverse.core.population`),
    the NPCs as ``(name, tags)`` and the world seed that draws ``share:`` selectors."""

    pairs: list[tuple[str, str | Brain]]
    npcs: list[tuple[str, list[str]]] = field(default_factory=list)
    seed: int = 0


def brain_label(brain: str | Brain) -> str:
    """How a brain is named in the run's config and counters: its spec, or ``python:Class``."""
    return brain if isinstance(brain, str) else f"python:{type(brain).__name__}"


def population(mix: Mix, default_spec: str, default: Brain, run_id: int, ids: CallIds,
               answers: Backend | None) -> Population:
    """One brain per distinct label (a spec's LLM calls recorded with the run's ids), and
    every NPC mapped to its brain's label."""
    brains: dict[str, Brain] = {default_spec: default}
    for _, value in mix.pairs:
        label = brain_label(value)
        if label in brains:
            continue
        if not isinstance(value, str):
            brains[label] = value
            continue
        backend = answers or make_backend(value)
        brains[label] = make_brain(value, backend=backend, run_id=run_id if backend else None, call_ids=ids)
    by_npc = assign_brains(mix.npcs, [(who, brain_label(v)) for who, v in mix.pairs], default_spec, mix.seed)
    return Population(brains, by_npc)


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


BrainPairs = Mapping[str, "str | Brain"] | Sequence[tuple[str, "str | Brain"]]


def stored_brain(label: str, given: Mapping[str, Brain]) -> str | Brain:
    """A brain from a run's config on resume: its spec, or the object passed again for a
    ``python:Class`` label (which a database cannot hold)."""
    if not label.startswith("python:"):
        return label
    if label not in given:
        raise ValueError(f"this run's brain {label!r} was a Python object: pass it again, "
                         f"World.resume(db, brains={{{label!r}: brain}})")
    return given[label]
