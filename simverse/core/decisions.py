"""What the world asks a brain, and what a brain answers.

The world builds one :class:`DecisionRequest` per active NPC (or per conversation turn)
and hands the whole list to :meth:`Brain.decide_batch`. Every brain, the seeded
``scripted`` one and the LLM-backed ones alike, answers with :class:`Decision` objects;
the world validates and resolves them. Brains never touch world state.
"""

from __future__ import annotations

from collections.abc import Sequence
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
