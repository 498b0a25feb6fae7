"""Set values in a world (as a dict) by dotted path: how a sweep's grid changes a world.

Paths walk the world file's structure. Lists of named things are indexed by name or id
(``npcs.Nell``, ``places.bakery``, ``items.bread``, ``actions.buy``), by position
(``events.0``), or all at once with ``*``::

    npcs.*.sociability          every NPC's sociability
    npcs.Nell.knowledge         Nell's knowledge list (replaced whole)
    settings.conversation_turns
    environment.weather

The changed world is validated again by the caller (``parse_world``), so a value the
world format rejects fails with the format's own message.
"""

from __future__ import annotations

import copy
from typing import Any

NAME_FIELDS = ("name", "id")


class OverrideError(ValueError):
    """A dotted path that does not lead anywhere in the world; the message names the path."""


def apply_overrides(world: dict[str, Any], setting: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``world`` with each ``path: value`` of ``setting`` set."""
    changed = copy.deepcopy(world)
    for path, value in setting.items():
        set_path(changed, path, value)
    return changed


def set_path(world: dict[str, Any], path: str, value: Any) -> None:
    """Set ``value`` at the dotted ``path`` in place (``*`` sets it in every list element)."""
    parts = path.split(".")
    if not all(parts):
        raise OverrideError(f"grid path {path!r}: empty segment")
    targets: list[Any] = [world]
    for depth, part in enumerate(parts[:-1]):
        targets = [child for node in targets for child in _children(node, part, path, depth)]
    last = parts[-1]
    for node in targets:
        if isinstance(node, dict):
            node[last] = copy.deepcopy(value)
        elif isinstance(node, list):
            for element in _children(node, last, path, len(parts) - 1):
                element.clear()
                element.update(copy.deepcopy(value))
        else:
            raise OverrideError(f"grid path {path!r}: {'.'.join(parts[:-1])} is not a table or list")


def _children(node: Any, part: str, path: str, depth: int) -> list[Any]:
    where = ".".join(path.split(".")[: depth + 1])
    if isinstance(node, dict):
        if part not in node:
            node[part] = {}
        return [node[part]]
    if isinstance(node, list):
        if part == "*":
            return list(node)
        for element in node:
            if isinstance(element, dict) and any(element.get(f) == part for f in NAME_FIELDS):
                return [element]
        if part.isdigit() and int(part) < len(node):
            return [node[int(part)]]
        names = [str(e.get("name", e.get("id"))) for e in node if isinstance(e, dict)]
        raise OverrideError(f"grid path {path!r}: no {where!r} (have: {', '.join(names) or 'none'})")
    raise OverrideError(f"grid path {path!r}: {where!r} is a value, not a table or list")
