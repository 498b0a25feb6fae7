"""rank_many: every NPC's beliefs ranked in one pass, exactly as rank_beliefs ranks each."""

from __future__ import annotations

import random

from simverse.knowledge.batch_rank import BeliefQuery, rank_many
from simverse.knowledge.graph import KnowledgeGraph
from simverse.knowledge.held_rows import HeldRows, held_rows
from simverse.knowledge.prompts import rank_beliefs

NPCS = ["Ann", "Bob", "Cara", "Dev", "ann"]
PLACES = ["bakery", "square", "harbour", "mill"]
WORDS = ["fund", "festival", "rain", "bread", "coins", "boat", "storm"]


def _village(seed: int) -> KnowledgeGraph:
    """A few NPCs holding from none to ~90 beliefs each (some closed), naming places,
    people (two whose names differ only in case) and goal words, with ties in score."""
    rng = random.Random(seed)
    kg = KnowledgeGraph()
    for npc in NPCS:
        for i in range(rng.choice([0, 1, 2, 8, 23, 24, 60, 90])):
            subject, obj = rng.choice(PLACES + NPCS), rng.choice(PLACES + NPCS + WORDS)
            text = " ".join(rng.choice(WORDS + NPCS) for _ in range(rng.randint(0, 8)))
            kg.assert_fact(npc, subject, f"p{i}", obj, source="heard", step=rng.randint(0, 40),
                           confidence=rng.choice([1.0, 0.5, 0.25]), text=text, secret=rng.random() < 0.2,
                           tracked=rng.random() < 0.3)
        held = list(kg._current.get(npc, {}))
        for key in rng.sample(held, min(3, len(held))):
            kg.close(npc, key, 41)
    return kg


def _situation(rng: random.Random) -> tuple[list[BeliefQuery], dict[str, list[str]]]:
    """Where each NPC is (some elsewhere than the lists say), who is at each place, goals."""
    present: dict[str, list[str]] = {place: [] for place in PLACES}
    queries = []
    for npc in NPCS:
        place = rng.choice(PLACES)
        if rng.random() < 0.9:
            present[place].append(npc)
        queries.append(BeliefQuery(npc, place, " ".join(rng.sample([*WORDS, "the", "sell"], rng.randint(0, 3)))))
    return queries, present


def _alone(kg: KnowledgeGraph, queries: list[BeliefQuery], present: dict[str, list[str]], step: int, budget: int,
           limit: int | None) -> list[list[int]]:
    out = []
    for q in queries:
        people = list(present[q.place])
        if q.npc in people:
            people.remove(q.npc)
        out.append([f.id for f in rank_beliefs(kg, q.npc, q.place, people, q.goal_text, step, budget)[:limit]])
    return out


def _together(kg: KnowledgeGraph, queries: list[BeliefQuery], present: dict[str, list[str]], step: int,
              budget: int, limit: int | None) -> list[list[int]]:
    return [[f.id for f in r] for r in rank_many(kg, queries, present, step, budget, limit)]


def test_all_npcs_ranked_together_as_each_alone() -> None:
    for seed in range(60):
        rng = random.Random(seed)
        kg = _village(seed)
        queries, present = _situation(rng)
        budget = rng.choice([0, 5, 20, 60, 160, 10_000])
        limit = rng.choice([None, 1, 8])
        step = 42 + rng.randint(0, 30)
        assert _together(kg, queries, present, step, budget, limit) == \
            _alone(kg, queries, present, step, budget, limit), seed


def test_rows_follow_news_and_forgetting_as_rows_built_afresh() -> None:
    kg = _village(5)
    rng = random.Random(5)
    for i in range(40):
        npc = rng.choice(NPCS)
        kg.assert_fact(npc, rng.choice(PLACES + NPCS), f"news{i}", rng.choice(WORDS), source="heard",
                       step=42 + i, text=f"the {rng.choice(WORDS)} and {rng.choice(NPCS)} and {rng.choice(WORDS)}")
        if i % 7 == 6 and kg._current.get(npc):
            kg.close(npc, rng.choice(list(kg._current[npc])), 42 + i)
        queries, present = _situation(rng)
        assert _together(kg, queries, present, 43 + i, 60, 8) == _alone(kg, queries, present, 43 + i, 60, 8), i
    for npc in NPCS:
        kept, fresh = held_rows(kg, npc), HeldRows(kg, npc)
        assert kept.version == kg.holder_version(npc)
        assert kept.facts == fresh.facts and kept.token_list == fresh.token_list and kept.fewest == fresh.fewest
        for name in ("fixed", "ints", "mentions", "words"):
            assert getattr(kept, name).tolist() == getattr(fresh, name).tolist(), (npc, name)


def test_an_earlier_step_ranks_the_beliefs_held_then() -> None:
    kg = _village(9)
    queries, present = _situation(random.Random(9))
    assert _together(kg, queries, present, 20, 100, None) == _alone(kg, queries, present, 20, 100, None)


def test_no_beliefs_no_facts() -> None:
    assert rank_many(KnowledgeGraph(), [BeliefQuery("Ann", "mill", "")], {"mill": ["Ann"]}, 3, 160) == [[]]
