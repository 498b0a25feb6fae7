"""Turn a model's world JSON into a valid world, borrowing from a template world where needed.

An LLM asked for a world returns anything from a perfect world to half a world to prose.
:func:`repair_world` keeps every element of the model's answer that validates on its own,
fixes dangling references (an NPC starting in a place that does not exist), and fills
missing or empty sections from a fallback world built by the template generator. Each
repair is described in a note, so a designer can see what the model actually produced.
"""

from __future__ import annotations

import copy
from typing import Any

from pydantic import BaseModel, ValidationError

from simverse.core.loader import WorldFileError, format_validation_error, parse_world
from simverse.core.rules import RuleSyntaxError, parse_condition, parse_effect
from simverse.core.schema import (
    FORMAT_VERSION,
    ActionDef,
    Environment,
    Item,
    KnowledgeEntry,
    NPCSpec,
    Place,
    Policy,
    ScheduledEvent,
    Settings,
    WorldSpec,
)
from simverse.core.world_check import declare_used_properties

_MAX_OPENINGS = 200
TRUSTED_SETTINGS = ("llm", "llm_events", "brains", "metrics")
"""Settings a generated world takes from the template only (they name code or servers)."""


def repair_world(candidate: Any, fallback: dict) -> tuple[dict, list[str]]:
    """A valid world built from ``candidate``'s valid parts and ``fallback``; plus notes."""
    notes: list[str] = []
    if not isinstance(candidate, dict):
        return copy.deepcopy(fallback), ["the answer is not a JSON object; used the template world"]
    candidate = copy.deepcopy(candidate)
    _keep_trusted_settings(candidate, fallback, notes)
    try:
        declared = declare_used_properties(candidate)
        parse_world(candidate, source="<llm world>")
        return candidate, notes + ([f"declared the properties its rules use: {', '.join(declared)}"]
                                   if declared else [])
    except WorldFileError as exc:
        notes.append(f"the model's world did not validate ({exc}); repairing")
    world = _repair(candidate, copy.deepcopy(fallback), notes)
    declare_used_properties(world)
    try:
        parse_world(world, source="<repaired world>")
    except WorldFileError as exc:
        notes.append(f"repair still invalid ({exc}); used the template world")
        return copy.deepcopy(fallback), notes
    return world, notes


def _repair(candidate: dict, fallback: dict, notes: list[str]) -> dict:
    unknown = sorted(set(candidate) - set(WorldSpec.model_fields))
    if unknown:
        notes.append(f"dropped unknown top-level keys {unknown}")
    world: dict[str, Any] = {"format_version": FORMAT_VERSION}
    if candidate.get("format_version") != FORMAT_VERSION:
        notes.append(f"format_version set to {FORMAT_VERSION}")
    for key in ("name", "title", "description", "story"):
        value = candidate.get(key)
        if isinstance(value, str) and value.strip():
            world[key] = value
        else:
            world[key] = fallback[key]
            notes.append(f"{key}: missing or not text, taken from the template")
    for key, model in (("environment", Environment), ("settings", Settings)):
        value = candidate.get(key)
        if _valid(model, value) is None:
            world[key] = fallback[key]
            notes.append(f"{key}: missing or invalid, taken from the template")
        else:
            world[key] = value
    _repair_places(world, candidate, fallback, notes)
    _repair_npcs(world, candidate, fallback, notes)
    _repair_items(world, candidate, notes)
    _repair_actions(world, candidate, fallback, notes)
    _repair_events_and_facts(world, candidate, fallback, notes)
    return world


def _keep_trusted_settings(candidate: dict, fallback: dict, notes: list[str]) -> None:
    """Settings that name code to import or a server to call (brains, metrics plug-ins) are
    the designer's to choose, never the model's: model text is data, so they come from the
    template whatever the answer says."""
    settings = candidate.get("settings")
    if not isinstance(settings, dict):
        return
    fallback = fallback.get("settings", {})
    for key in TRUSTED_SETTINGS:
        if settings.get(key) == fallback.get(key):
            continue
        settings.pop(key, None)
        if key in fallback:
            settings[key] = copy.deepcopy(fallback[key])
        notes.append(f"settings.{key}: names code or a server to run; taken from the template, not the model")


def _repair_places(world: dict, candidate: dict, fallback: dict, notes: list[str]) -> None:
    places = _elements(candidate, "places", Place, "id", notes)
    if not places:
        notes.append("places: none valid, taken from the template")
        places = fallback["places"]
    ids = {p["id"] for p in places}
    for place in places:
        kept = [c for c in place.get("connections", []) if c in ids and c != place["id"]]
        if len(kept) != len(place.get("connections", [])):
            notes.append(f"places.{place['id']}: dropped connections to unknown places")
        place["connections"] = kept
    world["places"] = places


def _repair_npcs(world: dict, candidate: dict, fallback: dict, notes: list[str]) -> None:
    place_ids = {p["id"] for p in world["places"]}
    npcs = [
        n
        for n in _elements(candidate, "npcs", NPCSpec, "name", notes, _sort_schedule)
        if n["name"] not in place_ids
    ]
    if not npcs:
        notes.append("npcs: none valid, taken from the template (with their places)")
        npcs = fallback["npcs"]
        _merge_places(world, fallback["places"])
        place_ids = {p["id"] for p in world["places"]}
    names = {n["name"] for n in npcs}
    home = world["places"][0]["id"]
    for npc in npcs:
        if npc["start_place"] not in place_ids:
            notes.append(f"npcs.{npc['name']}: unknown start_place, set to {home!r}")
            npc["start_place"] = home
        schedule = [e for e in npc.get("schedule", []) if e["place"] in place_ids]
        if len(schedule) != len(npc.get("schedule", [])):
            notes.append(f"npcs.{npc['name']}: dropped schedule entries at unknown places")
        npc["schedule"] = schedule
        npc["relationships"] = {
            k: v for k, v in npc.get("relationships", {}).items() if k in names and k != npc["name"]
        }
    world["npcs"] = npcs


def _repair_items(world: dict, candidate: dict, notes: list[str]) -> None:
    holders = {p["id"] for p in world["places"]} | {n["name"] for n in world["npcs"]}
    items = []
    for item in _elements(candidate, "items", Item, "id", notes):
        if item["id"] in holders or item["place"] not in holders:
            notes.append(f"items.{item['id']}: clashing id or unknown place, dropped")
            continue
        items.append(item)
    world["items"] = items


def _repair_actions(world: dict, candidate: dict, fallback: dict, notes: list[str]) -> None:
    entities = _entity_ids(world)
    actions = [
        a
        for a in _elements(candidate, "actions", ActionDef, "name", notes)
        if _rules_parse(a, entities, notes)
    ]
    if not actions:
        notes.append("actions: none valid, taken from the template where their rules apply")
        actions = [a for a in fallback["actions"] if _rules_parse(a, entities, [])]
    known = {a["name"] for a in actions} | {"wait", "move", "talk"}
    for npc in world["npcs"]:
        for entry in npc["schedule"]:
            if entry.get("action") is not None and entry["action"] not in known:
                notes.append(
                    f"npcs.{npc['name']}: schedule action {entry['action']!r} unknown, removed"
                )
                entry["action"] = None
    world["actions"] = actions


def _repair_events_and_facts(
    world: dict, candidate: dict, fallback: dict, notes: list[str]
) -> None:
    entities = _entity_ids(world) | {"world"}
    place_ids = {p["id"] for p in world["places"]}
    events = []
    for event in _elements(candidate, "events", ScheduledEvent, None, notes):
        if event.get("place") is not None and event["place"] not in place_ids:
            event["place"] = None
        if _effects_parse(event.get("effects", []), entities):
            events.append(event)
        else:
            notes.append(f"events: dropped the event at step {event['at_step']} (bad effects)")
    if not events:
        events = [
            e
            for e in fallback["events"]
            if (e.get("place") in place_ids or e.get("place") is None)
            and _effects_parse(e.get("effects", []), entities)
        ]
        notes.append("events: none valid, taken from the template where they apply")
    world["events"] = events
    knowledge = _elements(candidate, "knowledge", KnowledgeEntry, None, notes)
    if not knowledge:
        knowledge = fallback["knowledge"]
        notes.append("knowledge: none valid, taken from the template")
    world["knowledge"] = knowledge
    names = {n["name"] for n in world["npcs"]}
    policies = _elements(candidate, "policies", Policy, "name", notes)
    for policy in policies:
        policy["applies_to"] = [n for n in policy.get("applies_to", []) if n in names]
    world["policies"] = policies


# ---------------------------------------------------------------- helpers


def _elements(
    candidate: dict,
    section: str,
    model: type[BaseModel],
    key: str | None,
    notes: list[str],
    prepare=None,
) -> list[dict]:
    """The elements of ``section`` that validate alone (normalised), without duplicate keys."""
    raw = candidate.get(section)
    if raw is None:
        return []
    if not isinstance(raw, list):
        notes.append(f"{section}: not a list, ignored")
        return []
    kept, seen = [], set()
    for i, element in enumerate(raw):
        if prepare is not None and isinstance(element, dict):
            element = prepare(element)
        value = _valid(model, element)
        if value is None:
            notes.append(f"{section}[{i}]: invalid, dropped ({_why(model, element)})")
            continue
        if key is not None and value[key] in seen:
            notes.append(f"{section}[{i}]: duplicate {key} {value[key]!r}, dropped")
            continue
        if key is not None:
            seen.add(value[key])
        kept.append(value)
    return kept


def _valid(model: type[BaseModel], value: Any) -> dict | None:
    if not isinstance(value, dict):
        return None
    try:
        return model.model_validate(value).model_dump(mode="json")
    except ValidationError:
        return None


def _why(model: type[BaseModel], value: Any) -> str:
    if not isinstance(value, dict):
        return "not an object"
    try:
        model.model_validate(value)
    except ValidationError as exc:
        return format_validation_error(exc)
    return "valid"


def _sort_schedule(npc: dict) -> dict:
    schedule = npc.get("schedule")
    if isinstance(schedule, list) and all(isinstance(e, dict) for e in schedule):
        npc = {**npc, "schedule": sorted(schedule, key=lambda e: str(e.get("start", "")))}
    return npc


def _merge_places(world: dict, extra: list[dict]) -> None:
    """Add ``extra`` places not already present, linked to the world's first place."""
    present = {p["id"] for p in world["places"]}
    added = [copy.deepcopy(p) for p in extra if p["id"] not in present]
    if not added:
        return
    first = world["places"][0]
    first["connections"].append(added[0]["id"])
    added[0]["connections"] = [*added[0]["connections"], first["id"]]
    world["places"].extend(added)


def _entity_ids(world: dict) -> set[str]:
    return (
        {p["id"] for p in world["places"]}
        | {n["name"] for n in world["npcs"]}
        | {i["id"] for i in world.get("items", [])}
    )


def _rules_parse(action: dict, entities: set[str], notes: list[str]) -> bool:
    roles = {"actor", "here", "world", *action.get("args", {})} | entities
    try:
        for text in action.get("preconditions", []):
            parse_condition(text, roles)
        for text in action.get("effects", []):
            parse_effect(text, roles)
    except RuleSyntaxError as exc:
        notes.append(f"actions.{action['name']}: dropped ({exc})")
        return False
    return True


def _effects_parse(effects: list[str], roles: set[str]) -> bool:
    try:
        for text in effects:
            parse_effect(text, roles)
    except RuleSyntaxError:
        return False
    return True
