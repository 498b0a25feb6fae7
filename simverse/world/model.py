"""``World``: the Mesa model that runs one world, one SQLite transaction per step.

World keeps what a person does with a run: construction, resume, run, and the directing
verbs (inject, scene, predict, fork). The step itself is assembled from the phases of
:mod:`simverse.world.step` (events, plans, perceive, decide, resolve and apply, remember,
commit), each a small function over the world's parts; ``World.step`` opens the step's
one session and hands it down.

The database is the source of truth: ``World.resume`` rebuilds a run from its last
committed step and continues exactly as the uninterrupted run would have.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from types import MappingProxyType
from typing import Any

import mesa
import networkx as nx
from mesa.discrete_space import Network
from sqlalchemy.orm import Session

from simverse.agents.minds import Minds
from simverse.agents.npc import NPC
from simverse.core.clock import Clock
from simverse.core.content_filter import ContentFilter
from simverse.core.decisions import Brain
from simverse.core.loader import load_world, parse_world
from simverse.core.outcome import Outcome
from simverse.core.runtime import Injection, StepRuntime
from simverse.core.schema import ScheduleEntry, WorldSpec
from simverse.core.state import Effect, WorldState
from simverse.core.versions import versions
from simverse.events.prediction import predict_outcome
from simverse.events.resolution import EventResolver
from simverse.events.resolver import ActionCall
from simverse.knowledge.entities import world_entities
from simverse.knowledge.graph import WORLD, KnowledgeGraph
from simverse.knowledge.store import load_knowledge
from simverse.store.fork import fork_run
from simverse.store.run_store import RunStore, StepBatch, db_url
from simverse.world.connect import BrainPairs, Mix, brain_label, connect_models, stored_brain
from simverse.world.outcomes import assert_entry
from simverse.world.records import commit, make_datacollector, plugin_metrics
from simverse.world.stage import StepTurn, empty_stats
from simverse.world.step import run_step

IN_MEMORY = "sqlite://"

__all__ = ["IN_MEMORY", "Injection", "World"]


class World(mesa.Model):
    """A running world. ``World("harbor_town", seed=1)`` starts a new run in memory;
    pass ``db=PATH_OR_URL`` to keep it, and ``World.resume(db)`` to continue one."""

    def __init__(
        self,
        world: str | WorldSpec = "harbor_town",
        seed: int = 0,
        db: str | None = None,
        llm: str | None = None,
        brain: Brain | None = None,
        *,
        embedder: str | None = None,
        memory: bool = True,
        llm_events: str | None = None,
        replay: str | None = None,
        brains: BrainPairs | None = None,
        _resume: tuple[RunStore, int] | None = None,
    ) -> None:
        """``llm`` drives the NPCs and ``llm_events`` the event-inference model (specs as
        in :mod:`simverse.llm.spec`; defaults from the world file, else ``scripted``).
        ``brains`` gives some NPCs brains of their own, ``{who: spec or Brain}`` (before the
        world file's ``settings.brains``; see :mod:`simverse.core.population`).
        ``replay`` names a run database (``PATH`` or ``PATH#RUN``) whose recorded LLM calls
        answer every request instead of a model."""
        super().__init__(rng=seed)
        self.seed = int(seed)
        self.spec = world if isinstance(world, WorldSpec) else load_world(world)
        self.llm = llm or self.spec.settings.llm or "scripted"
        self.llm_events = llm_events or self.spec.settings.llm_events or "scripted"
        given = list(brains.items()) if isinstance(brains, Mapping) else list(brains or [])
        self.mix = Mix([*given, *((b.who, b.llm) for b in self.spec.settings.brains)],
                       [(n.name, list(n.tags)) for n in self.spec.npcs], self.seed)
        self.clock = Clock.from_hhmm(self.spec.environment.start, self.spec.environment.minutes_per_step)
        self.places = nx.Graph()
        self.places.add_nodes_from(p.id for p in self.spec.places)
        self.places.add_edges_from((p.id, other) for p in self.spec.places for other in p.connections)
        self.place_descriptions = {p.id: p.description or p.name for p in self.spec.places}
        self.space = Network(self.places, random=self.random)
        self.resolver = EventResolver(self.spec, self.places, seed=self.seed)
        self.state = WorldState.from_spec(self.spec)
        self.knowledge = KnowledgeGraph()
        self.knowledge.register_entities(world_entities(self.spec))
        self.npcs: dict[str, NPC] = {n.name: NPC(self, n) for n in self.spec.npcs}
        self.npc_names = sorted(self.npcs)
        self.runtime = StepRuntime()
        self.step_index = 0
        self.last_stats: dict[str, Any] = empty_stats()
        self.step_hooks: list[Callable[[World, StepBatch], None]] = []
        self._routes: dict[tuple[str, ...], dict[str, dict[str, list[str]]]] = {}
        self.embedder = embedder or self.spec.settings.embedder
        self.content_filter = ContentFilter()
        self.minds: Minds | None = None
        self._failed = ""
        if _resume is None:
            self._open_new(db, memory, brain, replay)
        else:
            self._reopen(*_resume, embedder, brain, replay)
        for npc in self.npcs.values():
            npc.sync_cell()
        self.datacollector = make_datacollector(plugin_metrics(self.spec.settings.metrics))
        self.datacollector.collect(self)

    # ------------------------------------------------------------------ opening runs
    def _open_new(self, db: str | None, memory: bool, brain: Brain | None, replay: str | None) -> None:
        """Create the run and commit its step 0 (the world as the file describes it)."""
        self.store = RunStore(db_url(db) if db else IN_MEMORY)
        self.run_id = self.store.create_run(
            world=self.spec.name, seed=self.seed, llm=self.llm,
            config={"db": db, "embedder": self.embedder, "memory": memory, "llm_events": self.llm_events,
                    "brains": [[who, brain_label(b)] for who, b in self.mix.pairs]},
            world_spec=self.spec.model_dump(mode="json"), versions=versions(),
        )
        with self.store.session() as session, session.begin():
            self._connect(session, brain, replay)
            self._seed_knowledge()
            if memory:
                self.minds = Minds.open(session, self.run_id, self.embedder)
            turn = StepTurn(0, session, time.perf_counter(), stats=self.last_stats)
            commit(self, turn)

    def _reopen(self, store: RunStore, run_id: int, embedder: str | None, brain: Brain | None,
                replay: str | None) -> None:
        """Rebuild the run from its last committed step."""
        self.store, self.run_id = store, run_id
        run = self.store.run(self.run_id)
        self.embedder = embedder or run.config.get("embedder", self.embedder)
        with self.store.session() as session:
            self._restore(session)
            self._connect(session, brain, replay)
            if run.config.get("memory", True):
                self.minds = Minds.open(session, self.run_id, self.embedder)

    def _connect(self, session: Session, brain: Brain | None, replay: str | None) -> None:
        self.brain = connect_models(session, self.run_id, self.llm, self.llm_events, self.resolver, brain, replay,
                                    self.mix)

    @classmethod
    def resume(cls, db: str, run_id: int | None = None, brain: Brain | None = None, llm: str | None = None,
               embedder: str | None = None, llm_events: str | None = None,
               brains: Mapping[str, Brain] | None = None) -> World:
        """Reopen a stored run at its last committed step (with its own models unless told
        otherwise). Per-NPC brains come back from the run's config; brains that were Python
        objects (``python:Class``) must be passed again in ``brains``, keyed by that label."""
        store = RunStore(db_url(db))
        run = store.run(run_id)
        spec = parse_world(run.world_spec, source=f"{db} run {run.id}").model_copy(deep=True)
        spec.settings.brains = []  # the run's config holds the assignment, world file's included
        pairs = [(who, stored_brain(label, brains or {})) for who, label in run.config.get("brains", [])]
        return cls(spec, seed=run.seed, llm=llm or run.llm, brain=brain, embedder=embedder,
                   llm_events=llm_events or run.config.get("llm_events"), brains=pairs, _resume=(store, run.id))

    def _restore(self, session: Session) -> None:
        last = self.store.last_step(self.run_id)
        if last is None:
            raise ValueError(f"{self.store.url}: run {self.run_id} has no committed step to resume from")
        row = self.store.step_row(self.run_id, last)
        self.step_index = last
        self.steps = last
        self.state = WorldState.from_json(row.state)
        version, internal, gauss = row.rng_state["random"]
        self.random.setstate((version, tuple(internal), gauss))
        self.rng.bit_generator.state = row.rng_state["numpy"]
        self.runtime = StepRuntime.from_json(row.runtime)
        self.last_stats = row.stats
        self.knowledge = load_knowledge(session, self.run_id, world_entities(self.spec))

    def _seed_knowledge(self) -> None:
        for entry in self.spec.knowledge:
            assert_entry(self.knowledge, WORLD, entry, "world_file", 0)
        for npc in self.spec.npcs:
            for entry in npc.knowledge:
                assert_entry(self.knowledge, npc.name, entry, "world_file", 0)

    # ------------------------------------------------------------------ the step
    def step(self) -> None:
        """Advance one step through the pipeline and commit it.

        If a step fails (a replay's cache miss, a bug), its transaction rolls back and
        this object refuses further steps: its in-memory state is ahead of the database.
        ``World.resume(db)`` continues from the last committed step.
        """
        if self._failed:
            raise RuntimeError(f"step {self.step_index + 1} failed earlier ({self._failed}); "
                               f"reopen the run with World.resume to continue from step {self.step_index}")
        try:
            self._step()
        except BaseException as exc:
            self._failed = f"{type(exc).__name__}: {exc}"
            raise

    def _step(self) -> None:
        started = time.perf_counter()
        step = self.step_index + 1
        with self.store.session() as session, session.begin():
            turn = StepTurn(step, session, started, self.clock.sim_hours(step))
            run_step(self, turn)
            self.last_stats = turn.stats
            commit(self, turn)
            self.step_index = step
        self.datacollector.collect(self)

    def run(self, steps: int, on_step: Callable[[int], None] | None = None) -> None:
        """Run ``steps`` steps, calling ``on_step(step)`` after each commit."""
        with _fewer_gc_passes():
            for _ in range(steps):
                self.step()
                if on_step is not None:
                    on_step(self.step_index)

    # ------------------------------------------------------------------ what NPCs read
    @property
    def inbox(self) -> Mapping[str, list[str]]:
        """Observations each NPC will perceive at its next decision (read-only)."""
        return MappingProxyType(self.runtime.inbox)

    @property
    def pending(self) -> list[Injection]:
        """Events queued for the next step (a copy; queue with inject, scene or queue)."""
        return list(self.runtime.pending)

    @property
    def ids(self) -> dict[str, int]:
        """The run's id counters (a copy)."""
        return dict(self.runtime.ids)

    def intention(self, npc: NPC, hour: float) -> ScheduleEntry | None:
        """What the NPC means to do now: its current plan entry (the memory stream's daily
        plan, revised after important events), else its schedule entry."""
        entry = npc.schedule_entry(hour)
        return entry if self.minds is None else self.minds.intention(npc.name, entry)

    def route(self, source: str, target: str) -> list[str]:
        """Shortest way from ``source`` to ``target`` over open connections (next place first)."""
        if source == target:
            return []
        closed = tuple(self.state.closed_routes)
        table = self._routes.get(closed)
        if table is None:
            table = dict(nx.all_pairs_shortest_path(self.open_places()))
            self._routes[closed] = table
        path = table.get(source, {}).get(target)
        return list(path[1:]) if path else []

    def open_places(self) -> nx.Graph:
        """The place graph without connections closed by scene changes."""
        if not self.state.closed_routes:
            return self.places
        graph = self.places.copy()
        for key in self.state.closed_routes:
            a, b = key.split("|")
            if graph.has_edge(a, b):
                graph.remove_edge(a, b)
        return graph

    def tracked_spread(self) -> float:
        """Mean share of NPCs who currently believe each tracked fact."""
        tracked = self.knowledge.tracked_keys()
        if not tracked or not self.npc_names:
            return 0.0
        shares = [
            sum(1 for n in self.npc_names if self.knowledge.believes(n, key)) / len(self.npc_names)
            for key in tracked
        ]
        return sum(shares) / len(shares)

    # ------------------------------------------------------------------ directing
    def inject(self, description: str, effects: list[Effect] | None = None, place: str | None = None,
               importance: int = 6, facts: list[dict[str, Any]] | None = None) -> None:
        """Queue an event to fire at the start of the next step (committed with it). With
        ``effects`` those apply as given; with text only (``effects=None``, stored as
        ``facts=None``) its consequences are inferred then, like a scene command.
        ``facts`` (subject, predicate, object[, text, tracked]) become true for the world
        and are believed by those who see the event."""
        if facts is None:
            facts = None if effects is None else []
        self.queue(Injection(description, [e.as_list() for e in effects or []], place, facts, importance))

    def scene(self, command: str, place: str | None = None) -> None:
        """Queue a scene command ("a storm rolls in over the harbour", "it is night now") to
        be read at the start of the next step: environment and layout change through an
        outcome, and NPCs perceive it that step."""
        self.queue(Injection(command, [], place, None, 6, "scene"))

    def queue(self, injection: Injection) -> None:
        """Queue an injection as given (a stored one, when replaying a run)."""
        if injection.place is not None and injection.place not in self.places:
            verb = "scene" if injection.kind == "scene" else "inject"
            raise ValueError(f"{verb}: unknown place {injection.place!r}")
        self.runtime.queue(injection)

    def predict(self, action_or_event: ActionCall | str, at_step: int | None = None,
                place: str | None = None) -> Outcome:
        """What an action (``ActionCall``) or event text would do, worked out on a copy of
        the state now (or as stored after step ``at_step``); nothing here changes."""
        state = self._state_at(at_step)
        step = (at_step if at_step is not None else self.step_index) + 1
        return predict_outcome(self.resolver, state, self.places, action_or_event, step, self.seed, place)

    def _state_at(self, at_step: int | None) -> WorldState:
        """A private copy of the state now, or as stored after step ``at_step``."""
        if at_step is None or at_step == self.step_index:
            return self.state.copy()
        if at_step < 0 or at_step > self.step_index:
            raise ValueError(f"predict: step {at_step} is not between 0 and {self.step_index}")
        return WorldState.from_json(self.store.step_row(self.run_id, at_step).state).copy()

    def fork(self, at_step: int | None = None) -> int:
        """Copy this run's history up to ``at_step`` (default: now) into a new run of the
        same database; returns its id (continue it with ``World.resume(db, run_id=...)``)."""
        return fork_run(self.store, self.run_id, self.step_index if at_step is None else at_step)

    def close(self) -> None:
        self.store.close()


@contextmanager
def _fewer_gc_passes() -> Iterator[None]:
    """A step makes tens of thousands of short-lived objects; with Python's default
    thresholds the cyclic collector then rescans the whole (large, long-lived) heap many
    times per step, which cost a third of the run time at 1,000 NPCs. Collect less often
    while running; refcounting still frees everything acyclic at once."""
    old = gc.get_threshold()
    gc.set_threshold(100_000, 50, 1000)
    try:
        yield
    finally:
        gc.set_threshold(*old)
