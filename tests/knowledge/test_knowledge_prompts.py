"""rank_beliefs: what matters here and now, within a token budget."""

from __future__ import annotations

from simverse.knowledge.graph import KnowledgeGraph
from simverse.knowledge.prompts import approx_tokens, rank_beliefs


def _crowded_mind() -> KnowledgeGraph:
    kg = KnowledgeGraph()
    for i in range(30):
        kg.assert_fact("Ann", f"thing{i}", "is", "somewhere", source="world_file", step=i,
                       text=f"thing number {i} is somewhere far away from here")
    kg.assert_fact("Ann", "bakery", "sells", "bread", source="world_file", step=0, text="the bakery sells bread")
    kg.assert_fact("Ann", "Bob", "owes", "coins", source="world_file", step=0, text="Bob owes me coins")
    kg.assert_fact("Ann", "harvest", "needs", "rain", source="world_file", step=0, text="the harvest needs rain")
    return kg


def test_the_token_budget_is_never_exceeded() -> None:
    kg = _crowded_mind()
    for budget in (0, 5, 13, 40, 100):
        chosen = rank_beliefs(kg, "Ann", "square", [], "", 30, budget)
        assert sum(approx_tokens(f.describe()) for f in chosen) <= budget
    assert rank_beliefs(kg, "Ann", "square", [], "", 30, 0) == []
    assert len(rank_beliefs(kg, "Ann", "square", [], "", 30, 10_000)) == 33


def test_tokens_are_words_times_one_point_three_rounded_up() -> None:
    assert approx_tokens("the well is dry") == 6
    assert approx_tokens("") == 0


def test_facts_about_the_place_the_company_and_the_goal_come_first() -> None:
    kg = _crowded_mind()
    chosen = rank_beliefs(kg, "Ann", "bakery", ["Bob"], "pray for rain for the harvest", 30, 20)
    assert chosen[0].subject == "bakery", "the place scores most"
    assert {f.subject for f in chosen} == {"bakery", "Bob", "harvest"}


def test_newer_facts_win_among_equally_relevant_ones() -> None:
    kg = _crowded_mind()
    chosen = rank_beliefs(kg, "Ann", "square", [], "", 30, 30)
    assert [f.subject for f in chosen][:2] == ["thing29", "thing28"]


def test_ranking_at_an_earlier_step_uses_the_beliefs_held_then() -> None:
    kg = _crowded_mind()
    kg.close("Ann", "bakery|sells|bread", 10)
    assert "bakery" in [f.subject for f in rank_beliefs(kg, "Ann", "bakery", [], "", 5, 100)]
    assert "bakery" not in [f.subject for f in rank_beliefs(kg, "Ann", "bakery", [], "", 30, 100)]
