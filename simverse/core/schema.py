"""The world file format (versions 1 and 2), as a tree of strict pydantic models.

A world is a TOML file (``world.toml``) describing places and their connections, the
environment, items, NPCs, the actions the world allows and the events that happen. Every
external input enters through these models: unknown keys are errors and types are strict
(``"1"`` is not a number). The models check each field alone; what needs the whole world
(names that must exist, names used twice, rules, declared properties) is checked by
:mod:`simverse.core.world_check`, and :mod:`simverse.core.loader` turns either kind of
error into one line naming the file, the TOML line and the field with the entity's name.
See ``worlds/README.md`` for the format with examples.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from simverse.core.brain_spec import checked_role_specs, checked_spec
from simverse.core.patterns import compile_pattern

FORMAT_VERSION = 2
SUPPORTED_VERSIONS = (1, 2)
BUILTIN_ACTIONS = ("wait", "move", "talk")
ARG_KINDS = ("item", "place", "npc", "text")
RESERVED_WORLD_PROPERTIES = ("weather", "time", "day")
ObserverRule = Literal["same_place", "adjacent", "actor_only", "everyone"]
Completion = Literal["repeat", "until_done", "once"]
Scalar = str | int | float | bool
MAX_INT = 2**63 - 1
"""The largest integer SQLite stores: state values are kept within it (from the world file
on), and a run id or step beyond it is none (the driver would raise an OverflowError rather
than find no row)."""


def _finite(value: Any) -> Any:
    """TOML reads ``nan`` and ``inf``; no property means them, and a NaN cannot be stored
    (SQLite keeps it as NULL) nor compared. An integer past :data:`MAX_INT` (TOML's limit,
    which Python's reader does not keep) no change could be made to."""
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"{value!r} is not a finite number")
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_INT:
        raise ValueError(f"{value} is past the largest integer stored ({MAX_INT})")
    return value


PropertyValue = Annotated[Scalar | list[str], AfterValidator(_finite)]


def _pattern(value: str) -> str:
    """A policy pattern RE2 cannot match is refused here, at load, not on the first line it meets."""
    compile_pattern(value)
    return value


PolicyPattern = Annotated[str, AfterValidator(_pattern)]
RoleSpecs = Annotated[str, AfterValidator(checked_role_specs)]
_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
HHMM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


class Strict(BaseModel):
    """Base for world-file models: unknown keys are errors (catches typos), and no value is
    coerced to another type."""

    model_config = ConfigDict(extra="forbid", strict=True)


def _check_id(value: str) -> str:
    if not _ID.match(value):
        raise ValueError(f"{value!r} is not a valid id (letters, digits, '_'; starts with a letter)")
    return value


def _check_hhmm(value: str | None) -> str | None:
    if value is not None and not HHMM.match(value):
        raise ValueError(f"{value!r} is not a time of day HH:MM")
    return value


class Place(Strict):
    id: str
    name: str
    aliases: list[str] = Field(default_factory=list, description="other words for it, for scene commands")
    description: str = ""
    connections: list[str] = Field(default_factory=list, description="neighbours; connections are two-way")
    properties: dict[str, PropertyValue] = Field(default_factory=dict)

    _id = field_validator("id")(_check_id)


class Environment(Strict):
    weather: str = "clear"
    start: str = Field("06:00", description="time of day at step 0, HH:MM")
    minutes_per_step: int = Field(30, ge=1, le=24 * 60)
    properties: dict[str, PropertyValue] = Field(default_factory=dict)

    _start = field_validator("start")(_check_hhmm)

    @field_validator("properties")
    @classmethod
    def _not_builtin(cls, value: dict[str, PropertyValue]) -> dict[str, PropertyValue]:
        for name in value:
            if name in RESERVED_WORLD_PROPERTIES:
                raise ValueError(f"{name!r} is a built-in world property (set it with its own field or "
                                 f"let the clock keep it); choose another name")
        return value


class Item(Strict):
    id: str
    name: str
    aliases: list[str] = Field(default_factory=list)
    place: str = Field(description="a place id, or the name of the NPC holding it")
    quantity: int = Field(1, ge=0, le=MAX_INT)
    price: int = Field(0, ge=0, le=MAX_INT)
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
    args: dict[str, str] = Field(default_factory=dict, description="the action's arguments (v2)")
    completion: Completion = Field("repeat", description="repeat | until_done | once (v2)")

    _start = field_validator("start")(_check_hhmm)

    def __init__(self, *args: Any, **data: Any) -> None:
        """Positional or by keyword: ``ScheduleEntry("07:00", "pier", "fish")``; unknown
        keywords are refused by validation like any unknown key of a world file."""
        if len(args) > 4:
            raise TypeError(f"ScheduleEntry takes at most 4 positional arguments ({len(args)} given)")
        data.update(zip(("start", "place", "activity", "action"), args, strict=False))
        super().__init__(**data)

    @model_validator(mode="after")
    def _args_need_action(self) -> ScheduleEntry:
        if self.args and self.action is None:
            raise ValueError("args given without an action")
        return self

    @property
    def minutes(self) -> int:
        """Minutes after midnight of ``start``."""
        return int(self.start[:2]) * 60 + int(self.start[3:])

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ScheduleEntry:
        """An entry from stored or generated data; a one-digit hour ("7:00") is padded."""
        start = str(data["start"]).strip()
        action = data.get("action")
        return cls(pad_hhmm(start), str(data["place"]), str(data["activity"]), None if action is None else str(action),
                   args={str(k): str(v) for k, v in (data.get("args") or {}).items()},
                   completion=data.get("completion", "repeat"))

    def to_dict(self) -> dict[str, Any]:
        """``start``, ``place``, ``activity`` and, when set, ``action``, ``args``, ``completion``."""
        data: dict[str, Any] = {"start": self.start, "place": self.place, "activity": self.activity}
        if self.action is not None:
            data["action"] = self.action
        if self.args:
            data["args"] = dict(self.args)
        if self.completion != "repeat":
            data["completion"] = self.completion
        return data


def pad_hhmm(text: str) -> str:
    """``"7:05"`` -> ``"07:05"``; other text unchanged (validation judges it)."""
    hours, sep, _ = text.partition(":")
    return f"0{text}" if sep and len(hours) == 1 and hours.isdigit() else text


class Relationship(Strict):
    kind: str = "acquaintance"
    affinity: float = Field(0.0, ge=-1.0, le=1.0)


class KnowledgeEntry(Strict):
    """A fact an NPC starts out believing (or the world holds true, or an event makes known)."""

    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=True)

    subject: str
    predicate: str
    object: str
    text: str = Field("", description="how an NPC would say it")
    secret: bool = False
    tracked: bool = Field(False, description="count its spread in the metrics")
    confidence: float = Field(1.0, ge=0.0, le=1.0)
    holds: bool = Field(True, description="in an event: false closes the fact (it stops being true)")
    while_: str | None = Field(None, alias="while", description="v2: the fact is closed when this stops holding")


class NPCSpec(Strict):
    """An NPC as the world file describes it (the running agent is
    :class:`simverse.agents.npc.NPC`)."""

    model_config = ConfigDict(extra="forbid", title="NPC")

    name: str
    persona: str
    aliases: list[str] = Field(default_factory=list)
    traits: list[str] = Field(default_factory=list)
    goals: list[str] = Field(default_factory=list)
    start_place: str
    sociability: float = Field(0.5, ge=0.0, le=1.0)
    coins: int = Field(10, ge=0, le=MAX_INT)
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

    ``preconditions`` are conditions (``item.place == actor.place``, joined with and/or/not)
    and ``effects`` are assignments (``item.quantity -= 1``, ``actor.inventory += item``,
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
            if not _ID.match(arg):
                raise ValueError(f"argument name {arg!r} is not a valid id")
        return value

    @field_validator("name")
    @classmethod
    def _not_builtin(cls, value: str) -> str:
        if value in BUILTIN_ACTIONS:
            raise ValueError(f"{value!r} is a built-in action and cannot be redefined")
        return value


class ScheduledEvent(Strict):
    """An event and its trigger: a step, a time of day, a condition, a chance (see README)."""

    at_step: int | None = Field(None, ge=0, le=MAX_INT)
    at: str | None = Field(None, description="time of day HH:MM; every day unless `day`")
    day: int | None = Field(None, ge=1, le=MAX_INT, description="with `at`: only on this day")
    when: str | None = Field(None, description="condition; alone it fires when it becomes true")
    chance: float | None = Field(None, gt=0.0, le=1.0, description="probability per step, seeded")
    place: str | None = Field(None, description="where it is seen; None: everywhere")
    description: str
    effects: list[str] = Field(default_factory=list)
    facts: list[KnowledgeEntry] = Field(default_factory=list)
    importance: int = Field(6, ge=1, le=10)

    _at = field_validator("at")(_check_hhmm)

    @model_validator(mode="after")
    def _one_trigger(self) -> ScheduledEvent:
        if self.at_step is not None and (self.at or self.when or self.chance):
            raise ValueError("at_step cannot be combined with at, when or chance")
        if self.at_step is None and not (self.at or self.when or self.chance):
            raise ValueError("an event needs a trigger: at_step, at, when or chance")
        if self.day is not None and self.at is None:
            raise ValueError("day needs at (the time of day on that day)")
        return self


class Policy(Strict):
    """A rule NPC speech must follow (e.g. a clinic's "refer, never diagnose").

    A line by one of ``applies_to`` (everyone when empty) violates the policy when it
    matches a ``forbid`` pattern, or when the line it answers matches ``triggered_by``
    and the reply matches none of ``require``. Patterns are case-insensitive RE2 regexes
    (:mod:`simverse.core.patterns`).
    """

    name: str
    description: str
    applies_to: list[str] = Field(default_factory=list)
    forbid: list[PolicyPattern] = Field(default_factory=list)
    triggered_by: list[PolicyPattern] = Field(default_factory=list)
    require: list[PolicyPattern] = Field(default_factory=list)


class BrainAssignment(Strict):
    """Which NPCs a brain drives: ``who`` is an NPC name, ``tag:NAME``, ``share:0.3`` (a
    seeded share of the NPCs not yet assigned) or ``*``; ``llm`` is a brain spec."""

    who: str
    llm: Annotated[str, AfterValidator(checked_spec)]


class Settings(Strict):
    conversation_turns: int = Field(4, ge=2, le=12, description="lines per conversation per step")
    max_conversations_per_npc: int = Field(1, ge=1, le=MAX_INT)
    hunger_per_step: float = Field(0.02, ge=0.0, le=1.0)
    llm: RoleSpecs | None = Field(None, description="default brain spec, e.g. 'scripted'")
    llm_events: RoleSpecs | None = Field(None, description="brain spec for event inference")
    skip_idle: bool = Field(True, description="NPCs with nothing new are decided by the scripted brain, not the LLM")
    allow_improvise: bool = Field(False, description="NPCs may 'improvise' free-form actions (needs an events model)")
    embedder: Literal["minilm", "hashing"] = Field(
        "minilm", description="memory embedder: minilm (offline MiniLM) or hashing")
    retrieval_log: Literal["compact", "full"] = Field(
        "compact", description="memory recall log: compact (recalled ids) or full (every score part)")
    brains: list[BrainAssignment] = Field(default_factory=list, description="per-NPC brains; others use llm")
    metrics: list[str] = Field(default_factory=list, description="plug-in metrics ('module:function')")


class Stress(Strict):
    """What a long run may show without failing the world: finding key -> the story's reason."""

    allow: dict[str, str] = Field(default_factory=dict)


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
    stress: Stress = Field(default_factory=Stress)

    @field_validator("format_version")
    @classmethod
    def _version(cls, value: int) -> int:
        if value not in SUPPORTED_VERSIONS:
            readable = " and ".join(str(v) for v in SUPPORTED_VERSIONS)
            raise ValueError(f"format_version {value} is not supported (this simverse reads {readable})")
        return value

    @field_validator("name")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not _SLUG.match(value):
            raise ValueError(f"{value!r} is not a world name: use lower-case letters, digits, '_' and '-' "
                             f"(starting with a letter or digit, at most 64); it names the run's database file")
        return value

    def place_ids(self) -> list[str]:
        return [p.id for p in self.places]

    def npc_names(self) -> list[str]:
        return [n.name for n in self.npcs]
