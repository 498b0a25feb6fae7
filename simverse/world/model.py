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

import time
from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

import mesa
import networkx as nx
from mesa.discrete_space import Network

from simverse.agents.minds import Minds
from simverse.agents.npc import NPC
from simverse.core.clock import Clock
from simverse.core.content_filter import ContentFilter
from simverse.core.decisions import Brain
from simverse.core.loader import load_world
from simverse.core.outcome import Outcome
from simverse.core.runtime import Injection, StepRuntime, check_injected_text
from simverse.core.schema import ScheduleEntry, WorldSpec
from simverse.core.state import Effect, WorldState
from simverse.core.versions import versions
from simverse.events.prediction import predict_outcome, state_at
from simverse.events.resolution import EventResolver
from simverse.events.resolver import ActionCall
from simverse.events.triggers import clock_minutes
from simverse.knowledge.entities import world_entities
from simverse.knowledge.graph import KnowledgeGraph
from simverse.store.fork import fork_run
from simverse.store.redaction_models import RedactionRow
from simverse.store.run_store import RunStore, StepBatch, db_url
from simverse.world import connect
from simverse.world.opening import check_mix, check_models, new_run_config, open_for_resume
from simverse.world.outcomes import seed_knowledge
from simverse.world.records import commit, make_datacollector, plugin_metrics, tracked_spread
from simverse.world.restore import restore_last_step
from simverse.world.routes import Routes, place_graph
from simverse.world.screening import Screening
from simverse.world.stage import StepTurn, empty_stats
from simverse.world.step import fewer_gc_passes, run_step
from simverse.world.wiring import connect_brain, open_minds, switch_llm

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
        brains: connect.BrainPairs | None = None,
        skip_idle: bool | None = None,
        llm_seed: str = "probe",
        planned_steps: int | None = None,
        _resume: tuple[RunStore, int] | None = None,
    ) -> None:
        """``llm`` drives the NPCs and ``llm_events`` the event-inference model (specs as
        in :mod:`simverse.llm.spec`; defaults from the world file, else ``scripted``).
        ``brains`` gives some NPCs brains of their own, ``{who: spec or Brain}`` (before the
        world file's ``settings.brains``; see :mod:`simverse.core.population`).
        ``replay`` names a run database (``PATH`` or ``PATH#RUN``) whose recorded LLM calls
        answer every request instead of a model. ``skip_idle`` (default: the world's
        setting) lets the scripted brain decide for NPCs with nothing new; ``llm_seed``
        says whether an HTTP server honours ``seed`` (``probe``: ask it at start).
        ``planned_steps`` is stored with the run, so ``run --resume`` knows where it stops."""
        super().__init__(rng=seed)
        self.seed = int(seed)
        self.spec = world if isinstance(world, WorldSpec) else load_world(world)
        self.llm = llm or self.spec.settings.llm or "scripted"
        self.llm_events = llm_events or self.spec.settings.llm_events or "scripted"
        given = list(brains.items()) if isinstance(brains, Mapping) else list(brains or [])
        self.mix = connect.Mix([*given, *((b.who, b.llm) for b in self.spec.settings.brains)],
                       [(n.name, list(n.tags)) for n in self.spec.npcs], self.seed)
        self._lay_out()
        self.step_index = 0
        self.last_stats: dict[str, Any] = empty_stats()
        self.step_hooks: list[Callable[[World, StepBatch], None]] = []
        self.embedder = embedder or self.spec.settings.embedder
        self.content_filter = ContentFilter()
        self.minds: Minds | None = None
        self._failed = ""
        self.skip_idle = self.spec.settings.skip_idle if skip_idle is None else bool(skip_idle)
        self.llm_seed = llm_seed
        self.replay_source = replay
        metrics = plugin_metrics(self.spec.settings.metrics, f"{self.spec.name}: settings.metrics")  # before storing
        if _resume is None:
            self._start(db, memory, planned_steps, brain, replay)
        else:
            self._reopen(*_resume, embedder, brain, replay)
        for npc in self.npcs.values():
            npc.sync_cell()
        self.datacollector = make_datacollector(metrics)
        self.datacollector.collect(self)

    # ------------------------------------------------------------------ opening runs
    def _start(self, db: str | None, memory: bool, planned_steps: int | None, brain: Brain | None,
               replay: str | None) -> None:
        """A new run: its models answer first, then the run and its step 0 are stored."""
        check_models(self.llm, self.llm_events, self.embedder)
        check_mix(self.mix)
        models = connect.open_models(self.llm, self.llm_events, replay, self.llm_seed)
        self.store = RunStore(db_url(db) if db else IN_MEMORY)
        self.store.checkpoint_in_background()
        self._open_new(None, new_run_config(db, self.embedder, memory, self.llm_events, self.mix,
                                            self.skip_idle, models, planned_steps), brain, models)

    def _lay_out(self) -> None:
        """The world as its file describes it: clock, places, state, knowledge, NPCs."""
        self.clock = Clock.from_hhmm(self.spec.environment.start, self.spec.environment.minutes_per_step)
        self.places = place_graph(self.spec)
        self._routes = Routes(self.places)
        self.place_descriptions = {p.id: p.description or p.name for p in self.spec.places}
        self.space = Network(self.places, random=self.random)
        self.resolver = EventResolver(self.spec, self.places, seed=self.seed)
        self.state = WorldState.from_spec(self.spec)
        self.knowledge = KnowledgeGraph()
        self.knowledge.register_entities(world_entities(self.spec))
        self.npcs: dict[str, NPC] = {n.name: NPC(self, n) for n in self.spec.npcs}
        self.npc_names = sorted(self.npcs)
        self.runtime = StepRuntime()

    def _open_new(self, run_id: int | None, config: dict[str, Any], brain: Brain | None,
                  models: connect.OpenModels) -> None:
        """Create the run (or take ``run_id``, a stored run without steps), become its one
        writer and commit its step 0, all in one transaction: a run exists only once its
        step 0 has committed, and a kill before that leaves none."""
        with self.store.session() as session, session.begin():
            self.run_id = run_id if run_id is not None else self.store.add_run(
                session, world=self.spec.name, seed=self.seed, llm=self.llm, config=config,
                world_spec=self.spec.model_dump(mode="json"), versions=versions(),
            )
            self.store.lock_run(self.run_id)
            self.screening = Screening(self.content_filter, self.run_id)
            connect_brain(self, session, brain, models)
            seed_knowledge(self.knowledge, self.spec)
            if config.get("memory", True):
                open_minds(self, session, models, config)
            turn = StepTurn(0, session, time.perf_counter(), stats=self.last_stats)
            commit(self, turn)

    def _reopen(self, store: RunStore, run_id: int, embedder: str | None, brain: Brain | None,
                replay: str | None) -> None:
        """Rebuild the run from its last committed step (a run an older simverse left
        without step 0 starts afresh)."""
        self.store, self.run_id = store, run_id
        run = self.store.run(self.run_id)
        self.embedder = embedder or run.config.get("embedder", self.embedder)
        check_models(self.llm, self.llm_events, self.embedder)
        check_mix(self.mix)
        models = connect.open_models(self.llm, self.llm_events, replay, self.llm_seed)
        if self.store.last_step(self.run_id) is None:
            self._open_new(self.run_id, run.config, brain, models)
            return
        self.screening = Screening(self.content_filter, self.run_id, self.store.max_id(RedactionRow, self.run_id))
        with self.store.session() as session, session.begin():
            connect.remember_facts(session, self.run_id, models.facts, self.skip_idle)
        with self.store.session() as session:
            restore_last_step(self, session)
            connect_brain(self, session, brain, models)
            if run.config.get("memory", True):
                open_minds(self, session, models, run.config)

    @classmethod
    def resume(cls, db: str, run_id: int | None = None, brain: Brain | None = None, llm: str | None = None,
               embedder: str | None = None, llm_events: str | None = None,
               brains: Mapping[str, Brain] | None = None, *, switch_llm: bool = False,
               skip_idle: bool | None = None, llm_seed: str = "probe", lock: bool = True) -> World:
        """Reopen a stored run at its last committed step with its own models. Another
        ``llm``/``llm_events`` than the run's is refused (:class:`BrainMismatch`) unless
        ``switch_llm``: then the switch and its step are recorded. Per-NPC brains come back
        from the run's config; brains that were Python objects (``python:Class``) must be
        passed again in ``brains``, keyed by that label. The database is checked read-only
        first and never created; this process becomes the run's one writer (``lock=False``
        for a reader that never commits, e.g. ``predict``)."""
        store, found = open_for_resume(db, run_id, lock)
        if lock:
            store.checkpoint_in_background()
        try:
            run = store.run(found)
            spec, pairs, changes = connect.resume_plan(run, f"{db} run {run.id}", llm, llm_events, brains, switch_llm)
            skip = skip_idle if skip_idle is not None else run.config.get("skip_idle")
            world = cls(spec, seed=run.seed, llm=llm or run.llm, brain=brain, embedder=embedder,
                        llm_events=llm_events or run.config.get("llm_events"), brains=pairs, skip_idle=skip,
                        llm_seed=llm_seed, _resume=(store, run.id))
        except BaseException:
            store.close()
            raise
        if changes:
            with store.session() as session, session.begin():
                connect.record_switches(session, run.id, world.step_index, changes)
        return world

    def switch_llm(self, role: str, spec: str) -> None:
        """From the next step on, ``role`` (``npc`` or ``events``) uses ``spec`` (recorded)."""
        switch_llm(self, role, spec)

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
            with fewer_gc_passes():
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

    @property
    def schedule_done(self) -> Mapping[str, str]:
        """The schedule slot (``"day:entry"``) each NPC has completed (read-only)."""
        return MappingProxyType(self.runtime.done)

    def sync_clock(self, step: int) -> None:
        """Re-base the clock on the state's ``world.time`` / ``world.day`` (a scene may move
        them), so that labels, schedules and plans of ``step`` follow."""
        minutes = clock_minutes(self.state)
        if minutes != self.clock.minutes(step):
            self.clock = self.clock.rebased(step, minutes)

    def route(self, source: str, target: str) -> list[str]:
        """Shortest way from ``source`` to ``target`` over open connections, through and
        into places that are not shut (next place first)."""
        return self._routes.route(self.state, source, target)

    def router(self) -> Callable[[str, str], list[str]]:
        """:meth:`route` for many ways over the world as it is now (one scan of the places)."""
        return self._routes.router(self.state)

    def open_places(self) -> nx.Graph:
        """The place graph without closed or locked connections, nor ways into shut places."""
        return self._routes.open_places(self.state)

    def tracked_spread(self) -> float:
        """Mean share of NPCs who currently believe each tracked fact."""
        return tracked_spread(self.knowledge, self.npc_names)

    # ------------------------------------------------------------------ directing
    def inject(self, description: str, effects: list[Effect] | None = None, place: str | None = None,
               importance: int = 6, facts: list[dict[str, Any]] | None = None) -> None:
        """Queue an event to fire at the start of the next step (committed with it). With
        ``effects`` those apply as given; with text only (``effects=None``, stored as
        ``facts=None``) its consequences are inferred then, like a scene command.
        ``facts`` (subject, predicate, object[, text, tracked]) become true for the world
        and are believed by those who see the event. The text is a person's, so it is held
        to :data:`~simverse.core.runtime.MAX_INJECTED_CHARS` (a stored one goes through :meth:`queue`, unchecked)."""
        check_injected_text(description)
        if facts is None:
            facts = None if effects is None else []
        self.queue(Injection(description, [e.as_list() for e in effects or []], place, facts, importance))

    def scene(self, command: str, place: str | None = None) -> None:
        """Queue a scene command ("a storm rolls in over the harbour", "it is night now") to
        be read at the start of the next step: environment and layout change through an
        outcome, and NPCs perceive it that step."""
        check_injected_text(command, "scene")
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
        state = state_at(self.store, self.run_id, self.state, self.step_index, at_step)
        step = (at_step if at_step is not None else self.step_index) + 1
        return predict_outcome(self.resolver, state, self.places, action_or_event, step, self.seed, place)

    def fork(self, at_step: int | None = None) -> int:
        """Copy this run's history up to ``at_step`` (default: now) into a new run of the
        same database; returns its id (continue it with ``World.resume(db, run_id=...)``)."""
        return fork_run(self.store, self.run_id, self.step_index if at_step is None else at_step)

    def close(self) -> None:
        """Close the store and let the world be freed: Mesa 3.3 counts agent ids per model in
        a class-level table (``mesa.Agent._ids``) that would keep every world ever made, with
        its brain and embedder, alive (about 200 MB a MiniLM world in a long sweep)."""
        self.store.close()
        ids = getattr(mesa.Agent, "_ids", None)
        if isinstance(ids, dict):
            ids.pop(self, None)

