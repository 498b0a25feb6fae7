"""The map of one step as a Plotly figure: places, routes, NPCs (or headcounts), speech
bubbles, and icons for weather, closed places and events.

Pure: a world spec's places and a :class:`~simverse.dashboard.playback.Frame` in, a figure
out. With up to :data:`INDIVIDUAL_LIMIT` NPCs shown, each is a coloured dot around its
place (Plotly ``ids`` keep a dot's identity from step to step, so a layout transition
animates people walking between places); with more, places are sized and coloured by
headcount (hover lists who is there) and only a chosen group is drawn as individuals.
Every text from the world or the NPCs goes through :func:`~simverse.dashboard.safe.plot_text`.
Points carry ``customdata`` ``[kind, id, step]`` so a click can open the NPC or place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import plotly.graph_objects as go

from simverse.dashboard.layout import (
    ASPECT,
    Box,
    around,
    marker_box,
    place_bubble,
    place_labels,
    place_layout,
    spacing,
)
from simverse.dashboard.playback import Frame
from simverse.dashboard.safe import plot_text, shorten

INDIVIDUAL_LIMIT = 60
MAX_BUBBLES = 6
HEIGHT = 600
RANGE = 1.3
PLACE_PX, NPC_PX = 34, 12
WEATHER_ICONS = {"clear": "☀", "sunny": "☀", "rain": "☂", "storm": "⚡", "snow": "❄", "fog": "☁", "cloudy": "☁"}
CLOSED, FIRE, FLOOD, EVENT, REFUSED, QUEUED = "✖", "♨", "≈", "★", "✗", "⌛"


@dataclass
class MapView:
    """How to draw: who to show one by one, colours, the run's title, queued directions."""

    colours: dict[str, str]
    title: str = ""
    shown: set[str] | None = None
    queued: list[tuple[str, str, str]] = field(default_factory=list)  # (kind, text, place or "")
    transition_ms: int = 0
    place_names: dict[str, str] = field(default_factory=dict)
    width_px: int = 900
    height_px: int = HEIGHT


def weather_icon(weather: str) -> str:
    return WEATHER_ICONS.get(weather.lower(), "") if weather else ""


def unit_per_px(view: MapView) -> float:
    """Data units per screen pixel: the plot keeps x and y at one scale, so the tighter of
    the two directions (the width hint in a narrow column) sets it."""
    return max(2 * RANGE / (view.height_px - 60), 2 * RANGE * ASPECT / max(200, view.width_px - 20))


def map_figure(places: list[dict[str, Any]], frame: Frame, view: MapView) -> go.Figure:
    """The map at ``frame.step``."""
    pos = place_layout(places)
    names = view.place_names or {p["id"]: p.get("name") or p["id"] for p in places}
    fig = go.Figure()
    _routes(fig, places, pos, set(frame.closed_routes))
    counts = frame.headcount()
    individuals = _individuals(frame, view)
    aggregate = view.shown is None and len(frame.where) > INDIVIDUAL_LIMIT
    dots = _dot_positions(pos, individuals)
    unit = unit_per_px(view)
    taken = [marker_box(x, y, PLACE_PX / 2 * unit) for x, y in pos.values()]
    taken += [marker_box(x, y, NPC_PX / 2 * unit) for x, y in dots.values()]
    _icons(fig, pos, names, frame, view, unit, taken)
    _places(fig, pos, names, frame, counts, aggregate, taken, unit)
    _npcs(fig, dots, individuals, frame, view, taken, unit)
    annotations = _bubbles(frame, dots, taken, unit) + _corner(frame, view)
    fig.update_layout(
        title={"text": plot_text(f"{view.title} · step {frame.step} · {frame.sim_time}"), "x": 0.01},
        showlegend=False, height=view.height_px, margin={"l": 10, "r": 10, "t": 50, "b": 10}, plot_bgcolor="white",
        xaxis={"visible": False, "range": [-RANGE * ASPECT, RANGE * ASPECT]},
        yaxis={"visible": False, "range": [-RANGE, RANGE], "scaleanchor": "x"},
        annotations=annotations, clickmode="event+select", dragmode="pan", uirevision="map",
    )
    if view.transition_ms:
        fig.update_layout(transition={"duration": view.transition_ms, "easing": "cubic-in-out"})
    return fig


def _individuals(frame: Frame, view: MapView) -> dict[str, str]:
    """NPC -> place for those drawn one by one."""
    if view.shown is not None:
        return {n: p for n, p in frame.where.items() if n in view.shown}
    if len(frame.where) > INDIVIDUAL_LIMIT:
        return {}
    return dict(frame.where)


def _dot_positions(pos: dict[str, tuple[float, float]], individuals: dict[str, str]) -> dict[str, tuple[float, float]]:
    by_place: dict[str, list[str]] = {}
    for npc, place in sorted(individuals.items()):
        by_place.setdefault(place, []).append(npc)
    gap = min(0.075, spacing(pos) / 6)
    dots = {}
    for place, npcs in by_place.items():
        if place in pos:
            dots.update(zip(npcs, around(pos[place], len(npcs), gap), strict=True))
    return dots


def _routes(fig: go.Figure, places: list[dict[str, Any]], pos: dict[str, tuple[float, float]],
            closed: set[str]) -> None:
    open_xy: tuple[list, list] = ([], [])
    closed_xy: tuple[list, list] = ([], [])
    seen: set[tuple[str, str]] = set()
    for place in places:
        for other in place.get("connections", []):
            edge = tuple(sorted((place["id"], other)))
            if edge in seen or other not in pos:
                continue
            seen.add(edge)
            xs, ys = closed_xy if f"{edge[0]}|{edge[1]}" in closed else open_xy
            (x0, y0), (x1, y1) = pos[edge[0]], pos[edge[1]]
            xs += [x0, x1, None]
            ys += [y0, y1, None]
    fig.add_trace(go.Scatter(x=open_xy[0], y=open_xy[1], mode="lines", hoverinfo="skip", name="routes",
                             line={"color": "#c4c4c4", "width": 2}))
    fig.add_trace(go.Scatter(x=closed_xy[0], y=closed_xy[1], mode="lines", hoverinfo="skip", name="closed routes",
                             line={"color": "#d62728", "width": 2, "dash": "dash"}))


def _places(fig: go.Figure, pos: dict[str, tuple[float, float]], names: dict[str, str], frame: Frame,
            counts: dict[str, int], aggregate: bool, taken: list, unit: float) -> None:
    ids = list(pos)
    most = max(counts.values(), default=1) or 1
    biggest = max(20.0, min(56.0, 0.9 * spacing(pos) / unit))  # neighbours' circles do not overlap
    sizes = [12 + (biggest - 12) * (counts.get(p, 0) / most) ** 0.5 if aggregate else PLACE_PX for p in ids]
    where: dict[str, list[str]] = {}
    for npc, place in sorted(frame.where.items()):
        where.setdefault(place, []).append(npc)
    hover = [plot_text(f"{names.get(p, p)} ({p}) · {counts.get(p, 0)} here" + _who(where.get(p, []))) for p in ids]
    labels = [names.get(p, p) for p in ids]
    spots = place_labels([(pos[p][0], pos[p][1], labels[i], sizes[i] / 2 * unit, None) for i, p in enumerate(ids)],
                         taken, unit)
    closed = set(frame.closed_places())
    marker: dict[str, Any] = {"size": sizes, "line": {"color": ["#d62728" if p in closed else "#4a6fa5" for p in ids],
                                                      "width": 2}}
    if aggregate:
        marker.update(color=[counts.get(p, 0) for p in ids], colorscale="YlOrRd", cmin=0, cmax=most, showscale=True,
                      colorbar={"title": {"text": "NPCs here"}, "thickness": 12, "len": 0.5})
    else:
        marker["color"] = ["#eeeeee" if p in closed else "#e8eef7" for p in ids]
    fig.add_trace(go.Scatter(
        x=[pos[p][0] for p in ids], y=[pos[p][1] for p in ids], mode="markers+text", name="places", ids=ids,
        text=[plot_text(labels[i]) if spots[i] else "" for i in range(len(ids))],
        textposition=[s or "top center" for s in spots], hovertext=hover, hoverinfo="text", marker=marker,
        customdata=[["place", p, frame.step] for p in ids], textfont={"size": 12, "color": "#1f3b66"},
    ))


def _who(npcs: list[str], limit: int = 15) -> str:
    if not npcs:
        return ""
    more = f" and {len(npcs) - limit} more" if len(npcs) > limit else ""
    return ": " + ", ".join(npcs[:limit]) + more


def _npcs(fig: go.Figure, dots: dict[str, tuple[float, float]], individuals: dict[str, str], frame: Frame,
          view: MapView, taken: list, unit: float) -> None:
    names = sorted(dots)
    points = [(dots[n][0], dots[n][1], n, NPC_PX / 2 * unit, None) for n in names]
    spots = place_labels(points, taken, unit)
    fig.add_trace(go.Scatter(
        x=[dots[n][0] for n in names], y=[dots[n][1] for n in names], ids=names, mode="markers+text", name="NPCs",
        text=[plot_text(n) if spots[i] else "" for i, n in enumerate(names)],
        textposition=[s or "bottom center" for s in spots], textfont={"size": 11},
        hovertext=[plot_text(f"{n} at {individuals[n]} (click to inspect)") for n in names], hoverinfo="text",
        marker={"size": NPC_PX, "color": [view.colours.get(n, "#f28e2b") for n in names],
                "line": {"color": "#333333", "width": 1}},
        customdata=[["npc", n, frame.step] for n in names],
    ))


def place_icons(place: str, frame: Frame, view: MapView) -> tuple[str, list[str]]:
    """The icons beside a place, and what each means (for the hover)."""
    props = frame.place_state.get(place, {})
    icons, meaning = [], []
    if props.get("weather"):
        icons.append(weather_icon(str(props["weather"])) or "☁")
        meaning.append(f"weather here: {props['weather']}")
    for flag, icon, text in (("open", CLOSED, "closed"), ("on_fire", FIRE, "on fire"), ("flooded", FLOOD, "flooded")):
        if (props.get(flag) is False) if flag == "open" else props.get(flag):
            icons.append(icon)
            meaning.append(text)
    for happening in (h for h in frame.happenings if h.place == place):
        icons.append(EVENT if happening.success else REFUSED)
        meaning.append(f"{happening.kind}: {shorten(happening.narration, 80)}"
                       + ("" if happening.success else f" (refused: {shorten(happening.reason, 60)})"))
    for kind, text, where in view.queued:
        if where == place:
            icons.append(QUEUED)
            meaning.append(f"queued {kind}: {shorten(text, 80)}")
    return "".join(icons), meaning


def _icons(fig: go.Figure, pos: dict[str, tuple[float, float]], names: dict[str, str], frame: Frame,
           view: MapView, unit: float, taken: list) -> None:
    """Icons up and right of each place; their boxes are taken before any label is placed."""
    xs, ys, texts, hovers, ids = [], [], [], [], []
    offset = PLACE_PX * 0.75 * unit
    for place, (x, y) in pos.items():
        icons, meaning = place_icons(place, frame, view)
        if icons:
            xs.append(x + offset)
            ys.append(y + offset)
            taken.append(Box(x + offset, y + offset - 10 * unit, x + offset + (len(icons) * 16 + 4) * unit,
                             y + offset + 10 * unit))
            texts.append(icons)
            hovers.append(plot_text(f"{names.get(place, place)}: " + "; ".join(meaning)))
            ids.append(f"icons:{place}")
    fig.add_trace(go.Scatter(x=xs, y=ys, mode="text", text=texts, hovertext=hovers, hoverinfo="text", ids=ids,
                             name="icons", textfont={"size": 16, "color": "#b03a2e"}, textposition="middle right"))


def _bubbles(frame: Frame, dots: dict[str, tuple[float, float]], taken: list, unit: float) -> list[dict[str, Any]]:
    """Speech bubbles for the step's lines by NPCs on the map (one per speaker, a few),
    each placed clear of labels, markers and the other bubbles where there is room."""
    out, seen = [], set()
    for line in frame.lines:
        if line.speaker in seen or line.speaker not in dots or len(out) >= MAX_BUBBLES:
            continue
        seen.add(line.speaker)
        x, y = dots[line.speaker]
        text = f"{line.speaker}: {shorten(line.text, 48)}"
        ax, ay = place_bubble(x, y, text, taken, unit)
        out.append({
            "x": x, "y": y, "text": plot_text(text), "showarrow": True,
            "arrowhead": 0, "ax": ax, "ay": ay, "bgcolor": "#fffbe6",
            "bordercolor": "#c9a227", "borderpad": 3, "font": {"size": 11}, "name": f"line {line.id}",
        })
    extra = len(frame.lines) - len(out)
    if extra > 0:
        out.append(_note(f"+ {extra} more lines this step", 0.99, 0.02, "right"))
    return out


def _corner(frame: Frame, view: MapView) -> list[dict[str, Any]]:
    """World-wide weather, events and queued directions, top left."""
    rows = []
    if frame.weather:
        rows.append(f"{weather_icon(frame.weather)} weather: {frame.weather}".strip())
    for happening in (h for h in frame.happenings if not h.place and h.kind in ("scheduled", "injected", "scene")):
        mark = EVENT if happening.success else f"{REFUSED} refused ({shorten(happening.reason, 40)})"
        rows.append(f"{mark} {shorten(happening.narration, 60)}")
    rows += [f"{QUEUED} queued {kind}: {shorten(text, 50)}" for kind, text, place in view.queued if not place]
    return [_note(text, 0.01, 0.99 - 0.045 * i, "left") for i, text in enumerate(rows[:6])]


def _note(text: str, x: float, y: float, anchor: str) -> dict[str, Any]:
    return {"x": x, "y": y, "xref": "paper", "yref": "paper", "xanchor": anchor, "yanchor": "top",
            "showarrow": False, "text": plot_text(text), "font": {"size": 12, "color": "#444444"},
            "bgcolor": "rgba(255,255,255,0.8)"}
