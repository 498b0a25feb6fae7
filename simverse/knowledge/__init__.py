"""simverse.knowledge — the shared knowledge graph: world truth, NPC beliefs, how news spreads.

* :mod:`~simverse.knowledge.graph` — :class:`Fact`, :class:`KnowledgeGraph` (assert,
  close, indexes), :class:`UnknownEntity`.
* :mod:`~simverse.knowledge.entities` — :func:`world_entities`: what a world's facts may name.
* :mod:`~simverse.knowledge.queries` — facts about X, beliefs about X, contradictions,
  who knows (chains of tellers), spread over time; all at a step.
* :mod:`~simverse.knowledge.prompts` — :func:`rank_beliefs`: the beliefs that fit a prompt.
* :mod:`~simverse.knowledge.batch_rank` — :func:`rank_many`: the same for every NPC at once,
  on the arrays of :mod:`~simverse.knowledge.held_rows`.
* :mod:`~simverse.knowledge.export` — GraphML / node-link JSON of the graph at a step.
* :mod:`~simverse.knowledge.metrics` — figures for the DataCollector.
* :mod:`~simverse.knowledge.store` — load a run's facts from SQLite.
"""

from simverse.knowledge.entities import world_entities
from simverse.knowledge.graph import WORLD, Fact, KnowledgeGraph, UnknownEntity, fact_key, split_key

__all__ = ["WORLD", "Fact", "KnowledgeGraph", "UnknownEntity", "fact_key", "split_key", "world_entities"]
