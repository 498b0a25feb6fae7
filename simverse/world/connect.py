"""The run's models: the NPC brain and the events model, recorded in the run, or answered
from a recorded run (``replay``) instead of any model; per-NPC brains (a :class:`Mix`);
and the provenance of those models: what a run records about them at start, and the
switches of brain within a run.

Opening is split in two so that nothing is stored before the models answer:
:func:`open_models` builds the backends and asks an HTTP server how it treats ``seed``
(an unreachable server raises :class:`~simverse.llm.errors.LLMUnavailable` here, before a
run row exists); :func:`connect_models` then wraps them in recorders of the run.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from simverse.core.decisions import Brain
from simverse.core.llm_protocol import Backend
from simverse.core.loader import parse_world
from simverse.core.population import assign_brains
from simverse.core.schema import WorldSpec
from simverse.events.resolution import EventResolver
from simverse.llm.population import Population
from simverse.llm.provenance import brain_facts
from simverse.llm.recording import CallIds, RecordingBackend, ReplayBackend
from simverse.llm.spec import make_backend, make_backends, make_brain, record_backends, same_spec
from simverse.memory.vectors import recorded_vectors
from simverse.store.llm_models import LLMSwitch
from simverse.store.models import RunRow
from simverse.store.run_store import open_read_only
from simverse.store.talk_models import PlayerTalkRow

Change = tuple[str, str, str]
"""A switch of brain: (role, from spec, to spec)."""


class BrainMismatch(ValueError):
    """A run was asked to continue with another brain without saying so (``--switch-llm``)."""


@dataclass
class OpenModels:
    """The unrecorded backend of each role, the recording that answers instead of any
    model (replay), and the facts a run keeps about them (seed support, decoding)."""

    backends: dict[str, Backend | None]
    answers: Backend | None
    facts: dict[str, Any]
    replay: str | None = None


def open_models(llm: str, llm_events: str, replay: str | None = None, llm_seed: str = "probe") -> OpenModels:
    """Build the backends of both roles (a recording's answers stand in for every model
    with ``replay``) and probe them (see :func:`simverse.llm.provenance.brain_facts`)."""
    answers = replay_backend(replay) if replay else None
    backends = make_backends({"npc": llm, "events": llm_events}, replay=answers)
    sampled = any(b is not None for b in backends.values())
    return OpenModels(backends, answers, brain_facts(backends, llm_seed, sampled), replay)


def connect_models(session: Session, run_id: int, llm: str, models: OpenModels, resolver: EventResolver,
                   brain: Brain | None = None, skip_idle: bool = True, mix: Mix | None = None) -> Brain:
    """The brain for ``llm`` (or ``brain`` as given) and, on ``resolver``, the events model,
    every call recorded in run ``run_id`` with ids continuing after those stored. With a
    ``mix`` of per-NPC brains, a :class:`Population` of them (the default for the rest)."""
    ids = CallIds.after_stored(session, run_id)
    recorded = record_backends(models.backends, run_id, ids)
    chosen = brain if brain is not None else make_brain(llm, backend=recorded["npc"], skip_idle=skip_idle)
    if mix is not None and mix.pairs:
        chosen = population(mix, llm, chosen, run_id, ids, models.answers, skip_idle)
    resolver.set_backend(recorded["events"])
    resolver.record_with(recorder(chosen, run_id, ids))
    return chosen


@dataclass
class Mix:
    """Per-NPC brains: ordered ``(who, spec or Brain)`` pairs (see :mod:`simverse.core.population`),
    the NPCs as ``(name, tags)`` and the world seed that draws ``share:`` selectors."""

    pairs: list[tuple[str, str | Brain]]
    npcs: list[tuple[str, list[str]]] = field(default_factory=list)
    seed: int = 0


def share_embedder(brain: Brain, embedder: object) -> None:
    """Let the brain (or each brain of a population) that understands talk with an
    embedder use the memory's: one model in memory, not two."""
    for one in getattr(brain, "brains", {}).values() or [brain]:
        hear_with = getattr(one, "hear_with", None)
        if hear_with is not None:
            hear_with(embedder)


def brain_label(brain: str | Brain) -> str:
    """How a brain is named in the run's config and counters: its spec, or ``python:Class``."""
    return brain if isinstance(brain, str) else f"python:{type(brain).__name__}"


def population(mix: Mix, default_spec: str, default: Brain, run_id: int, ids: CallIds,
               answers: Backend | None, skip_idle: bool = True) -> Population:
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
        # A person is asked every step: skipping idle NPCs saves model calls, not people's turns.
        brains[label] = make_brain(value, backend=backend, run_id=run_id if backend else None, call_ids=ids,
                                   skip_idle=skip_idle and not value.startswith("human"))
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


def recorded_run(source: str) -> tuple[str, int | None]:
    """``PATH`` or ``PATH#RUN`` as the path and the run id (None: the newest run); a RUN that
    is not a whole number is a ``ValueError`` naming the source."""
    path, sep, run = source.partition("#")
    if not sep:
        return path, None
    try:
        return path, int(run.strip())
    except ValueError:
        raise ValueError(f"replay {source!r}: after '#' comes a run id (DB or DB#RUN), not {run!r}") from None


def replay_vectors(source: str, embedder: str) -> dict[bytes, bytes]:
    """The text vectors ``embedder`` computed in the recorded run ``PATH`` or ``PATH#RUN``:
    a replay reads them instead of running the embedder (which then never loads)."""
    path, run = recorded_run(source)
    store = open_read_only(path)
    run_id = store.run(run).id
    with store.session() as session:
        vectors = recorded_vectors(session, run_id, embedder)
    store.close()
    return vectors


def replay_backend(source: str) -> Backend:
    """Recorded answers of ``PATH`` (its newest run) or ``PATH#RUN``, for a model-free replay."""
    path, run = recorded_run(source)
    store = open_read_only(path)
    run_id = store.run(run).id
    with store.session() as session:
        answers = ReplayBackend.from_session(session, run_id)
    store.close()
    return answers


BrainPairs = Mapping[str, "str | Brain"] | Sequence[tuple[str, "str | Brain"]]
BrainList = list[tuple[str, "str | Brain"]]


def stored_brain(label: str, given: Mapping[str, Brain]) -> str | Brain:
    """A brain from a run's config on resume: its spec, or the object passed again for a
    ``python:Class`` label (which a database cannot hold)."""
    if not label.startswith("python:"):
        return label
    if label not in given:
        raise ValueError(f"this run's brain {label!r} was a Python object: pass it again, "
                         f"World.resume(db, brains={{{label!r}: brain}})")
    return given[label]


def resume_plan(run: RunRow, source: str, llm: str | None, llm_events: str | None,
                brains: Mapping[str, Brain] | None, switch_llm: bool) -> tuple[WorldSpec, BrainList, list[Change]]:
    """What resuming ``run`` needs: its world (the brain assignment taken from the run's
    config, the world file's included), its per-NPC brains, and the model changes asked
    for (refused with :class:`BrainMismatch` unless ``switch_llm``)."""
    spec = parse_world(run.world_spec, source=source).model_copy(deep=True)
    spec.settings.brains = []
    pairs = [(who, stored_brain(label, brains or {})) for who, label in run.config.get("brains", [])]
    changes = brain_changes(run, llm, llm_events)
    if changes and not switch_llm:
        refuse_unannounced(run, changes)
    return spec, pairs, changes


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
