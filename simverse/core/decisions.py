"""What the world asks a brain, and what a brain answers.

The world builds one :class:`DecisionRequest` per active NPC (or per conversation turn)
and hands the whole list to :meth:`Brain.decide_batch`. Every brain, the seeded
``scripted`` one and the LLM-backed ones alike, answers with :class:`Decision` objects;
the world validates and resolves them. Brains never touch world state.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol, runtime_checkable

DecisionMode = Literal["act", "reply"]
DecisionStatus = Literal["valid", "repaired", "retried", "defaulted"]
SKIP_NOTE = "skipped: nothing new"
"""The note of a decision the skip rule gave to the scripted brain (an idle NPC)."""


@dataclass(frozen=True)
class ActionSpec:
    """An action the NPC may choose: its name and typed arguments (``item``, ``place``,
    ``npc`` or ``text``)."""

    name: str
    description: str
    args: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class FactView:
    """A fact the NPC believes, as shown to its brain. ``key`` identifies it for telling."""

    key: str
    text: str
    subject: str
    predicate: str
    object: str
    secret: bool = False
    told_by: str | None = None
    confidence: float = 1.0


@dataclass(frozen=True)
class NameView:
    """Something the world names (``npc``, ``place``, ``item`` or ``concept``) and the words
    people use for it; what every villager knows of its world's map and wares."""

    id: str
    kind: str
    name: str
    aliases: tuple[str, ...] = ()
    place: str | None = None
    """Items: the place that sells them (items with a price at a place); else ``None``."""
    price: float | None = None
    near: tuple[str, ...] = ()
    """Places: the places one step away."""
    edible: bool = False
    """Items: whether it can be eaten or drunk."""
    seller: str | None = None
    """Priced items: the NPC who sells it (its owner, or the NPC who carries it)."""
    holds: tuple[str, ...] = ()
    """Places: the things anyone sees there (items at the place that its description names)."""
    works_at: tuple[str, ...] = ()
    """People: the places their persona names ("the priest of the Chapel of the Tides")."""
    works: tuple[str, ...] = ()
    """People: what their day has them do that no one else does, as the world's rules
    describe it ("Clean and retouch the original painting in the studio"): everyone sees
    the restorer at work, so she is found by it ("who fixes up damaged paintings?")."""
    description: str = ""
    """Places: what anyone there sees (the world file's description); matched against a
    place asked for by what is in it ("the rooms with the papyri")."""
    known_as: str = ""
    """People: how everyone knows them, the opening of their persona ("Father Aldo, the
    priest of the Chapel of the Tides, who blesses the boats"), without traits or private
    worries; matched against what a line asks done ("who blesses the boats?")."""
    pronoun: str = ""
    """People: "she" or "he" where the persona says which (its pronouns or a word such as
    "girl", "Father"), else "": a person described as "the lady at the counter" is no "he"."""
    heads: tuple[str, ...] = ()
    """Places and items: the aliases that are only a head word of the name ("bakery" for
    "Mara's Bakery"); said with another noun before or after it ("the train station",
    "the post office") the head names something else."""


@dataclass(frozen=True)
class MemoryView:
    """A retrieved memory with the score that ranked it."""

    text: str
    kind: str
    step: int
    score: float = 0.0


@dataclass(frozen=True)
class Turn:
    """One line of a conversation."""

    speaker: str
    text: str


@dataclass
class DecisionRequest:
    """Everything one NPC knows when it decides (``mode="act"``) or answers in a
    conversation (``mode="reply"``)."""

    step: int
    npc: str
    seed: int
    mode: DecisionMode
    persona: str
    traits: list[str]
    goals: list[str]
    time_label: str
    hour: float
    weather: str
    place: str
    place_description: str
    neighbours: list[str]
    people_here: list[str]
    items_here: list[str]
    inventory: list[str]
    needs: dict[str, float]
    properties: dict[str, object]
    schedule_place: str | None
    schedule_activity: str | None
    schedule_action: str | None
    actions: list[ActionSpec]
    facts: list[FactView] = field(default_factory=list)
    memories: list[MemoryView] = field(default_factory=list)
    observations: list[str] = field(default_factory=list)
    partner: str | None = None
    conversation: list[Turn] = field(default_factory=list)
    relationships: dict[str, float] = field(default_factory=dict)
    sociability: float = 0.5
    item_info: dict[str, dict[str, object]] = field(default_factory=dict)
    """Name, price, quantity and properties of the items here and carried."""
    route: list[str] = field(default_factory=list)
    """Shortest way to ``schedule_place`` (next place first); empty when already there."""
    world_brief: str = ""
    """What every NPC of the world may know (title, places, items, the action catalogue),
    the same text for all requests of a world, so prompts can share it as their prefix."""
    schedule_args: dict[str, str] = field(default_factory=dict)
    """Arguments the schedule entry names for its action (the rest are the brain's choice)."""
    schedule_completion: str = "repeat"
    """``repeat`` (the slot's ongoing work), or ``until_done`` / ``once`` (an errand)."""
    food_route: list[str] = field(default_factory=list)
    """Way to the nearest place selling edible food the NPC can afford (empty: here, or none)."""
    shelter_route: list[str] = field(default_factory=list)
    """Way out of bad weather to the nearest indoor place (empty: no need)."""
    relation_kinds: dict[str, str] = field(default_factory=dict)
    """What each person in ``relationships`` is to the NPC (``rival``, ``friend``...)."""
    names: Mapping[str, NameView] = field(default_factory=dict)
    """The world's names by id (shared by all requests of a world), to understand talk."""
    mentioned: list[str] = field(default_factory=list)
    """Replies: ids of the names the last line uses, first named first."""
    doable: Mapping[str, list[dict[str, str]]] = field(default_factory=dict)
    """Replies to a line that asks for an action: the actions whose rules hold now, each
    with the arguments that work (``{}`` for none); empty otherwise."""

    @property
    def label(self) -> str:
        """Who asked, for error messages: ``step 3 npc Mara act``."""
        return f"step {self.step} npc {self.npc} {self.mode}"


@dataclass
class Decision:
    """A brain's answer. ``status`` and ``note`` record how the answer was obtained
    (valid first time, repaired, retried once, or replaced by a safe default and why)."""

    npc: str
    action: str
    args: dict[str, str] = field(default_factory=dict)
    utterance: str | None = None
    told_facts: list[str] = field(default_factory=list)
    end_conversation: bool = False
    importance: int | None = None
    status: DecisionStatus = "valid"
    note: str = ""
    llm_call_ids: list[int] = field(default_factory=list)


@runtime_checkable
class Brain(Protocol):
    """Decides for many NPCs at once."""

    name: str

    def decide_batch(self, requests: Sequence[DecisionRequest]) -> list[Decision]:
        """Return one decision per request, in order."""
        ...


PROMISE = re.compile(r"^I agreed to (?P<partner>.+?) to (?P<action>[A-Za-z0-9_]+) \((?P<args>[^()]*)\)\.$")


def promise_note(partner: str, action: str, args: Mapping[str, str]) -> str:
    """The observation an NPC keeps of an action it agreed to do in talk ("I agreed to
    Player to move (place=square)."); its next decision sees it and may keep its word."""
    return f"I agreed to {partner} to {action} ({', '.join(f'{k}={v}' for k, v in args.items())})."


def read_promise(observation: str) -> tuple[str, dict[str, str]] | None:
    """The action and arguments of a :func:`promise_note`, or ``None`` for other text."""
    match = PROMISE.match(observation)
    if match is None:
        return None
    pairs = [p.split("=", 1) for p in match["args"].split(", ") if "=" in p]
    return match["action"], {k: v for k, v in pairs}
