"""Tunable knobs of the memory stream, in one dataclass the world file / CLI can fill."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MemoryConfig:
    """Weights, decay and limits of the memory stream.

    ``recency_weight``/``importance_weight``/``relevance_weight`` are the a, b, c of
    ``score = a*recency + b*importance + c*relevance`` (Generative Agents uses 1, 1, 1).
    ``decay`` is the recency factor per sim hour since last access.
    ``reflection_threshold`` is the summed importance of new experiences that makes an NPC
    reflect. ``plan_revision_importance`` is the importance of an observation that makes
    an NPC revise its plan. ``max_memories`` bounds an NPC's active memories; compaction
    folds the oldest observations of importance <= ``compact_max_importance`` into one
    summary until ``compact_target`` active memories remain. ``retrieval_log`` is
    ``"compact"`` (recalled ids per NPC and step) or ``"full"`` (every retrieved memory
    with its score parts): see :mod:`simverse.memory.recall_log`. ``gists``: a memory's
    vector is that of its ``NewMemory.gist`` where one is given (off: of its text, as
    runs made before gists did; a run keeps the setting it started with).
    """

    recency_weight: float = 1.0
    importance_weight: float = 1.0
    relevance_weight: float = 1.0
    decay: float = 0.995
    top_k: int = 10
    reflection_threshold: int = 150
    reflection_questions: int = 3
    reflection_recent: int = 100
    plan_revision_importance: int = 8
    max_memories: int = 2000
    compact_target: int = 1500
    compact_max_importance: int = 3
    retrieval_log: str = "compact"
    gists: bool = False

    def __post_init__(self) -> None:
        if not 0.0 < self.decay <= 1.0:
            raise ValueError(f"decay must be in (0, 1], got {self.decay}")
        if self.top_k < 1:
            raise ValueError(f"top_k must be >= 1, got {self.top_k}")
        if not 0 < self.compact_target < self.max_memories:
            raise ValueError(
                f"compact_target ({self.compact_target}) must be in (0, max_memories "
                f"({self.max_memories}))"
            )
        if self.retrieval_log not in ("compact", "full"):
            raise ValueError(
                f"retrieval_log must be 'compact' or 'full', got {self.retrieval_log!r}"
            )
        if self.compact_max_importance >= self.plan_revision_importance:
            raise ValueError("compaction must never fold observations that trigger plan revision")
