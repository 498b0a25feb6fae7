"""Plotly charts of a run over steps: labelled series, distributions across NPCs, fact
spread, and two runs overlaid.

Pure functions from pandas frames to figures, tested without Streamlit. Every chart has
axis titles. Long runs stay readable: past :data:`MAX_POINTS` steps a series is averaged
in equal bins of steps (the axis title says how many), and per-NPC values are drawn as a
distribution (median and 10-90 % band) with only a few chosen NPCs as their own lines.
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from simverse.dashboard.safe import plot_text

MAX_POINTS = 150
HEIGHT = 360
MARGIN = {"l": 10, "r": 10, "t": 40, "b": 10}


def binned(frame: pd.DataFrame, columns: list[str], x: str = "step") -> tuple[pd.DataFrame, int]:
    """``frame`` averaged in bins of steps when it is longer than :data:`MAX_POINTS`;
    returns the frame and the bin width (1: unchanged)."""
    if len(frame) <= MAX_POINTS:
        return frame, 1
    width = math.ceil(len(frame) / MAX_POINTS)
    keys = (frame[x] // width) * width
    present = [c for c in columns if c in frame]
    out = frame.groupby(keys)[present].mean().reset_index().rename(columns={"index": x})
    return out.rename(columns={out.columns[0]: x}), width


def _axes(fig: go.Figure, title: str, y_title: str, width: int = 1, x_title: str = "step") -> go.Figure:
    x_label = x_title if width == 1 else f"{x_title} (mean of {width}-step bins)"
    fig.update_layout(title=plot_text(title), height=HEIGHT, margin=MARGIN, xaxis_title=x_label,
                      yaxis_title=plot_text(y_title),
                      legend={"orientation": "h", "yanchor": "top", "y": -0.22, "x": 0})
    return fig


def series_figure(frame: pd.DataFrame, columns: list[str], title: str, y_title: str, x: str = "step") -> go.Figure:
    """Lines of some columns of a per-step frame (binned for long runs)."""
    shown, width = binned(frame, columns, x)
    mode = "lines+markers" if len(shown) <= 40 else "lines"
    fig = go.Figure()
    for column in columns:
        if column in shown:
            fig.add_trace(go.Scatter(x=shown[x], y=shown[column], mode=mode, name=plot_text(column.replace("_", " "))))
    return _axes(fig, title, y_title, width)


def distribution(states: pd.DataFrame, column: str) -> pd.DataFrame:
    """Per step: median and 10th/90th percentile of ``column`` across NPCs."""
    grouped = states.groupby("step")[column]
    return pd.DataFrame({"low": grouped.quantile(0.1), "median": grouped.median(),
                         "high": grouped.quantile(0.9)}).reset_index()


def distribution_figure(states: pd.DataFrame, column: str, chosen: list[str], title: str,
                        y_title: str) -> go.Figure:
    """Median and 10-90 % band of a per-NPC column over steps, with ``chosen`` NPCs overlaid."""
    spread, width = binned(distribution(states, column), ["low", "median", "high"])
    fig = go.Figure([
        go.Scatter(x=spread["step"], y=spread["high"], mode="lines", line={"width": 0}, hoverinfo="skip",
                   showlegend=False),
        go.Scatter(x=spread["step"], y=spread["low"], mode="lines", line={"width": 0}, fill="tonexty",
                   fillcolor="rgba(74,111,165,0.22)", name="10-90 % of NPCs"),
        go.Scatter(x=spread["step"], y=spread["median"], mode="lines", line={"color": "#1f3b66", "width": 3},
                   name="median"),
    ])
    for npc in chosen:
        rows = states[states["npc"] == npc]
        rows, _ = binned(rows[["step", column]], [column])
        fig.add_trace(go.Scatter(x=rows["step"], y=rows[column], mode="lines", line={"width": 1.5},
                                 name=plot_text(npc)))
    return _axes(fig, title, y_title, width)


def spread_figure(frame: pd.DataFrame, label: str, npcs: int) -> go.Figure:
    """Holders of one fact per step (the axis fits the data, not the world's size)."""
    fig = go.Figure(go.Scatter(x=frame["step"], y=frame["holders"], mode="lines", line_shape="hv",
                               name="NPCs holding it"))
    top = max(1, int(frame["holders"].max()) if len(frame) else 1)
    fig.update_yaxes(range=[0, top * 1.15 + 0.5])
    return _axes(fig, f"spread of: {label}", f"NPCs holding it (of {npcs})")


def overlay_figure(a: pd.DataFrame, b: pd.DataFrame, column: str, names: tuple[str, str], fork_step: int | None,
                   title: str, y_title: str) -> go.Figure:
    """One column of two runs on one chart, with the fork step marked."""
    fig = go.Figure()
    for frame, name, dash in ((a, names[0], "solid"), (b, names[1], "dash")):
        if column in frame:
            shown, _ = binned(frame[["step", column]], [column])
            fig.add_trace(go.Scatter(x=shown["step"], y=shown[column], mode="lines", name=plot_text(name),
                                     line={"dash": dash, "width": 2}))
    if fork_step is not None:
        fig.add_vline(x=fork_step, line={"color": "#888888", "dash": "dot"}, annotation_text="fork")
    return _axes(fig, title, y_title)
