"""Outcomes applied to the world: events that fire, actions that resolve, and what follows
from each (effects on the state, facts in the knowledge graph, observers' inboxes and
memories, the actor's activity).

Every outcome gets its event id from the run's :class:`~simverse.core.runtime.StepRuntime`
in creation order, so ids replay exactly.
"""

from __future__ import annotations

from typing import Any

from simverse.agents.minds import MIN_OBSERVED_IMPORTANCE
from simverse.core.decisions import Decision
from simverse.core.outcome import FactChange, Outcome
from simverse.core.rules import parse_effect
from simverse.core.runtime import Injection
from simverse.core.schema import KnowledgeEntry, WorldSpec
from simverse.core.state import Effect, EffectError, WorldState
from simverse.events.resolution import needs_inference
from simverse.events.resolver import ActionCall, apply_effects, observers_of
from simverse.events.social import social_memories
from simverse.events.triggers import set_clock
from simverse.knowledge.graph import WORLD, Fact, KnowledgeGraph, fact_key
from simverse.world.stage import Stage, StepTurn


def number(world: Stage, outcome: Outcome) -> int:
    """Give an outcome its event id."""
    outcome.id = world.runtime.next_id("event")
    return outcome.id


def assert_entry(knowledge: KnowledgeGraph, holder: str, entry: KnowledgeEntry, source: str,
                 step: int) -> Fact | None:
    """``holder`` now believes a world-file style knowledge entry."""
    return knowledge.assert_fact(
        holder, entry.subject, entry.predicate, entry.object, source=source, step=step,
        confidence=entry.confidence, text=entry.text, secret=entry.secret, tracked=entry.tracked,
    )


def seed_knowledge(knowledge: KnowledgeGraph, spec: WorldSpec) -> None:
    """What the world file says is true, and what each NPC starts out believing (step 0)."""
    for entry in spec.knowledge:
        assert_entry(knowledge, WORLD, entry, "world_file", 0)
    for npc in spec.npcs:
        for entry in npc.knowledge:
            assert_entry(knowledge, npc.name, entry, "world_file", 0)


# ------------------------------------------------------------------ events
def fire_events(world: Stage, turn: StepTurn) -> list[Outcome]:
    """The clock advances; the world file's events whose trigger is due fire, then the
    injected ones, each applied as an outcome. Injections given as text only (and scene
    commands) are inferred first, all in one batch (events model, or the scene reader).
    The clock then follows any change of time, and facts whose condition ended close."""
    step = turn.step
    world.resolver.begin_step(step)
    before = world.clock.minutes(step - 1)
    set_clock(world.state, world.clock.minutes(step))
    triggers = world.resolver.triggers
    outcomes = []
    for event in triggers.events(triggers.due(world.state, step, before, world.seed, world.runtime.triggers)):
        facts = [f.model_dump(by_alias=True) for f in event.facts]
        injection = Injection(event.description, [], event.place, facts, event.importance, "scheduled")
        try:
            effects = event_effects(world.state, event.effects)
        except EffectError as exc:
            outcomes.append(_failed_event(world, injection, str(exc)))
            continue
        outcomes.append(apply_event(world, turn, injection, effects))
    pending = world.runtime.take_pending()
    texts = [p for p in pending if needs_inference(p)]
    queries = [world.resolver.event_query(p, step, i) for i, p in enumerate(texts)]
    inferred = dict(zip(map(id, texts), world.resolver.infer_events(world.state, queries), strict=True))
    for injection in pending:
        effects, problem = world.resolver.check_given(world.state, [Effect(*e) for e in injection.effects])
        if problem:
            outcomes.append(_failed_event(world, injection, problem))
            continue
        outcomes.append(apply_event(world, turn, injection, effects, inferred.get(id(injection))))
    world.sync_clock(step)
    close_ended_facts(world.knowledge, world.resolver.fact_conditions.ended(world.state), step)
    return outcomes


def event_effects(state: WorldState, texts: list[str]) -> list[Effect]:
    """A world-file event's effects, with paths and values read from ``state`` now."""
    roles = set(state.entities)
    effects = []
    for text in texts:
        rule = parse_effect(text, roles)
        holder = state.read_path(rule.holder.role, rule.holder.path) if rule.holder.path else rule.role
        if not isinstance(holder, str) or holder not in state.entities:
            raise EffectError(f"{rule.holder.describe()} names no entity")
        value = rule.value.literal if rule.value.role is None else state.read_path(rule.value.role, rule.value.path)
        effects.append(Effect(holder, rule.prop, rule.op, value))
    return effects


def _failed_event(world: Stage, injection: Injection, reason: str) -> Outcome:
    outcome = Outcome(kind=injection.kind, actor=None, action="event", args={}, success=False,
                      reason=f"effects rejected: {reason}", narration=injection.description, place=injection.place,
                      source="event", importance=injection.importance)
    number(world, outcome)
    return outcome


def close_ended_facts(knowledge: KnowledgeGraph, ended: list[tuple[str, str, str]], step: int) -> None:
    """Facts that held ``while`` a condition held stop holding, for the world and every
    holder (they see the situation end)."""
    for triple in ended:
        key = fact_key(*triple)
        if knowledge.believes(WORLD, key):
            for holder in knowledge.holders(key):
                knowledge.close(holder, key, step)


def apply_event(world: Stage, turn: StepTurn, injection: Injection, effects: list[Effect],
                inferred: Outcome | None = None) -> Outcome:
    """Apply an event: its declared effects, or the ``inferred`` outcome of its text."""
    rule = "everyone" if injection.place is None else "same_place"
    observers = observers_of(world.state, world.places, None, injection.place, rule)
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
    number(world, outcome)
    if not outcome.success:
        return outcome
    try:
        apply_effects(world.state, effects)
    except EffectError as exc:
        outcome.success, outcome.reason = False, f"effects rejected: {exc}"
        return outcome
    apply_kg_changes(world.knowledge, turn.step, outcome)
    notify(world, turn, outcome)
    social_memories(world.minds, outcome, turn.step, turn.hours)
    return outcome


def apply_kg_changes(knowledge: KnowledgeGraph, step: int, outcome: Outcome) -> None:
    """The outcome's fact changes hold (or stop holding) for the world and its observers."""
    source = f"event:{outcome.id}"
    for change in outcome.kg_changes:
        key = fact_key(change.subject, change.predicate, change.object)
        entry = KnowledgeEntry(subject=change.subject, predicate=change.predicate, object=change.object,
                               text=change.text, tracked=change.tracked)
        for holder in [WORLD, *outcome.observers]:
            if change.holds:
                assert_entry(knowledge, holder, entry, source, step)
            else:
                knowledge.close(holder, key, step)


def notify(world: Stage, turn: StepTurn, outcome: Outcome) -> None:
    """Observers perceive the outcome now and, if it matters, remember it."""
    world.runtime.observe_all(outcome.observers, outcome.narration, but=outcome.actor)
    if world.minds is not None and outcome.importance >= MIN_OBSERVED_IMPORTANCE:
        for npc in outcome.observers:
            if npc != outcome.actor:
                world.minds.remember(npc, "observation", outcome.narration, turn.step, turn.hours, None, outcome.id)


# ------------------------------------------------------------------ actions
def resolve_actions(world: Stage, turn: StepTurn, acting: list[tuple[Decision, dict[str, Any]]]) -> list[Outcome]:
    """Resolve and apply every non-talk decision in the order given (one resolver batch);
    the actor perceives a failure, observers a success, and the actor remembers it.
    Schedule entries whose completion rule is met are marked done for their slot."""
    calls = [ActionCall(d.npc, d.action, d.args) for d, _ in acting]
    outcomes = world.resolver.resolve_sequence(world.state, calls)
    complete_schedules(world, turn.step, outcomes)
    for (decision, row), outcome in zip(acting, outcomes, strict=True):
        row["event_id"] = number(world, outcome)
        if outcome.success:
            notify(world, turn, outcome)
            social_memories(world.minds, outcome, turn.step, turn.hours)
        else:
            world.runtime.observe(decision.npc, f"I could not {decision.action}: {outcome.reason}")
        if world.minds is not None and decision.action != "wait":
            world.minds.remember(decision.npc, "action", outcome.narration, turn.step, turn.hours,
                                 decision.importance, outcome.id)
        set_activity(world, turn.step, decision)
    return outcomes


def complete_schedules(world: Stage, step: int, outcomes: list[Outcome]) -> None:
    """An entry done ``once`` (any attempt) or ``until_done`` (a success) is not done
    again in the same slot: the NPC's next requests leave its action out."""
    hour, day = world.clock.hour(step), world.clock.day(step)
    for outcome in outcomes:
        npc = world.npcs.get(outcome.actor or "")
        index = npc.schedule_index(hour) if npc is not None else None
        if index is None:
            continue
        entry = npc.spec.schedule[index]
        if entry.action != outcome.action or entry.completion == "repeat":
            continue
        if entry.completion == "once" or outcome.success:
            world.runtime.complete(npc.name, str(npc.slot(day, hour)))


def set_activity(world: Stage, step: int, decision: Decision) -> None:
    """What the NPC is seen doing after its decision (its schedule's activity while it waits there)."""
    props = world.state.entities[decision.npc]
    if decision.action == "move":
        props["activity"] = f"walking to {decision.args.get('place')}"
    elif decision.action == "wait":
        entry = world.npcs[decision.npc].schedule_entry(world.clock.hour(step))
        props["activity"] = entry.activity if entry and entry.place == props["place"] else "idling"
    else:
        props["activity"] = decision.action


def tick_needs(world: Stage) -> None:
    """Every NPC grows hungrier by the world's rate."""
    rate = world.spec.settings.hunger_per_step
    for name in world.npc_names:
        props = world.state.entities[name]
        props["hunger"] = round(min(1.0, float(props.get("hunger", 0.0)) + rate), 6)
