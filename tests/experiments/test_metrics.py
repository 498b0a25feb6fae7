"""Run metrics: spread of tracked facts, false beliefs, talk network, decision quality."""

from __future__ import annotations

import sqlite3

import pytest

from simverse.core.loader import parse_world
from simverse.experiments.belief_truth import FactSpan, Truth
from simverse.experiments.metrics import load_facts, merged_series, run_metrics, step_series
from simverse.world.model import World


def run_hamlet(world: dict, tmp_path, steps: int = 6) -> World:
    sim = World(parse_world(world), seed=3, db=str(tmp_path / "m.db"), embedder="hashing", memory=False)
    sim.run(steps)
    return sim


def test_spread_metrics_match_when_each_npc_first_held_the_fact(tmp_path, hamlet):
    sim = run_hamlet(hamlet, tmp_path)
    metrics = run_metrics(sim.store, sim.run_id, reach_k=3)
    con = sqlite3.connect(tmp_path / "m.db")
    first = dict(con.execute("SELECT holder, MIN(valid_from) FROM facts WHERE subject = 'well' AND holder != 'world' "
                             "GROUP BY holder").fetchall())
    pairs = {frozenset(p) for p in con.execute("SELECT speaker, listener FROM dialogue").fetchall()}
    conversations = con.execute("SELECT COUNT(DISTINCT conversation) FROM dialogue").fetchone()[0]
    con.close()
    assert len(first) == 3, "sociable NPCs in one bakery pass the fact to everyone in a few steps"
    assert metrics["steps_to_k[well|is|dry]"] == max(first.values())
    assert metrics["final_share[well|is|dry]"] == 1.0 and metrics["facts_reaching_k"] == 1
    assert metrics["conversations"] == conversations > 0
    assert metrics["network_density"] == round(len(pairs) / 3, 6)
    assert metrics["false_beliefs"] == 0 and metrics["invalid_output_rate"] == 0.0
    assert metrics["llm_calls"] == 0 and metrics["steps"] == 6 and metrics["npcs"] == 3


def test_fact_that_never_reaches_k_npcs_has_no_time_to_k(tmp_path, hamlet):
    for npc in hamlet["npcs"]:
        npc["sociability"] = 0.0
    sim = run_hamlet(hamlet, tmp_path)
    metrics = run_metrics(sim.store, sim.run_id, reach_k=2)
    assert metrics["steps_to_k[well|is|dry]"] is None and metrics["steps_to_k_mean"] is None
    assert metrics["final_share[well|is|dry]"] == 1 / 3 and metrics["network_density"] == 0.0


def test_belief_contradicting_truth_is_counted_and_so_are_decisions_that_listed_it(tmp_path, hamlet):
    hamlet["npcs"][1]["knowledge"] = [{"subject": "well", "predicate": "is", "object": "full"}]
    hamlet["npcs"][2]["knowledge"] = [{"subject": "moon", "predicate": "is", "object": "cheese"}]
    sim = run_hamlet(hamlet, tmp_path, steps=3)
    metrics = run_metrics(sim.store, sim.run_id)
    con = sqlite3.connect(tmp_path / "m.db")
    listed = con.execute("SELECT COUNT(*) FROM decisions WHERE context LIKE '%well|is|full%'").fetchone()[0]
    con.close()
    assert metrics["false_beliefs"] >= 1 and metrics["npcs_with_false_beliefs"] >= 1
    assert listed > 0 and metrics["acted_on_false_beliefs"] == listed
    series = step_series(sim.store, sim.run_id)
    assert [r["step"] for r in series] == [0, 1, 2, 3] and series[0]["false_beliefs"] == 1


def test_truth_rule_ignores_beliefs_the_world_says_nothing_about():
    facts = [FactSpan("world", "well", "is", "dry", 0, None), FactSpan("world", "gate", "is", "open", 0, 5)]
    truth = Truth(facts, step=6)
    assert truth.contradicts("well|is|full") and not truth.contradicts("well|is|dry")
    assert not truth.contradicts("moon|is|cheese") and not truth.contradicts("gate|is|shut")


def test_step_series_joins_the_datacollector_columns(tmp_path, hamlet):
    sim = run_hamlet(hamlet, tmp_path, steps=3)
    series = merged_series(sim)
    frame = sim.datacollector.get_model_vars_dataframe()
    assert [r["tracked_fact_spread"] for r in series] == list(frame["tracked_fact_spread"])
    assert [r["conversations"] for r in series] == list(frame["conversations"])
    assert series[-1]["tracked_share"] == series[-1]["tracked_fact_spread"]


def test_false_belief_rule_agrees_with_the_knowledge_queries_when_present(tmp_path, hamlet):
    queries = pytest.importorskip("simverse.knowledge.queries", reason="knowledge queries not installed")
    hamlet["npcs"][1]["knowledge"] = [{"subject": "well", "predicate": "is", "object": "full"}]
    sim = run_hamlet(hamlet, tmp_path, steps=4)
    spans = load_facts(sim.store, sim.run_id)
    mine = sum(1 for f in spans if f.holder != "world" and f.holds_at(4) and Truth(spans, 4).contradicts(f.key))
    theirs = sum(len(queries.contradictions(sim.knowledge, n, 4, kinds=("conflict",))) for n in sim.npc_names)
    assert mine == theirs == run_metrics(sim.store, sim.run_id)["false_beliefs"] >= 1
