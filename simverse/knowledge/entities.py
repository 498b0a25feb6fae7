"""The entity registry of a world: what facts may be about.

A world's entities are its NPCs, places and items, the ``world`` itself (weather and
other environment properties), and its *concepts*: every subject or object named in the
world file's knowledge (``[[knowledge]]``, each NPC's ``knowledge``, scheduled events'
``facts``) that is not one of the others. A concept therefore exists only because the
world file declares a fact about it; anything else a fact names is an unknown entity.
"""

from __future__ import annotations

from simverse.core.schema import WorldSpec

ENTITY_KINDS = ("world", "npc", "place", "item", "concept")


def world_entities(spec: WorldSpec) -> dict[str, list[str]]:
    """``kind -> ids`` for :meth:`KnowledgeGraph.register_entities`, in file order."""
    known: dict[str, list[str]] = {
        "world": ["world"],
        "npc": [n.name for n in spec.npcs],
        "place": [p.id for p in spec.places],
        "item": [i.id for i in spec.items],
        "concept": [],
    }
    seen = {e for ids in known.values() for e in ids}
    entries = [*spec.knowledge, *(k for n in spec.npcs for k in n.knowledge),
               *(f for e in spec.events for f in e.facts)]
    for entry in entries:
        for entity in (entry.subject, entry.object):
            if entity not in seen:
                seen.add(entity)
                known["concept"].append(entity)
    return known
