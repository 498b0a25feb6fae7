"""Growth policy: keep each NPC's active memories bounded so long runs stay fast.

Retrieval cost grows with an NPC's active memories, so :func:`compact` (called once per
step, for all NPCs) keeps each NPC at most around ``MemoryConfig.max_memories`` (2000):
when an NPC has more, its *oldest* observations of importance <= ``compact_max_importance``
(3: routine sightings) are folded into one ``summary`` memory until ``compact_target``
(1500) remain. Compaction is therefore rare (once per ~500 new memories per NPC).

Choice: folded memories are **archived, not deleted**. Their rows stay in SQLite with
``archived = true`` (SQLite remains the full truth of what happened; the summary's
``evidence`` lists their ids, which still resolve), but they leave the in-memory index and
are never retrieved again. The summary is written with last access = the newest last access
of what it folds, so it does not jump to the top of recency; it has the kind ``summary`` and
does not count towards reflection.

Routine observations go first, and usually suffice: important observations, dialogue,
actions, reflections and plans stay. Where they do not (an NPC whose memories are mostly
talk), the oldest other memories are folded too, all but the NPC's latest plan, so the
bound is hard: at most ``max_memories`` active memories per NPC after every step, and
retrieval cost stays flat over any run length.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from simverse.memory.stream import MemoryStream
from simverse.memory.types import MemoryRecord, NewMemory


@dataclass
class CompactionReport:
    """Per NPC: the new summary memory id and how many memories it archived."""

    summaries: dict[str, int] = field(default_factory=dict)
    archived: dict[str, int] = field(default_factory=dict)


def summary_text(folded: Sequence[MemoryRecord], top: int = 3, what: str = "routine observations") -> str:
    """A deterministic digest: span and the most repeated texts with counts."""
    counts = Counter(m.text for m in folded)
    first_seen = {}
    for m in folded:
        first_seen.setdefault(m.text, m.id)
    common = sorted(counts.items(), key=lambda kv: (-kv[1], first_seen[kv[0]]))[:top]
    listed = "; ".join(f'"{text}" (x{n})' for text, n in common)
    more = "; and other things" if len(counts) > top else ""
    return (
        f"Summary of {len(folded)} {what} from step {folded[0].step} to step "
        f"{folded[-1].step}: {listed}{more}"
    )


def compact(
    session: Session, stream: MemoryStream, step: int, sim_hours: float
) -> CompactionReport:
    """Fold old routine observations of every NPC over ``max_memories`` into summaries
    (one ``add_many`` for all summaries, one archive update per NPC)."""
    cfg = stream.config
    report = CompactionReport()
    plans: list[tuple[str, list[MemoryRecord]]] = []
    for npc in stream.npcs:
        count = stream.count(npc)
        if count <= cfg.max_memories:
            continue
        folded = _to_fold(stream, npc, count - cfg.compact_target + 1)  # summary: 1 slot
        if len(folded) >= 2:
            plans.append((npc, folded))
    if not plans:
        return report
    new = []
    for npc, folded in plans:
        last = stream.last_access_hours(npc)
        new.append(
            NewMemory(
                npc,
                "summary",
                summary_text(folded, what=_what(folded, cfg.compact_max_importance)),
                step,
                sim_hours,
                importance=max(m.importance for m in folded),
                evidence=tuple(m.id for m in folded),
                last_access_hours=max(last[m.id] for m in folded),
            )
        )
    ids = stream.add_many(session, new)
    for (npc, folded), summary_id in zip(plans, ids, strict=True):
        stream.archive(session, npc, [m.id for m in folded])
        report.summaries[npc] = summary_id
        report.archived[npc] = len(folded)
    return report


def _routine(m: MemoryRecord, max_importance: int) -> bool:
    return m.kind == "observation" and m.importance <= max_importance


def _to_fold(stream: MemoryStream, npc: str, wanted: int) -> list[MemoryRecord]:
    """The ``wanted`` memories to fold, in id order: the oldest routine observations, and
    if there are not enough of them, the oldest others (never the latest plan)."""
    limit = stream.config.compact_max_importance
    memories = stream.memories_of(npc)
    folded = [m for m in memories if _routine(m, limit)][:wanted]
    if len(folded) < wanted:
        plan = stream.latest_plan(npc)
        keep = plan.id if plan is not None else None
        more = [m for m in memories if not _routine(m, limit) and m.id != keep]
        folded = sorted(folded + more[: wanted - len(folded)], key=lambda m: m.id)
    return folded


def _what(folded: Sequence[MemoryRecord], max_importance: int) -> str:
    """What a summary folds, in its text."""
    if all(_routine(m, max_importance) for m in folded):
        return "routine observations"
    return "older memories"
