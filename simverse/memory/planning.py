"""Daily plans: what each NPC means to do today, and what that means right now.

Each sim day an NPC gets a plan from its persona and schedule (``ScheduleEntry``: start
``"HH:MM"``, place, activity). The plan is stored as a ``plan`` memory (readable text, and
the entries as JSON in ``data``), so it is retrievable like any memory and survives a
restart. :func:`plan_step` is the one call per step for all NPCs:

* no plan for today yet                       -> ``Planner.plan_days`` (one batch)
* an observation of importance >= 8 (config) since the latest plan -> ``Planner.revise``
  (one batch): a new plan memory citing the observations as evidence
* then each plan is decomposed to the current step: the entry whose start is the latest
  at or before the time of day (before the first entry: yesterday's last one carries on).

:class:`RulePlanner` follows the schedule and, on revision, inserts "respond to <event>"
at the current place until the next scheduled entry. :class:`LLMPlanner` asks a
:class:`Backend` (one ``generate_batch`` per phase), validates times and places, and falls
back to the rule with a note.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlalchemy.orm import Session

from simverse.core.json_extract import extract_json
from simverse.core.llm_protocol import Backend, LLMRequest
from simverse.core.schema import ScheduleEntry, pad_hhmm
from simverse.memory.llm_json import JSONAsker
from simverse.memory.stream import MemoryStream
from simverse.memory.types import MemoryRecord, NewMemory

_HHMM = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def as_schedule(entries: Sequence[ScheduleEntry | Mapping[str, Any]]) -> tuple[ScheduleEntry, ...]:
    """Plan entries (schedule entries or dicts) sorted by start; a later duplicate start wins.
    A plan says where and what only: a world-file ``action`` stays with the schedule."""
    by_start: dict[int, ScheduleEntry] = {}
    for e in entries:
        entry = e if isinstance(e, ScheduleEntry) else ScheduleEntry.from_dict(e)
        if entry.action is not None:
            entry = ScheduleEntry(entry.start, entry.place, entry.activity)
        by_start[entry.minutes] = entry
    return tuple(by_start[k] for k in sorted(by_start))


def minute_of_day(hour_of_day: float) -> int:
    """``7.5`` -> ``450`` (floored, within one day)."""
    return math.floor(hour_of_day * 60 + 1e-9) % (24 * 60)


def hhmm(hour_of_day: float) -> str:
    """``7.5`` -> ``"07:30"`` (minutes floored)."""
    minutes = minute_of_day(hour_of_day)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@dataclass(frozen=True)
class DailyPlan:
    """One NPC's plan for one day; ``revision`` counts revisions that day."""

    npc: str
    day: int
    entries: tuple[ScheduleEntry, ...]
    revision: int = 0

    def current(self, hour_of_day: float) -> ScheduleEntry | None:
        """What the plan says to do at ``hour_of_day``."""
        if not self.entries:
            return None
        now = minute_of_day(hour_of_day)
        started = [e for e in self.entries if e.minutes <= now]
        return started[-1] if started else self.entries[-1]

    def text(self) -> str:
        return self._said(f"My plan for day {self.day + 1}")  # day 1 first

    def gist(self) -> str:
        """The text without its day (the memory's step says when): the same plan on
        another day is the same text to embed."""
        return self._said("My plan")

    def _said(self, head: str) -> str:
        head += " (revised)" if self.revision else ""
        if not self.entries:
            return f"{head}: nothing in particular."
        return head + ": " + "; ".join(f"{e.start} {e.activity} at {e.place}" for e in self.entries)

    def to_data(self) -> dict[str, Any]:
        return {
            "day": self.day,
            "revision": self.revision,
            "entries": [e.to_dict() for e in self.entries],
        }

    @classmethod
    def from_memory(cls, memory: MemoryRecord) -> DailyPlan:
        data = memory.data or {}
        return cls(
            npc=memory.npc,
            day=int(data.get("day", -1)),
            entries=tuple(ScheduleEntry.from_dict(e) for e in data.get("entries", [])),
            revision=int(data.get("revision", 0)),
        )


_PARSED_MAX = 50_000
_parsed: dict[int, tuple[MemoryRecord, DailyPlan]] = {}


def plan_of(memory: MemoryRecord) -> DailyPlan:
    """The daily plan a plan memory holds, parsed once per memory object: a plan stays the
    NPC's latest for many steps, and validating its entries anew each step was a tenth of a
    memory-on agent-step. Keyed by the object, which the cache keeps alive, so a key is never
    reused for another memory; at most :data:`_PARSED_MAX` plans are kept."""
    hit = _parsed.get(id(memory))
    if hit is not None and hit[0] is memory:
        return hit[1]
    if len(_parsed) >= _PARSED_MAX:
        _parsed.clear()
    plan = DailyPlan.from_memory(memory)
    _parsed[id(memory)] = (memory, plan)
    return plan


@dataclass(frozen=True)
class PlanInput:
    """Who plans, from what. ``places`` are where the NPC may go (for validating LLM
    plans; the schedule's places are always allowed)."""

    npc: str
    persona: str
    schedule: tuple[ScheduleEntry, ...]
    places: tuple[str, ...] = ()

    def allowed_places(self) -> set[str]:
        return set(self.places) | {e.place for e in self.schedule}


@dataclass(frozen=True)
class RevisionInput:
    """A plan to revise at ``hour_of_day`` because of ``triggers`` (important observations)."""

    who: PlanInput
    plan: DailyPlan
    triggers: tuple[MemoryRecord, ...]
    hour_of_day: float
    step: int


@dataclass(frozen=True)
class PlanResult:
    plan: DailyPlan
    note: str = ""


class Planner(Protocol):
    """Makes and revises daily plans for a batch of NPCs."""

    name: str

    def plan_days(self, batch: Sequence[tuple[PlanInput, int]]) -> list[PlanResult]:
        """A plan for each ``(who, day)``."""
        ...

    def revise(self, batch: Sequence[RevisionInput]) -> list[PlanResult]: ...


@dataclass(frozen=True)
class PlanNow:
    """What an NPC is meant to be doing this step, and from which plan memory."""

    npc: str
    plan: DailyPlan
    entry: ScheduleEntry | None
    plan_memory_id: int


@dataclass
class PlanReport:
    now: dict[str, PlanNow] = field(default_factory=dict)
    new_plan_ids: list[int] = field(default_factory=list)
    revised: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def plan_step(
    session: Session,
    stream: MemoryStream,
    planner: Planner,
    inputs: Sequence[PlanInput],
    step: int,
    sim_hours: float,
    start_hour: float = 0.0,
) -> PlanReport:
    """Plan/revise where needed for all NPCs in ``inputs`` and say what each should do now.

    ``start_hour`` is the time of day at ``sim_hours == 0``.
    """
    clock = sim_hours + start_hour
    day, hour = int(clock // 24), clock % 24
    report = PlanReport()
    fresh: list[PlanInput] = []
    revise: list[RevisionInput] = []
    for who in inputs:
        latest = stream.latest_plan(who.npc)
        plan = plan_of(latest) if latest else None
        if plan is None or plan.day != day:
            fresh.append(who)
            continue
        trigger_ids = set(stream.revision_triggers(who.npc))
        if trigger_ids:
            triggers = tuple(m for m in stream.memories_of(who.npc) if m.id in trigger_ids)
            revise.append(RevisionInput(who, plan, triggers, hour, step))
    results: list[tuple[PlanResult, tuple[int, ...]]] = []
    for res in planner.plan_days([(who, day) for who in fresh]):
        results.append((res, ()))
    for rin, res in zip(revise, planner.revise(revise), strict=True):
        results.append((res, tuple(m.id for m in rin.triggers)))
        report.revised.append(rin.who.npc)
    new = [
        NewMemory(
            res.plan.npc,
            "plan",
            res.plan.text(),
            step,
            sim_hours,
            importance=None,
            evidence=evidence,
            data=res.plan.to_data(),
            gist=res.plan.gist(),
        )
        for res, evidence in results
    ]
    report.new_plan_ids = stream.add_many(session, new)
    report.notes = [f"step {step} npc {res.plan.npc}: {res.note}" for res, _ in results if res.note]
    for who in inputs:
        latest = stream.latest_plan(who.npc)
        if latest is None:
            continue
        plan = plan_of(latest)
        report.now[who.npc] = PlanNow(who.npc, plan, plan.current(hour), latest.id)
    return report


# ---------------------------------------------------------------------- rule-based
_SAID = re.compile(r'^(?P<speaker>[^"]+?) said to [^":]+: "')


class RulePlanner:
    """Plans follow the schedule; a revision inserts "respond to the news that <event>"
    (or "respond to what <someone> said") now, at the place of the current entry."""

    name = "rule"

    def plan_days(self, batch: Sequence[tuple[PlanInput, int]]) -> list[PlanResult]:
        return [
            PlanResult(DailyPlan(who.npc, day, as_schedule(who.schedule))) for who, day in batch
        ]

    def revise(self, batch: Sequence[RevisionInput]) -> list[PlanResult]:
        return [PlanResult(self._revise(r)) for r in batch]

    @staticmethod
    def _revise(r: RevisionInput) -> DailyPlan:
        cause = min(r.triggers, key=lambda m: (-m.importance, -m.id)) if r.triggers else None
        current = r.plan.current(r.hour_of_day)
        place = current.place if current else (r.who.places[0] if r.who.places else "here")
        what = _respond_to(cause.text) if cause else "take stock of what happened"
        now = ScheduleEntry(hhmm(r.hour_of_day), place, what)
        entries = [e for e in r.plan.entries if e.minutes != now.minutes] + [now]
        return DailyPlan(r.plan.npc, r.plan.day, as_schedule(entries), r.plan.revision + 1)


def _respond_to(text: str) -> str:
    """An activity for a plan entry, in plain words and without quotes."""
    said = _SAID.match(text)
    if said:
        return f"respond to what {said['speaker'].strip()} said"
    clause = text.replace('"', "").strip().rstrip(".!?").split(";")[0].strip()
    first = clause.split()[0] if clause.split() else ""
    if first in ("The", "A", "An", "It", "There"):
        clause = clause[:1].lower() + clause[1:]
    return f"respond to the news that {clause}"[:120]


# ---------------------------------------------------------------------- LLM
DAY_PROMPT = (
    "You are {npc}. {persona}\nYour usual schedule:\n{schedule}\n"
    "Places you can go: {places}.\nPlan your day {day}. Answer with a JSON array of objects "
    '{{"start": "HH:MM", "place": "...", "activity": "..."}} in time order.'
)
REVISE_PROMPT = (
    "You are {npc}. {persona}\nYour plan for today:\n{schedule}\n"
    "It is now {now}. This just happened:\n{events}\n"
    "Places you can go: {places}.\nRevise the rest of your day. Answer with a JSON array of "
    'objects {{"start": "HH:MM", "place": "...", "activity": "..."}} starting at {now} or later.'
)
_PLAN_SCHEMA = {
    "type": "array",
    "items": {
        "type": "object",
        "properties": {
            "start": {"type": "string"},
            "place": {"type": "string"},
            "activity": {"type": "string"},
        },
        "required": ["start", "place", "activity"],
    },
}
MAX_ENTRIES = 24


def _schedule_lines(entries: Sequence[ScheduleEntry]) -> str:
    return "\n".join(f"- {e.start} {e.activity} at {e.place}" for e in entries) or "- (none)"


def _read_entries(text: str, allowed: set[str], not_before: int = 0) -> tuple[ScheduleEntry, ...]:
    """Valid entries from LLM text: "HH:MM" starts at or after ``not_before`` minutes,
    known places, non-empty activities (max 120 chars); anything else is dropped."""
    value = extract_json(text, "[")[0]
    if not isinstance(value, list):
        return ()
    good: list[ScheduleEntry] = []
    for item in value[:MAX_ENTRIES]:
        if not isinstance(item, dict):
            continue
        start, place, activity = item.get("start"), item.get("place"), item.get("activity")
        if not (isinstance(start, str) and isinstance(place, str) and isinstance(activity, str)):
            continue
        if not _HHMM.match(start.strip()) or place not in allowed or not activity.strip():
            continue
        entry = ScheduleEntry(pad_hhmm(start.strip()), place, activity.strip()[:120])
        if entry.minutes >= not_before:
            good.append(entry)
    return as_schedule(good)


class LLMPlanner(JSONAsker):
    """Plans through a :class:`Backend`; unreadable plans fall back to the rule."""

    def __init__(self, backend: Backend, seed: int = 0, max_new_tokens: int = 256) -> None:
        super().__init__(backend, seed, max_new_tokens)
        self.rule = RulePlanner()

    def _request(self, prompt: str, npc: str, purpose: str, *key: object) -> LLMRequest:
        return self.request(prompt, _PLAN_SCHEMA, f"npc {npc} {purpose} {' '.join(map(str, key))}", purpose, npc, *key)

    def plan_days(self, batch: Sequence[tuple[PlanInput, int]]) -> list[PlanResult]:
        requests = [
            self._request(
                DAY_PROMPT.format(npc=who.npc, persona=who.persona, schedule=_schedule_lines(who.schedule),
                                  places=", ".join(sorted(who.allowed_places())), day=day),
                who.npc, "plan-day", day,
            )
            for who, day in batch
        ]
        return self.ask(batch, requests, _read_day, self._rule_day, "plan")

    def revise(self, batch: Sequence[RevisionInput]) -> list[PlanResult]:
        requests = [
            self._request(
                REVISE_PROMPT.format(npc=r.who.npc, persona=r.who.persona, schedule=_schedule_lines(r.plan.entries),
                                     now=hhmm(r.hour_of_day), events="\n".join(f"- {m.text}" for m in r.triggers),
                                     places=", ".join(sorted(r.who.allowed_places()))),
                r.who.npc, "plan-revise", r.step,
            )
            for r in batch
        ]
        return self.ask(batch, requests, _read_revision, self._rule_revision, "revision")

    def _rule_day(self, item: tuple[PlanInput, int], why: str) -> PlanResult:
        return PlanResult(self.rule.plan_days([item])[0].plan, f"{why}; rule")

    def _rule_revision(self, r: RevisionInput, why: str) -> PlanResult:
        return PlanResult(self.rule.revise([r])[0].plan, f"{why}; rule")


def _read_day(item: tuple[PlanInput, int], text: str) -> PlanResult | None:
    who, day = item
    entries = _read_entries(text, who.allowed_places())
    return PlanResult(DailyPlan(who.npc, day, entries)) if entries else None


def _read_revision(r: RevisionInput, text: str) -> PlanResult | None:
    now = minute_of_day(r.hour_of_day)
    rest = _read_entries(text, r.who.allowed_places(), now)
    if not rest:
        return None
    kept = [e for e in r.plan.entries if e.minutes < now]
    return PlanResult(DailyPlan(r.plan.npc, r.plan.day, as_schedule([*kept, *rest]), r.plan.revision + 1))
