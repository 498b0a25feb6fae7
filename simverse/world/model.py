"""``World``: the Mesa model that runs one world, one SQLite transaction per step.

A step, as data flows (see ARCHITECTURE.md):

1. the clock advances; scheduled and injected events fire;
2. perceive: every NPC gets what it saw since it last decided;
3. decide: one ``brain.decide_batch`` call for all NPCs;
4. resolve and apply: actions in an order drawn from the seeded rng, by rule;
   ``talk`` decisions become conversations, run in batched rounds;
5. commit: state, rng states, decisions, events, dialogue and facts in one transaction,
   then ``DataCollector.collect``.

The database is the source of truth: ``World.resume`` rebuilds a run from its last
committed step and continues exactly as the uninterrupted run would have.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import mesa
import networkx as nx
from mesa.discrete_space import Network
from sqlalchemy.orm import Session

from simverse.agents.conversation import Conversation, pair_conversations
from simverse.agents.minds import MIN_OBSERVED_IMPORTANCE, Minds
from simverse.agents.npc import NPC
from simverse.agents.perception import build_requests
from simverse.core.clock import Clock
from simverse.core.content_filter import ContentFilter
from simverse.core.decision_check import check_decision
from simverse.core.decisions import Brain, Decision, DecisionRequest
from simverse.core.llm_protocol import Backend
from simverse.core.loader import load_world, parse_world
from simverse.core.outcome import FactChange, Outcome
from simverse.core.policies import check_utterance
from simverse.core.rules import parse_effect
from simverse.core.schema import KnowledgeEntry, ScheduleEntry, WorldSpec
from simverse.core.state import Effect, EffectError, WorldState
from simverse.core.versions import versions
from simverse.events.resolution import EventResolver, needs_inference
from simverse.events.resolver import ActionCall, apply_effects, observers_of
from simverse.events.social import social_memories
from simverse.knowledge.entities import world_entities
from simverse.knowledge.graph import WORLD, Fact, KnowledgeGraph, fact_key
from simverse.knowledge.metrics import knowledge_reporters
from simverse.knowledge.store import load_knowledge
from simverse.store.knowledge_models import FactRow
from simverse.store.models import DecisionRow, DialogueRow, EventRow, NPCStateRow, StepRow
from simverse.store.run_store import RunStore, StepBatch, db_url

IN_MEMORY = "sqlite://"
DECISION_STATUSES = ("valid", "repaired", "retried", "defaulted")


@dataclass
class Injection:
    """An event a person asked for; fires at the start of the next step."""

    description: str
    effects: list[list[Any]]
    place: str | None = None
    facts: list[dict[str, Any]] | None = None
    importance: int = 6
    kind: str = "injected"


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
        _resume: tuple[RunStore, int] | None = None,
    ) -> None:
        """``llm`` drives the NPCs and ``llm_events`` the event-inference model (specs as
        in :mod:`simverse.llm.spec`; defaults from the world file, else ``scripted``).
        ``replay`` names a run database (``PATH`` or ``PATH#RUN``) whose recorded LLM calls
        answer every request instead of a model."""
        super().__init__(rng=seed)
        self.seed = int(seed)
        self.spec = world if isinstance(world, WorldSpec) else load_world(world)
        self.llm = llm or self.spec.settings.llm or "scripted"
        self.llm_events = llm_events or self.spec.settings.llm_events or "scripted"
        self.clock = Clock.from_hhmm(self.spec.environment.start, self.spec.environment.minutes_per_step)
        self.places = nx.Graph()
        for place in self.spec.places:
            self.places.add_node(place.id)
        for place in self.spec.places:
            for other in place.connections:
                self.places.add_edge(place.id, other)
        self.place_descriptions = {p.id: p.description or p.name for p in self.spec.places}
        self.space = Network(self.places, random=self.random)
        self.resolver = EventResolver(self.spec, self.places, seed=self.seed)  # its model: _connect_models
        self.state = WorldState.from_spec(self.spec)
        self.knowledge = KnowledgeGraph()
        self.knowledge.register_entities(world_entities(self.spec))
        self.npcs: dict[str, NPC] = {n.name: NPC(self, n) for n in self.spec.npcs}
        self.npc_names = sorted(self.npcs)
        self.inbox: dict[str, list[str]] = {}
        self.pending: list[Injection] = []
        self.ids = {"event": 0, "decision": 0, "dialogue": 0, "conversation": 0}
        self.step_index = 0
        self.last_stats: dict[str, Any] = _empty_stats()
        self.step_hooks: list[Callable[[World, StepBatch], None]] = []
        self._routes: dict[tuple[str, ...], dict[str, dict[str, list[str]]]] = {}
        self.embedder = embedder or self.spec.settings.embedder
        self.content_filter = ContentFilter()
        self.minds: Minds | None = None
        self._failed = ""
        self._ranked_facts: dict[str, list] = {}
        if _resume is None:
            self.store = RunStore(db_url(db) if db else IN_MEMORY)
            self.run_id = self.store.create_run(
                world=self.spec.name, seed=self.seed, llm=self.llm,
                config={"db": db, "embedder": self.embedder, "memory": memory, "llm_events": self.llm_events},
                world_spec=self.spec.model_dump(mode="json"), versions=versions(),
            )
            self._connect_models(brain, replay)
            self._seed_knowledge()
            with self.store.session() as session, session.begin():
                if memory:
                    self.minds = Minds.open(session, self.run_id, self.embedder)
                self._commit(session, 0, StepBatch(), started=time.perf_counter())
        else:
            self.store, self.run_id = _resume
            run = self.store.run(self.run_id)
            self.embedder = embedder or run.config.get("embedder", self.embedder)
            self._restore()
            self._connect_models(brain, replay)
            if run.config.get("memory", True):
                with self.store.session() as session:
                    self.minds = Minds.open(session, self.run_id, self.embedder)
        if self.minds is not None and hasattr(self.brain, "hear_with"):
            self.brain.hear_with(self.minds.stream.embedder)  # one embedder for memory and talk
        for npc in self.npcs.values():
            npc.sync_cell()
        self.datacollector = mesa.DataCollector(
            model_reporters={
                "step": lambda m: m.step_index,
                "conversations": lambda m: m.last_stats["conversations"],
                "dialogue_lines": lambda m: m.last_stats["dialogue_lines"],
                "actions": lambda m: m.last_stats["actions"],
                "failed_actions": lambda m: m.last_stats["failed_actions"],
                "events": lambda m: m.last_stats["events"],
                "facts": lambda m: len(m.knowledge.facts),
                "tracked_fact_spread": lambda m: m.tracked_spread(),
                "defaulted_decisions": lambda m: m.last_stats["decisions"]["defaulted"],
                "policy_violations": lambda m: m.last_stats["policy_violations"],
                **knowledge_reporters(),
            },
            agent_reporters={
                "place": lambda a: a.place,
                "hunger": lambda a: a.hunger,
                "coins": lambda a: a.coins,
                "mood": lambda a: a.mood,
            },
        )
        self.datacollector.collect(self)

    def _connect_models(self, brain: Brain | None, replay: str | None) -> None:
        """The NPC brain and the events model. Every LLM call is recorded in this run
        (ids continuing after those stored); with ``replay`` a recorded run's calls answer
        instead of any model."""
        from simverse.llm.recording import CallIds
        from simverse.llm.spec import make_backends, make_brain

        answers = replay_backend(replay) if replay else None
        with self.store.session() as session:
            ids = CallIds.after_stored(session, self.run_id)
        backends = make_backends({"npc": self.llm, "events": self.llm_events}, run_id=self.run_id,
                                 call_ids=ids, replay=answers)
        self.brain = brain if brain is not None else make_brain(self.llm, backend=backends["npc"])
        self.resolver.set_backend(backends["events"])

    # ------------------------------------------------------------------ opening runs
    @classmethod
    def resume(cls, db: str, run_id: int | None = None, brain: Brain | None = None, llm: str | None = None,
               embedder: str | None = None, llm_events: str | None = None) -> World:
        """Reopen a stored run at its last committed step (with its own models unless told otherwise)."""
        store = RunStore(db_url(db))
        run = store.run(run_id)
        spec = parse_world(run.world_spec, source=f"{db} run {run.id}")
        return cls(spec, seed=run.seed, llm=llm or run.llm, brain=brain, embedder=embedder,
                   llm_events=llm_events or run.config.get("llm_events"), _resume=(store, run.id))

    def _restore(self) -> None:
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
        self.inbox = {k: list(v) for k, v in row.runtime["inbox"].items()}
        self.pending = [Injection(**p) for p in row.runtime["pending"]]
        self.ids = dict(row.runtime["ids"])
        self.last_stats = row.stats
        with self.store.session() as session:
            self.knowledge = load_knowledge(session, self.run_id, world_entities(self.spec))

    def _seed_knowledge(self) -> None:
        for entry in self.spec.knowledge:
            self._assert(WORLD, entry, "world_file", 0)
        for npc in self.spec.npcs:
            for entry in npc.knowledge:
                self._assert(npc.name, entry, "world_file", 0)

    def _assert(self, holder: str, entry: KnowledgeEntry, source: str, step: int) -> Fact | None:
        return self.knowledge.assert_fact(
            holder, entry.subject, entry.predicate, entry.object, source=source, step=step,
            confidence=entry.confidence, text=entry.text, secret=entry.secret,
            tracked=entry.tracked,
        )

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
        batch = StepBatch()
        stats = _empty_stats()
        hours = self.clock.sim_hours(step)
        with self.store.session() as session, session.begin():
            outcomes = self._fire_events(step)
            if self.minds is not None:
                self.minds.plan(session, self, step)
            requests = build_requests(self, [self.npcs[n] for n in self.npc_names], step, "act")
            if self.minds is not None:
                self.minds.recall(session, requests, step, hours)
            self.inbox = {}
            asked = self._ask(step, requests, batch, stats)
            self._ranked_facts = {r.npc: r.facts for r in requests}
            outcomes += self._act(step, asked, batch, stats)
            self._tick_needs()
            batch.extend(EventRow, (self._event_row(step, o) for o in outcomes))
            stats["events"] = sum(1 for o in outcomes if o.kind in ("scheduled", "injected", "scene"))
            stats["actions"] = sum(1 for o in outcomes if o.kind == "action")
            stats["failed_actions"] = sum(1 for o in outcomes if o.kind == "action" and not o.success)
            if self.minds is not None:
                self.minds.settle(session, step, hours)
            self.last_stats = stats
            self._commit(session, step, batch, started)
        self.datacollector.collect(self)

    def run(self, steps: int, on_step: Callable[[int], None] | None = None) -> None:
        """Run ``steps`` steps, calling ``on_step(step)`` after each commit."""
        with _fewer_gc_passes():
            for _ in range(steps):
                self.step()
                if on_step is not None:
                    on_step(self.step_index)

    # 1. events ---------------------------------------------------------------
    def _fire_events(self, step: int) -> list[Outcome]:
        """This step's scheduled events, then the injected ones, each applied as an outcome.
        Injections given as text only (and scene commands) are inferred first, all in one
        batch (events model, or the offline scene matcher)."""
        self.resolver.attach(self, step)
        outcomes = []
        for event in (e for e in self.spec.events if e.at_step == step):
            facts = [f.model_dump() for f in event.facts]
            injection = Injection(event.description, [], event.place, facts, event.importance, "scheduled")
            outcomes.append(self._apply_event(step, injection, self._event_effects(event.effects)))
        texts = [p for p in self.pending if needs_inference(p)]
        queries = [self.resolver.event_query(p, step, i) for i, p in enumerate(texts)]
        inferred = dict(zip(map(id, texts), self.resolver.infer_events(self.state, queries), strict=True))
        for injection in self.pending:
            effects = [Effect(*e) for e in injection.effects]
            outcomes.append(self._apply_event(step, injection, effects, inferred.get(id(injection))))
        self.pending = []
        return outcomes

    def _event_effects(self, texts: list[str]) -> list[Effect]:
        roles = set(self.state.entities)
        effects = []
        for text in texts:
            rule = parse_effect(text, roles)
            value = rule.value.literal if rule.value.role is None else self.state.get(rule.value.role, rule.value.prop)
            effects.append(Effect(rule.role, rule.prop, rule.op, value))
        return effects

    def _apply_event(self, step: int, injection: Injection, effects: list[Effect],
                     inferred: Outcome | None = None) -> Outcome:
        """Apply an event: its declared effects, or the ``inferred`` outcome of its text."""
        rule = "everyone" if injection.place is None else "same_place"
        observers = observers_of(self.state, self.places, None, injection.place, rule)
        outcome = inferred or Outcome(
            kind=injection.kind, actor=None, action="event", args={}, success=True, reason="",
            narration=injection.description, place=injection.place, effects=effects,
            kg_changes=[
                FactChange(f["subject"], f["predicate"], f["object"], f.get("holds", True), f.get("text", ""),
                           f.get("tracked", False))
                for f in injection.facts or []
            ],
            observers=observers, source="event", importance=injection.importance,
        )
        outcome.kind, outcome.importance, effects = injection.kind, injection.importance, outcome.effects
        self._number(outcome)
        if not outcome.success:
            return outcome
        try:
            apply_effects(self.state, effects)
        except EffectError as exc:
            outcome.success, outcome.reason = False, f"effects rejected: {exc}"
            return outcome
        self._apply_kg_changes(step, outcome)
        self._notify(outcome)
        social_memories(self, outcome, step)
        return outcome

    def _apply_kg_changes(self, step: int, outcome: Outcome) -> None:
        source = f"event:{outcome.id}"
        for change in outcome.kg_changes:
            key = fact_key(change.subject, change.predicate, change.object)
            entry = KnowledgeEntry(subject=change.subject, predicate=change.predicate, object=change.object,
                                   text=change.text, tracked=change.tracked)
            holders = [WORLD, *outcome.observers]
            for holder in holders:
                if change.holds:
                    self._assert(holder, entry, source, step)
                else:
                    self.knowledge.close(holder, key, step)

    def _notify(self, outcome: Outcome) -> None:
        """Observers perceive the outcome now and, if it matters, remember it."""
        remember = self.minds is not None and outcome.importance >= MIN_OBSERVED_IMPORTANCE
        for npc in outcome.observers:
            if npc != outcome.actor:
                self.inbox.setdefault(npc, []).append(outcome.narration)
                if remember:
                    self.minds.remember(npc, "observation", outcome.narration, self.step_index + 1,
                                        self.clock.sim_hours(self.step_index + 1), None, outcome.id)

    # 2-3. perceive and decide ---------------------------------------------------
    def _ask(
        self, step: int, requests: list[DecisionRequest], batch: StepBatch, stats: dict
    ) -> list[tuple[Decision, dict[str, Any]]]:
        """One batched brain call; every answer checked against its request and recorded."""
        answers = self.brain.decide_batch(requests)
        if len(answers) != len(requests):
            raise RuntimeError(f"brain {self.brain.name!r} answered {len(answers)} of {len(requests)} requests")
        asked = []
        for request, answer in zip(requests, answers, strict=True):
            decision = check_decision(answer, request)
            stats["decisions"][decision.status] += 1
            row = self._decision_row(step, decision, request)
            batch.add(DecisionRow, row)
            asked.append((decision, row))
        return asked

    # 4-5. resolve and apply -------------------------------------------------------
    def _act(
        self, step: int, asked: list[tuple[Decision, dict[str, Any]]], batch: StepBatch, stats: dict
    ) -> list[Outcome]:
        """Resolve actions in a seeded order, then run the conversations that ``talk`` starts."""
        order = list(range(len(asked)))
        self.random.shuffle(order)
        acting = [asked[i] for i in order if asked[i][0].action != "talk"]
        calls = [ActionCall(d.npc, d.action, d.args) for d, _ in acting]
        outcomes = self.resolver.resolve_sequence(self.state, calls)
        for (decision, row), outcome in zip(acting, outcomes, strict=True):
            row["event_id"] = self._number(outcome)
            if outcome.success:
                self._notify(outcome)
                social_memories(self, outcome, step)
            else:
                self.inbox.setdefault(decision.npc, []).append(f"I could not {decision.action}: {outcome.reason}")
            if self.minds is not None and decision.action != "wait":
                self.minds.remember(decision.npc, "action", outcome.narration, step,
                                    self.clock.sim_hours(step), decision.importance, outcome.id)
            self._set_activity(decision)
        talks = [asked[i] for i in order if asked[i][0].action == "talk"]
        place_of = {n: self.state.entities[n]["place"] for n in self.npc_names}
        conversations, failed = pair_conversations(
            talks, place_of, self.ids["conversation"] + 1,
            self.spec.settings.max_conversations_per_npc,
        )
        self.ids["conversation"] += len(conversations)
        rows = {id(d): row for d, row in talks}
        for decision, reason in failed:
            outcome = Outcome("action", decision.npc, "talk", dict(decision.args), False, reason,
                              f"{decision.npc} wants to talk but {reason}.", place_of[decision.npc],
                              observers=[decision.npc], source="builtin", importance=1)
            rows[id(decision)]["event_id"] = self._number(outcome)
            outcomes.append(outcome)
        self._converse(step, conversations, batch, stats)
        for conversation in conversations:
            outcomes += self._record_conversation(step, conversation, batch, stats)
        return outcomes

    def _converse(self, step: int, conversations: list[Conversation], batch: StepBatch, stats: dict) -> None:
        """Run every conversation for up to ``conversation_turns`` lines, one batch per round."""
        for turn in range(1, self.spec.settings.conversation_turns):
            open_ = [c for c in conversations if not c.ended]
            if not open_:
                return
            requests = build_requests(
                self, [self.npcs[c.next_speaker] for c in open_], step, "reply",
                conversations=[(c.other(c.next_speaker), c.turns()) for c in open_],
                turns=[turn * 100_000 + c.id for c in open_], facts=self._ranked_facts,
            )
            for conversation, (reply, row) in zip(open_, self._ask(step, requests, batch, stats), strict=True):
                conversation.lines.append((reply.npc, reply.utterance or "", list(reply.told_facts), row))
                if reply.end_conversation:
                    conversation.ended = True

    def _record_conversation(
        self, step: int, conversation: Conversation, batch: StepBatch, stats: dict
    ) -> list[Outcome]:
        """Store the lines and pass on what was told: the listener now believes it, from the teller.

        Each line is screened by the content filter (blocked text is replaced and the block
        recorded as a ``filtered`` event) and checked against the world's policies (each
        violation recorded as a ``policy`` event). Returns those events.
        """
        stats["conversations"] += 1
        flagged: list[Outcome] = []
        previous: str | None = None
        for turn, (speaker, said, told, row) in enumerate(conversation.lines):
            listener = conversation.other(speaker)
            self.ids["dialogue"] += 1
            line_id = self.ids["dialogue"]
            text = self._screen(step, speaker, said, conversation.place, line_id, flagged)
            for violation in check_utterance(self.spec.policies, speaker, said, previous):
                flagged.append(self._flag(step, "policy", speaker, conversation.place, line_id,
                                          f"broke policy {violation.policy!r}: {violation.reason}"))
            previous = text
            passed = []
            for key in told:
                belief = self.knowledge.current(speaker, key)
                if belief is None:
                    continue
                passed.append(key)
                self.knowledge.assert_fact(
                    listener, belief.subject, belief.predicate, belief.object,
                    source=f"dialogue:{line_id}", step=step, confidence=round(belief.confidence * 0.9, 4),
                    told_by=speaker, text=belief.text, secret=belief.secret, tracked=belief.tracked,
                )
            heard = f'{speaker} said to {listener}: "{text}"'
            self.inbox.setdefault(listener, []).append(f'{speaker} said: "{text}"')
            if self.minds is not None:
                hours = self.clock.sim_hours(step)
                self.minds.remember(speaker, "dialogue", heard, step, hours)
                self.minds.remember(listener, "dialogue", heard, step, hours, None)
            stats["dialogue_lines"] += 1
            batch.add(DialogueRow, {
                "run_id": self.run_id, "id": line_id, "step": step, "conversation": conversation.id,
                "turn": turn, "speaker": speaker, "listener": listener, "place": conversation.place,
                "text": text, "told_facts": passed, "decision_id": row["id"],
            })
        for name in (conversation.initiator, conversation.partner):
            self.state.entities[name]["activity"] = f"talking with {conversation.other(name)}"
        stats["policy_violations"] += sum(1 for o in flagged if o.kind == "policy")
        stats["filtered_lines"] += sum(1 for o in flagged if o.kind == "filtered")
        return flagged

    def _screen(self, step: int, speaker: str, text: str, place: str, line_id: int, flagged: list[Outcome]) -> str:
        """The line as it may be heard: blocked text is replaced, and the block recorded."""
        result = self.content_filter.screen(text, source=f"step {step} npc {speaker} dialogue:{line_id}")
        if result.allowed:
            return text
        flagged.append(self._flag(step, "filtered", speaker, place, line_id, result.reason))
        return result.text

    def _flag(self, step: int, kind: str, speaker: str, place: str, line_id: int, reason: str) -> Outcome:
        outcome = Outcome(kind, speaker, "talk", {"dialogue": str(line_id)}, False, reason,
                          f"{speaker}'s line {line_id} was flagged: {reason}", place,
                          observers=[], source="rule", importance=1)
        self._number(outcome)
        return outcome

    def _set_activity(self, decision: Decision) -> None:
        props = self.state.entities[decision.npc]
        if decision.action == "move":
            props["activity"] = f"walking to {decision.args.get('place')}"
        elif decision.action == "wait":
            entry = self.npcs[decision.npc].schedule_entry(self.clock.hour(self.step_index + 1))
            props["activity"] = entry.activity if entry and entry.place == props["place"] else "idling"
        else:
            props["activity"] = decision.action

    def _tick_needs(self) -> None:
        rate = self.spec.settings.hunger_per_step
        for name in self.npc_names:
            props = self.state.entities[name]
            props["hunger"] = round(min(1.0, float(props.get("hunger", 0.0)) + rate), 6)

    # 7. commit ------------------------------------------------------------------------
    def _commit(self, session: Session, step: int, batch: StepBatch, started: float) -> None:
        for npc in self.npcs.values():
            npc.sync_cell()
        new, closed = self.knowledge.drain()
        batch.extend(FactRow, ({"run_id": self.run_id, **_fact_dict(f)} for f in new))
        for fact in closed:
            batch.updates.append((FactRow, {"run_id": self.run_id, "id": fact.id}, {"valid_to": fact.valid_to}))
        batch.extend(NPCStateRow, (self._npc_row(step, n) for n in self.npc_names))
        take_stats = getattr(self.brain, "take_stats", None)
        if take_stats is not None:
            self.last_stats["llm"] = take_stats().as_dict()
        drain_calls = getattr(self.brain, "drain_calls", None)
        if drain_calls is not None:
            batch.objects.extend(drain_calls())
        for hook in self.step_hooks:
            hook(self, batch)
        batch.add(StepRow, {
            "run_id": self.run_id, "step": step, "sim_time": self.clock.label(step),
            "state": self.state.to_json(), "rng_state": self._rng_state(),
            "runtime": {"inbox": self.inbox, "pending": [vars(p) for p in self.pending], "ids": self.ids},
            "stats": self.last_stats, "wall_time_s": time.perf_counter() - started,
            "committed_at": datetime.now(UTC),
        })
        self.store.write_step(session, self.run_id, step, batch)
        self.step_index = step

    def _rng_state(self) -> dict[str, Any]:
        version, internal, gauss = self.random.getstate()
        return {"random": [version, list(internal), gauss], "numpy": self.rng.bit_generator.state}

    def _npc_row(self, step: int, name: str) -> dict[str, Any]:
        props = self.state.entities[name]
        return {
            "run_id": self.run_id, "step": step, "npc": name, "place": props["place"],
            "activity": str(props.get("activity", "")), "mood": str(props.get("mood", "")),
            "hunger": float(props.get("hunger", 0.0)), "coins": float(props.get("coins", 0)),
            "inventory": list(props.get("inventory", [])),
        }

    def _number(self, outcome: Outcome) -> int:
        """Give an outcome its event id (ids follow creation order, so they replay exactly)."""
        self.ids["event"] += 1
        outcome.id = self.ids["event"]
        return outcome.id

    def _event_row(self, step: int, outcome: Outcome) -> dict[str, Any]:
        data = outcome.to_json()
        return {"run_id": self.run_id, "step": step, **data}

    def _decision_row(self, step: int, decision: Decision, request: DecisionRequest) -> dict[str, Any]:
        self.ids["decision"] += 1
        return {
            "run_id": self.run_id, "id": self.ids["decision"], "step": step, "npc": decision.npc,
            "mode": request.mode, "action": decision.action, "args": decision.args,
            "utterance": decision.utterance, "status": decision.status, "note": decision.note, "event_id": None,
            "llm_call_ids": decision.llm_call_ids,
            "context": {"place": request.place, "observations": len(request.observations),
                        "facts": [f.key for f in request.facts], "seed": request.seed},
        }

    # ------------------------------------------------------------------ queries and direction
    def intention(self, npc: NPC, hour: float) -> ScheduleEntry | None:
        """What the NPC means to do now: its current plan entry (the memory stream's daily
        plan, revised after important events), else its schedule entry."""
        entry = npc.schedule_entry(hour)
        now = self.minds.plans.get(npc.name) if self.minds is not None else None
        if now is None or now.entry is None:
            return entry
        action = entry.action if entry is not None and entry.place == now.entry.place else None
        return ScheduleEntry(start=now.entry.start, place=now.entry.place, activity=now.entry.activity, action=action)

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

    def inject(self, description: str, effects: list[Effect] | None = None, place: str | None = None,
               importance: int = 6) -> None:
        """Queue an event to fire at the start of the next step (committed with it). With
        ``effects`` those apply as given; with text only (``effects=None``, stored as
        ``facts=None``) its consequences are inferred then, like a scene command."""
        if place is not None and place not in self.places:
            raise ValueError(f"inject: unknown place {place!r}")
        facts = None if effects is None else []
        self.pending.append(Injection(description, [e.as_list() for e in effects or []], place, facts, importance))

    def scene(self, command: str, place: str | None = None) -> None:
        """Queue a scene command ("a storm rolls in over the harbour", "it is night now") to
        be read at the start of the next step: environment and layout change through an
        outcome, and NPCs perceive it that step."""
        if place is not None and place not in self.places:
            raise ValueError(f"scene: unknown place {place!r}")
        self.pending.append(Injection(command, [], place, None, 6, "scene"))

    def predict(self, action_or_event: ActionCall | str, at_step: int | None = None,
                place: str | None = None) -> Outcome:
        """What an action (``ActionCall``) or event text would do, worked out on a copy of
        the state now (or as stored after step ``at_step``); nothing here changes."""
        from simverse.events.prediction import predict_outcome

        return predict_outcome(self, action_or_event, at_step, place)

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


def replay_backend(source: str) -> Backend:
    """Recorded answers of ``PATH`` (its newest run) or ``PATH#RUN``, for a model-free replay."""
    from simverse.llm.recording import ReplayBackend

    path, _, run = source.partition("#")
    store = RunStore(db_url(path))
    run_id = store.run(int(run) if run else None).id
    with store.session() as session:
        answers = ReplayBackend.from_session(session, run_id)
    store.close()
    return answers


def _fact_dict(fact: Fact) -> dict[str, Any]:
    return {name: getattr(fact, name) for name in Fact.__dataclass_fields__}


def _empty_stats() -> dict[str, Any]:
    return {
        "conversations": 0, "dialogue_lines": 0, "actions": 0, "failed_actions": 0, "events": 0,
        "policy_violations": 0, "filtered_lines": 0,
        "decisions": dict.fromkeys(DECISION_STATUSES, 0),
    }
