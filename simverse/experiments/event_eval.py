"""Score event resolution on labelled transitions: the exact state change, per category.

Each labelled transition (``experiments/event_inference/*.jsonl``) is a shipped world with
some properties overridden, then a scene command or an injected event, then actions (one,
several for conflicts, or after a scene for a chained consequence), with the properties
expected to change (and their values) and, for scene commands, whether it must be
refused. A transition is **exact** when the set of properties that changed, with their
values, equals the expected change, and a scene command was refused exactly when it should
be; *per-property* accuracy counts each listed property (expected or must-not-change) that
ends with the right value. Scores are given per category (``success``,
``failed_precondition``, ``conflict``, ``scene``, ``refusal``, ``time``, ``chained``) next to
a **changes-nothing baseline** (a resolver that never changes anything: exact wherever the
expected change is empty). The figure is this set's exact state change and nothing more;
it is not comparable with figures of other tasks or data sets.

Resolvers scored: ``offline`` (rules for actions, the scene reader for events and scene
commands, ``improvise`` fails without a model) and, with an events model, ``llm`` (every
transition through the model: actions described in words as ``improvise``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx

from simverse.core.llm_protocol import Backend
from simverse.core.loader import load_world
from simverse.core.schema import WorldSpec
from simverse.core.state import WorldState
from simverse.events.inference import EventQuery
from simverse.events.resolution import IMPROVISE, EventResolver
from simverse.events.resolver import ActionCall, apply_effects
from simverse.experiments.transition_lines import CATEGORIES, TransitionLine, read_transition_lines

SET_DIR = Path(__file__).resolve().parents[2] / "experiments" / "event_inference"
DEFAULT_SETS = (SET_DIR / "transitions.jsonl", SET_DIR / "transitions_independent.jsonl")
DEFAULT_SET = DEFAULT_SETS[0]


@dataclass(frozen=True)
class Transition:
    """One labelled transition."""

    id: str
    world: str
    category: str
    changes: dict[str, Any]
    unchanged: tuple[str, ...] = ()
    overrides: dict[str, dict[str, Any]] = field(default_factory=dict)
    closed_routes: tuple[str, ...] = ()
    locked_routes: tuple[str, ...] = ()
    actions: tuple[ActionCall, ...] = ()
    event: str | None = None
    scene: str | None = None
    place: str | None = None
    expect_refused: bool | None = None
    source: str = ""

    @property
    def by_rule(self) -> bool:
        """Actions only, none improvised: the rules must get it exactly right."""
        return bool(self.actions) and self.text is None and all(a.action != IMPROVISE for a in self.actions)

    @property
    def text(self) -> str | None:
        return self.scene if self.scene is not None else self.event

    @property
    def changes_state(self) -> bool:
        return bool(self.changes)


def load_transitions(paths: str | Path | Sequence[str | Path] = DEFAULT_SETS) -> list[Transition]:
    """Read JSONL sets; a bad line is an error naming the file, line and field
    (:mod:`simverse.experiments.transition_lines`), and so is a set without transitions."""
    paths = [Path(paths)] if isinstance(paths, str | Path) else [Path(p) for p in paths]
    lines = read_transition_lines(paths)
    if not lines:
        raise ValueError(f"{', '.join(str(p) for p in paths)}: no transitions")
    return [_transition(line, path) for path, line in lines]


def _transition(line: TransitionLine, path: Path) -> Transition:
    text = line.scene if line.scene is not None else line.event
    return Transition(
        id=line.id, world=line.world, category=line.category, changes=dict(line.changes),
        unchanged=tuple(line.unchanged), overrides=line.overrides, closed_routes=tuple(line.closed_routes),
        locked_routes=tuple(line.locked_routes), actions=tuple(ActionCall(a.actor, a.action, dict(a.args))
                                                               for a in line.actions),
        event=line.event, scene=line.scene, place=line.place,
        expect_refused=bool(line.expect_refused) if text is not None else None, source=path.stem,
    )


@dataclass
class Result:
    """One resolver on one transition."""

    transition: Transition
    actual: dict[str, Any]
    exact: bool
    properties_right: int
    properties: int
    refused: bool | None = None
    reason: str = ""


@dataclass
class Score:
    """Accuracies over a group of results (percentages; None when the group is empty)."""

    n: int
    exact: float | None
    changing: float | None
    static: float | None
    per_property: float | None
    baseline: float | None = None


def flatten(state: WorldState) -> dict[str, Any]:
    """``entity.property -> value``, plus ``closed_routes`` and ``locked_routes``."""
    flat = {f"{e}.{p}": v for e, props in state.entities.items() for p, v in props.items() if p != "activity"}
    flat["closed_routes"] = sorted(state.closed_routes)
    flat["locked_routes"] = sorted(state.locked_routes)
    return flat


def state_change(before: WorldState, after: WorldState) -> dict[str, Any]:
    """Properties whose value differs after (new ones included; removed ones as None)."""
    a, b = flatten(before), flatten(after)
    changed = {k: v for k, v in b.items() if a.get(k) != v}
    changed.update({k: None for k in a if k not in b})
    return changed


def run_transition(transition: Transition, backend: Backend | None = None, all_by_model: bool = False) -> Result:
    """Apply one transition with the offline resolver, or with ``backend`` (every part
    through the model when ``all_by_model``); score the change."""
    spec, places = _world(transition.world)
    state = initial_state(transition)
    before = state.copy()
    resolver = EventResolver(spec, places, backend)
    refused, reason = None, ""
    if transition.text is not None:
        kind = "scene" if transition.scene is not None else "injected"
        outcome = resolver.infer_events(state, [EventQuery(kind, transition.text, None, transition.place)])[0]
        refused, reason = not outcome.success, outcome.reason
        if outcome.success:  # effects were checked against this state, so they apply
            apply_effects(state, outcome.effects)
    if transition.actions:
        calls = [_described(spec, c) if all_by_model else c for c in transition.actions]
        resolver.resolve_sequence(state, calls)
    actual = state_change(before, state)
    after = flatten(state)
    listed = {**transition.changes, **{k: flatten(before).get(k) for k in transition.unchanged}}
    right = sum(1 for k, v in listed.items() if after.get(k) == v)
    exact = actual == transition.changes and (transition.expect_refused is None or refused == transition.expect_refused)
    return Result(transition, actual, exact, right, len(listed), refused, reason)


def initial_state(transition: Transition) -> WorldState:
    """The world's starting state with the transition's overrides."""
    spec, _ = _world(transition.world)
    state = WorldState.from_spec(spec)
    for entity, props in transition.overrides.items():
        if entity not in state.entities:
            raise ValueError(f"transition {transition.id}: unknown entity {entity!r}")
        state.entities[entity].update(props)
    state.closed_routes = sorted(transition.closed_routes)
    state.locked_routes = sorted(transition.locked_routes)
    return state


def score(results: Iterable[Result]) -> Score:
    """Exact-match accuracy overall, on state-changing and on static transitions, per
    property, and the changes-nothing baseline."""
    results = list(results)
    changing = [r for r in results if r.transition.changes_state]
    static = [r for r in results if not r.transition.changes_state]
    props = sum(r.properties for r in results)
    return Score(
        n=len(results), exact=_pct(r.exact for r in results), changing=_pct(r.exact for r in changing),
        static=_pct(r.exact for r in static),
        per_property=100.0 * sum(r.properties_right for r in results) / props if props else None,
        baseline=_pct(not r.transition.changes for r in results),
    )


def evaluate(transitions: list[Transition], backend: Backend | None = None) -> dict[str, dict[str, Score]]:
    """Scores per resolver and group: ``all``, each category, ``rule-covered``, and each source file."""
    runs = {"offline": [run_transition(t) for t in transitions]}
    if backend is not None:
        runs["llm"] = [run_transition(t, backend, all_by_model=True) for t in transitions]
    return {name: group_scores(results) for name, results in runs.items()}


def group_scores(results: list[Result]) -> dict[str, Score]:
    groups: dict[str, Score] = {"all": score(results)}
    for category in CATEGORIES:
        groups[category] = score(r for r in results if r.transition.category == category)
    groups["rule-covered"] = score(r for r in results if r.transition.by_rule)
    for source in sorted({r.transition.source for r in results}):
        groups[f"file:{source}"] = score(r for r in results if r.transition.source == source)
    return groups


def _described(spec: WorldSpec, call: ActionCall) -> ActionCall:
    """A declared action in words, for a model that sees no rules."""
    if call.action == IMPROVISE:
        return call
    action = next((a for a in spec.actions if a.name == call.action), None)
    what = action.description if action else call.action
    args = ", ".join(f"{k}={v}" for k, v in call.args.items())
    return ActionCall(call.actor, IMPROVISE, {"text": f"{call.action} ({what}) {args}".strip()})


@cache
def _world(name: str) -> tuple[WorldSpec, nx.Graph]:
    spec = load_world(name)
    graph = nx.Graph()
    graph.add_nodes_from(p.id for p in spec.places)
    graph.add_edges_from((p.id, o) for p in spec.places for o in p.connections)
    return spec, graph


def _pct(flags: Iterable[bool]) -> float | None:
    flags = list(flags)
    return 100.0 * sum(flags) / len(flags) if flags else None
