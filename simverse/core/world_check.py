"""Checks that need the whole world: names, rules, triggers and declared properties.

The pydantic models check each field alone; here the world is checked as a whole, in named
steps, each returning :class:`Issue` values with a field path the loader turns into one
line (with the entity's name and the TOML line):

1. :func:`check_names` — names are unique (ignoring case) across places, items and NPCs,
   and every name used (connections, places, schedule actions and arguments,
   relationships, policies, event places) exists;
2. :func:`check_rules` — every precondition, effect, trigger condition and fact
   condition parses, and (format 2) every property it reads or writes is declared for the
   kind of entity it names, with literal values of the declared type;
3. :func:`unread_writes` — event effects that change a property nothing reads (reported,
   not refused).

:func:`declare_used_properties` upgrades a world dict: it declares what the rules use.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from simverse.core.population import AssignmentError, assign_brains
from simverse.core.properties import BOOL, BUILTIN, ENTITY, LIST, NUMBER, TEXT, Catalogue, build_catalogue, type_of
from simverse.core.rules import EffectRule, Operand, Rule, RuleSyntaxError, parse_condition, parse_effect
from simverse.core.schema import BUILTIN_ACTIONS, WorldSpec
from simverse.core.state import value_problem

Path = tuple[str | int, ...]
ROLE_KINDS = {"actor": "npc", "here": "place", "world": "world"}
RESERVED_NAMES = {**{role: f"the rules' role {role!r}" for role in ROLE_KINDS},
                  "world": "the world itself (weather, time, day)",
                  "player": "the person who talks to NPCs (simverse chat, the dashboard)"}
"""Names no place, item or NPC may take (compared without case): an entity ``world`` replaced
the world's own state, and a ``Player`` NPC would be mixed up with the person talking."""


@dataclass(frozen=True)
class Issue:
    """One problem: where (a field path) and what."""

    path: Path
    message: str


def check_world(spec: WorldSpec) -> tuple[list[Issue], Catalogue]:
    """All issues of a validated world, and its catalogue (with what the rules read)."""
    catalogue = build_catalogue(spec)
    issues = check_names(spec) + check_builtin_properties(spec)
    if not issues:
        issues = check_rules(spec, catalogue)
    return issues, catalogue


# ---------------------------------------------------------------------------- 1. names
def check_names(spec: WorldSpec) -> list[Issue]:
    """Uniqueness (case-insensitive) and references."""
    issues = list(_unique(spec))
    places = set(spec.place_ids())
    npcs = set(spec.npc_names())
    items = {i.id for i in spec.items}
    actions = {a.name: a for a in spec.actions}
    issues += _unknown_names("places", spec.places, "connections", places, "place")
    issues += _unknown_names("items", spec.items, "place", places | npcs, "place or NPC")
    kinds = {**{p: "place" for p in places}, **{n: "npc" for n in npcs}, **{i: "item" for i in items}}
    for i, npc in enumerate(spec.npcs):
        if npc.start_place not in places:
            issues.append(Issue(("npcs", i, "start_place"), f"unknown place {npc.start_place!r}"))
        for j, entry in enumerate(npc.schedule):
            where = ("npcs", i, "schedule", j)
            if entry.place not in places:
                issues.append(Issue((*where, "place"), f"unknown place {entry.place!r}"))
            if entry.action is not None and entry.action not in actions and entry.action not in BUILTIN_ACTIONS:
                issues.append(Issue((*where, "action"), f"unknown action {entry.action!r}"))
            declared = _arg_kinds(entry.action, actions)
            for name, value in entry.args.items():
                problem = _bad_arg(name, value, declared, kinds, entry.action)
                if problem:
                    issues.append(Issue((*where, "args", name), problem))
        for other in npc.relationships:
            if other not in npcs or other == npc.name:
                issues.append(Issue(("npcs", i, "relationships", other), f"unknown NPC {other!r}"))
    issues += _unknown_names("policies", spec.policies, "applies_to", npcs, "NPC")
    issues += _unknown_names("events", spec.events, "place", places, "place")
    return issues + list(_unknown_brain_owners(spec))


def _unknown_brain_owners(spec: WorldSpec) -> Iterator[Issue]:
    """``settings.brains`` entries whose ``who`` picks no NPC (checked here, with the file's
    line, rather than when the run starts)."""
    npcs = [(n.name, list(n.tags)) for n in spec.npcs]
    for i, brain in enumerate(spec.settings.brains):
        try:
            assign_brains(npcs, [(brain.who, brain.llm)], "", seed=0)
        except AssignmentError as exc:
            yield Issue(("settings", "brains", i, "who"), str(exc))


def _unknown_names(section: str, entries: Sequence[Any], field: str, known: set[str], what: str) -> Iterator[Issue]:
    """An issue for each name in ``field`` of ``entries`` (one name, a list of them, or None
    for none) that is not ``known``."""
    for i, entry in enumerate(entries):
        value = getattr(entry, field)
        if isinstance(value, list):
            yield from (Issue((section, i, field, j), f"unknown {what} {name!r}")
                        for j, name in enumerate(value) if name not in known)
        elif value is not None and value not in known:
            yield Issue((section, i, field), f"unknown {what} {value!r}")


def _unique(spec: WorldSpec) -> Iterator[Issue]:
    seen: dict[str, str] = dict(RESERVED_NAMES)
    groups = [("places", "id", spec.place_ids()), ("items", "id", [i.id for i in spec.items]),
              ("npcs", "name", spec.npc_names())]
    for section, key, names in groups:
        for i, name in enumerate(names):
            folded = name.casefold().replace(" ", "_")
            if folded in seen:
                yield Issue((section, i, key), f"{name!r} is already used by {seen[folded]} (names are compared "
                                               f"without case across places, items, NPCs and reserved names)")
            else:
                seen[folded] = f"{section[:-1]} {name!r}"
    actions: set[str] = set()
    for i, action in enumerate(spec.actions):
        if action.name.casefold() in actions:
            yield Issue(("actions", i, "name"), f"duplicate action {action.name!r}")
        actions.add(action.name.casefold())


def _arg_kinds(action: str | None, actions: dict) -> dict[str, str]:
    if action == "move":
        return {"place": "place"}
    if action == "talk":
        return {"npc": "npc"}
    return dict(actions[action].args) if action in actions else {}


def _bad_arg(name: str, value: str, declared: dict[str, str], kinds: dict[str, str], action: str | None) -> str:
    if name not in declared:
        known = ", ".join(sorted(declared)) or "none"
        return f"action {action!r} has no argument {name!r} (its arguments: {known})"
    if not isinstance(value, str):
        return f"argument {name!r} must be a name, not {value!r}"
    kind = declared[name]
    if kind != "text" and kinds.get(value) != kind:
        return f"{value!r} is not a{'n' if kind[0] in 'aeiou' else ''} {kind}"
    return ""


# ---------------------------------------------------------------------------- 1b. built-in properties
def check_builtin_properties(spec: WorldSpec) -> list[Issue]:
    """An entity's ``properties`` may start a built-in property the engine reads (a place's
    ``locked``, an NPC's ``hunger``, even its ``coins`` instead of the field), but only with
    what the engine can read: its built-in type, and for a ``place`` or ``inventory`` real
    places and items. ``coins = "lots"`` or ``place = "nowhere"`` loaded and failed mid-run."""
    places, items = {p.id for p in spec.places}, {i.id for i in spec.items}
    held_at = {"npc": places, "item": places | {n.name for n in spec.npcs}}
    issues = []
    sections = [("places", "place", spec.places), ("items", "item", spec.items), ("npcs", "npc", spec.npcs)]
    for section, kind, entries in sections:
        for i, entry in enumerate(entries):
            for prop, value in entry.properties.items():
                problem = _builtin_problem(kind, prop, value, held_at.get(kind, set()), items)
                if problem:
                    issues.append(Issue((section, i, "properties", prop), problem))
    return issues


def _builtin_problem(kind: str, prop: str, value: Any, held_at: set[str], items: set[str]) -> str:
    noun = "NPC" if kind == "npc" else kind
    if prop == "place" and kind in ("npc", "item"):
        return "" if value in held_at else f"'place' is a built-in {noun} property: {value!r} is not a place" + (
            " or NPC" if kind == "item" else "")
    if prop == "inventory" and kind == "npc":
        unknown = [v for v in value if v not in items] if isinstance(value, list) else [value]
        return f"'inventory' is a built-in NPC property: a list of items, not {unknown[0]!r}" if unknown else ""
    wanted = BUILTIN.get(kind, {}).get(prop)
    if wanted is not None and type_of(value) != wanted:
        return f"{prop!r} is a built-in {noun} property of type {wanted}, not {type_of(value)} {value!r}"
    return ""


# ---------------------------------------------------------------------------- 2. rules
def check_rules(spec: WorldSpec, catalogue: Catalogue) -> list[Issue]:
    """Parse every rule and check its properties (declared ones only, in format 2)."""
    strict = spec.format_version >= 2
    issues: list[Issue] = []
    entity_roles = {e: k for e, k in catalogue.kinds.items() if e != "world"}
    for i, action in enumerate(spec.actions):
        roles = {**entity_roles, **ROLE_KINDS, **action.args}
        for j, text in enumerate(action.preconditions):
            issues += _condition(("actions", i, "preconditions", j), text, roles, catalogue, strict)
        for j, text in enumerate(action.effects):
            issues += _effect(("actions", i, "effects", j), text, roles, catalogue, strict)
    world_roles = {**entity_roles, "world": "world"}
    for i, event in enumerate(spec.events):
        for j, text in enumerate(event.effects):
            issues += _effect(("events", i, "effects", j), text, world_roles, catalogue, strict)
        if event.when is not None:
            issues += _condition(("events", i, "when"), event.when, world_roles, catalogue, strict)
        for j, fact in enumerate(event.facts):
            if fact.while_ is not None:
                issues += _condition(("events", i, "facts", j, "while"), fact.while_, world_roles, catalogue, strict)
    for i, fact in enumerate(spec.knowledge):
        if fact.while_ is not None:
            issues += _condition(("knowledge", i, "while"), fact.while_, world_roles, catalogue, strict)
    return issues


def _condition(where: Path, text: str, roles: dict[str, str], catalogue: Catalogue, strict: bool) -> list[Issue]:
    try:
        rule: Rule = parse_condition(text, roles)
    except RuleSyntaxError as exc:
        return [Issue(where, str(exc))]
    problems = []
    for operand in rule.operands():
        problem = _walk(operand, roles, catalogue, strict, reading=True)
        if problem:
            problems.append(Issue(where, problem))
    return problems[:1]


def _effect(where: Path, text: str, roles: dict[str, str], catalogue: Catalogue, strict: bool) -> list[Issue]:
    try:
        rule: EffectRule = parse_effect(text, roles)
    except RuleSyntaxError as exc:
        return [Issue(where, str(exc))]
    for operand in (rule.value, rule.holder) if rule.op != "move" else (rule.value,):
        problem = _walk(operand, roles, catalogue, strict, reading=True)
        if problem:
            return [Issue(where, problem)]
    if rule.op == "move":
        return []
    problem = _walk(rule.target, roles, catalogue, strict, reading=False)
    if not problem and strict:
        problem = _literal_type(rule, roles, catalogue)
    if not problem and rule.op == "set" and rule.value.role is None:
        problem = _literal_value(rule, roles, catalogue)
    return [Issue(where, problem)] if problem else []


def _literal_value(rule: EffectRule, roles: dict[str, str], catalogue: Catalogue) -> str:
    """A literal the state could never hold (``world.time = 'noon'``) or a place set to what
    is not one (``actor.place = 'moon'``): refused here rather than failing the run's event."""
    literal = rule.value.literal
    kinds = {roles.get(str(rule.holder.role), "")}
    for prop in rule.holder.path:
        kinds = set().union(*(catalogue.linked_kinds(k, prop) for k in kinds))
    for kind in kinds:
        if rule.prop == "place" and kind in ("npc", "item"):
            allowed = ("place",) if kind == "npc" else ("place", "npc")
            if catalogue.kinds.get(str(literal)) not in allowed:
                return f"{rule.target.describe()}: {literal!r} is not a {' or '.join(allowed)}"
        problem = value_problem(kind, rule.prop, literal, lambda name: catalogue.kinds.get(name) == "item")
        if problem:
            return f"{rule.target.describe()} cannot be {literal!r}: {problem}"
    return ""


def _walk(operand: Operand, roles: dict[str, str], catalogue: Catalogue, strict: bool, reading: bool) -> str:
    """Check a path's properties; record what it reads. Returns a problem or ``""``."""
    if operand.role is None or not operand.path:
        return ""
    kinds = {roles.get(operand.role, "")}
    for i, prop in enumerate(operand.path):
        if kinds == {"text"}:
            return f"{operand.role!r} is text and has no property {prop!r}"
        if reading or i < len(operand.path) - 1:
            catalogue.reads.update((k, prop) for k in kinds)
        present = {k for k in kinds if k == "world" or k in catalogue.kinds.values()}
        if strict and present and not any(catalogue.declared(k, prop) for k in present):
            return catalogue.unknown(min(present), prop, ".".join((operand.role, *operand.path[:i])))
        if i < len(operand.path) - 1:
            kinds = set().union(*(catalogue.linked_kinds(k, prop) for k in kinds))
            if not kinds:
                shown = ".".join((operand.role, *operand.path[:i + 1]))
                return f"{shown} does not name an entity, so {operand.describe()} cannot be read"
    return ""


def _literal_type(rule: EffectRule, roles: dict[str, str], catalogue: Catalogue) -> str:
    if rule.value.role is not None:
        return ""
    holder = rule.holder
    kinds = {roles.get(str(holder.role), "")}
    for prop in holder.path:
        kinds = set().union(*(catalogue.linked_kinds(k, prop) for k in kinds))
    wanted = {catalogue.type(k, rule.prop) for k in kinds} - {None, ENTITY}
    got = type_of(rule.value.literal)
    if not wanted or got in wanted or LIST in wanted:
        return ""
    types = " or ".join(sorted(str(w) for w in wanted))
    return f"{rule.target.describe()} is {types}, not {got} {rule.value.literal!r}"


# ---------------------------------------------------------------------------- 3. notes
def unread_writes(spec: WorldSpec, catalogue: Catalogue) -> list[str]:
    """Event effects that change a property no rule, trigger or the engine reads."""
    notes = []
    roles = {**{e: k for e, k in catalogue.kinds.items()}}
    for i, event in enumerate(spec.events):
        for text in event.effects:
            try:
                rule = parse_effect(text, roles)
            except RuleSyntaxError:
                continue
            kind = roles.get(rule.role, "")
            if rule.op != "move" and len(rule.target.path) == 1 and not catalogue.read_by_rules(kind, rule.prop):
                notes.append(f"events[{i}]: nothing in this world reads {rule.target.describe()}")
    return notes


# ---------------------------------------------------------------------------- upgrading
def declare_used_properties(world: dict[str, Any]) -> list[str]:
    """Declare, in a world given as a dict, every property its rules use but no entity
    sets (format 2 requires it): on the first entity of the kind (``[environment]`` for
    the world), with a neutral starting value of the type the rules suggest. Returns what
    was added, as ``kind.property`` lines. For generators and for upgrading format-1 files."""
    sections = {"place": world.get("places") or [], "item": world.get("items") or [],
                "npc": world.get("npcs") or []}
    kinds = {str(e.get(k)): kind for kind, key, entries in (("place", "id", sections["place"]),
                                                           ("item", "id", sections["item"]),
                                                           ("npc", "name", sections["npc"])) for e in entries
             for k in (key,) if isinstance(e, dict)}
    declared = _declared(world, sections)
    added = []
    for kind, prop, value in _used(world, kinds):
        if prop in BUILTIN.get(kind, {}) or prop in declared.get(kind, set()):
            continue
        holder = (world.setdefault("environment", {}) if kind == "world" else
                  next((e for e in sections[kind] if isinstance(e, dict)), None))
        if holder is None:
            continue
        holder.setdefault("properties", {})[prop] = value
        declared.setdefault(kind, set()).add(prop)
        added.append(f"{kind}.{prop}")
    return added


def _declared(world: dict[str, Any], sections: dict[str, list]) -> dict[str, set[str]]:
    out = {kind: {p for e in entries if isinstance(e, dict) for p in e.get("properties", {}) or {}}
           for kind, entries in sections.items()}
    out["world"] = set((world.get("environment") or {}).get("properties", {}) or {})
    return out


def _used(world: dict[str, Any], kinds: dict[str, str]) -> Iterator[tuple[str, str, Any]]:
    """``(kind, property, neutral value)`` for each single-step path the rules use."""
    for action in world.get("actions") or []:
        roles = {**kinds, **ROLE_KINDS, **(action.get("args") or {})}
        texts = [(t, False) for t in action.get("preconditions") or []]
        texts += [(t, True) for t in action.get("effects") or []]
        yield from _used_in(texts, roles)
    roles = {**kinds, "world": "world"}
    for event in world.get("events") or []:
        texts = [(t, True) for t in event.get("effects") or []]
        texts += [(event["when"], False)] if event.get("when") else []
        yield from _used_in(texts, roles)


def _used_in(texts: list[tuple[str, bool]], roles: dict[str, str]) -> Iterator[tuple[str, str, Any]]:
    for text, is_effect in texts:
        try:
            rule = parse_effect(text, roles) if is_effect else parse_condition(text, roles)
        except RuleSyntaxError:
            continue
        pairs = [(rule.target, rule.value)] if isinstance(rule, EffectRule) else \
            [(c.left, c.right) for c in rule.comparisons()] + [(c.right, c.left) for c in rule.comparisons()]
        for path, other in pairs:
            if path.role is not None and len(path.path) == 1 and roles.get(path.role) in BUILTIN:
                yield roles[path.role], path.path[0], _neutral(other)


def _neutral(other: Operand) -> Any:
    literal = other.literal if other.role is None else 0
    return {BOOL: False, NUMBER: 0, TEXT: "", LIST: []}.get(type_of(literal), "")
