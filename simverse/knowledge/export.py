"""The knowledge graph at one step as a plain networkx graph, and as files.

:func:`graph_at` builds a ``MultiDiGraph`` of the facts holding at a step: nodes are
entities (with their ``kind`` when the graph has a registry), edges go subject -> object
with key = fact id and every other fact field as an attribute (``source`` as
``fact_source``, see :data:`RENAMED`). ``None`` attributes are
left out (GraphML has no null) and list/dict attributes are JSON-encoded strings, so both
formats carry the same data. Both files load back with plain networkx::

    nx.read_graphml(path, force_multigraph=True, edge_key_type=int)
    nx.node_link_graph(json.load(f), edges="edges")

:func:`facts_from_graph` turns such a loaded graph back into :class:`Fact` objects.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Literal

import networkx as nx

from simverse.knowledge.graph import FACT_FIELDS, Fact, KnowledgeGraph

ExportFormat = Literal["graphml", "json"]
EDGE_FIELDS = tuple(f for f in FACT_FIELDS if f not in ("id", "subject", "object"))
RENAMED = {"source": "fact_source"}
"""Edge attributes renamed on export: node-link data uses ``source``/``target`` for the
edge's ends, so a fact's ``source`` travels as ``fact_source`` (in both formats)."""


def _attr(value: Any) -> Any:
    return json.dumps(value, sort_keys=True) if isinstance(value, list | dict | tuple) else value


def graph_at(kg: KnowledgeGraph, step: int | None = None) -> nx.MultiDiGraph:
    """The facts holding at ``step`` (None: now) as a MultiDiGraph with full attributes."""
    facts = [f for f in kg.facts.values() if (f.valid_to is None if step is None else f.holds_at(step))]
    graph = nx.MultiDiGraph(step=-1 if step is None else step)
    for fact in sorted(facts, key=lambda f: f.id):
        for node in (fact.subject, fact.object):
            if node not in graph:
                kind = kg.entity_kinds.get(node)
                graph.add_node(node, **({} if kind is None else {"kind": kind}))
        attrs = {RENAMED.get(name, name): _attr(getattr(fact, name))
                 for name in EDGE_FIELDS if getattr(fact, name) is not None}
        graph.add_edge(fact.subject, fact.object, key=fact.id, **attrs)
    return graph


def node_link(graph: nx.MultiDiGraph) -> dict[str, Any]:
    """Node-link data with the edge list under ``"edges"`` (networkx 3.6's name, made explicit)."""
    return nx.node_link_data(graph, edges="edges")


def write_graph(kg: KnowledgeGraph, path: str | Path, fmt: ExportFormat, step: int | None = None) -> nx.MultiDiGraph:
    """Write the graph at ``step`` to ``path`` as GraphML or node-link JSON; returns it."""
    graph = graph_at(kg, step)
    if fmt == "graphml":
        nx.write_graphml(graph, str(path))
    elif fmt == "json":
        Path(path).write_text(json.dumps(node_link(graph), indent=1, sort_keys=True), encoding="utf-8")
    else:
        raise ValueError(f"export format {fmt!r}: expected 'graphml' or 'json'")
    return graph


def read_graph(path: str | Path, fmt: ExportFormat) -> nx.MultiDiGraph:
    """Load an exported graph back with networkx."""
    if fmt == "graphml":
        return nx.read_graphml(str(path), force_multigraph=True, edge_key_type=int)
    if fmt == "json":
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
    raise ValueError(f"export format {fmt!r}: expected 'graphml' or 'json'")


def facts_from_graph(graph: nx.MultiDiGraph) -> list[Fact]:
    """The facts an exported graph carries, by id."""
    facts = []
    for subject, obj, key, data in graph.edges(keys=True, data=True):
        fields = {name: data[RENAMED.get(name, name)] for name in EDGE_FIELDS if RENAMED.get(name, name) in data}
        facts.append(Fact(id=int(key), subject=subject, object=obj, **fields))
    return sorted(facts, key=lambda f: f.id)
