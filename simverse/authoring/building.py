"""Building a world dict from a read prompt: places (core and features), items, NPCs with
backstories, schedules, relationships and knowledge, events and a secret per feature.

Every random choice comes from the one seeded ``rng`` in a fixed order, so the same
prompt and seed always give the same world. Templates: :mod:`simverse.authoring.templates`.
"""

from __future__ import annotations

import random
import re
from typing import Any

from simverse.authoring.prompt_reading import WorldRequest
from simverse.authoring.templates import (
    ALIASES,
    FEATURE_LOOKS,
    NAMES,
    PASTS,
    SETTINGS,
    TRAITS,
    WANTS,
    WEATHER,
    SettingTemplate,
    actions,
)
from simverse.core.names import and_listed
from simverse.core.schema import FORMAT_VERSION


def build_world(request: WorldRequest, rng: random.Random) -> dict:
    kind = ALIASES.get(request.setting_noun, request.setting_noun)
    template = SETTINGS.get(kind, SETTINGS["town"])
    setting_title = request.setting.title()
    groups = request.groups or ((template.role, 6),)
    places = _core_places(template, request.setting)
    features = [_feature_place(name, places, rng) for name in request.features]
    places.extend(features)
    npcs = _npcs(groups, template, request, features, rng)
    food_place, _, food_name = template.food
    items = [
        {
            "id": "food",
            "name": food_name,
            "place": food_place,
            "quantity": 10 * len(npcs),
            "price": 1,
            "properties": {"edible": True},
        },
        {
            "id": "water",
            "name": "cup of water",
            "place": food_place,
            "quantity": 10 * len(npcs),
            "price": 1,
            "properties": {"edible": True},
        },
    ]
    for i, feature in enumerate(features):
        items.append(
            {
                "id": f"clue_{i + 1}",
                "name": f"old token from the {feature['name'].lower()}",
                "place": feature["id"],
                "properties": {"edible": False, "clue": True},
            }
        )
    world = {
        "format_version": FORMAT_VERSION,
        "name": re.sub(r"\W+", "_", request.setting).strip("_") or "generated",
        "title": f"The {setting_title}",
        "description": f"A {request.setting} of {_describe_groups(groups)}"
        + (
            f", with {and_listed('a ' + f['name'].lower() for f in features)}."
            if features
            else "."
        ),
        "story": _story(request, npcs, features),
        "environment": {"weather": rng.choice(WEATHER), "start": "06:00", "minutes_per_step": 30},
        "settings": {"conversation_turns": 4, "hunger_per_step": 0.02, "llm": "scripted"},
        "places": places,
        "items": items,
        "npcs": npcs,
        "actions": actions(template),
        "events": _events(template, features, rng),
        "knowledge": [_secret(f) for f in features],
    }
    return world


def _core_places(template: SettingTemplate, setting: str) -> list[dict]:
    ids = [template.commons[0], template.food[0], template.work[0], template.home[0]]
    names = [template.commons[1], template.food[1], template.work[1], template.home[1]]
    blurbs = (
        f"The heart of the {setting}, where everyone crosses paths.",
        "Long tables, a hearth, and food for anyone with a coin.",
        f"Where the daily work of the {setting} gets done.",
        "Plain rooms where people sleep and keep their few belongings.",
    )
    places = []
    for i, (pid, name, blurb) in enumerate(zip(ids, names, blurbs, strict=True)):
        connections = ids[1:] if i == 0 else [ids[0]]
        props: dict[str, Any] = {"commons": i == 0}
        places.append(
            {
                "id": pid,
                "name": name,
                "description": blurb,
                "connections": connections,
                "properties": props,
            }
        )
    return places


def _feature_place(phrase: str, places: list[dict], rng: random.Random) -> dict:
    base = re.sub(r"\W+", "_", phrase).strip("_") or "feature"
    pid = base if base[0].isalpha() else f"f_{base}"
    taken = {p["id"] for p in places}
    while pid in taken or pid in ("food", "water") or pid.startswith("clue_"):
        pid += "_x"
    anchor = rng.choice(places[:4])
    anchor["connections"].append(pid)
    return {
        "id": pid,
        "name": phrase.title(),
        "description": f"The {phrase}. {rng.choice(FEATURE_LOOKS)}",
        "connections": [anchor["id"]],
        "properties": {"feature": True, "visits": 0, "reached_from": anchor["id"]},
    }


def _npcs(groups, template, request, features, rng) -> list[dict]:
    """Everyone the prompt asked for, group by group, then a relationship each and the
    knowledge of the features."""
    names = _names(sum(count for _, count in groups), rng)
    npcs = []
    for role, count in groups:
        for _ in range(count):
            name = names[len(npcs)]
            feature = features[(len(npcs) + 1) % len(features)] if features else None
            npcs.append(_npc(name, role, feature, template, request, rng))
    _relate(npcs, rng)
    _give_knowledge(npcs, features, template, rng)
    return npcs


def _names(total: int, rng: random.Random) -> list[str]:
    """``total`` distinct names in a seeded order (numbered once the list runs out)."""
    names = list(NAMES)
    rng.shuffle(names)
    return [names[i % len(names)] + ("" if i < len(names) else f"_{i // len(names) + 1}") for i in range(total)]


def _npc(name: str, role: str, feature: dict | None, template: SettingTemplate, request: WorldRequest,
         rng: random.Random) -> dict:
    """One NPC: traits, a backstory and a wish from the templates, a schedule, coins."""
    traits = rng.sample(TRAITS, 3)
    fill = {
        "setting": request.setting,
        "years": rng.randint(2, 30),
        "role": role,
        "feature": feature["name"].lower() if feature else request.setting,
    }
    past = rng.choice(PASTS).format(**fill)
    want = rng.choice(WANTS).format(**fill)
    schedule = _schedule(role, feature, template, rng)
    return {
        "name": name,
        "persona": f"{name} is a {traits[0]} {role} who {past}, and {want}.",
        "traits": traits,
        "goals": [want.removeprefix("wants to ").removeprefix("hopes to "), f"do good work as a {role}"],
        "start_place": template.home[0],
        "sociability": round(rng.uniform(0.3, 0.9), 2),
        "coins": rng.randint(5, 20),
        "schedule": schedule,
        "properties": {"role": role, "work_done": 0},
    }


def _schedule(role: str, feature: dict | None, template: SettingTemplate, rng: random.Random) -> list[dict]:
    """A working day: wake, breakfast, work, meet, work, (maybe) visit the feature, sleep."""
    commons, food, work, home = template.commons[0], template.food[0], template.work[0], template.home[0]
    work_action = template.work_action[0]
    schedule = [
        {"start": "06:00", "place": home, "activity": "waking up", "action": "rest"},
        {"start": _jitter("07:00", rng), "place": food, "activity": "breakfast", "action": "buy"},
        {"start": _jitter("08:00", rng), "place": work, "activity": f"work as a {role}", "action": work_action},
        {"start": "12:00", "place": commons, "activity": "meeting the others", "action": "gather"},
        {"start": "14:00", "place": work, "activity": "afternoon work", "action": work_action},
    ]
    if feature and rng.random() < 0.5:
        schedule.append({"start": "16:00", "place": feature["id"],
                         "activity": f"visiting the {feature['name'].lower()}", "action": "explore"})
    schedule.append({"start": _jitter("20:00", rng), "place": home, "activity": "sleeping", "action": "rest"})
    return schedule


def _relate(npcs: list[dict], rng: random.Random) -> None:
    """Each NPC gets one relationship to someone else: a friend, rival, mentor or confidant."""
    for i, npc in enumerate(npcs):
        if len(npcs) > 1:
            other = npcs[(i + 1 + rng.randrange(len(npcs) - 1)) % len(npcs)]["name"]
            kind = rng.choice(("friend", "rival", "mentor", "confidant"))
            affinity = round(rng.uniform(-0.5, 0.2) if kind == "rival" else rng.uniform(0.2, 0.8), 2)
            npc["relationships"] = {other: {"kind": kind, "affinity": affinity}}


def _give_knowledge(npcs: list[dict], features: list[dict], template, rng) -> None:
    """One keeper per feature knows its secret; another has heard a rumour about it."""
    for feature in features:
        keeper, gossip = rng.sample(npcs, 2) if len(npcs) > 1 else (npcs[0], npcs[0])
        secret = _secret(feature)
        keeper.setdefault("knowledge", []).append({**secret, "tracked": False})
        gossip.setdefault("knowledge", []).append(
            {
                "subject": feature["id"],
                "predicate": "visited_at",
                "object": "night",
                "text": f"someone has been going to the {feature['name'].lower()} at night",
                "tracked": True,
                "confidence": 0.6,
            }
        )
    teller = rng.choice(npcs)
    teller.setdefault("knowledge", []).append(
        {
            "subject": template.food[0],
            "predicate": "serves",
            "object": "food",
            "text": f"{template.food[1]} serves {template.food[2]} from seven in the morning",
            "tracked": True,
        }
    )


def _secret(feature: dict) -> dict:
    """The feature's secret: how to get in (true in the world, known to its keeper)."""
    reached = feature["properties"]["reached_from"]
    return {
        "subject": feature["id"],
        "predicate": "reached_through",
        "object": reached,
        "text": f"the way into the {feature['name'].lower()} is through a loose panel "
        f"near the {reached.replace('_', ' ')}",
        "secret": True,
        "tracked": True,
    }


def _events(template: SettingTemplate, features: list[dict], rng: random.Random) -> list[dict]:
    events = [
        {
            "at_step": 3,
            "place": template.commons[0],
            "description": f"A bell rings, calling everyone to {template.commons[1]}.",
            "importance": 3,
        },
        {
            "at_step": 14,
            "description": "Clouds roll in and rain begins to fall.",
            "effects": ["world.weather = 'rain'"],
            "importance": 4,
        },
    ]
    for i, feature in enumerate(features):
        events.append(
            {
                "at_step": 6 + 4 * i + rng.randint(0, 2),
                "place": feature["id"],
                "description": f"Strange sounds are heard from the {feature['name'].lower()}.",
                "effects": [f"{feature['id']}.disturbed = true"],
                "facts": [
                    {
                        "subject": feature["id"],
                        "predicate": "has",
                        "object": "strange_sounds",
                        "text": f"strange sounds come from the {feature['name'].lower()}",
                        "tracked": True,
                    }
                ],
                "importance": 6,
            }
        )
    return sorted(events, key=lambda e: e["at_step"])


def _story(request: WorldRequest, npcs: list[dict], features: list[dict]) -> str:
    if not features:
        return f"Life in the {request.setting} goes on, one day at a time. Who befriends whom?"
    names = and_listed(f["name"].lower() for f in features)
    return (
        f"Life in the {request.setting} seems quiet, but not everyone is what they seem. "
        f"{npcs[0]['name']} and the others go about their days near the {names}, and one of "
        "them knows a secret about it. Will the secret spread before the week is out?"
    )


def _describe_groups(groups) -> str:
    return and_listed(f"{count} {role}{'s' if count != 1 else ''}" for role, count in groups)


def _jitter(hhmm: str, rng: random.Random) -> str:
    """Half an hour later, sometimes, so schedules differ (entries are an hour or more apart)."""
    return hhmm.replace(":00", ":30") if rng.random() < 0.4 else hhmm
