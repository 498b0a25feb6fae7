"""What the map shows at each step, read a page of steps at a time and cached.

A :class:`Frame` is one step as the map draws it: who is where, the lines said, the
notable events (scheduled, injected, scene, flagged; failed actions), the weather of the
world and of each place, closed places and routes, and directions still queued. Frames
are read in pages of :data:`PAGE` steps (:func:`frames`), so playing a 300-step run
reads six small pages instead of the whole run, and a page that is complete is read once
(its cache key does not move while the run grows).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import streamlit as st
from sqlalchemy import func, literal, select

from simverse.dashboard.data import CACHE_ENTRIES, store_for
from simverse.store.models import DialogueRow, EventRow, NPCStateRow, StepRow

PAGE = 50
NOTABLE_KINDS = ("scheduled", "injected", "scene", "filtered", "policy")
PLACE_FLAGS = ("weather", "open", "on_fire", "flooded")


@dataclass(frozen=True)
class Line:
    id: int
    speaker: str
    listener: str
    place: str
    text: str


@dataclass(frozen=True)
class Happening:
    """A notable event of the step, placed (``place`` empty: everywhere)."""

    id: int
    kind: str
    place: str
    narration: str
    success: bool
    reason: str


@dataclass(frozen=True)
class Frame:
    step: int
    sim_time: str
    weather: str
    environment: dict[str, Any]
    place_state: dict[str, dict[str, Any]]
    closed_routes: list[str]
    where: dict[str, str]
    lines: list[Line] = field(default_factory=list)
    happenings: list[Happening] = field(default_factory=list)
    queued: list[dict[str, Any]] = field(default_factory=list)

    def closed_places(self) -> list[str]:
        return sorted(p for p, props in self.place_state.items() if props.get("open") is False)

    def headcount(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for place in self.where.values():
            counts[place] = counts.get(place, 0) + 1
        return counts


def page_of(step: int) -> int:
    return step // PAGE


def frame_at(db: str, run_id: int, step: int, upto: int, place_ids: tuple[str, ...]) -> Frame:
    """The frame of ``step`` (read with its page)."""
    page = page_of(step)
    last = min(upto, (page + 1) * PAGE - 1)
    return frames(db, run_id, page, last, place_ids)[step]


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def frames(db: str, run_id: int, page: int, last: int, place_ids: tuple[str, ...]) -> dict[int, Frame]:
    """Frames of steps ``page * PAGE .. last`` (``last`` is the page's end, or the last
    committed step while the run is still in that page)."""
    first = page * PAGE
    with store_for(db).session() as session:
        steps = session.execute(
            select(StepRow.step, StepRow.sim_time, _state_parts(place_ids),
                   func.json_extract(StepRow.runtime, "$.pending"))
            .where(StepRow.run_id == run_id, StepRow.step >= first, StepRow.step <= last).order_by(StepRow.step)
        ).all()
        c = NPCStateRow.__table__.c
        where = session.connection().execute(
            select(c.step, c.npc, c.place).where(c.run_id == run_id, c.step >= first, c.step <= last)
        ).all()
        lines = session.execute(
            select(DialogueRow.step, DialogueRow.id, DialogueRow.speaker, DialogueRow.listener, DialogueRow.place,
                   DialogueRow.text)
            .where(DialogueRow.run_id == run_id, DialogueRow.step >= first, DialogueRow.step <= last)
            .order_by(DialogueRow.id)
        ).all()
        happenings = session.execute(
            select(EventRow.step, EventRow.id, EventRow.kind, EventRow.place, EventRow.narration, EventRow.success,
                   EventRow.reason)
            .where(EventRow.run_id == run_id, EventRow.step >= first, EventRow.step <= last,
                   EventRow.kind.in_(NOTABLE_KINDS) | (EventRow.success.is_(False) & (EventRow.action != "talk")))
            .order_by(EventRow.id)
        ).all()
    positions: dict[int, dict[str, str]] = {}
    for step, npc, place in where:
        positions.setdefault(step, {})[npc] = place
    said: dict[int, list[Line]] = {}
    for step, line_id, speaker, listener, place, text in lines:
        said.setdefault(step, []).append(Line(line_id, speaker, listener, place, text))
    notable: dict[int, list[Happening]] = {}
    for step, event_id, kind, place, narration, success, reason in happenings:
        notable.setdefault(step, []).append(Happening(event_id, kind, place or "", narration, bool(success),
                                                      reason or ""))
    return {
        step: _frame(step, sim_time, json.loads(parts), json.loads(pending or "[]"), positions.get(step, {}),
                     said.get(step, []), notable.get(step, []), place_ids)
        for step, sim_time, parts, pending in steps
    }


def _state_parts(place_ids: tuple[str, ...]) -> Any:
    """The world entity, the closed routes and each place of a step's stored state, as one
    JSON array worked out by SQLite: a step of 1,000 NPCs is not parsed in Python for the
    few dozen values the map shows. Place ids go in as bound parameters."""
    paths = ["$.entities.world", "$.closed_routes", *(f"$.entities.{json.dumps(p)}" for p in place_ids)]
    return func.json_extract(StepRow.state, *[literal(path) for path in paths])


def _frame(step: int, sim_time: str, parts: list[Any], pending: list[dict[str, Any]], where: dict[str, str],
           lines: list[Line], happenings: list[Happening], place_ids: tuple[str, ...]) -> Frame:
    environment = dict(parts[0] or {})
    places = dict(zip(place_ids, parts[2:], strict=True))
    place_state = {p: {k: v for k, v in (places[p] or {}).items() if k in PLACE_FLAGS} for p in place_ids}
    return Frame(
        step=step, sim_time=sim_time, weather=str(environment.get("weather", "")), environment=environment,
        place_state=place_state, closed_routes=list(parts[1] or []), where=where,
        lines=lines, happenings=happenings, queued=list(pending or []),
    )
