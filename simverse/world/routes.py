"""The world's places as a graph, and the ways NPCs walk over it.

Scene changes close or lock connections and shut places (``WorldState.closed_routes``,
``locked_routes``, ``shut``); :class:`Routes` keeps one all-pairs shortest-path table per
such set, so an NPC's route is a lookup, not a search, for every NPC of every step.
"""

from __future__ import annotations

from collections.abc import Callable

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
        """The way from ``source`` to ``target`` over open connections, through and into
        places that are not shut (next place first; empty when there or cut off)."""
        return self.router(state)(source, target)

    def router(self, state: WorldState) -> Callable[[str, str], list[str]]:
        """:meth:`route` for many ways over ``state`` as it is now: finding which places
        are shut reads every place, so a step's requests read them once, not per route."""
        shut = tuple(p for p in self.places.nodes if state.shut(p))
        key = (*state.closed_routes, "locked", *state.locked_routes, "shut", *shut)
        table = self._tables.get(key)
        if table is None:
            table = dict(nx.all_pairs_shortest_path(self.open_places(state)))
            self._tables[key] = table

        def way(source: str, target: str) -> list[str]:
            path = table.get(source, {}).get(target) if source != target else None
            return list(path[1:]) if path else []

        return way

    def open_places(self, state: WorldState) -> nx.Graph:
        """The place graph without closed or locked connections, nor ways into shut places."""
        shut = [p for p in self.places.nodes if state.shut(p)]
        if not state.closed_routes and not state.locked_routes and not shut:
            return self.places
        graph = nx.DiGraph(self.places)
        for key in (*state.closed_routes, *state.locked_routes):
            a, b = key.split("|")
            for edge in ((a, b), (b, a)):
                if graph.has_edge(*edge):
                    graph.remove_edge(*edge)
        for place in shut:
            graph.remove_edges_from(list(graph.in_edges(place)))
        return graph
