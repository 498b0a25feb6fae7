"""Map views shared by pages: the map of one step with what is queued, and what a click on
it does (an NPC opens its inspector at that step; a place lists who is there).

The figure itself is :func:`simverse.dashboard.mapfig.map_figure`; this module gathers
its inputs (world spec, frame, colours, queued directions) for a :class:`RunRef`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import streamlit as st

from simverse.dashboard import context, data, playback
from simverse.dashboard.context import RunRef
from simverse.dashboard.layout import npc_colours
from simverse.dashboard.mapfig import MapView, map_figure


@dataclass(frozen=True)
class World:
    """What every map of a run needs, read once per run."""

    spec: dict[str, Any]
    places: list[dict[str, Any]]
    place_ids: tuple[str, ...]
    names: dict[str, str]
    npcs: list[str]
    colours: dict[str, str]

    @property
    def title(self) -> str:
        return str(self.spec.get("title") or self.spec.get("name", ""))


@st.cache_data(show_spinner=False, max_entries=16)
def world_of(db: str, run_id: int) -> World:
    spec = data.world_spec(db, run_id)["spec"]
    npcs = sorted(n["name"] for n in spec["npcs"])
    return World(spec, spec["places"], tuple(p["id"] for p in spec["places"]), data.place_names(spec), npcs,
                 npc_colours(npcs))


def queued(ref: RunRef, frame: playback.Frame) -> list[tuple[str, str, str]]:
    """Directions waiting to fire after ``frame``'s step: the live world's, or (for a
    stored run's last step) those left in its database."""
    if ref.live:
        return [(d.kind, d.text, d.place or "") for d in context.hub().status().directives
                if d.status == "queued" and d.queued_after == frame.step]
    if frame.step != ref.upto:
        return []
    return [(str(p.get("kind", "injected")), str(p.get("description", "")), str(p.get("place") or ""))
            for p in frame.queued]


def step_map(ref: RunRef, step: int, *, key: str, shown: set[str] | None = None, transition_ms: int = 0,
             width_px: int = 900, height_px: int = 600) -> tuple[str, str, int] | None:
    """Draw the map at ``step``; returns the point clicked, if any (see :func:`clickable`).
    ``width_px`` is about how wide the page draws it (labels are placed for that size)."""
    world = world_of(ref.db, ref.run_id)
    frame = playback.frame_at(ref.db, ref.run_id, step, ref.upto, world.place_ids)
    view = MapView(world.colours, world.title, shown, queued(ref, frame), transition_ms, world.names, width_px,
                   height_px)
    return clickable(map_figure(world.places, frame, view), key)


def clickable(fig: Any, key: str) -> tuple[str, str, int] | None:
    """Draw a figure whose points carry ``[kind, id, step]`` and return the one clicked.
    A click is reported once: the chart then starts afresh (new widget key), so a page
    visited again does not act on an old click."""
    nonce = st.session_state.get(f"{key}:nonce", 0)
    event = st.plotly_chart(fig, key=f"{key}:{nonce}", on_select="rerun", selection_mode="points",
                            config={"displaylogo": False, "scrollZoom": True})
    hit = clicked(event)
    if hit is not None:
        st.session_state[f"{key}:nonce"] = nonce + 1
    return hit


def clicked(event: Any) -> tuple[str, str, int] | None:
    """``(kind, id, step)`` of the point clicked on a map or graph, if any."""
    try:
        points = event["selection"]["points"]
    except (TypeError, KeyError):
        return None
    for point in points or []:
        custom = point.get("customdata")
        if custom and len(custom) == 3:
            return str(custom[0]), str(custom[1]), int(custom[2])
    return None


def open_npc(npc: str, step: int) -> None:
    """Go to the NPC page, showing ``npc`` at ``step``."""
    context.go_to("npcs", npc=npc, step=step)


def static_map(ref: RunRef, step: int, key: str) -> None:
    """A map of one step where clicking an NPC opens its inspector."""
    hit = step_map(ref, step, key=key, width_px=520, height_px=480)
    if hit and hit[0] == "npc":
        open_npc(hit[1], hit[2])
