"""Commit: everything a step leaves behind, written in the step's one transaction, and the
Mesa ``DataCollector`` that reads the world after each commit.

The step row carries the state, both rng states, the step's counts and the run's
:class:`~simverse.core.runtime.StepRuntime`, so ``World.resume`` continues from it exactly.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Any

import mesa

from simverse.core.outcome import Outcome
from simverse.core.plugins import PluginError, load_plugin, short_name
from simverse.knowledge.graph import Fact, KnowledgeGraph
from simverse.knowledge.metrics import knowledge_reporters
from simverse.llm.population import merged
from simverse.llm.recording import take_texts
from simverse.store.knowledge_models import FactRow
from simverse.store.llm_models import LLMCall
from simverse.store.models import EventRow, NPCStateRow, StepRow
from simverse.store.redaction_models import RedactionRow
from simverse.world.stage import Stage, StepTurn


def commit(world: Stage, turn: StepTurn) -> None:
    """Write the step: new and closed facts, NPC states, model calls (rows for one bulk
    insert, like every other table's; text the filter blocked moved to ``redactions``),
    the step row."""
    batch = turn.batch
    for npc in world.npcs.values():
        npc.sync_cell()
    new, closed = world.knowledge.drain()
    batch.extend(FactRow, ({"run_id": world.run_id, **fact_dict(f)} for f in new))
    for fact in closed:
        batch.updates.append((FactRow, {"run_id": world.run_id, "id": fact.id}, {"valid_to": fact.valid_to}))
    batch.extend(NPCStateRow, (npc_row(world, turn.step, n) for n in world.npc_names))
    by_brain = getattr(world.brain, "take_stats_by_brain", None)
    take_stats = getattr(world.brain, "take_stats", None)
    if by_brain is not None:
        per = by_brain()
        turn.stats["llm"] = merged(per.values()).as_dict()
        brain_counts(world, turn, per)
    elif take_stats is not None:
        turn.stats["llm"] = take_stats().as_dict()
    drain_calls = getattr(world.brain, "drain_calls", None)
    calls = list(drain_calls()) if drain_calls is not None else []
    if world.resolver.stepping:
        turn.stats["event_inference"], events_calls = world.resolver.end_step()
        calls.extend(events_calls)
    batch.texts.update(take_texts(calls))
    batch.extend(RedactionRow, world.screening.calls(calls))
    batch.extend(LLMCall, calls)
    for hook in world.step_hooks:
        hook(world, batch)
    batch.add(StepRow, {
        "run_id": world.run_id, "step": turn.step, "sim_time": world.clock.label(turn.step),
        "state": world.state.to_json(), "rng_state": rng_state(world),
        "runtime": world.runtime.to_json(), "stats": turn.stats,
        "wall_time_s": time.perf_counter() - turn.started, "committed_at": datetime.now(UTC),
    })
    world.store.write_step(turn.session, world.run_id, turn.step, batch)


def brain_counts(world: Stage, turn: StepTurn, per: dict[str, Any]) -> None:
    """The step's counters per brain: its LLM accounting plus its NPCs' actions and failures."""
    out = {label: {**stats.as_dict(), "actions": 0, "failed_actions": 0} for label, stats in per.items()}
    for actor, success in turn.action_results:
        counts = out[world.brain.label_of(actor)]
        counts["actions"] += 1
        counts["failed_actions"] += not success
    turn.stats["brains"] = out


def event_rows(world: Stage, turn: StepTurn, outcomes: list[Outcome]) -> None:
    """The step's outcomes become its ``events`` rows, and its event counts."""
    turn.batch.extend(EventRow, ({"run_id": world.run_id, "step": turn.step, **o.to_json()} for o in outcomes))
    turn.stats["events"] = sum(1 for o in outcomes if o.kind in ("scheduled", "injected", "scene"))
    turn.stats["actions"] = sum(1 for o in outcomes if o.kind == "action")
    turn.stats["failed_actions"] = sum(1 for o in outcomes if o.kind == "action" and not o.success)
    turn.action_results = [(o.actor, o.success) for o in outcomes if o.kind == "action" and o.actor]


def rng_state(world: Stage) -> dict[str, Any]:
    """Both random streams as JSON (Python's ``random`` and numpy's generator)."""
    version, internal, gauss = world.random.getstate()
    return {"random": [version, list(internal), gauss], "numpy": world.rng.bit_generator.state}


def npc_row(world: Stage, step: int, name: str) -> dict[str, Any]:
    """One NPC's ``npc_states`` row after the step."""
    props = world.state.entities[name]
    return {
        "run_id": world.run_id, "step": step, "npc": name, "place": props["place"],
        "activity": str(props.get("activity", "")), "mood": str(props.get("mood", "")),
        "hunger": float(props.get("hunger", 0.0)), "coins": float(props.get("coins", 0)),
        "inventory": list(props.get("inventory", [])),
    }


def fact_dict(fact: Fact) -> dict[str, Any]:
    """A fact's columns."""
    return {name: getattr(fact, name) for name in Fact.__dataclass_fields__}


def tracked_spread(knowledge: KnowledgeGraph, npcs: Sequence[str]) -> float:
    """Mean share of ``npcs`` who currently believe each tracked fact."""
    tracked = knowledge.tracked_keys()
    if not tracked or not npcs:
        return 0.0
    counts = knowledge.believer_counts(tracked, npcs)
    shares = [counts[key] / len(npcs) for key in tracked]
    return sum(shares) / len(shares)


def plugin_metrics(names: list[str], where: str = "settings.metrics") -> dict[str, Callable[[Any], Any]]:
    """The world file's plug-in metrics (``module:function``), keyed by function name; a
    name that does not load is a :class:`PluginError` naming ``where[i]``."""
    metrics = {}
    for i, name in enumerate(names):
        try:
            function = load_plugin(name, "simverse.metrics")
        except PluginError as exc:
            raise PluginError(f"{where}[{i}]: {exc}") from None
        if not callable(function):
            raise PluginError(f"{where}[{i}]: plug-in metric {name!r} is not a function of the world")
        metrics[short_name(name)] = function
    return metrics


def make_datacollector(extra: dict[str, Callable[[Any], Any]] | None = None) -> mesa.DataCollector:
    """The run's Mesa ``DataCollector``: step counts, knowledge spread, NPC needs, and the
    world's plug-in metrics (``extra``), which sweeps pick up with the rest."""
    return mesa.DataCollector(
        model_reporters={
            **(extra or {}),
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
