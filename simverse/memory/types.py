"""Plain data passed in and out of the memory stream (no behaviour, no database)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from simverse.core.decisions import MemoryView

MemoryKind = Literal["observation", "dialogue", "action", "reflection", "plan", "summary"]
KINDS: tuple[str, ...] = ("observation", "dialogue", "action", "reflection", "plan", "summary")
#: Kinds whose importance accumulates towards a reflection (experiences, not thoughts).
EXPERIENCE_KINDS: frozenset[str] = frozenset({"observation", "dialogue", "action"})


@dataclass(frozen=True)
class NewMemory:
    """A memory to store. ``importance=None`` lets the scripted rule rate it;
    ``last_access_hours=None`` means "accessed when formed" (``sim_hours``).

    ``gist``, when given, is the text whose vector stands for the memory in retrieval
    (with ``MemoryConfig.gists`` on): its meaning without what the owner's own index or
    the time columns already say (the day of a plan, the NPC's own name as the subject of
    its own action, the listener of a line, who is the one remembering). Texts differ by
    those parts at nearly every step, their gists seldom, and each distinct text costs an
    embedder pass. ``None``: the text itself."""

    npc: str
    kind: str
    text: str
    step: int
    sim_hours: float
    importance: int | None = None
    evidence: tuple[int, ...] = ()
    source_event_id: int | None = None
    data: dict[str, Any] | None = None
    last_access_hours: float | None = None
    gist: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown memory kind {self.kind!r}; expected one of {KINDS}")


@dataclass(frozen=True)
class MemoryRecord:
    """A stored memory as the stream holds it (last access lives in the index arrays)."""

    id: int
    npc: str
    kind: str
    text: str
    step: int
    sim_hours: float
    importance: int
    evidence: tuple[int, ...] = ()
    source_event_id: int | None = None
    data: dict[str, Any] | None = None


@dataclass(frozen=True)
class RetrievalQuery:
    """What one NPC is trying to remember. ``k=None`` uses the config's ``top_k``;
    ``kinds`` restricts the candidates (e.g. reflection ignores plans).

    ``parts``, when given, are the cues the query is made of (the place, what the NPC
    does, who is there, what just happened): its vector is then the normalised sum of
    the parts' vectors, each embedded once per run, instead of an embedding of ``text``
    (which stays what logs show). A situation is seldom seen twice, its cues often are.
    """

    npc: str
    text: str
    k: int | None = None
    kinds: frozenset[str] | None = None
    parts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Retrieved:
    """A retrieved memory with its score and normalised components (0..1)."""

    memory: MemoryRecord
    score: float
    recency: float
    importance: float
    relevance: float
    rank: int = 0

    def view(self) -> MemoryView:
        """The memory as a brain sees it in a :class:`DecisionRequest`."""
        return MemoryView(
            text=self.memory.text, kind=self.memory.kind, step=self.memory.step, score=self.score
        )
