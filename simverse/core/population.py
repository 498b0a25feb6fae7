"""Mixed populations: which brain drives which NPC, decided once per run from selectors.

A world file's ``settings.brains``, the command line's ``--brain WHO=SPEC`` and the Python
API's ``brains={WHO: SPEC_OR_BRAIN}`` all give ordered ``(who, brain)`` pairs. ``who`` is

* an NPC's name (case-insensitive),
* ``tag:NAME`` — every NPC whose ``tags`` hold NAME,
* ``share:F`` — a seeded share F (0-1) of all NPCs, drawn from those not yet assigned,
* ``*`` — every NPC not yet assigned.

Pairs are applied in order and an NPC keeps the first brain it gets; the rest get the
run's default brain. The draw for ``share`` depends only on the world seed, so a resumed or
replayed run assigns exactly as the original did.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import TypeVar

from simverse.core.seeds import derive_seed

B = TypeVar("B")


class AssignmentError(ValueError):
    """A selector that names no NPC, or cannot be read."""


def assign_brains(npcs: Sequence[tuple[str, Sequence[str]]], pairs: Sequence[tuple[str, B]], default: B,
                  seed: int) -> dict[str, B]:
    """``{npc name: brain}`` for ``npcs`` (name, tags) from ordered ``(who, brain)`` pairs."""
    names = [name for name, _ in npcs]
    tags = {name: set(t) for name, t in npcs}
    chosen: dict[str, B] = {}
    for index, (who, brain) in enumerate(pairs):
        free = [n for n in names if n not in chosen]
        for name in _select(who.strip(), names, free, tags, seed, index):
            chosen.setdefault(name, brain)
    return {name: chosen.get(name, default) for name in names}


def _select(who: str, names: list[str], free: list[str], tags: dict[str, set[str]], seed: int,
            index: int) -> list[str]:
    if who == "*":
        return free
    kind, sep, value = who.partition(":")
    if sep and kind == "tag":
        hits = [n for n in names if value in tags[n]]
        if not hits:
            raise AssignmentError(f"brain for {who!r}: no NPC has the tag {value!r}")
        return hits
    if sep and kind == "share":
        return _share(value, who, len(names), free, seed, index)
    hits = [n for n in names if n.lower() == who.lower()]
    if not hits:
        raise AssignmentError(f"brain for {who!r}: no NPC of that name (use a name, tag:NAME, share:F or *)")
    return hits


def _share(value: str, who: str, total: int, free: list[str], seed: int, index: int) -> list[str]:
    try:
        share = float(value)
    except ValueError:
        raise AssignmentError(f"brain for {who!r}: the share must be a number between 0 and 1") from None
    if not 0.0 <= share <= 1.0:
        raise AssignmentError(f"brain for {who!r}: the share must be between 0 and 1")
    count = min(len(free), round(share * total))
    return random.Random(derive_seed(seed, "brains", index)).sample(free, count)
