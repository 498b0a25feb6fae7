"""Long runs that hold: run a world for days with the scripted brain and report what breaks.

``stress(world, days=7, seeds=5)`` runs the world once per seed (memory off, in memory,
the scripted brain) and looks at the run as a designer would, in named checks, each
finding keyed as in ``worlds/README.md`` (``[stress]``):

* :func:`hungry_findings` — an NPC at maximum hunger for more than four hours of game
  time at a stretch (``hungry:<npc>``);
* :func:`broke_findings` — out of coins for more than a day, or at the end while hungry
  (``broke:<npc>``);
* :func:`item_findings` — an item whose quantity reaches 0 and stays 0 to the end, for at
  least a day (``runs_out:<item>``);
* :func:`action_findings` — an action tried at least three times and never successful
  (``always_fails:<action>``);
* :func:`schedule_findings` — a schedule entry whose action never succeeded while it was
  in force, in any seed (``unkept:<npc>:<i>``);
* :func:`spread_findings` — a tracked fact that no one came to believe beyond those who
  held it first (``unspread:<subject>/<predicate>/<object>``).

A finding listed in the world's ``[stress].allow`` is reported as allowed with the
story's reason; a world passes when every finding is allowed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from simverse.core.clock import MAX_STEPS
from simverse.core.loader import load_world
from simverse.core.schema import WorldSpec
from simverse.core.world_check import check_world, unread_writes
from simverse.store.models import EventRow
from simverse.world.model import World

MAX_HUNGER = 1.0
HUNGRY = 0.6
MAX_HUNGRY_HOURS = 4.0
MIN_ATTEMPTS = 3
SPREAD_EVERY = 6
MAX_STRESS_SEEDS = 10_000
"""The most seeds one stress command runs, each a whole run of the world for its days: more is
a slip that would run for days (a sweep is the tool for many seeds)."""


@dataclass
class Finding:
    """One thing a designer must know: a key, the seed it showed in, and the detail."""

    key: str
    seed: int | None
    detail: str
    allowed: str = ""


@dataclass
class Trace:
    """What one seed's run showed, step by step."""

    seed: int
    minutes_per_step: int
    hunger: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    coins: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    quantity: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    times: list[str] = field(default_factory=list)
    believers: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    actions: list[tuple[int, str, str, bool]] = field(default_factory=list)


@dataclass
class StressReport:
    world: str
    days: int
    seeds: list[int]
    steps: int
    findings: list[Finding]
    notes: list[str] = field(default_factory=list)
    """What the world file's events change that nothing reads (reported, not a failure)."""

    @property
    def passed(self) -> bool:
        return all(f.allowed for f in self.findings)


def stress(world: str | WorldSpec, days: int = 7, seeds: int = 5) -> StressReport:
    """Run ``world`` for ``days`` once per seed (0 .. seeds-1) and collect the findings."""
    if not 1 <= seeds <= MAX_STRESS_SEEDS:
        raise ValueError(f"seeds {seeds}: give 1 to {MAX_STRESS_SEEDS}")
    spec = world if isinstance(world, WorldSpec) else load_world(world)
    steps = stress_steps(spec, days)
    traces = [run_trace(spec, seed, steps) for seed in range(seeds)]
    findings: list[Finding] = []
    for trace in traces:
        for check in (hungry_findings, broke_findings, item_findings, action_findings):
            findings += check(trace)
        findings += spread_findings(spec, trace)
    findings += schedule_findings(spec, traces)
    for finding in findings:
        finding.allowed = spec.stress.allow.get(finding.key, "")
    _, catalogue = check_world(spec)
    return StressReport(spec.name, days, list(range(seeds)), steps, findings, unread_writes(spec, catalogue))


def stress_steps(spec: WorldSpec, days: int, what: str = "days") -> int:
    """The steps ``days`` game days of ``spec`` take; ``ValueError`` naming ``what`` when that is
    under a day or more than :data:`~simverse.core.clock.MAX_STEPS` (checked before any run)."""
    steps = days * 24 * 60 // spec.environment.minutes_per_step
    if days < 1:
        raise ValueError(f"{what} {days}: give 1 day or more")
    if steps > MAX_STEPS:
        raise ValueError(f"{what} {days}: {steps} steps of {spec.name} ({spec.environment.minutes_per_step} min "
                         f"a step); the limit is {MAX_STEPS} steps")
    return steps


def run_trace(spec: WorldSpec, seed: int, steps: int) -> Trace:
    """Run one seed and record needs, coins, stock, time and beliefs per step."""
    sim = World(spec, seed=seed, llm="scripted", embedder="hashing", memory=False)
    trace = Trace(seed, spec.environment.minutes_per_step)
    tracked = sim.knowledge.tracked_keys()

    def record(step: int) -> None:
        entities = sim.state.entities
        for npc in sim.npc_names:
            trace.hunger[npc].append(float(entities[npc].get("hunger", 0.0)))
            trace.coins[npc].append(float(entities[npc].get("coins", 0)))
        for item in sim.state.ids_of("item"):
            trace.quantity[item].append(int(entities[item].get("quantity", 0)))
        trace.times.append(str(entities["world"].get("time") or sim.clock.hhmm(step)))
        if step % SPREAD_EVERY == 0 or step == steps:
            for key in {*tracked, *sim.knowledge.tracked_keys()}:
                trace.believers[key].append(sum(1 for n in sim.npc_names if sim.knowledge.believes(n, key)))

    record(0)
    sim.run(steps, on_step=record)
    with sim.store.session() as session:
        rows = session.execute(select(EventRow.step, EventRow.actor, EventRow.action, EventRow.success).where(
            EventRow.run_id == sim.run_id, EventRow.kind == "action"))
        trace.actions = [(s, str(a), str(n), bool(ok)) for s, a, n, ok in rows]
    sim.close()
    return trace


def _longest(values: list[Any], test: Callable[[Any], bool]) -> tuple[int, int]:
    """Length of the longest run of values passing ``test``, and of the run at the end."""
    best = current = 0
    for value in values:
        current = current + 1 if test(value) else 0
        best = max(best, current)
    return best, current


Judge = Callable[[str, list[Any], int, int], str | None]
"""(name, values, longest stretch, stretch at the end) -> what is wrong, or None."""


def _stretch_findings(trace: Trace, kind: str, series: Mapping[str, list[Any]], test: Callable[[Any], bool],
                      judge: Judge) -> list[Finding]:
    """A ``kind:name`` finding for each series whose stretches of values passing ``test``
    ``judge`` finds wrong."""
    out = []
    for name, values in series.items():
        longest, at_end = _longest(values, test)
        problem = judge(name, values, longest, at_end)
        if problem:
            out.append(Finding(f"{kind}:{name}", trace.seed, problem))
    return out


def hungry_findings(trace: Trace) -> list[Finding]:
    def judge(_npc: str, values: list[Any], longest: int, _at_end: int) -> str | None:
        hours = longest * trace.minutes_per_step / 60
        if hours <= MAX_HUNGRY_HOURS:
            return None
        return (f"at maximum hunger for {hours:.1f} hours at a stretch "
                f"({sum(h >= MAX_HUNGER for h in values)} steps in all)")

    return _stretch_findings(trace, "hungry", trace.hunger, lambda h: h >= MAX_HUNGER, judge)


def broke_findings(trace: Trace) -> list[Finding]:
    day = 24 * 60 // trace.minutes_per_step

    def judge(npc: str, values: list[Any], longest: int, _at_end: int) -> str | None:
        hungry_at_end = trace.hunger[npc][-1] >= HUNGRY
        if longest > day or (values[-1] <= 0 and hungry_at_end):
            return f"out of coins for {longest} steps{', hungry at the end' if hungry_at_end else ''}"
        return None

    return _stretch_findings(trace, "broke", trace.coins, lambda c: c <= 0, judge)


def item_findings(trace: Trace) -> list[Finding]:
    day = 24 * 60 // trace.minutes_per_step

    def judge(_item: str, values: list[Any], _longest: int, at_end: int) -> str | None:
        if at_end >= day and any(q > 0 for q in values):
            return f"none left for the last {at_end} steps"
        return None

    return _stretch_findings(trace, "runs_out", trace.quantity, lambda q: q <= 0, judge)


def action_findings(trace: Trace) -> list[Finding]:
    tried: dict[str, int] = defaultdict(int)
    worked: dict[str, int] = defaultdict(int)
    for _, _, action, ok in trace.actions:
        if action in ("talk", "wait"):  # a conversation is recorded only when it cannot start
            continue
        tried[action] += 1
        worked[action] += ok
    return [Finding(f"always_fails:{a}", trace.seed, f"tried {n} times, never successful")
            for a, n in sorted(tried.items()) if n >= MIN_ATTEMPTS and not worked[a]]


def schedule_findings(spec: WorldSpec, traces: list[Trace]) -> list[Finding]:
    """Entries with an action that never succeeded while in force, in any seed."""
    kept: set[tuple[str, int]] = set()
    for trace in traces:
        for step, actor, action, ok in trace.actions:
            if ok and 0 <= step < len(trace.times):
                index = entry_in_force(spec, actor, trace.times[step])
                if index is not None and spec_action(spec, actor, index) == action:
                    kept.add((actor, index))
    out = []
    for npc in spec.npcs:
        for i, entry in enumerate(npc.schedule):
            if entry.action and entry.action != "wait" and (npc.name, i) not in kept:
                out.append(Finding(f"unkept:{npc.name}:{i}", None,
                                   f"{entry.start} {entry.action} at {entry.place} never succeeded in any seed"))
    return out


def entry_in_force(spec: WorldSpec, npc: str, hhmm: str) -> int | None:
    """Index of the NPC's schedule entry in force at ``hhmm`` (the last started; wraps)."""
    schedule = next((n.schedule for n in spec.npcs if n.name == npc), [])
    if not schedule:
        return None
    started = [i for i, e in enumerate(schedule) if e.start <= hhmm]
    return started[-1] if started else len(schedule) - 1


def spec_action(spec: WorldSpec, npc: str, index: int) -> str | None:
    schedule = next(n.schedule for n in spec.npcs if n.name == npc)
    return schedule[index].action


def spread_findings(spec: WorldSpec, trace: Trace) -> list[Finding]:
    """Tracked facts whose believers never grew past the first count (and not everyone)."""
    everyone = len(spec.npcs)
    out = []
    for key, counts in sorted(trace.believers.items()):
        seen = [c for c in counts if c > 0]
        if seen and max(seen) <= seen[0] and max(seen) < everyone:
            name = key.replace("|", "/")
            out.append(Finding(f"unspread:{name}", trace.seed, f"believed by {seen[0]} NPC(s), never more"))
    return out
