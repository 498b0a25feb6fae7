"""Queries at a step: truth and beliefs about an entity, contradictions, tell-chains, spread."""

from __future__ import annotations

from knowledge_fixtures import new_rumour_graph

from simverse.knowledge.graph import WORLD, KnowledgeGraph
from simverse.knowledge.queries import Hop, beliefs_about, contradictions, facts_about, spread, who_knows


def test_facts_about_an_entity_follow_world_truth_over_time() -> None:
    rumour_graph = new_rumour_graph()
    assert [f.key for f in facts_about(rumour_graph, "well", 3)] == ["well|is|dry"]
    assert [f.key for f in facts_about(rumour_graph, "well", 4)] == ["well|is|full"]
    assert [f.key for f in facts_about(rumour_graph, "dry", 0)] == ["well|is|dry"], "as object too"
    assert [f.key for f in facts_about(rumour_graph, "well")] == ["well|is|full"]


def test_beliefs_about_an_entity_are_the_npcs_own_at_that_step() -> None:
    rumour_graph = new_rumour_graph()
    assert beliefs_about(rumour_graph, "Bob", "well", 1) == []
    assert [f.told_by for f in beliefs_about(rumour_graph, "Bob", "well", 2)] == ["Ann"]
    assert [f.key for f in beliefs_about(rumour_graph, "Ann", "well", 5)] == ["well|is|full"]


def test_a_belief_the_world_replaced_is_a_conflict_with_the_new_truth() -> None:
    rumour_graph = new_rumour_graph()
    found = contradictions(rumour_graph, "Bob", 5)
    assert [(c.kind, c.belief.key, [t.key for t in c.truths]) for c in found] == [
        ("conflict", "well|is|dry", ["well|is|full"])
    ]
    assert contradictions(rumour_graph, "Bob", 3) == [], "true when he was told"
    assert contradictions(rumour_graph, "Ann", 5) == [], "Ann saw the rain"


def test_a_belief_the_world_closed_without_replacement_is_outdated() -> None:
    kg = KnowledgeGraph()
    kg.assert_fact(WORLD, "bridge", "is", "open", source="world_file", step=0)
    kg.assert_fact("Ann", "bridge", "is", "open", source="world_file", step=0)
    kg.close(WORLD, "bridge|is|open", 3)
    found = contradictions(kg, "Ann", 3)
    assert [(c.kind, c.truths[0].valid_to) for c in found] == [("outdated", 3)]
    assert contradictions(kg, "Ann", 2) == []


def test_a_belief_the_world_never_held_is_unfounded_and_can_be_left_out() -> None:
    kg = KnowledgeGraph()
    kg.assert_fact("Ann", "mayor", "spent", "fund", source="world_file", step=0)
    assert [c.kind for c in contradictions(kg, "Ann", 0)] == ["unfounded"]
    assert contradictions(kg, "Ann", 0, kinds=("conflict", "outdated")) == []


def test_a_belief_with_a_different_value_conflicts_with_the_truth() -> None:
    kg = KnowledgeGraph()
    kg.assert_fact(WORLD, "bread", "costs", "coins", source="world_file", step=0, value="3")
    kg.assert_fact("Bob", "bread", "costs", "coins", source="world_file", step=0, value="1")
    kg.assert_fact("Ann", "bread", "costs", "coins", source="world_file", step=0, value="3")
    assert [c.kind for c in contradictions(kg, "Bob")] == ["conflict"]
    assert contradictions(kg, "Ann") == []


def test_who_knows_follows_tellers_back_to_the_original_holder() -> None:
    rumour_graph = new_rumour_graph()
    chains = {c.holder: c for c in who_knows(rumour_graph, "well|is|dry", 3)}
    assert sorted(chains) == ["Ann", "Bob", "Cid"]
    cid = chains["Cid"]
    assert (cid.origin, cid.origin_source, cid.complete) == ("Ann", "world_file", True)
    assert [(h.teller, h.listener, h.step, h.line_id) for h in cid.hops] == [("Ann", "Bob", 2, 5), ("Bob", "Cid", 3, 9)]
    assert chains["Ann"].hops == ()
    assert isinstance(chains["Bob"].hops[0], Hop) and chains["Bob"].hops[0].line_id == 5


def test_who_knows_at_an_earlier_step_sees_only_the_holders_then() -> None:
    rumour_graph = new_rumour_graph()
    assert [c.holder for c in who_knows(rumour_graph, "well|is|dry", 2)] == ["Ann", "Bob"]
    assert [c.holder for c in who_knows(rumour_graph, "well|is|dry", 4)] == ["Bob", "Cid"], "Ann learnt better"


def test_a_chain_whose_teller_never_held_the_fact_is_marked_incomplete() -> None:
    kg = KnowledgeGraph()
    kg.assert_fact("Bob", "well", "is", "dry", source="dialogue:2", step=1, told_by="Zed")
    (chain,) = who_knows(kg, "well|is|dry", 1)
    assert not chain.complete and chain.origin == "Zed"
    assert "not found" in chain.describe()


def test_spread_counts_npc_holders_per_step() -> None:
    rumour_graph = new_rumour_graph()
    assert spread(rumour_graph, "well|is|dry", last=6) == {0: 1, 1: 1, 2: 2, 3: 3, 4: 2, 5: 2, 6: 2}
    assert spread(rumour_graph, "well|is|full", last=5, first=3) == {3: 0, 4: 1, 5: 1}


def test_village_contradiction_counts_equal_the_sum_over_npcs() -> None:
    from simverse.knowledge.metrics import knowledge_metrics

    kg = new_rumour_graph()
    npcs = sorted(h for h in kg.holders_now())
    per_npc = [c.kind for npc in npcs for c in contradictions(kg, npc)]
    figures = knowledge_metrics(kg, npcs)
    assert figures["contradictions"] == len(per_npc) > 0
    for kind in ("conflict", "outdated", "unfounded"):
        assert figures[f"contradictions_{kind}"] == per_npc.count(kind)
