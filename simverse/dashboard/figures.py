"""Plotly figures of a run: the place map with NPCs on it, and series over steps.

Pure functions from plain data (a world spec dict, a state dict, pandas frames) to
figures, so they are tested without Streamlit. The map layout is networkx's spring layout
with a fixed seed: the same world always draws the same way, step after step.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import networkx as nx
import pandas as pd
import plotly.graph_objects as go

from simverse.dashboard.safe import plot_text

LAYOUT_SEED = 7


def place_layout(places: list[dict[str, Any]]) -> dict[str, tuple[float, float]]:
    """Fixed positions of the places of a world spec (its ``places`` list)."""
    graph = nx.Graph()
    for place in places:
        graph.add_node(place["id"])
        for other in place.get("connections", []):
            graph.add_edge(place["id"], other)
    return {k: (float(x), float(y)) for k, (x, y) in nx.spring_layout(graph, seed=LAYOUT_SEED).items()}


def map_figure(places: list[dict[str, Any]], npc_places: dict[str, str], closed_routes: Iterable[str] = (),
               title: str = "") -> go.Figure:
    """Places as nodes, connections as lines (closed ones dashed red), NPCs around their place."""
    pos = place_layout(places)
    closed = set(closed_routes)
    fig = go.Figure()
    seen: set[tuple[str, str]] = set()
    for place in places:
        for other in place.get("connections", []):
            edge = tuple(sorted((place["id"], other)))
            if edge in seen or other not in pos:
                continue
            seen.add(edge)
            is_closed = f"{edge[0]}|{edge[1]}" in closed
            (x0, y0), (x1, y1) = pos[edge[0]], pos[edge[1]]
            fig.add_trace(go.Scatter(
                x=[x0, x1], y=[y0, y1], mode="lines", hoverinfo="skip", showlegend=False,
                line={"color": "#d62728" if is_closed else "#bbbbbb", "width": 2,
                      "dash": "dash" if is_closed else "solid"},
            ))
    names = {p["id"]: p.get("name") or p["id"] for p in places}
    fig.add_trace(go.Scatter(
        x=[pos[p][0] for p in names], y=[pos[p][1] for p in names], mode="markers+text", name="places",
        text=[plot_text(names[p]) for p in names], textposition="top center",
        hovertext=[plot_text(f"{names[p]} ({p})") for p in names], hoverinfo="text",
        marker={"size": 34, "color": "#e8eef7", "line": {"color": "#4a6fa5", "width": 2}},
    ))
    by_place: dict[str, list[str]] = {}
    for npc, place in sorted(npc_places.items()):
        by_place.setdefault(place, []).append(npc)
    xs, ys, labels = [], [], []
    for place, npcs in by_place.items():
        if place not in pos:
            continue
        cx, cy = pos[place]
        for i, npc in enumerate(npcs):
            angle = 2 * math.pi * i / max(1, len(npcs))
            xs.append(cx + 0.13 * math.cos(angle))
            ys.append(cy + 0.13 * math.sin(angle))
            labels.append(plot_text(npc))
    fig.add_trace(go.Scatter(
        x=xs, y=ys, mode="markers+text", name="NPCs", text=labels, textposition="bottom center",
        hovertext=labels, hoverinfo="text", textfont={"size": 11},
        marker={"size": 12, "color": "#f28e2b", "line": {"color": "#7a4100", "width": 1}},
    ))
    fig.update_layout(
        title=plot_text(title), showlegend=False, height=520, margin={"l": 10, "r": 10, "t": 40, "b": 10},
        xaxis={"visible": False}, yaxis={"visible": False, "scaleanchor": "x"}, plot_bgcolor="white",
    )
    return fig


def series_figure(frame: pd.DataFrame, columns: list[str], title: str, x: str = "step") -> go.Figure:
    """Lines of some columns of a per-step frame."""
    fig = go.Figure()
    for column in columns:
        if column in frame:
            fig.add_trace(go.Scatter(x=frame[x], y=frame[column], mode="lines+markers", name=plot_text(column)))
    fig.update_layout(title=plot_text(title), height=320, margin={"l": 10, "r": 10, "t": 60, "b": 10},
                      xaxis_title=x, legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0})
    return fig


def per_npc_figure(states: pd.DataFrame, column: str) -> go.Figure:
    """One line per NPC of a numeric ``npc_states`` column over steps."""
    fig = go.Figure()
    for npc, rows in states.groupby("npc"):
        fig.add_trace(go.Scatter(x=rows["step"], y=rows[column], mode="lines", name=plot_text(npc)))
    fig.update_layout(title=plot_text(f"{column} per NPC"), height=320, margin={"l": 10, "r": 10, "t": 40, "b": 10},
                      xaxis_title="step")
    return fig


def spread_figure(frame: pd.DataFrame, label: str, npcs: int) -> go.Figure:
    """Holders of one fact per step, against the number of NPCs."""
    fig = go.Figure(go.Scatter(x=frame["step"], y=frame["holders"], mode="lines+markers", line_shape="hv",
                               name="NPCs holding it"))
    fig.update_layout(title=plot_text(f"spread of: {label}"), height=320, yaxis={"range": [0, max(1, npcs) + 0.5]},
                      xaxis_title="step", yaxis_title="NPCs", margin={"l": 10, "r": 10, "t": 40, "b": 10})
    return fig
