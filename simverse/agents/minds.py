"""The NPCs' minds during a step: plans before deciding, recall for decisions, and after
acting, what they remember, reflect on and forget.

One object per run bridges the world's step to :mod:`simverse.memory`; every call covers
all NPCs at once (one embedder batch to remember, one to recall).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from simverse.agents.conversation import remembered_as
from simverse.core.clock import Clock
from simverse.core.decisions import DecisionRequest
from simverse.core.schema import NPCSpec, ScheduleEntry
from simverse.memory import (
    MemoryConfig,
    MemoryStream,
    NewMemory,
    PlanInput,
    RetrievalQuery,
    RulePlanner,
    RuleReflector,
    compact,
    make_embedder,
    plan_step,
    reflect_due,
)
from simverse.memory.planning import PlanNow, as_schedule

MIN_OBSERVED_IMPORTANCE = 2
"""Observations below this importance (someone walking past, waiting) reach the NPC's
decision but are not stored as memories: they would crowd out what matters."""


@dataclass
class Minds:
    """Memory stream plus the rule (or LLM) reflector and planner of one run."""

    stream: MemoryStream
    reflector: object = field(default_factory=RuleReflector)
    planner: object = field(default_factory=RulePlanner)
    pending: list[NewMemory] = field(default_factory=list)
    plans: dict[str, PlanNow] = field(default_factory=dict)

    @classmethod
    def open(cls, session: Session, run_id: int, embedder: str, config: MemoryConfig | None = None,
             recorded: dict[bytes, bytes] | None = None, precision: str = "float32") -> Minds:
        """Load (or start) a run's memories from its database; ``recorded`` vectors (of a
        run being replayed) answer before the embedder, which computes in ``precision``."""
        return cls(MemoryStream.load(session, run_id, make_embedder(embedder, precision), config, recorded))

    def remember(
        self, npc: str, kind: str, text: str, step: int, sim_hours: float,
        importance: int | None = None, source_event_id: int | None = None, gist: str | None = None,
    ) -> None:
        """Queue a memory; all of a step's memories are written in one batch. ``gist``: what
        the memory means without what its owner and step already say (``NewMemory.gist``)."""
        self.pending.append(NewMemory(npc, kind, text, step, sim_hours, importance=importance,
                                      source_event_id=source_event_id, gist=gist))

    def plan(self, session: Session, npcs: Iterable[NPCSpec], places: Iterable[str], clock: Clock, step: int) -> None:
        """Make, revise and decompose the daily plan of every NPC with a schedule (one batch)."""
        places = tuple(places)
        inputs = [
            PlanInput(n.name, n.persona, as_schedule(n.schedule), places)
            for n in npcs if n.schedule
        ]
        start_hour = clock.start_minutes / 60.0
        report = plan_step(session, self.stream, self.planner, inputs, step, clock.sim_hours(step), start_hour)
        self.plans = report.now

    def intention(self, npc: str, entry: ScheduleEntry | None) -> ScheduleEntry | None:
        """What the NPC means to do now: its current plan entry (the daily plan, revised
        after important events), else ``entry``, its schedule entry now."""
        now = self.plans.get(npc)
        if now is None or now.entry is None:
            return entry
        action = entry.action if entry is not None and entry.place == now.entry.place else None
        # both entries are valid already: a copy, not a validation, twice per NPC a step
        return now.entry.model_copy(update={"action": action, "args": {}, "completion": "repeat"})

    def recall(self, session: Session, requests: list[DecisionRequest], step: int, sim_hours: float) -> None:
        """Fill each request's ``memories`` with what its situation brings to mind."""
        stable = self.stream.config.gists
        queries = [RetrievalQuery(r.npc, _situation(r), parts=_cues(r, stable=stable)) for r in requests]
        for request, hits in zip(requests, self.stream.retrieve_batch(session, queries, step, sim_hours), strict=True):
            request.memories = [h.view() for h in hits]

    def settle(self, session: Session, step: int, sim_hours: float) -> None:
        """Write the step's memories, reflect where due, and keep memory counts bounded."""
        if self.pending:
            self.stream.add_many(session, self.pending)
            self.pending = []
        reflect_due(session, self.stream, self.reflector, step, sim_hours)
        compact(session, self.stream, step, sim_hours)


def _situation(request: DecisionRequest) -> str:
    """The retrieval query as logs show it: for a reply, the line just heard and the names
    it uses; otherwise where the NPC is, with whom, doing what, and what just happened."""
    return " ".join(_cues(request, people_apart=False))


def _cues(request: DecisionRequest, people_apart: bool = True, stable: bool = False) -> tuple[str, ...]:
    """The situation's cues; the query vector sums their vectors (each embedded once per
    run), since the situation as a whole is new at nearly every step. A reply recalls what
    the line just heard brings to mind: the line and the names it uses.

    ``stable`` (runs with memory gists): a line heard is cued by the memory the NPC made of
    it (``A said to me: "..."``, already in the run's vectors) rather than by the words
    perceived (``A said: "..."``), a text new to the run at nearly every line."""
    if request.mode == "reply" and request.conversation:
        named = [request.names[m].name for m in request.mentioned if m in request.names]
        return tuple(p for p in (request.conversation[-1].text, *named) if p)
    people = list(request.people_here) if people_apart else [" ".join(request.people_here)]
    seen = request.observations[-3:]
    if stable:
        seen = [remembered_as(o, request.npc) or o for o in seen]
    parts = [request.place, request.schedule_activity or "", *people, *seen]
    if request.conversation:
        parts.append(request.conversation[-1].text)
    return tuple(p for p in parts if p)


__all__ = ["MIN_OBSERVED_IMPORTANCE", "Minds"]
