"""The lines of a labelled transitions file (``eval-events --set``), checked as they are read.

Each line is one :class:`TransitionLine`: its fields typed (a field the scorer does not
read is ignored with a warning naming it, so a set with notes of its own, or written for
another scorer, still scores what this one reads), and checked against its world: the
world loads, the actors are its NPCs, every entity named in ``overrides``, ``changes`` and
``unchanged`` is one of its entities, routes join two of its places, the place is one of
them. A bad line is a ``ValueError`` naming the file, the line
number and the field, raised before any transition runs.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

from simverse.core.jsonl import read_jsonl, validated
from simverse.core.loader import WorldFileError, load_world
from simverse.core.state import WorldState

log = logging.getLogger(__name__)

Category = Literal["success", "failed_precondition", "conflict", "scene", "refusal", "time", "chained"]
CATEGORIES: tuple[str, ...] = get_args(Category)


class ActionLine(BaseModel):
    """One action of a transition: who does what with which arguments."""

    model_config = ConfigDict(extra="ignore")

    actor: str
    action: str = Field(min_length=1)
    args: dict[str, Any] = Field(default_factory=dict)
    """Passed to the action as written, as before the lines were typed."""


class TransitionLine(BaseModel):
    """One labelled transition as written in the file."""

    model_config = ConfigDict(extra="ignore")

    id: str = Field(min_length=1)
    world: str
    category: Category
    changes: dict[str, Any]
    unchanged: list[str] = Field(default_factory=list)
    overrides: dict[str, dict[str, Any]] = Field(default_factory=dict)
    closed_routes: list[str] = Field(default_factory=list)
    locked_routes: list[str] = Field(default_factory=list)
    actions: list[ActionLine] = Field(default_factory=list)
    event: str | None = Field(None, min_length=1)
    scene: str | None = Field(None, min_length=1)
    place: str | None = None
    expect_refused: bool | None = None


def read_transition_lines(paths: Iterable[Path]) -> list[tuple[Path, TransitionLine]]:
    """Every line of ``paths`` (``//`` comment lines skipped) with the file it came from."""
    lines: list[tuple[Path, TransitionLine]] = []
    for path in paths:
        for number, raw in read_jsonl(path, skip=lambda line: line.lstrip().startswith("//")):
            lines.append((path, _checked(path, number, raw)))
    ids = [line.id for _, line in lines]
    duplicate = next((i for i in ids if ids.count(i) > 1), None)
    if duplicate is not None:
        raise ValueError(f"{', '.join(str(p) for p in paths)}: transition id {duplicate!r} is used twice")
    return lines


def _checked(path: Path, number: int, raw: Any) -> TransitionLine:
    for field_name in _unread(raw):
        log.warning("%s:%d: %s: not a field eval-events reads; ignored", path, number, field_name)
    line = validated(TransitionLine, raw, path, number)
    try:
        state = _start(line.world)
    except WorldFileError as exc:
        raise ValueError(f"{path}:{number}: world: {exc}") from None
    problem = _world_problem(line, state)
    if problem:
        raise ValueError(f"{path}:{number}: {problem}")
    return line


def _world_problem(line: TransitionLine, state: WorldState) -> str:
    """The first field naming what ``line.world`` lacks, as ``field: why``; empty when none."""
    npcs = {e for e, kind in state.kinds.items() if kind == "npc"}
    places = {e for e, kind in state.kinds.items() if kind == "place"}
    for index, action in enumerate(line.actions):
        if action.actor not in npcs:
            return f"actions[{index}].actor: {line.world} has no NPC {action.actor!r}"
    for entity in line.overrides:
        if entity not in state.entities:
            return f"overrides: {line.world} has no entity {entity!r}"
    for field_name, keys in (("changes", list(line.changes)), ("unchanged", line.unchanged)):
        for key in keys:
            entity, dot, _ = key.partition(".")
            if key not in ("closed_routes", "locked_routes") and (not dot or entity not in state.entities):
                return f"{field_name}: {key!r} is not ENTITY.PROPERTY of an entity of {line.world}"
    for field_name, routes in (("closed_routes", line.closed_routes), ("locked_routes", line.locked_routes)):
        for route in routes:
            ends = route.split("|")
            if len(ends) != 2 or not set(ends) <= places:
                return f"{field_name}: {route!r} is not PLACE|PLACE of two places of {line.world}"
    if line.place is not None and line.place not in places:
        return f"place: {line.world} has no place {line.place!r}"
    return ""


def _unread(raw: Any) -> list[str]:
    """The keys of a line (and of its actions, as ``actions[i].key``) the scorer does not read."""
    if not isinstance(raw, dict):
        return []
    unread = sorted(set(raw) - set(TransitionLine.model_fields))
    actions = raw.get("actions")
    for index, action in enumerate(actions if isinstance(actions, list) else []):
        if isinstance(action, dict):
            unread += [f"actions[{index}].{k}" for k in sorted(set(action) - set(ActionLine.model_fields))]
    return unread


@cache
def _start(world: str) -> WorldState:
    return WorldState.from_spec(load_world(world))
