"""``EventResolver``: rules first, the event-inference model second, one batch per phase.

The world's resolver. Same interface as :class:`~simverse.events.resolver.RuleResolver`
(``resolve_sequence``, ``resolve``, ``covers``), routing:

* built-ins and declared actions -> the rules (deterministic, no model);
* ``improvise`` (an NPC does something described in ``args["text"]``) -> the events model,
  all of a step's in ONE ``generate_batch`` call; without a model -> failed "no event model";
* injected event text and scene commands (:meth:`infer_events`) -> the events model in one
  batch, or offline the scene reader of :mod:`simverse.events.scene`. Either way every
  proposed effect passes the same validator, with the world's declared properties.

Conflicts: calls are applied in the order given (the world draws it from its seeded rng).
Rule calls see earlier effects and their loser's reason names the winner. Model outcomes
were predicted on the state at the start of the phase, so one that would change an entity
(other than its own actor) already changed this step by someone else fails with
"conflict: X changed Y first this step"; the rest are re-checked against the current state
before they apply. Counts of what the checks did are in :attr:`EventResolver.counts`;
the world's step opens with :meth:`EventResolver.begin_step` and its commit takes the
step's counts and recorded model calls with :meth:`EventResolver.end_step` (into
``stats["event_inference"]``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import networkx as nx

from simverse.core.llm_protocol import Backend, SamplingParams
from simverse.core.outcome import Outcome
from simverse.core.plugins import load_plugin
from simverse.core.runtime import Injection
from simverse.core.schema import WorldSpec
from simverse.core.seeds import derive_seed
from simverse.core.state import EffectError, WorldState
from simverse.core.world_check import check_world
from simverse.events.inference import DEFAULT_SAMPLING, EventQuery, failed_outcome, infer_with_model
from simverse.events.resolver import ActionCall, RuleResolver, apply_effects
from simverse.events.scene import ScenePerception
from simverse.events.social import rule_social
from simverse.events.triggers import EventTriggers, FactConditions
from simverse.events.validation import InferenceCounts, check_effects
from simverse.llm.spec import make_backend, parse_role_specs

IMPROVISE = "improvise"
NO_MODEL = "no event model"
INFERRED_KINDS = ("injected", "scene")


def needs_inference(injection: Injection) -> bool:
    """An injection given as text only (no effects, ``facts is None``): infer what it does."""
    return injection.kind in INFERRED_KINDS and not injection.effects and injection.facts is None


class EventResolver:
    """Resolves every action and event of a world: rules, then the events model (or matcher)."""

    def __init__(
        self,
        spec: WorldSpec,
        places: nx.Graph,
        backend: Backend | None = None,
        *,
        seed: int = 0,
        sampling: SamplingParams = DEFAULT_SAMPLING,
    ) -> None:
        self.spec = spec
        self.places = places
        self.rules = RuleResolver(spec, places)
        self.catalogue = check_world(spec)[1]
        self.scene = ScenePerception(spec, places, self.catalogue)
        self.triggers = EventTriggers(spec)
        self.fact_conditions = FactConditions(spec)
        self.plugins = {a.name: load_plugin(a.resolver, "simverse.resolvers") for a in spec.actions if a.resolver}
        self.backend = backend
        self.seed = seed
        self.sampling = sampling
        self.counts = InferenceCounts()
        self.step = 0
        self.stepping = False
        self._recorder: Any = None
        self._record: Callable[[Backend], Backend] | None = None

    # ------------------------------------------------------------------ wiring
    def set_backend(self, backend: Backend | None) -> None:
        """Use another events model (e.g. from ``--llm-events``); None for offline."""
        self.backend = backend
        self._recorder = None
        if self.stepping:
            self._start_recording()

    def record_with(self, record: Callable[[Backend], Backend]) -> None:
        """How the model's calls are recorded in the run once steps begin (``record``
        wraps a backend in a recorder, or returns one that records already)."""
        self._record = record

    def begin_step(self, step: int) -> None:
        """A step starts: from the first one on, the model's calls are recorded."""
        self.step = step
        if not self.stepping:
            self.stepping = True
            self._start_recording()

    def end_step(self) -> tuple[dict[str, Any], list[Any]]:
        """The step's inference counts (then reset) and the model calls recorded since the
        last step, for the step's commit."""
        drain = getattr(self._recorder, "drain", None)
        return self.counts.take().as_dict(), list(drain()) if drain is not None else []

    def _start_recording(self) -> None:
        if self.backend is not None and self._record is not None:
            self._recorder = self._record(self.backend)

    @property
    def actions(self) -> dict[str, Any]:
        """The compiled declared actions (as on ``RuleResolver``)."""
        return self.rules.actions

    def covers(self, action: str) -> bool:
        """Whether this resolver can resolve the action (by rule, or ``improvise`` by model)."""
        return self.by_rule(action) or (action == IMPROVISE and self.backend is not None)

    def by_rule(self, action: str) -> bool:
        """Whether a rule (built-in or declared) resolves the action."""
        return self.rules.covers(action)

    # ------------------------------------------------------------------ actions
    def resolve(self, state: WorldState, call: ActionCall, touched: dict[str, str] | None = None) -> Outcome:
        """The outcome of one call on ``state``, not applied."""
        if call.action != IMPROVISE:
            return self._by_rule(state, call, touched)
        return self._improvise(state, [call])[0]

    def resolve_sequence(self, state: WorldState, calls: Sequence[ActionCall]) -> list[Outcome]:
        """Resolve and apply calls in order; improvised ones predicted in one batch first."""
        improvised = [c for c in calls if c.action == IMPROVISE]
        predicted = dict(zip(map(id, improvised), self._improvise(state, improvised), strict=True))
        touched: dict[str, str] = {}
        outcomes = []
        for call in calls:
            if call.action == IMPROVISE:
                outcome = self._settle(state, predicted[id(call)], touched)
            else:
                outcome = self._by_rule(state, call, touched)
            if outcome.success:
                try:
                    apply_effects(state, outcome.effects)
                except EffectError as exc:
                    outcome.success, outcome.reason = False, f"effects rejected: {exc}"
                    outcome.effects = []
            if outcome.success:
                for effect in outcome.effects:
                    touched.setdefault(effect.entity, call.actor)
            outcomes.append(outcome)
        return outcomes

    def _by_rule(self, state: WorldState, call: ActionCall, touched: dict[str, str] | None) -> Outcome:
        plugin = self.plugins.get(call.action)
        if plugin is not None:
            custom = plugin(call, state)
            if custom is not None:
                return self._checked(state, custom)
        outcome = self.rules.resolve(state, call, touched)
        if outcome.success and outcome.source == "rule":
            outcome.social = rule_social(call.action)
        return outcome

    def _checked(self, state: WorldState, outcome: Outcome) -> Outcome:
        """A plug-in resolver's outcome, its effects validated like an events model's."""
        if not isinstance(outcome, Outcome):
            raise TypeError(f"resolver for {outcome!r} must return an Outcome or None")
        if outcome.success:
            check = check_effects(state, self.places, outcome.effects, self.counts)
            if check.rejected:
                return _lost(outcome, "; ".join(check.notes))
            outcome.effects = check.effects
        return outcome

    def _improvise(self, state: WorldState, calls: Sequence[ActionCall]) -> list[Outcome]:
        queries = [
            EventQuery("improvise", str(c.args.get("text", "")).strip(), c.actor, None,
                       derive_seed(self.seed, self.step, c.actor, "events", i),
                       f"step {self.step} events improvise {c.actor}")
            for i, c in enumerate(calls)
        ]
        if self.backend is None:
            self.counts.outcomes += len(queries)
            return [failed_outcome(q, state, NO_MODEL) for q in queries]
        ready = [q for q in queries if q.text]
        answers = iter(infer_with_model(self._backend(), ready, state, self.places, self.counts, self.sampling,
                                        catalogue=self.catalogue))
        return [next(answers) if q.text else failed_outcome(q, state, "improvise without text") for q in queries]

    def _settle(self, state: WorldState, outcome: Outcome, touched: dict[str, str]) -> Outcome:
        """A predicted outcome against what happened before it this step."""
        if not outcome.success:
            return outcome
        for effect in outcome.effects:
            other = touched.get(effect.entity)
            if effect.entity != outcome.actor and other and other != outcome.actor:
                self.counts.conflicts += 1
                return _lost(outcome, f"conflict: {other} changed {effect.entity} first this step")
        check = check_effects(state, self.places, outcome.effects, self.counts, catalogue=self.catalogue)
        if check.rejected:
            winner = next((touched[e.entity] for e in outcome.effects if e.entity in touched), None)
            why = "; ".join(check.notes) + (f"; {winner} got there first this step" if winner else "")
            return _lost(outcome, why)
        outcome.effects = check.effects
        return outcome

    # ------------------------------------------------------------------ events
    def infer_events(self, state: WorldState, queries: Sequence[EventQuery]) -> list[Outcome]:
        """Outcomes of injected texts and scene commands (not applied): model or scene reader."""
        if self.backend is not None:
            return infer_with_model(self._backend(), queries, state, self.places, self.counts, self.sampling,
                                    catalogue=self.catalogue)
        return [self.scene.read(q, state, self.counts) for q in queries]

    def event_query(self, injection: Injection, step: int, index: int) -> EventQuery:
        """The query for a text-only injection or scene command."""
        kind = "scene" if injection.kind == "scene" else "injected"
        return EventQuery(kind, injection.description, None, injection.place,
                          derive_seed(self.seed, step, kind, "events", index), f"step {step} events {kind} {index}")

    # ------------------------------------------------------------------ prediction
    def predict(self, state: WorldState, what: ActionCall | EventQuery) -> Outcome:
        """What would happen, worked out on ``state`` (a copy the caller gives up), unrecorded
        and uncounted in the step's stats."""
        saved, recorder = self.counts, self._recorder
        self.counts, self._recorder = InferenceCounts(), None
        try:
            if isinstance(what, EventQuery):
                return self.infer_events(state, [what])[0]
            return self.resolve(state, what)
        finally:
            self.counts, self._recorder = saved, recorder

    def _backend(self) -> Backend:
        return self._recorder or self.backend


def _lost(outcome: Outcome, reason: str) -> Outcome:
    outcome.success, outcome.reason, outcome.effects, outcome.kg_changes = False, reason, [], []
    outcome.narration = f"{outcome.actor} tries to {outcome.args.get('text', outcome.action)} but cannot: {reason}."
    outcome.observers = [outcome.actor] if outcome.actor else []
    return outcome


def make_event_backend(spec: str | None, **options: Any) -> Backend | None:
    """The events model of a spec (``settings.llm_events`` or ``--llm-events``), or None.

    Accepts a plain spec or role specs (``events=openai:URL#MODEL``); ``scripted`` and
    None mean no model: the offline matcher handles events, ``improvise`` fails."""
    if not spec:
        return None
    return make_backend(parse_role_specs(spec)["events"], **options)
