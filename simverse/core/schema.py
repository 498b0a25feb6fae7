"""The world file format (version 1), as a tree of pydantic models.

A world is a TOML file (``world.toml``) describing places and their connections, the
environment, items, NPCs, the actions the world allows and scheduled events. Every
external input enters through these models; :mod:`simverse.core.loader` turns their
validation errors into one readable message naming the file and the field path.
See ``worlds/README.md`` for the format with examples.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

FORMAT_VERSION = 1
BUILTIN_ACTIONS = ("wait", "move", "talk")
ARG_KINDS = ("item", "place", "npc", "text")
ObserverRule = Literal["same_place", "adjacent", "actor_only", "everyone"]
Scalar = str | int | float | bool
PropertyValue = Scalar | list[str]
_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


class Strict(BaseModel):
    """Base for world-file models: unknown keys are errors (catches typos)."""

    model_config = ConfigDict(extra="forbid")


def _check_id(value: str) -> str:
    if not _ID.match(value):
        raise ValueError(f"{value!r} is not a valid id (letters, digits, '_'; starts with a letter)")
    return value


def _check_hhmm(value: str) -> str:
    if not _HHMM.match(value):
        raise ValueError(f"{value!r} is not a time of day HH:MM")
    return value


class Place(Strict):
    id: str
    name: str
    description: str = ""
    connections: list[str] = Field(default_factory=list)
    properties: dict[str, PropertyValue] = Field(default_factory=dict)

    _id = field_validator("id")(_check_id)


class Environment(Strict):
    weather: str = "clear"
    start: str = Field("06:00", description="time of day at step 0, HH:MM")
    minutes_per_step: int = Field(30, ge=1, le=24 * 60)
    properties: dict[str, PropertyValue] = Field(default_factory=dict)

    _start = field_validator("start")(_check_hhmm)


class Item(Strict):
    id: str
    name: str
    place: str = Field(description="a place id, or the name of the NPC holding it")
    quantity: int = Field(1, ge=0)
    price: int = Field(0, ge=0)
    properties: dict[str, PropertyValue] = Field(default_factory=dict)

    _id = field_validator("id")(_check_id)


class ScheduleEntry(Strict):
    """From ``start`` ("HH:MM") the NPC means to be at ``place`` doing ``activity`` (and the
    world ``action`` there, if any). The one schedule type: the world file's schedules and
    the daily plans of :mod:`simverse.memory.planning` are lists of it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    start: str
    place: str
    activity: str
    action: str | None = Field(None, description="world action the NPC does there, if any")

    _start = field_validator("start")(_check_hhmm)

    def __init__(self, start: str, place: str, activity: str, action: str | None = None) -> None:
        """Positional or by keyword: ``ScheduleEntry("07:00", "pier", "fish")``."""
        super().__init__(start=start, place=place, activity=activity, action=action)

    @property
    def minutes(self) -> int:
        """Minutes after midnight of ``start``."""
        return int(self.start[:2]) * 60 + int(self.start[3:])

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ScheduleEntry:
        """An entry from stored or generated data; a one-digit hour ("7:00") is padded."""
        start = str(data["start"]).strip()
        action = data.get("action")
        return cls(pad_hhmm(start), str(data["place"]), str(data["activity"]), None if action is None else str(action))

    def to_dict(self) -> dict[str, str]:
        """``start``, ``place``, ``activity`` and, when set, ``action``."""
        data = {"start": self.start, "place": self.place, "activity": self.activity}
        if self.action is not None:
            data["action"] = self.action
        return data


def pad_hhmm(text: str) -> str:
    """``"7:05"`` -> ``"07:05"``; other text unchanged (validation judges it)."""
    hours, sep, _ = text.partition(":")
    return f"0{text}" if sep and len(hours) == 1 and hours.isdigit() else text


class Relationship(Strict):
    kind: str = "acquaintance"
    affinity: float = Field(0.0, ge=-1.0, le=1.0)


class KnowledgeEntry(Strict):
    """A fact an NPC starts out believing (or the world holds true)."""

    subject: str
    predicate: str
    object: str
    text: str = Field("", description="how an NPC would say it")
    secret: bool = False
    tracked: bool = Field(False, description="count its spread in the metrics")
    confidence: float = Field(1.0, ge=0.0, le=1.0)
    holds: bool = Field(True, description="in an event: false closes the fact (it stops being true)")


class NPCSpec(Strict):
    """An NPC as the world file describes it (the running agent is
    :class:`simverse.agents.npc.NPC`)."""

    model_config = ConfigDict(extra="forbid", title="NPC")

    name: str
    persona: str
    traits: list[str] = Field(default_factory=list)
    goals: list[str] = Field(default_factory=list)
    start_place: str
    sociability: float = Field(0.5, ge=0.0, le=1.0)
    coins: int = Field(10, ge=0)
    schedule: list[ScheduleEntry] = Field(default_factory=list)
    relationships: dict[str, Relationship] = Field(default_factory=dict)
    knowledge: list[KnowledgeEntry] = Field(default_factory=list)
    properties: dict[str, PropertyValue] = Field(default_factory=dict)
    tags: list[str] = Field(default_factory=list, description="groups for brain assignment ('tag:NAME')")

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not value.strip() or not _ID.match(value.replace(" ", "_")):
            raise ValueError(f"{value!r} is not a valid NPC name")
        return value

    @field_validator("schedule")
    @classmethod
    def _sorted(cls, value: list[ScheduleEntry]) -> list[ScheduleEntry]:
        starts = [entry.start for entry in value]
        if starts != sorted(starts):
            raise ValueError("schedule entries must be in order of their start time")
        return value


class ActionDef(Strict):
    """An action the world allows, resolved by rule.

    ``preconditions`` are comparisons (``item.place == actor.place``) and ``effects``
    are assignments (``item.quantity -= 1``, ``actor.inventory += item``,
    ``move item to actor``); :mod:`simverse.core.rules` parses both, never evaluates
    them as code.
    """

    name: str
    description: str
    args: dict[str, str] = Field(default_factory=dict)
    preconditions: list[str] = Field(default_factory=list)
    effects: list[str] = Field(default_factory=list)
    observers: ObserverRule = "same_place"
    narration: str = Field("", description="template, e.g. '{actor} buys {item}.'")
    importance: int = Field(3, ge=1, le=10)
    resolver: str | None = Field(None, description="plug-in resolver 'module:function', asked before the rules")

    _id = field_validator("name")(_check_id)

    @field_validator("args")
    @classmethod
    def _kinds(cls, value: dict[str, str]) -> dict[str, str]:
        for arg, kind in value.items():
            if kind not in ARG_KINDS:
                raise ValueError(f"argument {arg!r} has kind {kind!r}; expected one of {ARG_KINDS}")
            if arg in ("actor", "here", "world"):
                raise ValueError(f"argument name {arg!r} is reserved")
        return value

    @field_validator("name")
    @classmethod
    def _not_builtin(cls, value: str) -> str:
        if value in BUILTIN_ACTIONS:
            raise ValueError(f"{value!r} is a built-in action and cannot be redefined")
        return value


class ScheduledEvent(Strict):
    at_step: int = Field(ge=0)
    place: str | None = Field(None, description="where it is seen; None: everywhere")
    description: str
    effects: list[str] = Field(default_factory=list)
    facts: list[KnowledgeEntry] = Field(default_factory=list)
    importance: int = Field(6, ge=1, le=10)


class Policy(Strict):
    """A rule NPC speech must follow (e.g. a clinic's "refer, never diagnose").

    A line by one of ``applies_to`` (everyone when empty) violates the policy when it
    matches a ``forbid`` pattern, or when the line it answers matches ``triggered_by``
    and the reply matches none of ``require``. Patterns are case-insensitive regexes.
    """

    name: str
    description: str
    applies_to: list[str] = Field(default_factory=list)
    forbid: list[str] = Field(default_factory=list)
    triggered_by: list[str] = Field(default_factory=list)
    require: list[str] = Field(default_factory=list)

    @field_validator("forbid", "triggered_by", "require")
    @classmethod
    def _regex(cls, value: list[str]) -> list[str]:
        for pattern in value:
            try:
                re.compile(pattern)
            except re.error as exc:
                raise ValueError(f"{pattern!r} is not a valid regular expression: {exc}") from None
        return value


class BrainAssignment(Strict):
    """Which NPCs a brain drives: ``who`` is an NPC name, ``tag:NAME``, ``share:0.3`` (a
    seeded share of the NPCs not yet assigned) or ``*``; ``llm`` is a brain spec."""

    who: str
    llm: str


class Settings(Strict):
    conversation_turns: int = Field(4, ge=2, le=12, description="lines per conversation per step")
    max_conversations_per_npc: int = Field(1, ge=1)
    hunger_per_step: float = Field(0.02, ge=0.0, le=1.0)
    llm: str | None = Field(None, description="default brain spec, e.g. 'scripted'")
    llm_events: str | None = Field(None, description="brain spec for event inference")
    skip_idle: bool = Field(True, description="NPCs with nothing new are decided by the scripted brain, not the LLM")
    allow_improvise: bool = Field(False, description="NPCs may 'improvise' free-form actions (needs an events model)")
    embedder: str = Field("minilm", description="memory embedder: minilm (offline MiniLM) or hashing")
    retrieval_log: Literal["compact", "full"] = Field(
        "compact", description="memory recall log: compact (recalled ids) or full (every score part)")
    brains: list[BrainAssignment] = Field(default_factory=list, description="per-NPC brains; others use llm")
    metrics: list[str] = Field(default_factory=list, description="plug-in metrics ('module:function')")


class WorldSpec(Strict):
    """A whole world file."""

    format_version: int
    name: str
    title: str
    description: str = ""
    story: str = ""
    environment: Environment = Field(default_factory=Environment)
    settings: Settings = Field(default_factory=Settings)
    places: list[Place] = Field(min_length=1)
    items: list[Item] = Field(default_factory=list)
    npcs: list[NPCSpec] = Field(min_length=1)
    actions: list[ActionDef] = Field(default_factory=list)
    events: list[ScheduledEvent] = Field(default_factory=list)
    knowledge: list[KnowledgeEntry] = Field(default_factory=list, description="world truth")
    policies: list[Policy] = Field(default_factory=list)

    @field_validator("format_version")
    @classmethod
    def _version(cls, value: int) -> int:
        if value != FORMAT_VERSION:
            raise ValueError(f"format_version {value} is not supported (this simverse reads {FORMAT_VERSION})")
        return value

    @model_validator(mode="after")
    def _references(self) -> WorldSpec:
        """Cross-references: every name used must exist, and no name twice."""
        place_ids = _unique([p.id for p in self.places], "places", "id")
        npc_names = _unique([n.name for n in self.npcs], "npcs", "name")
        item_ids = _unique([i.id for i in self.items], "items", "id")
        _unique([a.name for a in self.actions], "actions", "name")
        clash = (set(place_ids) | set(item_ids)) & set(npc_names) | set(place_ids) & set(item_ids)
        if clash:
            raise ValueError(f"ids used twice across places, items and npcs: {sorted(clash)}")
        action_names = {a.name for a in self.actions} | set(BUILTIN_ACTIONS)
        for i, place in enumerate(self.places):
            for j, other in enumerate(place.connections):
                if other not in place_ids:
                    raise ValueError(f"places[{i}].connections[{j}]: unknown place {other!r}")
        for i, item in enumerate(self.items):
            if item.place not in place_ids and item.place not in npc_names:
                raise ValueError(f"items[{i}].place: unknown place or NPC {item.place!r}")
        for i, npc in enumerate(self.npcs):
            if npc.start_place not in place_ids:
                raise ValueError(f"npcs[{i}].start_place: unknown place {npc.start_place!r}")
            for j, entry in enumerate(npc.schedule):
                if entry.place not in place_ids:
                    raise ValueError(f"npcs[{i}].schedule[{j}].place: unknown place {entry.place!r}")
                if entry.action is not None and entry.action not in action_names:
                    raise ValueError(f"npcs[{i}].schedule[{j}].action: unknown action {entry.action!r}")
            for other in npc.relationships:
                if other not in npc_names or other == npc.name:
                    raise ValueError(f"npcs[{i}].relationships: unknown NPC {other!r}")
        for i, policy in enumerate(self.policies):
            for name in policy.applies_to:
                if name not in npc_names:
                    raise ValueError(f"policies[{i}].applies_to: unknown NPC {name!r}")
        for i, event in enumerate(self.events):
            if event.place is not None and event.place not in place_ids:
                raise ValueError(f"events[{i}].place: unknown place {event.place!r}")
        return self

    def place_ids(self) -> list[str]:
        return [p.id for p in self.places]

    def npc_names(self) -> list[str]:
        return [n.name for n in self.npcs]


def _unique(names: list[str], section: str, key: str) -> list[str]:
    seen: set[str] = set()
    for i, name in enumerate(names):
        if name in seen:
            raise ValueError(f"{section}[{i}].{key}: duplicate {key} {name!r}")
        seen.add(name)
    return names
