"""Compare two runs of one database: where they part, which events differ, who believes what.

Used by ``simverse compare`` to read a fork against its parent (or two seeds against each
other). Steps are compared on their stored state and their events (kind, actor, action,
arguments, success, narration, effects); beliefs on the facts each holder holds at the
last step both runs reached.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from simverse.store.knowledge_models import FactRow
from simverse.store.models import EventRow, StepRow
from simverse.store.run_store import RunStore

Belief = tuple[str, str, str, str]
"""(holder, subject, predicate, object)."""


@dataclass
class RunComparison:
    """How run ``b`` differs from run ``a`` (up to ``common_step``, the last step both have)."""

    run_a: int
    run_b: int
    common_step: int
    first_differing_step: int | None
    state_differences: list[str] = field(default_factory=list)
    events_only_a: list[str] = field(default_factory=list)
    events_only_b: list[str] = field(default_factory=list)
    beliefs_only_a: list[Belief] = field(default_factory=list)
    beliefs_only_b: list[Belief] = field(default_factory=list)
    differing_steps: int = 0


def compare_runs(store: RunStore, run_a: int, run_b: int) -> RunComparison:
    """Compare two stored runs step by step."""
    last_a, last_b = store.last_step(run_a), store.last_step(run_b)
    store.run(run_a), store.run(run_b)
    common = min(last_a or 0, last_b or 0)
    with store.session() as session:
        states_a = _states(session, run_a, common)
        states_b = _states(session, run_b, common)
        events_a = _events(session, run_a, common)
        events_b = _events(session, run_b, common)
        beliefs_a = _beliefs(session, run_a, common)
        beliefs_b = _beliefs(session, run_b, common)
    result = RunComparison(run_a, run_b, common, None)
    for step in range(0, common + 1):
        same_state = states_a.get(step) == states_b.get(step)
        same_events = events_a.get(step, []) == events_b.get(step, [])
        if same_state and same_events:
            continue
        result.differing_steps += 1
        if result.first_differing_step is None:
            result.first_differing_step = step
            result.state_differences = state_differences(states_a.get(step, {}), states_b.get(step, {}))
            only_b = list(events_b.get(step, []))
            for event in events_a.get(step, []):
                if event in only_b:
                    only_b.remove(event)
                else:
                    result.events_only_a.append(_show(event))
            result.events_only_b = [_show(e) for e in only_b]
    result.beliefs_only_a = sorted(beliefs_a - beliefs_b)
    result.beliefs_only_b = sorted(beliefs_b - beliefs_a)
    return result


def state_differences(a: dict[str, Any], b: dict[str, Any]) -> list[str]:
    """``entity.property: A -> B`` for every property that differs (closed routes too)."""
    out = []
    ents_a, ents_b = a.get("entities", {}), b.get("entities", {})
    for entity in sorted(set(ents_a) | set(ents_b)):
        pa, pb = ents_a.get(entity, {}), ents_b.get(entity, {})
        for prop in sorted(set(pa) | set(pb)):
            if pa.get(prop) != pb.get(prop):
                out.append(f"{entity}.{prop}: {pa.get(prop)!r} -> {pb.get(prop)!r}")
    if a.get("closed_routes", []) != b.get("closed_routes", []):
        out.append(f"closed_routes: {a.get('closed_routes', [])} -> {b.get('closed_routes', [])}")
    return out


def _states(session: Any, run_id: int, last: int) -> dict[int, dict[str, Any]]:
    stmt = select(StepRow.step, StepRow.state).where(StepRow.run_id == run_id, StepRow.step <= last)
    return {step: state for step, state in session.execute(stmt)}


def _events(session: Any, run_id: int, last: int) -> dict[int, list[tuple[Any, ...]]]:
    stmt = select(EventRow).where(EventRow.run_id == run_id, EventRow.step <= last).order_by(EventRow.id)
    out: dict[int, list[tuple[Any, ...]]] = {}
    for e in session.scalars(stmt):
        key = (e.kind, e.actor, e.action, json.dumps(e.args, sort_keys=True), e.success, e.narration,
               json.dumps(e.effects))
        out.setdefault(e.step, []).append(key)
    return out


def _beliefs(session: Any, run_id: int, step: int) -> set[Belief]:
    stmt = select(FactRow.holder, FactRow.subject, FactRow.predicate, FactRow.object).where(
        FactRow.run_id == run_id, FactRow.valid_from <= step,
        (FactRow.valid_to.is_(None)) | (FactRow.valid_to > step),
    )
    return {tuple(r) for r in session.execute(stmt)}


def _show(event: tuple[Any, ...]) -> str:
    kind, actor, action, _args, success, narration, _effects = event
    mark = "" if success else " (failed)"
    return f"[{kind}] {narration or f'{actor} {action}'}{mark}"
