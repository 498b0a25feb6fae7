"""Built-in metrics of one stored run: whole-run numbers and per-step series.

``run_metrics(store, run_id)`` reads the run database and returns a flat dict of numbers:

* activity: ``conversations``, ``dialogue_lines``, ``actions``, ``failed_actions``, ``events``;
* information spread of each tracked fact: ``steps_to_k[KEY]`` (steps from the fact's
  first appearance until ``k`` distinct NPCs have held it; None if it never did) and
  ``final_share[KEY]`` (share of NPCs holding it at the end), plus their means over facts;
* coherence: ``false_beliefs`` (NPC beliefs contradicting the truth at the end, rule in
  :mod:`simverse.experiments.belief_truth`), ``npcs_with_false_beliefs``, and
  ``acted_on_false_beliefs`` (decisions whose request listed a fact contradicting the
  truth at that step);
* social network: ``network_density`` of the undirected who-talked-to-whom graph over all
  NPCs (networkx), ``talk_pairs``;
* model: ``llm_calls``, ``prompt_tokens``, ``completion_tokens``, ``llm_latency_mean_s``
  (zeros when the run made no recorded LLM calls), ``invalid_output_rate`` (decisions whose
  status is not ``valid``), ``defaulted_rate``;
* cost: ``wall_s`` (sum of committed steps' wall time), ``steps``, ``npcs``.

``step_series(store, run_id)`` gives one dict per committed step with the step's counts
(the same numbers Mesa's DataCollector collects, read from the stored step stats) plus the
tracked-fact share, false beliefs and LLM calls at that step. ``datacollector_series`` adds
the live DataCollector's model variables when the world object is at hand.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx
from sqlalchemy import select
from sqlalchemy.orm import Session

from simverse.core.plugins import short_name
from simverse.experiments.belief_truth import WORLD, FactSpan, Truth
from simverse.store.knowledge_models import FactRow
from simverse.store.llm_models import LLMCall
from simverse.store.models import DecisionRow, DialogueRow, RunRow, StepRow
from simverse.store.run_store import RunStore

STEP_COUNTS = ("conversations", "dialogue_lines", "actions", "failed_actions", "events")


def load_facts(store: RunStore, run_id: int) -> list[FactSpan]:
    """Every fact and belief of a run, as spans."""
    with store.session() as session:
        rows = session.execute(
            select(FactRow.holder, FactRow.subject, FactRow.predicate, FactRow.object, FactRow.valid_from,
                   FactRow.valid_to, FactRow.tracked).where(FactRow.run_id == run_id)
        ).all()
    return [FactSpan(*row) for row in rows]


def spread_of_tracked_facts(facts: list[FactSpan], npcs: list[str], k: int) -> dict[str, dict[str, Any]]:
    """Per tracked fact: steps until ``k`` NPCs held it, and the share holding it at the end."""
    tracked = sorted({f.key for f in facts if f.tracked})
    people = set(npcs)
    result = {}
    for key in tracked:
        spans = [f for f in facts if f.key == key]
        origin = min(f.valid_from for f in spans)
        first_held: dict[str, int] = {}
        for span in spans:
            if span.holder in people:
                first_held[span.holder] = min(first_held.get(span.holder, span.valid_from), span.valid_from)
        times = sorted(first_held.values())
        holding_now = {f.holder for f in spans if f.holder in people and f.valid_to is None}
        result[key] = {
            "steps_to_k": times[k - 1] - origin if len(times) >= k else None,
            "final_share": len(holding_now) / len(npcs) if npcs else 0.0,
            "first_step": origin,
        }
    return result


def _run_npcs(session: Session, store: RunStore, run_id: int) -> list[str]:
    """The names of the run's NPCs, from its stored world (LookupError: no such run)."""
    run = session.get(RunRow, run_id)
    if run is None:
        raise LookupError(f"{store.url}: no run {run_id}")
    return [n["name"] for n in run.world_spec.get("npcs", [])]


def run_metrics(store: RunStore, run_id: int, reach_k: int = 3) -> dict[str, Any]:
    """The whole-run metrics listed in the module docstring, as a flat dict."""
    with store.session() as session:
        npcs = _run_npcs(session, store, run_id)
        steps = session.execute(
            select(StepRow.step, StepRow.wall_time_s).where(StepRow.run_id == run_id, StepRow.step > 0)
        ).all()
        dialogue = session.execute(
            select(DialogueRow.conversation, DialogueRow.speaker, DialogueRow.listener)
            .where(DialogueRow.run_id == run_id)
        ).all()
        decisions = session.execute(
            select(DecisionRow.step, DecisionRow.status, DecisionRow.context).where(DecisionRow.run_id == run_id)
        ).all()
        calls = session.execute(
            select(LLMCall.prompt_tokens, LLMCall.completion_tokens, LLMCall.latency_s)
            .where(LLMCall.run_id == run_id)
        ).all()
    from simverse.store.transcript import run_summary

    summary = run_summary(store, run_id)
    facts = load_facts(store, run_id)
    last = max((s for s, _ in steps), default=0)
    metrics: dict[str, Any] = {
        "steps": len(steps), "npcs": len(npcs), "wall_s": round(sum(w for _, w in steps), 4),
        **{name: summary[name] for name in STEP_COUNTS},
    }
    spread = spread_of_tracked_facts(facts, npcs, reach_k)
    for key, info in spread.items():
        metrics[f"steps_to_k[{key}]"] = info["steps_to_k"]
        metrics[f"final_share[{key}]"] = info["final_share"]
    reached = [i["steps_to_k"] for i in spread.values() if i["steps_to_k"] is not None]
    metrics["reach_k"] = reach_k
    metrics["tracked_facts"] = len(spread)
    metrics["facts_reaching_k"] = len(reached)
    metrics["steps_to_k_mean"] = sum(reached) / len(reached) if reached else None
    metrics["final_share_mean"] = (sum(i["final_share"] for i in spread.values()) / len(spread)) if spread else 0.0
    false_now = final_false_beliefs(store, run_id, facts, npcs, last)
    metrics["false_beliefs"] = sum(false_now.values())
    metrics["npcs_with_false_beliefs"] = sum(1 for n in false_now.values() if n)
    metrics["acted_on_false_beliefs"] = sum(_acted_on_false_beliefs(facts, decisions).values())
    graph = nx.Graph()
    graph.add_nodes_from(npcs)
    graph.add_edges_from((s, t) for _, s, t in dialogue if s != t)
    metrics["talk_pairs"] = graph.number_of_edges()
    metrics["network_density"] = round(nx.density(graph), 6) if len(npcs) > 1 else 0.0
    metrics["llm_calls"] = len(calls)
    metrics["prompt_tokens"] = sum(c[0] or 0 for c in calls)
    metrics["completion_tokens"] = sum(c[1] or 0 for c in calls)
    metrics["llm_latency_mean_s"] = (sum(c[2] or 0.0 for c in calls) / len(calls)) if calls else 0.0
    total = len(decisions)
    metrics["decisions"] = total
    metrics["invalid_output_rate"] = sum(1 for d in decisions if d[1] != "valid") / total if total else 0.0
    metrics["defaulted_rate"] = sum(1 for d in decisions if d[1] == "defaulted") / total if total else 0.0
    return metrics


def final_false_beliefs(
    store: RunStore, run_id: int, facts: list[FactSpan], npcs: list[str], step: int
) -> dict[str, int]:
    """Per NPC, beliefs contradicting the truth at ``step``: by the knowledge package's
    ``contradictions`` (kind ``conflict``) when it is installed, else by the same rule here."""
    try:
        from simverse.knowledge.graph import Fact, KnowledgeGraph
        from simverse.knowledge.queries import contradictions
    except ImportError:  # an older tree without the knowledge queries: same rule, below
        contradictions = None
    if contradictions is not None:
        with store.session() as session:
            rows = session.scalars(select(FactRow).where(FactRow.run_id == run_id)).all()
            graph = KnowledgeGraph.from_facts(
                Fact(**{c: getattr(r, c) for c in Fact.__dataclass_fields__}) for r in rows
            )
        return {npc: len(contradictions(graph, npc, step, kinds=("conflict",))) for npc in npcs}
    truth = Truth(facts, step)
    counts = dict.fromkeys(npcs, 0)
    for fact in facts:
        if fact.holder in counts and fact.holds_at(step) and truth.contradicts(fact.key):
            counts[fact.holder] += 1
    return counts


def step_series(store: RunStore, run_id: int) -> list[dict[str, Any]]:
    """One row per committed step (step 0 included): counts, spread, false beliefs, LLM calls."""
    with store.session() as session:
        npcs = _run_npcs(session, store, run_id)
        steps = session.execute(
            select(StepRow.step, StepRow.stats, StepRow.wall_time_s).where(StepRow.run_id == run_id)
            .order_by(StepRow.step)
        ).all()
        decisions = session.execute(
            select(DecisionRow.step, DecisionRow.status, DecisionRow.context).where(DecisionRow.run_id == run_id)
        ).all()
        call_steps = session.scalars(select(LLMCall.step).where(LLMCall.run_id == run_id)).all()
    facts = load_facts(store, run_id)
    tracked = sorted({f.key for f in facts if f.tracked})
    by_key: dict[str, list[FactSpan]] = defaultdict(list)
    for fact in facts:
        if fact.tracked and fact.holder != WORLD:
            by_key[fact.key].append(fact)
    acted = _acted_on_false_beliefs(facts, decisions)
    calls = defaultdict(int)
    for step in call_steps:
        calls[step] += 1
    series = []
    for step, stats, wall in steps:
        truth = Truth(facts, step)
        false_now = sum(1 for f in facts if f.holder != WORLD and f.holds_at(step) and truth.contradicts(f.key))
        shares = [sum(1 for f in by_key[key] if f.holds_at(step)) / len(npcs) for key in tracked] if npcs else []
        decided = stats.get("decisions", {})
        row = {"step": step, **{name: stats.get(name, 0) for name in STEP_COUNTS}}
        row["invalid_decisions"] = sum(v for k, v in decided.items() if k != "valid")
        row["tracked_share"] = sum(shares) / len(shares) if shares else 0.0
        row["false_beliefs"] = false_now
        row["acted_on_false_beliefs"] = acted.get(step, 0)
        row["llm_calls"] = calls.get(step, 0)
        row["wall_s"] = wall
        series.append(row)
    return series


def datacollector_series(world: Any) -> dict[int, dict[str, Any]]:
    """The live world's DataCollector model variables, by step (for runs still in memory)."""
    frame = world.datacollector.get_model_vars_dataframe()
    return {int(row["step"]): {k: _plain(v) for k, v in row.items()} for row in frame.to_dict("records")}


def final_plugin_metrics(world: Any) -> dict[str, Any]:
    """The last value of each of the world's plug-in metrics, as whole-run metrics."""
    names = [short_name(n) for n in world.spec.settings.metrics]
    collected = world.datacollector.model_vars
    return {name: collected[name][-1] for name in names if collected.get(name)}


def merged_series(world: Any) -> list[dict[str, Any]]:
    """``step_series`` from the store joined with the DataCollector's columns it lacks."""
    series = step_series(world.store, world.run_id)
    collected = datacollector_series(world)
    for row in series:
        for name, value in collected.get(row["step"], {}).items():
            row.setdefault(name, value)
    return series


def _acted_on_false_beliefs(facts: list[FactSpan], decisions: list[Any]) -> dict[int, int]:
    """Per step, decisions whose request listed a fact contradicting that step's truth."""
    truths: dict[int, Truth] = {}
    counts: dict[int, int] = defaultdict(int)
    for step, _status, context in decisions:
        keys = (context or {}).get("facts") or []
        if not keys:
            continue
        truth = truths.get(step)
        if truth is None:
            truth = truths[step] = Truth(facts, step)
        if any(truth.contradicts(k) for k in keys):
            counts[step] += 1
    return dict(counts)


def _plain(value: Any) -> Any:
    """numpy scalars to Python numbers, for JSON."""
    return value.item() if hasattr(value, "item") else value
