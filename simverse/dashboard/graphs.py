"""The who-told-whom graph of one fact, drawn in time layers.

Each NPC who came to hold the fact is a node placed at the step it learnt it (x) and
spread within that step (y), so the graph reads left to right as the fact travels and
never tangles; an arrow runs from the teller to the listener. Each arrow's midpoint is a
clickable point whose ``customdata`` is ``["line", LINE_ID, STEP]``: the dialogue line
that passed the fact on. Holders who knew it otherwise (world file, an event) have no
incoming arrow.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from simverse.dashboard.safe import plot_text

LABEL_LIMIT = 40


def node_positions(edges: pd.DataFrame) -> dict[str, tuple[float, float]]:
    """Holder -> (step learnt, slot within the step, centred on 0)."""
    out: dict[str, tuple[float, float]] = {}
    for step, group in edges.groupby("step", sort=True):
        holders = list(group["holder"])
        for i, holder in enumerate(holders):
            out[holder] = (float(step), i - (len(holders) - 1) / 2)
    return out


def told_graph(edges: pd.DataFrame, upto: int, label: str) -> go.Figure:
    """The graph of :func:`simverse.dashboard.beliefs.told_edges` up to step ``upto``."""
    shown = edges[edges["step"] <= upto]
    pos = node_positions(shown)
    fig = go.Figure()
    told = shown[shown["teller"].astype(bool) & shown["teller"].isin(list(pos))]
    xs, ys, mids = [], [], []
    for row in told.itertuples():
        (x0, y0), (x1, y1) = pos[row.teller], pos[row.holder]
        xs += [x0, x1, None]
        ys += [y0, y1, None]
        mids.append(((x0 + x1) / 2, (y0 + y1) / 2, row))
    fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line={"color": "#9aa9c2", "width": 1.5}, hoverinfo="skip",
                             name="told"))
    fig.add_trace(go.Scatter(
        x=[m[0] for m in mids], y=[m[1] for m in mids], mode="markers", name="dialogue lines",
        marker={"symbol": "arrow-right", "size": 11, "color": "#4a6fa5"},
        hovertext=[plot_text(f"{m[2].teller} told {m[2].holder} at step {m[2].step} (line {_line(m[2].line)}); "
                             "click to read the line") for m in mids],
        hoverinfo="text", customdata=[["line", _line(m[2].line), int(m[2].step)] for m in mids],
    ))
    names = list(pos)
    origins = set(shown.loc[~shown["teller"].astype(bool), "holder"])
    fig.add_trace(go.Scatter(
        x=[pos[n][0] for n in names], y=[pos[n][1] for n in names], ids=names, name="holders",
        mode="markers+text" if len(names) <= LABEL_LIMIT else "markers",
        text=[plot_text(n) for n in names], textposition="top center", textfont={"size": 11},
        marker={"size": 13, "color": ["#e07b39" if n in origins else "#4a6fa5" for n in names],
                "line": {"color": "#333333", "width": 1}},
        hovertext=[plot_text(_node_hover(n, shown)) for n in names], hoverinfo="text",
        customdata=[["npc", n, int(pos[n][0])] for n in names],
    ))
    fig.update_layout(
        title=plot_text(f"who told whom: {label} (up to step {upto})"), height=460, showlegend=False,
        margin={"l": 10, "r": 10, "t": 50, "b": 10}, xaxis_title="step the NPC learnt it",
        yaxis={"visible": False}, clickmode="event+select", plot_bgcolor="white",
    )
    return fig


def _line(value: object) -> int:
    return -1 if pd.isna(value) else int(value)


def _node_hover(name: str, edges: pd.DataFrame) -> str:
    row = edges[edges["holder"] == name].iloc[0]
    if row["teller"]:
        return f"{name} learnt it at step {row['step']} from {row['teller']}"
    return f"{name} knew it from {row['source']} (step {row['step']})"
