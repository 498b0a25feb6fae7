"""Facts may only name known entities: NPCs, places, items and declared concepts."""

from __future__ import annotations

import pytest
from knowledge_fixtures import new_hamlet_world

from simverse.core.loader import parse_world
from simverse.knowledge.entities import world_entities
from simverse.knowledge.graph import WORLD, KnowledgeGraph, UnknownEntity


def test_a_fact_about_an_unknown_entity_is_rejected_naming_the_fact_and_entity() -> None:
    kg = KnowledgeGraph()
    kg.register_entities({"npc": ["Ann"], "place": ["well"], "concept": ["dry"]})
    with pytest.raises(UnknownEntity) as caught:
        kg.assert_fact("Ann", "dragon", "lives_in", "well", source="dialogue:3", step=1)
    message = str(caught.value)
    assert "'dragon|lives_in|well'" in message and "'dragon'" in message and "subject" in message
    assert "Ann" in message and "dialogue:3" in message
    assert caught.value.entity == "dragon" and caught.value.role == "subject"
    assert kg.facts == {}, "nothing was recorded"


def test_world_entities_declare_concepts_from_the_world_files_knowledge() -> None:
    hamlet_world = new_hamlet_world()
    entities = world_entities(parse_world(hamlet_world, source="test"))
    assert entities["npc"] == ["Ann", "Bob", "Cid"]
    assert entities["place"] == ["square", "bakery", "well"]
    assert entities["item"] == ["bread"]
    assert entities["concept"] == ["dry", "full"], "objects of world, NPC and event knowledge"


def test_an_undeclared_concept_is_rejected_and_a_declared_one_accepted() -> None:
    hamlet_world = new_hamlet_world()
    kg = KnowledgeGraph()
    kg.register_entities(world_entities(parse_world(hamlet_world, source="test")))
    assert kg.assert_fact("Bob", "well", "is", "full", source="event:1", step=2) is not None
    with pytest.raises(UnknownEntity, match="unknown object entity 'haunted'"):
        kg.assert_fact("Bob", "well", "is", "haunted", source="event:2", step=3)


def test_registering_entities_checks_the_facts_already_held() -> None:
    kg = KnowledgeGraph()
    kg.assert_fact(WORLD, "moon", "is", "full", source="world_file", step=0)
    with pytest.raises(UnknownEntity, match="'moon'"):
        kg.register_entities({"concept": ["full"]})
