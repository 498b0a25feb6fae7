"""Networks of a run as networkx graphs: who told whom what, and how places connect."""

from __future__ import annotations

from typing import Any

import networkx as nx
import pandas as pd


def tell_graph(facts: pd.DataFrame, until_step: int | None = None) -> nx.MultiDiGraph:
    """An edge ``teller -> hearer`` per belief passed on in talk (up to ``until_step``),
    keyed by the fact, with the step it was learnt and the dialogue line that carried it."""
    graph = nx.MultiDiGraph()
    told = facts[facts["told_by"].notna()]
    if until_step is not None:
        told = told[told["valid_from"] <= until_step]
    for row in told.itertuples(index=False):
        fact = f"{row.subject}|{row.predicate}|{row.object}"
        graph.add_edge(row.told_by, row.holder, key=f"{row.run_id}:{row.id}", fact=fact, step=int(row.valid_from),
                       run_id=int(row.run_id), dialogue_id=_dialogue_id(row.source))
    return graph


def place_graph(world_spec: dict[str, Any]) -> nx.Graph:
    """Places as nodes (with their names) and their connections as edges."""
    graph = nx.Graph()
    for place in world_spec.get("places", []):
        graph.add_node(place["id"], name=place.get("name", place["id"]))
    for place in world_spec.get("places", []):
        for other in place.get("connections", []):
            graph.add_edge(place["id"], other)
    return graph


def _dialogue_id(source: str) -> int | None:
    kind, _, ident = str(source).partition(":")
    return int(ident) if kind == "dialogue" and ident.isdigit() else None
