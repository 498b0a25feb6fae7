"""The world's places as a graph, and the ways NPCs walk over it.

Scene changes close connections (``WorldState.closed_routes``); :class:`Routes` keeps one
all-pairs shortest-path table per set of closed connections, so an NPC's route is a
lookup, not a search, for every NPC of every step.
"""

from __future__ import annotations

import networkx as nx

from simverse.core.schema import WorldSpec
from simverse.core.state import WorldState


def place_graph(spec: WorldSpec) -> nx.Graph:
    """Places as nodes (in file order) and their connections as edges."""
    graph = nx.Graph()
    graph.add_nodes_from(p.id for p in spec.places)
    graph.add_edges_from((p.id, other) for p in spec.places for other in p.connections)
    return graph


class Routes:
    """Shortest ways over the open connections of ``places``, cached per closure set."""

    def __init__(self, places: nx.Graph) -> None:
        self.places = places
        self._tables: dict[tuple[str, ...], dict[str, dict[str, list[str]]]] = {}

    def route(self, state: WorldState, source: str, target: str) -> list[str]:
        """The way from ``source`` to ``target`` (next place first; empty when there or cut off)."""
        if source == target:
            return []
        closed = tuple(state.closed_routes)
        table = self._tables.get(closed)
        if table is None:
            table = dict(nx.all_pairs_shortest_path(self.open_places(state)))
            self._tables[closed] = table
        path = table.get(source, {}).get(target)
        return list(path[1:]) if path else []

    def open_places(self, state: WorldState) -> nx.Graph:
        """The place graph without the connections ``state`` has closed."""
        if not state.closed_routes:
            return self.places
        graph = self.places.copy()
        for key in state.closed_routes:
            a, b = key.split("|")
            if graph.has_edge(a, b):
                graph.remove_edge(a, b)
        return graph
