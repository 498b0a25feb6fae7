"""What properties a world declares, of which type, and which of them anything reads.

A property is declared for a kind of entity (``npc``, ``place``, ``item``, ``world``) when
it is built in (the table below) or when some entity of that kind sets it in its
``properties``; the starting values fix its type. Places read the world's properties
through scopes, so a world property is readable on a place too. The load-time checks
(:mod:`simverse.core.world_check`), effect validation and scene perception all ask one
:class:`Catalogue`, so "unknown property, did you mean ..." means the same everywhere.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from simverse.core.schema import WorldSpec

NUMBER, TEXT, BOOL, LIST, ENTITY = "number", "text", "bool", "list", "entity"
BUILTIN: dict[str, dict[str, str]] = {
    "world": {"weather": TEXT, "time": TEXT, "day": NUMBER, "light": TEXT},
    "place": {"name": TEXT, "closed": BOOL, "locked": BOOL, "flooded": BOOL, "burning": BOOL,
              "weather": TEXT, "light": TEXT},
    "item": {"name": TEXT, "place": ENTITY, "quantity": NUMBER, "price": NUMBER, "locked": BOOL},
    "npc": {"place": ENTITY, "coins": NUMBER, "hunger": NUMBER, "mood": TEXT, "inventory": LIST, "activity": TEXT},
}
ENGINE_READS = {
    ("place", "closed"), ("place", "locked"), ("place", "flooded"), ("place", "burning"), ("item", "locked"),
    ("item", "place"), ("item", "quantity"), ("item", "price"), ("npc", "place"), ("npc", "coins"),
    ("npc", "hunger"), ("npc", "inventory"), ("world", "time"), ("world", "day"), ("npc", "mood"),
}
"""Properties the engine itself reads (movement, access, the clock, the brain's needs)."""


def type_of(value: Any) -> str:
    """The declared type of a property value."""
    if isinstance(value, bool):
        return BOOL
    if isinstance(value, int | float):
        return NUMBER
    if isinstance(value, list):
        return LIST
    return TEXT


@dataclass
class Catalogue:
    """Declared properties per kind, their types, the kinds of entity a property's values
    name (for chained paths such as ``item.owner.coins``), and what the rules read."""

    types: dict[str, dict[str, str]]
    links: dict[tuple[str, str], set[str]]
    kinds: dict[str, str]
    reads: set[tuple[str, str]] = field(default_factory=set)

    def declared(self, kind: str, prop: str) -> bool:
        """Whether ``prop`` may be read or written on an entity of ``kind``."""
        if prop in self.types.get(kind, {}):
            return True
        return kind == "place" and prop in self.types["world"]

    def type(self, kind: str, prop: str) -> str | None:
        found = self.types.get(kind, {}).get(prop)
        if found is None and kind == "place":
            found = self.types["world"].get(prop)
        return found

    def suggest(self, kind: str, prop: str) -> str:
        """``; did you mean 'x'?`` for a near miss, else ``""``."""
        names = set(self.types.get(kind, {})) | (set(self.types["world"]) if kind == "place" else set())
        near = difflib.get_close_matches(prop, sorted(names), n=1, cutoff=0.7)
        return f"; did you mean {near[0]!r}?" if near else ""

    def unknown(self, kind: str, prop: str, owner: str = "") -> str:
        """The message for an undeclared property (``owner``: how the rule named the entity)."""
        what = {"npc": "an NPC", "place": "a place", "item": "an item", "world": "the world"}.get(kind, kind)
        whose = f"{owner} ({what})" if owner and owner != "world" else what
        noun = "NPC" if kind == "npc" else kind
        where = "[environment].properties" if kind == "world" else f"the properties of at least one {noun}"
        return f"unknown property {prop!r} of {whose}{self.suggest(kind, prop)} (declare it in {where})"

    def linked_kinds(self, kind: str, prop: str) -> set[str]:
        """Kinds of entity that ``prop`` of a ``kind`` names (empty: it names none)."""
        if kind == "place" and (kind, prop) not in self.links:
            return self.links.get(("world", prop), set())
        return self.links.get((kind, prop), set())

    def read_by_rules(self, kind: str, prop: str) -> bool:
        """Whether any rule, trigger or the engine reads ``prop`` on a ``kind``."""
        if (kind, prop) in self.reads or (kind, prop) in ENGINE_READS:
            return True
        return kind in ("place", "world") and (("place", prop) in self.reads or ("world", prop) in self.reads)


def build_catalogue(spec: WorldSpec) -> Catalogue:
    """The catalogue of a world (reads are added by the rule checks)."""
    kinds = {"world": "world"}
    kinds.update({p.id: "place" for p in spec.places})
    kinds.update({i.id: "item" for i in spec.items})
    kinds.update({n.name: "npc" for n in spec.npcs})
    types = {kind: dict(props) for kind, props in BUILTIN.items()}
    links: dict[tuple[str, str], set[str]] = {
        ("item", "place"): {"place", "npc"}, ("npc", "place"): {"place"},
    }
    declared: list[tuple[str, dict[str, Any]]] = [("world", spec.environment.properties)]
    declared += [("place", p.properties) for p in spec.places]
    declared += [("item", i.properties) for i in spec.items]
    declared += [("npc", n.properties) for n in spec.npcs]
    for kind, props in declared:
        for prop, value in props.items():
            types[kind].setdefault(prop, type_of(value))
            if isinstance(value, str) and value in kinds:
                links.setdefault((kind, prop), set()).add(kinds[value])
    return Catalogue(types, links, kinds)
