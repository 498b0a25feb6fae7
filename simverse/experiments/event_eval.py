"""Score resolvers on labelled transitions, the way Wang et al. (2024) score world simulators.

"Can Language Models Serve as Text-Based World Simulators?" (ACL 2024) asks a model for
the full next state and counts a transition right only if the whole state change is
exactly right, reporting transitions that change the state and those that do not
separately (GPT-4: 59.9% overall, 77.1% on action-driven transitions). Here each labelled
transition (``experiments/event_inference/transitions.jsonl``) is a shipped world with
some properties overridden, then an action (or several, for conflicts), an injected event
or a scene command, with the properties expected to change (and their values) and some that
must not. A resolver's transition is *exact* when the set of properties it changed, with
their values, equals the expected change; *per-property* accuracy counts each listed
property (expected or must-not-change) that ends with the right value.

Resolvers scored: ``offline`` (rules for actions, the keyword scene matcher for events and
scene commands, ``improvise`` fails without a model) and, with ``--llm``, ``llm`` (every
transition through the events model: actions described in words as ``improvise``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
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

DEFAULT_SET = Path(__file__).resolve().parents[2] / "experiments" / "event_inference" / "transitions.jsonl"
ANCHOR = {"overall": 59.9, "action-driven": 77.1}
"""GPT-4's full-state accuracy in Wang et al. (2024), for comparison."""


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
    actions: tuple[ActionCall, ...] = ()
    event: str | None = None
    scene: str | None = None
    place: str | None = None

    @property
    def by_rule(self) -> bool:
        """Actions only, none improvised: the rules must get it exactly right."""
        return bool(self.actions) and all(a.action != IMPROVISE for a in self.actions)

    @property
    def changes_state(self) -> bool:
        return bool(self.changes)


def load_transitions(path: str | Path = DEFAULT_SET) -> list[Transition]:
    """Read a JSONL set; a bad line is an error naming the file and line."""
    out = []
    for number, line in enumerate(Path(path).read_text().splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            raw = json.loads(line)
            actions = tuple(ActionCall(a["actor"], a["action"], dict(a.get("args", {})))
                            for a in raw.get("actions", []))
            out.append(Transition(
                id=raw["id"], world=raw["world"], category=raw["category"], changes=dict(raw.get("changes", {})),
                unchanged=tuple(raw.get("unchanged", [])), overrides=raw.get("overrides", {}),
                closed_routes=tuple(raw.get("closed_routes", [])), actions=actions, event=raw.get("event"),
                scene=raw.get("scene"), place=raw.get("place"),
            ))
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}:{number}: bad transition: {exc}") from None
    return out


@dataclass
class Result:
    """One resolver on one transition."""

    transition: Transition
    actual: dict[str, Any]
    exact: bool
    properties_right: int
    properties: int


@dataclass
class Score:
    """Accuracies over a group of results (percentages; None when the group is empty)."""

    n: int
    exact: float | None
    changing: float | None
    static: float | None
    per_property: float | None


def flatten(state: WorldState) -> dict[str, Any]:
    """``entity.property -> value``, plus ``closed_routes``."""
    flat = {f"{e}.{p}": v for e, props in state.entities.items() for p, v in props.items() if p != "activity"}
    flat["closed_routes"] = sorted(state.closed_routes)
    return flat


def state_change(before: WorldState, after: WorldState) -> dict[str, Any]:
    """Properties whose value differs after (new properties included)."""
    a, b = flatten(before), flatten(after)
    return {k: v for k, v in b.items() if a.get(k) != v}


def run_transition(transition: Transition, backend: Backend | None = None, all_by_model: bool = False) -> Result:
    """Apply one transition with the offline resolver, or with ``backend`` (every part
    through the model when ``all_by_model``); score the change."""
    spec, places = _world(transition.world)
    state = initial_state(transition)
    before = state.copy()
    resolver = EventResolver(spec, places, backend)
    if transition.actions:
        calls = [_described(spec, c) if all_by_model else c for c in transition.actions]
        resolver.resolve_sequence(state, calls)
    else:
        kind = "scene" if transition.scene is not None else "injected"
        query = EventQuery(kind, transition.scene or transition.event or "", None, transition.place)
        outcome = resolver.infer_events(state, [query])[0]
        if outcome.success:  # effects were checked against this state, so they apply
            apply_effects(state, outcome.effects)
    actual = state_change(before, state)
    after = flatten(state)
    listed = {**transition.changes, **{k: flatten(before).get(k) for k in transition.unchanged}}
    right = sum(1 for k, v in listed.items() if after.get(k) == v)
    return Result(transition, actual, actual == transition.changes, right, len(listed))


def initial_state(transition: Transition) -> WorldState:
    """The world's starting state with the transition's overrides."""
    spec, _ = _world(transition.world)
    state = WorldState.from_spec(spec)
    for entity, props in transition.overrides.items():
        if entity not in state.entities:
            raise ValueError(f"transition {transition.id}: unknown entity {entity!r}")
        state.entities[entity].update(props)
    state.closed_routes = sorted(transition.closed_routes)
    return state


def score(results: Iterable[Result]) -> Score:
    """Exact-match accuracy overall, on state-changing and on static transitions, and
    per-property accuracy."""
    results = list(results)
    changing = [r for r in results if r.transition.changes_state]
    static = [r for r in results if not r.transition.changes_state]
    props = sum(r.properties for r in results)
    return Score(
        n=len(results), exact=_pct(r.exact for r in results), changing=_pct(r.exact for r in changing),
        static=_pct(r.exact for r in static),
        per_property=100.0 * sum(r.properties_right for r in results) / props if props else None,
    )


def evaluate(transitions: list[Transition], backend: Backend | None = None) -> dict[str, dict[str, Score]]:
    """Scores per resolver and subset (``all``, ``rule-covered``, ``scene/event``, ``improvise``)."""
    runs = {"offline": [run_transition(t) for t in transitions]}
    if backend is not None:
        runs["llm"] = [run_transition(t, backend, all_by_model=True) for t in transitions]
    subsets = {
        "all": lambda t: True,
        "rule-covered": lambda t: t.by_rule,
        "scene/event": lambda t: not t.actions,
        "improvise": lambda t: bool(t.actions) and not t.by_rule,
    }
    return {
        name: {label: score(r for r in results if keep(r.transition)) for label, keep in subsets.items()}
        for name, results in runs.items()
    }


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
