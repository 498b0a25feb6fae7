"""What a world's parts are wired to: its brain, its events model and its memory, and
switching a model within a run.

:class:`~simverse.world.model.World` opens its models through
:mod:`simverse.world.connect` and wires them here, when a run starts or resumes; a switch
of model later in the run (:func:`switch_llm`) or another brain put in (:func:`use_brain`)
goes through the same place, so nothing outside this package writes the world's brain.
"""

from __future__ import annotations

from typing import Protocol

from sqlalchemy.orm import Session

from simverse.agents.minds import Minds
from simverse.core.decisions import Brain
from simverse.core.schema import WorldSpec
from simverse.events.resolution import EventResolver
from simverse.llm.spec import same_spec
from simverse.memory.config import MemoryConfig
from simverse.memory.embedder import understanding
from simverse.store.run_store import RunStore
from simverse.world import connect
from simverse.world.opening import EMBEDDER_PRECISION, MEMORY_GISTS

__all__ = ["Wired", "connect_brain", "open_minds", "switch_llm", "use_brain"]


class Wired(Protocol):
    """The world as its models are wired to it: what it names and what it holds."""

    spec: WorldSpec
    store: RunStore
    run_id: int
    step_index: int
    llm: str
    llm_events: str
    llm_seed: str
    embedder: str
    skip_idle: bool
    replay_source: str | None
    mix: connect.Mix
    resolver: EventResolver
    brain: Brain
    minds: Minds | None


def connect_brain(world: Wired, session: Session, brain: Brain | None, models: connect.OpenModels) -> None:
    """The world's brain (``brain`` as given, else one for its ``llm`` and per-NPC mix) and
    its events model, both recording into the run."""
    world.brain = connect.connect_models(session, world.run_id, world.llm, models, world.resolver, brain,
                                         world.skip_idle, world.mix)


def open_minds(world: Wired, session: Session, models: connect.OpenModels, run_config: dict) -> None:
    """The run's memory; a replay's stored text vectors answer before the embedder. Gists
    are on for runs whose config says so (every run made since they exist), so a run made
    before keeps embedding whole texts when it resumes; MiniLM computes in the precision
    the run recorded (float32 for runs made before precisions were recorded)."""
    recorded = connect.replay_vectors(models.replay, world.embedder) if models.replay else None
    config = MemoryConfig(retrieval_log=world.spec.settings.retrieval_log,
                          gists=bool(run_config.get(MEMORY_GISTS, False)))
    precision = str(run_config.get(EMBEDDER_PRECISION, "float32"))
    world.minds = Minds.open(session, world.run_id, world.embedder, config, recorded, precision)
    connect.share_embedder(world.brain, understanding(world.minds.stream.embedder))


def switch_llm(world: Wired, role: str, spec: str) -> None:
    """From the next step on, ``role`` (``npc`` or ``events``) uses the brain ``spec``;
    the switch and its step are recorded (a replay switches at the same point)."""
    old = world.llm if role == "npc" else world.llm_events
    if same_spec(old, spec):
        return
    llm, events = (spec, world.llm_events) if role == "npc" else (world.llm, spec)
    models = connect.open_models(llm, events, world.replay_source, world.llm_seed)
    world.llm, world.llm_events = llm, events
    with world.store.session() as session, session.begin():
        connect.record_switches(session, world.run_id, world.step_index, [(role, old, spec)])
        connect.remember_facts(session, world.run_id, models.facts, world.skip_idle)
        connect_brain(world, session, None, models)


def use_brain(world: Wired, brain: Brain) -> None:
    """From the next step on, NPCs decide with ``brain`` (e.g. one that wraps the world's
    own, which keeps recording its calls, to capture every request)."""
    world.brain = brain
