"""Generate a world file from a one-line prompt: offline templates, or an LLM with repair.

``generate_world("a mountain monastery with 10 monks and a hidden library", seed=1)``
returns a world dict (the ``world.toml`` data) with the requested people and features,
NPC backstories drawn from seeded templates, schedules, rule-based actions, events and a
secret about each feature. The same prompt and seed always give the same world, and every
world it returns passes :func:`simverse.core.loader.parse_world`.

``generate_world_with_llm`` asks a :class:`~simverse.core.llm_protocol.Backend` for the world as
JSON, then repairs what is missing or invalid from the template world
(:mod:`simverse.authoring.world_repair`) and says what it repaired.

All free text goes through a :class:`~simverse.core.content_filter.ContentFilter`:
blocked text is replaced by a neutral placeholder, logged, and kept in the filter's
``blocked`` list, never silently dropped.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import tomli_w

from simverse.authoring.prompt_reading import WorldRequest, read_prompt
from simverse.authoring.world_repair import repair_world
from simverse.core.content_filter import ContentFilter
from simverse.core.json_extract import extract_json
from simverse.core.llm_protocol import Backend, LLMRequest, Message, SamplingParams
from simverse.core.loader import parse_world
from simverse.core.schema import FORMAT_VERSION, WorldSpec
from simverse.core.world_check import declare_used_properties

NEUTRAL_PLACEHOLDER = "(text withheld by the content filter)"


@dataclass(frozen=True)
class SettingTemplate:
    """The core places and daily work of one kind of setting."""

    role: str
    commons: tuple[str, str]
    food: tuple[str, str, str]  # place id, place name, food item
    work: tuple[str, str]
    home: tuple[str, str]
    work_action: tuple[str, str, str]  # name, description, narration


_SETTINGS: dict[str, SettingTemplate] = {
    "monastery": SettingTemplate(
        "monk",
        ("cloister", "The Cloister"),
        ("refectory", "The Refectory", "barley bread"),
        ("scriptorium", "The Scriptorium"),
        ("dormitory", "The Dormitory"),
        ("copy_manuscript", "Copy a page of manuscript by candlelight.", "{actor} copies a page."),
    ),
    "village": SettingTemplate(
        "villager",
        ("green", "The Village Green"),
        ("bakery", "The Bakery", "rye loaf"),
        ("fields", "The Fields"),
        ("cottages", "The Cottages"),
        ("tend_fields", "Work in the fields.", "{actor} hoes a row of beans."),
    ),
    "castle": SettingTemplate(
        "knight",
        ("great_hall", "The Great Hall"),
        ("kitchens", "The Kitchens", "meat pie"),
        ("courtyard", "The Courtyard"),
        ("barracks", "The Barracks"),
        ("drill", "Drill with sword and shield.", "{actor} drills in the courtyard."),
    ),
    "station": SettingTemplate(
        "crew member",
        ("hub", "Central Hub"),
        ("galley", "The Galley", "ration pack"),
        ("engineering", "Engineering Deck"),
        ("quarters", "Crew Quarters"),
        ("run_diagnostics", "Run diagnostics on the ship's systems.", "{actor} runs diagnostics."),
    ),
    "school": SettingTemplate(
        "student",
        ("hall", "The Assembly Hall"),
        ("canteen", "The Canteen", "sandwich"),
        ("classroom", "The Classroom"),
        ("dorms", "The Dormitories"),
        ("study", "Study at a desk.", "{actor} studies hard."),
    ),
    "town": SettingTemplate(
        "townsperson",
        ("square", "The Town Square"),
        ("market", "The Market", "meat pie"),
        ("workshops", "The Workshops"),
        ("houses", "The Houses"),
        ("work_trade", "Work at a trade in the workshops.", "{actor} works at the bench."),
    ),
}
_ALIASES = {
    "abbey": "monastery",
    "priory": "monastery",
    "hamlet": "village",
    "fortress": "castle",
    "keep": "castle",
    "ship": "station",
    "base": "station",
    "academy": "school",
    "college": "school",
    "city": "town",
    "port": "town",
    "harbor": "town",
}

_NAMES = (
    "Ansel",
    "Bryn",
    "Cato",
    "Dara",
    "Elio",
    "Faye",
    "Gideon",
    "Hana",
    "Ivo",
    "Juno",
    "Kiran",
    "Lior",
    "Mira",
    "Nico",
    "Oona",
    "Pavel",
    "Quill",
    "Rhea",
    "Silas",
    "Tova",
    "Ulric",
    "Vera",
    "Wynn",
    "Xavi",
    "Yara",
    "Zeno",
    "Aurel",
    "Bette",
    "Corin",
    "Delia",
    "Emrys",
    "Fenna",
    "Gus",
    "Hester",
    "Ines",
    "Jory",
    "Kaia",
    "Leif",
    "Maren",
    "Nils",
    "Orla",
    "Piet",
    "Rosalind",
    "Soren",
    "Thea",
    "Umar",
    "Vesna",
    "Willa",
    "Yusuf",
    "Zora",
)
_TRAITS = (
    "patient",
    "curious",
    "stubborn",
    "kind",
    "secretive",
    "cheerful",
    "proud",
    "shy",
    "talkative",
    "careful",
    "ambitious",
    "gentle",
    "sharp-tongued",
    "loyal",
    "restless",
)
_PASTS = (
    "came to the {setting} {years} years ago after losing everything in a flood",
    "was born in the {setting} and has never travelled further than a day's walk",
    "arrived last spring with a letter of introduction nobody has ever seen",
    "once served a powerful family and left them without saying why",
    "grew up an orphan and found a home in the {setting}",
    "spent {years} years travelling before settling in the {setting}",
)
_WANTS = (
    "wants to be trusted with more responsibility",
    "hopes to find out what really lies in the {feature}",
    "is saving quietly to leave one day",
    "wants to keep the peace among the {role}s",
    "dreams of being remembered for something great",
)
_FEATURE_LOOKS = (
    "Few people come here; the air is still and smells of dust.",
    "Its entrance is easy to miss unless you know where to look.",
    "Old marks on the walls suggest it is older than anything around it.",
    "Something here has been moved recently, though nobody admits it.",
)
_WEATHER = ("clear", "cloudy", "mist", "light rain")


@dataclass
class GeneratedWorld:
    """A generated world dict plus what the generator had to repair on the way."""

    world: dict[str, Any]
    notes: list[str] = field(default_factory=list)
    source: str = "template"


def generate_world(prompt: str, seed: int, content_filter: ContentFilter | None = None) -> dict:
    """A valid world dict for ``prompt``; the same prompt and seed give the same world."""
    screen = content_filter or ContentFilter()
    request = read_prompt(screen.redact(prompt, "generator:prompt"))
    rng = random.Random(f"{seed}:{request.prompt}")
    world = _build(request, rng)
    screen_world_text(world, screen, NEUTRAL_PLACEHOLDER)
    declare_used_properties(world)
    parse_world(world, source=f"<generated from {prompt!r}>")
    return world


def generate_world_with_llm(
    prompt: str, backend: Backend, seed: int, content_filter: ContentFilter | None = None
) -> GeneratedWorld:
    """Ask ``backend`` for a world as JSON; repair what is missing or invalid from the template.

    Never raises for a bad answer: the result is always a valid world, with ``notes``
    listing every repair (an empty list means the model's world was used as is).
    """
    screen = content_filter or ContentFilter()
    fallback = generate_world(prompt, seed, screen)
    request = LLMRequest(
        messages=(
            Message("system", _LLM_INSTRUCTIONS),
            Message("user", f"Create a world for this prompt: {prompt}"),
        ),
        seed=seed,
        params=SamplingParams(max_new_tokens=4096, temperature=0.7),
        json_schema=WorldSpec.model_json_schema(),
        tag=f"world generator: {prompt[:60]}",
    )
    response = backend.generate_batch([request])[0]
    if response.error:
        return GeneratedWorld(
            fallback, [f"backend error: {response.error}; used the template world"]
        )
    candidate, _ = extract_json(response.text)
    if candidate is None:
        note = "no JSON object in the model's answer; used the template world"
        return GeneratedWorld(fallback, [note])
    world, notes = repair_world(candidate, fallback)
    screen_world_text(world, screen, NEUTRAL_PLACEHOLDER)
    parse_world(world, source=f"<llm world for {prompt!r}>")
    return GeneratedWorld(world, notes, "llm" if not notes else "llm+template")


_LLM_INSTRUCTIONS = (
    f"You design simulation worlds. Answer with one JSON object only, matching the given JSON "
    f"schema (format_version {FORMAT_VERSION}). Use ids of letters, digits and underscores; "
    "every place, item and NPC you mention must be defined."
)


def write_world(world: dict, directory: str | Path) -> Path:
    """Write ``world.toml`` and a README with backstories and places; returns the TOML path."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / "world.toml"
    header = f"# {world.get('title', 'A generated world')}, generated by simverse.\n"
    header += f"# Format: worlds/README.md (format_version {FORMAT_VERSION}).\n"
    path.write_text(header + tomli_w.dumps(_without_none(world)), encoding="utf-8")
    (directory / "README.md").write_text(_readme(world), encoding="utf-8")
    return path


def screen_world_text(world: dict, screen: ContentFilter, placeholder: str) -> None:
    """Replace every blocked free-text field of ``world`` in place (ids and rules untouched)."""

    def check(holder: dict, key: str, where: str) -> None:
        value = holder.get(key)
        if isinstance(value, str) and value:
            if not screen.screen(value, f"generator:{where}.{key}").allowed:
                holder[key] = placeholder
        elif isinstance(value, list):
            for i, entry in enumerate(value):
                if (
                    isinstance(entry, str)
                    and not screen.screen(entry, f"generator:{where}.{key}[{i}]").allowed
                ):
                    value[i] = placeholder

    for key in ("title", "description", "story"):
        check(world, key, "world")
    sections = {
        "places": ("name", "description"),
        "items": ("name",),
        "npcs": ("persona", "traits", "goals"),
        "actions": ("description", "narration"),
        "events": ("description",),
        "knowledge": ("text",),
        "policies": ("description",),
    }
    for section, keys in sections.items():
        for i, element in enumerate(world.get(section) or []):
            if not isinstance(element, dict):
                continue
            for key in keys:
                check(element, key, f"{section}[{i}]")
            for j, entry in enumerate(element.get("schedule") or []):
                check(entry, "activity", f"{section}[{i}].schedule[{j}]")
            for sub in ("knowledge", "facts"):
                for j, fact in enumerate(element.get(sub) or []):
                    check(fact, "text", f"{section}[{i}].{sub}[{j}]")


# ---------------------------------------------------------------- building a world


def _build(request: WorldRequest, rng: random.Random) -> dict:
    kind = _ALIASES.get(request.setting_noun, request.setting_noun)
    template = _SETTINGS.get(kind, _SETTINGS["town"])
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
            f", with {_list_words('a ' + f['name'].lower() for f in features)}."
            if features
            else "."
        ),
        "story": _story(request, npcs, features),
        "environment": {"weather": rng.choice(_WEATHER), "start": "06:00", "minutes_per_step": 30},
        "settings": {"conversation_turns": 4, "hunger_per_step": 0.02, "llm": "scripted"},
        "places": places,
        "items": items,
        "npcs": npcs,
        "actions": _actions(template),
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
        "description": f"The {phrase}. {rng.choice(_FEATURE_LOOKS)}",
        "connections": [anchor["id"]],
        "properties": {"feature": True, "visits": 0, "reached_from": anchor["id"]},
    }


def _npcs(groups, template, request, features, rng) -> list[dict]:
    total = sum(count for _, count in groups)
    names = list(_NAMES)
    rng.shuffle(names)
    names = [
        names[i % len(names)] + ("" if i < len(names) else f"_{i // len(names) + 1}")
        for i in range(total)
    ]
    commons, food, work, home = (
        template.commons[0],
        template.food[0],
        template.work[0],
        template.home[0],
    )
    npcs = []
    index = 0
    for role, count in groups:
        for _ in range(count):
            name = names[index]
            index += 1
            traits = rng.sample(_TRAITS, 3)
            feature = features[index % len(features)] if features else None
            fill = {
                "setting": request.setting,
                "years": rng.randint(2, 30),
                "role": role,
                "feature": feature["name"].lower() if feature else request.setting,
            }
            past = rng.choice(_PASTS).format(**fill)
            want = rng.choice(_WANTS).format(**fill)
            schedule = [
                {"start": "06:00", "place": home, "activity": "waking up", "action": "rest"},
                {
                    "start": _jitter("07:00", rng),
                    "place": food,
                    "activity": "breakfast",
                    "action": "buy",
                },
                {
                    "start": _jitter("08:00", rng),
                    "place": work,
                    "activity": f"work as a {role}",
                    "action": template.work_action[0],
                },
                {
                    "start": "12:00",
                    "place": commons,
                    "activity": "meeting the others",
                    "action": "gather",
                },
                {
                    "start": "14:00",
                    "place": work,
                    "activity": "afternoon work",
                    "action": template.work_action[0],
                },
            ]
            if feature and rng.random() < 0.5:
                schedule.append(
                    {
                        "start": "16:00",
                        "place": feature["id"],
                        "activity": f"visiting the {feature['name'].lower()}",
                        "action": "explore",
                    }
                )
            schedule.append(
                {
                    "start": _jitter("20:00", rng),
                    "place": home,
                    "activity": "sleeping",
                    "action": "rest",
                }
            )
            npcs.append(
                {
                    "name": name,
                    "persona": f"{name} is a {traits[0]} {role} who {past}, and {want}.",
                    "traits": traits,
                    "goals": [
                        want.removeprefix("wants to ").removeprefix("hopes to "),
                        f"do good work as a {role}",
                    ],
                    "start_place": home,
                    "sociability": round(rng.uniform(0.3, 0.9), 2),
                    "coins": rng.randint(5, 20),
                    "schedule": schedule,
                    "properties": {"role": role, "work_done": 0},
                }
            )
    for i, npc in enumerate(npcs):
        if len(npcs) > 1:
            other = npcs[(i + 1 + rng.randrange(len(npcs) - 1)) % len(npcs)]["name"]
            kind = rng.choice(("friend", "rival", "mentor", "confidant"))
            affinity = round(
                rng.uniform(-0.5, 0.2) if kind == "rival" else rng.uniform(0.2, 0.8), 2
            )
            npc["relationships"] = {other: {"kind": kind, "affinity": affinity}}
    _give_knowledge(npcs, features, template, rng)
    return npcs


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


def _actions(template: SettingTemplate) -> list[dict]:
    work_name, work_description, work_narration = template.work_action
    return [
        {
            "name": "buy",
            "description": "Buy food or drink sold here.",
            "args": {"item": "item"},
            "preconditions": [
                "item.place == actor.place",
                "item.quantity > 0",
                "actor.coins >= item.price",
            ],
            "effects": [
                "item.quantity -= 1",
                "actor.coins -= item.price",
                "actor.inventory += item",
            ],
            "narration": "{actor} buys a {item_name}.",
            "importance": 1,
        },
        {
            "name": "eat",
            "description": "Eat or drink something you carry.",
            "args": {"item": "item"},
            "preconditions": ["actor.inventory has item", "item.edible == true"],
            "effects": ["actor.inventory -= item", "actor.hunger = 0"],
            "narration": "{actor} eats the {item_name}.",
            "importance": 1,
        },
        {
            "name": work_name,
            "description": work_description,
            "preconditions": [f"actor.place == {template.work[0]}"],
            "effects": ["actor.work_done += 1", "actor.coins += 1"],
            "narration": work_narration,
            "importance": 2,
        },
        {
            "name": "gather",
            "description": "Join the others in the common place.",
            "preconditions": ["here.commons == true"],
            "effects": ["actor.mood = 'sociable'"],
            "narration": "{actor} joins the gathering.",
            "importance": 1,
        },
        {
            "name": "rest",
            "description": "Rest in your quarters.",
            "preconditions": [f"actor.place == {template.home[0]}"],
            "effects": ["actor.mood = 'rested'"],
            "narration": "{actor} rests.",
            "importance": 1,
        },
        {
            "name": "explore",
            "description": "Look around a place few people visit.",
            "preconditions": ["here.feature == true"],
            "effects": ["here.visits += 1", "actor.explored = true"],
            "narration": "{actor} looks around carefully.",
            "importance": 4,
        },
    ]


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
    names = _list_words(f["name"].lower() for f in features)
    return (
        f"Life in the {request.setting} seems quiet, but not everyone is what they seem. "
        f"{npcs[0]['name']} and the others go about their days near the {names}, and one of "
        "them knows a secret about it. Will the secret spread before the week is out?"
    )


def _describe_groups(groups) -> str:
    return _list_words(f"{count} {role}{'s' if count != 1 else ''}" for role, count in groups)


def _list_words(words) -> str:
    words = list(words)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _jitter(hhmm: str, rng: random.Random) -> str:
    """Half an hour later, sometimes, so schedules differ (entries are an hour or more apart)."""
    return hhmm.replace(":00", ":30") if rng.random() < 0.4 else hhmm


# ---------------------------------------------------------------- writing


def _without_none(value: Any) -> Any:
    """TOML has no null: drop None values (they mean 'use the default' in the schema)."""
    if isinstance(value, dict):
        return {k: _without_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_none(v) for v in value if v is not None]
    return value


def _readme(world: dict) -> str:
    lines = [f"# {world.get('title', world.get('name', 'World'))}", ""]
    if world.get("description"):
        lines += [world["description"], ""]
    if world.get("story"):
        lines += ["## Story", "", world["story"].strip(), ""]
    lines += ["## Places", ""]
    lines += [
        f"- **{p['name']}** (`{p['id']}`): {p.get('description', '')}" for p in world["places"]
    ]
    lines += ["", "## People", ""]
    lines += [f"- **{n['name']}**: {n['persona']}" for n in world["npcs"]]
    lines += ["", f"Run it with `simverse run {world.get('name', 'world')}`.", ""]
    return "\n".join(lines)
