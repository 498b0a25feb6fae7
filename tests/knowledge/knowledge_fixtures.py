"""Knowledge test worlds: a hand-built graph with a known history, and a tiny world where
Ann tells Bob. Plain functions in a uniquely named module, not a conftest, so that
``from conftest import ...`` in other test folders never picks this module up."""

from __future__ import annotations

from typing import Any

from simverse.knowledge.graph import WORLD, KnowledgeGraph
from tests.hamlet import hamlet_world


def new_hamlet_world() -> dict[str, Any]:
    """The hamlet, where rain fills the well at step 2 (the world learns a new truth)."""
    world = hamlet_world()
    full = {"subject": "well", "predicate": "is", "object": "full", "text": "the well is full"}
    world["events"] = [{"at_step": 2, "description": "Rain fills the well.", "facts": [full]}]
    return world


def new_rumour_graph() -> KnowledgeGraph:
    """The world knows the well is dry from step 0 until rain at step 4 fills it; Ann knew it
    from the start, told Bob at step 2 (line 5), who told Cid at step 3 (line 9)."""
    kg = KnowledgeGraph()
    kg.assert_fact(WORLD, "well", "is", "dry", source="world_file", step=0, tracked=True)
    kg.assert_fact("Ann", "well", "is", "dry", source="world_file", step=0, tracked=True)
    kg.assert_fact("Bob", "well", "is", "dry", source="dialogue:5", step=2, told_by="Ann", tracked=True)
    kg.assert_fact("Cid", "well", "is", "dry", source="dialogue:9", step=3, told_by="Bob", tracked=True)
    kg.close(WORLD, "well|is|dry", 4)
    kg.assert_fact(WORLD, "well", "is", "full", source="event:1", step=4)
    kg.assert_fact("Ann", "well", "is", "full", source="event:1", step=4)
    kg.close("Ann", "well|is|dry", 4)
    return kg
