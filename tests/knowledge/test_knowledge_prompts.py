"""rank_beliefs: what matters here and now, within a token budget."""

from __future__ import annotations

import random

from simverse.knowledge import prompts
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


def _busy_mind(seed: int) -> KnowledgeGraph:
    """Many beliefs of every kind: tracked, secret, less sure, from many steps, naming
    places, people and words a goal may share (ties in score included)."""
    rng = random.Random(seed)
    kg = KnowledgeGraph()
    places, people = ["bakery", "square", "harbour"], ["Bob", "Cara", "Dev"]
    words = ["fund", "festival", "rain", "bread", "coins", "boat", "storm"]
    for i in range(rng.randint(25, 90)):
        subject, obj = rng.choice(places + people), rng.choice(places + people + words)
        text = " ".join(rng.choice(words) for _ in range(rng.randint(0, 8)))
        kg.assert_fact("Ann", subject, f"p{i}", obj, source="heard", step=rng.randint(0, 40),
                       confidence=rng.choice([1.0, 0.5, 0.25]), text=text, secret=rng.random() < 0.2,
                       tracked=rng.random() < 0.3)
    for key in rng.sample(list(kg._current["Ann"]), 5):
        kg.close("Ann", key, 41)
    return kg


def test_many_beliefs_are_ranked_on_arrays_exactly_as_one_by_one(monkeypatch) -> None:
    for seed in range(40):
        rng = random.Random(seed)
        kg = _busy_mind(seed)
        place = rng.choice(["bakery", "square", "harbour", "mill"])
        present = rng.sample(["Bob", "Cara", "Dev", "Eve"], rng.randint(0, 3))
        goal = " ".join(rng.sample(["fund", "festival", "rain", "bread", "sell", "the"], rng.randint(0, 3)))
        budget = rng.choice([0, 20, 60, 160, 10_000])
        step = 42 + rng.randint(0, 30)
        on_arrays = rank_beliefs(kg, "Ann", place, present, goal, step, budget)
        monkeypatch.setattr(prompts, "MANY_BELIEFS", 10**9)
        one_by_one = rank_beliefs(kg, "Ann", place, present, goal, step, budget)
        monkeypatch.undo()
        assert kg.belief_count("Ann") >= prompts.MANY_BELIEFS or seed  # most minds are big enough
        assert [f.id for f in on_arrays] == [f.id for f in one_by_one], seed


def test_the_arrays_follow_what_the_npc_comes_to_believe_or_forgets() -> None:
    kg = _busy_mind(3)
    before = rank_beliefs(kg, "Ann", "mill", [], "", 51, 10_000)
    new = kg.assert_fact("Ann", "mill", "burned", "mill", source="heard", step=50, text="the mill burned down")
    assert rank_beliefs(kg, "Ann", "mill", [], "", 50, 10_000)[0] == new
    kg.close("Ann", new.key, 51)
    assert rank_beliefs(kg, "Ann", "mill", [], "", 51, 10_000) == before


def test_arrays_extended_by_news_equal_arrays_built_afresh(monkeypatch) -> None:
    kg = _busy_mind(7)
    rng = random.Random(7)
    rank_beliefs(kg, "Ann", "square", [], "", 42, 10_000)  # the arrays exist before the news
    for i in range(30):
        subject = rng.choice(["bakery", "Bob", "Cara", "mill"])
        kg.assert_fact("Ann", subject, f"news{i}", rng.choice(["fund", "rain", "Dev"]), source="heard",
                       step=42 + i, text=f"{subject} and the {rng.choice(['storm', 'boat', 'bread'])}")
        if i % 7 == 6:
            kg.close("Ann", rng.choice(list(kg._current["Ann"])), 42 + i)
        on_arrays = rank_beliefs(kg, "Ann", "mill", ["Bob"], "rain bread", 43 + i, 60)
        monkeypatch.setattr(prompts, "MANY_BELIEFS", 10**9)
        one_by_one = rank_beliefs(kg, "Ann", "mill", ["Bob"], "rain bread", 43 + i, 60)
        monkeypatch.undo()
        assert [f.id for f in on_arrays] == [f.id for f in one_by_one], i
    followed, fresh = kg.derived_cache["Ann"], prompts.HeldNow(kg, "Ann")
    assert [f.id for f in followed.facts] == [f.id for f in fresh.facts]
    for name in ("fixed", "valid_from", "newer_first"):
        assert getattr(followed, name).tolist() == getattr(fresh, name).tolist()
    for index in ("mentioning", "worded"):
        old, new = getattr(followed, index), getattr(fresh, index)
        assert {w: r.tolist() for w, r in old.items()} == {w: r.tolist() for w, r in new.items()}
