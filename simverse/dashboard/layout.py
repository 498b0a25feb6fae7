"""Geometry of the map: where places and NPCs sit, which labels fit, and NPC colours.

- Places: networkx's spring layout with a fixed seed (the same world always draws the same
  way), stretched to the map's wide frame.
- NPCs at a place: a sunflower (phyllotaxis) pattern around it, so 3 or 30 people spread
  evenly without overlapping rings.
- Labels: a greedy placer tries eight positions around each point (outward from its place
  first) and keeps the first whose estimated box overlaps no marker and no label already
  placed; a label that fits nowhere is left out (the point keeps its hover text).
- Colours: golden-ratio steps around the hue circle with three lightness and saturation
  bands, never one colour for two NPCs (Plotly's default palette repeats every 10).
"""

from __future__ import annotations

import colorsys
import math
from dataclasses import dataclass
from typing import Any

import networkx as nx

LAYOUT_SEED = 7
ASPECT = 1.7
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
CHAR_PX = 6.6
LINE_PX = 15.0
POSITIONS = {  # textposition -> direction of the label's box from the point
    "top center": (0, 1), "bottom center": (0, -1), "middle right": (1, 0), "middle left": (-1, 0),
    "top right": (1, 1), "top left": (-1, 1), "bottom right": (1, -1), "bottom left": (-1, -1),
}


def place_layout(places: list[dict[str, Any]], aspect: float = ASPECT) -> dict[str, tuple[float, float]]:
    """Fixed positions of a world spec's places, stretched to fill [-aspect, aspect] x [-1, 1]
    (the map is wider than tall)."""
    graph = nx.Graph()
    for place in places:
        graph.add_node(place["id"])
        for other in place.get("connections", []):
            graph.add_edge(place["id"], other)
    if graph.number_of_nodes() == 1:
        return {next(iter(graph.nodes)): (0.0, 0.0)}
    k = 2.2 / math.sqrt(max(1, graph.number_of_nodes()))
    raw = nx.spring_layout(graph, seed=LAYOUT_SEED, k=k, iterations=200)
    span_x = max(abs(float(x)) for x, _ in raw.values()) or 1.0
    span_y = max(abs(float(y)) for _, y in raw.values()) or 1.0
    return {p: (aspect * float(x) / span_x, float(y) / span_y) for p, (x, y) in raw.items()}


def spacing(pos: dict[str, tuple[float, float]]) -> float:
    """The smallest distance between two places (1.0 for a single place)."""
    points = list(pos.values())
    best = 1.0
    for i, (x0, y0) in enumerate(points):
        for x1, y1 in points[i + 1:]:
            best = min(best, math.hypot(x1 - x0, y1 - y0))
    return best


def around(centre: tuple[float, float], count: int, gap: float) -> list[tuple[float, float]]:
    """``count`` points spread around ``centre`` in a sunflower pattern, ``gap`` apart."""
    cx, cy = centre
    out = []
    for i in range(count):
        r = gap * (1.6 + 0.9 * math.sqrt(i))
        angle = i * GOLDEN_ANGLE + math.pi / 2
        out.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    return out


def npc_colours(names: list[str]) -> dict[str, str]:
    """A distinct colour per NPC name (stable for a given list of names): no two NPCs of a
    world share one (a near twin is nudged lighter)."""
    out: dict[str, str] = {}
    used: set[str] = set()
    for i, name in enumerate(sorted(names)):
        hue = (i * 0.6180339887) % 1.0
        lightness = (0.42, 0.55, 0.34)[(i // 7) % 3]
        saturation = (0.72, 0.58, 0.85)[(i // 21) % 3]
        colour = _hex(hue, lightness, saturation)
        while colour in used:
            lightness = (lightness + 0.013) % 0.8 + 0.1
            colour = _hex(hue, lightness, saturation)
        used.add(colour)
        out[name] = colour
    return out


def _hex(hue: float, lightness: float, saturation: float) -> str:
    r, g, b = colorsys.hls_to_rgb(hue, lightness, saturation)
    return f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}"


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box) -> bool:
        return self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1


def marker_box(x: float, y: float, radius: float) -> Box:
    return Box(x - radius, y - radius, x + radius, y + radius)


def label_box(x: float, y: float, text: str, position: str, radius: float, unit: float) -> Box:
    """The estimated box of ``text`` drawn at ``position`` of a marker of ``radius`` (units);
    ``unit`` is data units per pixel."""
    width, height = (len(text) * CHAR_PX + 4) * unit, LINE_PX * unit
    dx, dy = POSITIONS[position]
    cx = x + dx * (radius + width / 2) if dx else x
    cy = y + dy * (radius + height / 2) if dy else y
    return Box(cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)


def preferred(x: float, y: float, centre: tuple[float, float] | None) -> list[str]:
    """The eight positions, the one pointing away from ``centre`` first."""
    order = list(POSITIONS)
    if centre is None or (x, y) == centre:
        return order
    angle = math.atan2(y - centre[1], x - centre[0])
    return sorted(order, key=lambda p: abs(_wrap(math.atan2(POSITIONS[p][1], POSITIONS[p][0]) - angle)))


def _wrap(angle: float) -> float:
    return (angle + math.pi) % (2 * math.pi) - math.pi


def place_labels(points: list[tuple[float, float, str, float, tuple[float, float] | None]], taken: list[Box],
                 unit: float) -> list[str | None]:
    """For each ``(x, y, text, radius, centre)`` a textposition whose box collides with
    nothing in ``taken`` or placed before it, or None (no room: leave the label out).
    Placed boxes are appended to ``taken``."""
    chosen: list[str | None] = []
    for x, y, text, radius, centre in points:
        pick = None
        for position in preferred(x, y, centre):
            box = label_box(x, y, text, position, radius, unit)
            if not any(box.overlaps(other) for other in taken):
                pick = position
                taken.append(box)
                break
        chosen.append(pick)
    return chosen


BUBBLE_OFFSETS = ((-40, -42), (40, -42), (-40, 42), (40, 42), (0, -70), (0, 70), (-90, 0), (90, 0))


def place_bubble(x: float, y: float, text: str, taken: list[Box], unit: float) -> tuple[int, int]:
    """The arrow offset ``(ax, ay)`` in pixels (Plotly's: ``ay`` grows downwards) for a
    speech bubble of ``text`` pointing at ``(x, y)``, clear of ``taken`` boxes when one of
    :data:`BUBBLE_OFFSETS` allows; its box is added to ``taken``."""
    width, height = (len(text) * CHAR_PX + 10) * unit, (LINE_PX + 6) * unit
    for ax, ay in BUBBLE_OFFSETS:
        cx, cy = x + ax * unit, y - ay * unit
        box = Box(cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)
        if not any(box.overlaps(other) for other in taken):
            taken.append(box)
            return ax, ay
    return BUBBLE_OFFSETS[0]
