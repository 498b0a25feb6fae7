"""Facts over time: validity intervals, closing without deleting, values."""

from __future__ import annotations

from simverse.knowledge.graph import WORLD, KnowledgeGraph


def test_a_fact_closed_at_step_t_holds_before_t_but_not_at_or_after() -> None:
    kg = KnowledgeGraph()
    fact = kg.assert_fact(WORLD, "bridge", "is", "open", source="world_file", step=2)
    kg.close(WORLD, "bridge|is|open", 5)
    assert [fact.holds_at(s) for s in range(8)] == [False, False, True, True, True, False, False, False]
    assert kg.beliefs(WORLD, 4) == [fact]
    assert kg.beliefs(WORLD, 5) == []
    assert kg.beliefs(WORLD) == []


def test_closing_keeps_the_fact_and_persists_the_close_once() -> None:
    kg = KnowledgeGraph()
    fact = kg.assert_fact("Ann", "bridge", "is", "open", source="world_file", step=0)
    assert kg.drain() == ([fact], [])
    kg.close("Ann", "bridge|is|open", 3)
    assert kg.facts[fact.id].valid_to == 3
    assert kg.drain() == ([], [fact])
    assert kg.close("Ann", "bridge|is|open", 4) is None, "a closed fact cannot be closed again"


def test_a_fact_closed_in_the_step_it_was_made_is_written_once_as_new() -> None:
    kg = KnowledgeGraph()
    fact = kg.assert_fact("Ann", "bridge", "is", "open", source="event:1", step=3)
    kg.close("Ann", "bridge|is|open", 3)
    assert kg.drain() == ([fact], [])
    assert fact.valid_to == 3


def test_reasserting_a_closed_fact_opens_a_new_interval() -> None:
    kg = KnowledgeGraph()
    first = kg.assert_fact(WORLD, "bridge", "is", "open", source="world_file", step=0)
    kg.close(WORLD, "bridge|is|open", 2)
    again = kg.assert_fact(WORLD, "bridge", "is", "open", source="event:4", step=6)
    assert again.id != first.id
    assert [f.id for f in kg.beliefs(WORLD, 1)] == [first.id]
    assert kg.beliefs(WORLD, 3) == []
    assert [f.id for f in kg.beliefs(WORLD, 6)] == [again.id]


def test_a_fact_may_carry_a_value() -> None:
    kg = KnowledgeGraph()
    fact = kg.assert_fact(WORLD, "bread", "costs", "coins", source="world_file", step=0, value="3")
    assert fact.value == "3"
    assert fact.describe() == "bread costs coins: 3"


def test_believer_counts_match_asking_each_holder() -> None:
    kg = KnowledgeGraph()
    npcs = [f"N{i}" for i in range(12)]
    keys = []
    for i, npc in enumerate(npcs):
        for j in range(i % 5):
            keys.append(kg.assert_fact(npc, f"thing{j}", "is", "here", source="world_file", step=0).key)
    kg.close("N4", "thing1|is|here", 2)
    kg.assert_fact("Outsider", "thing0", "is", "here", source="world_file", step=0)
    asked = [*sorted(set(keys)), "nobody|knows|this"]
    for among in (npcs, npcs[:3], []):
        expected = {k: sum(kg.believes(n, k) for n in among) for k in asked}
        assert kg.believer_counts(asked, among) == expected
    assert kg.believer_counts(asked, npcs)["thing1|is|here"] == 5  # N4 no longer holds it


def test_kept_believer_counts_follow_what_is_asserted_and_closed() -> None:
    kg = KnowledgeGraph()
    npcs = ["N0", "N1", "N2"]
    key = kg.assert_fact("N0", "well", "is", "dry", source="world_file", step=0).key
    counts = kg.believer_counts([key], npcs)
    assert counts == {key: 1}
    counts[key] = 99  # the caller's copy: what is kept stays right
    assert kg.believer_counts([key], npcs) == {key: 1}
    kg.assert_fact("N1", "well", "is", "dry", source="heard", step=1)
    assert kg.believer_counts([key], npcs) == {key: 2}
    assert kg.believer_counts([key], npcs[:1]) == {key: 1}
    kg.close("N0", key, 2)
    assert kg.believer_counts([key], npcs) == {key: 1}
