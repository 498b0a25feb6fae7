"""What a retrieval batch leaves in the database: compact by default, full on request.

* ``"compact"`` (default): one ``memory_accesses`` row per NPC and retrieval batch, the
  sorted ids it recalled as int32 bytes (about 100 bytes per NPC and step). That is what a
  fork needs to rebuild each memory's last access as of a step.
* ``"full"``: also one ``retrieval_logs`` row per retrieved memory with the query, rank and
  normalised score parts, which the dashboard shows to explain a recall. About ten rows
  and 1.5 KB per NPC and step: the largest table of a long run, hence off by default.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import numpy as np
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from simverse.memory.rows import insert_rows
from simverse.memory.types import RetrievalQuery, Retrieved
from simverse.store.memory_models import MemoryAccess, RetrievalLog

RETRIEVAL_LOGS = ("compact", "full")


def next_call(session: Session, run_id: int, step: int) -> int:
    """The number of the next retrieval batch logged at ``step``: 0, or one past those
    already stored (a player's talk after a committed step, or a resumed process)."""
    last = session.scalar(select(func.max(MemoryAccess.call)).where(MemoryAccess.run_id == run_id,
                                                                     MemoryAccess.step == step))
    return 0 if last is None else int(last) + 1


def write_retrievals(
    session: Session,
    run_id: int,
    step: int,
    call: int,
    queries: Sequence[RetrievalQuery],
    results: Sequence[Sequence[Retrieved]],
    mode: str,
) -> None:
    """Log one retrieval batch (the ``call``-th of the step) in the given mode."""
    recalled: dict[str, set[int]] = defaultdict(set)
    full: list[dict] = []
    for query, hits in zip(queries, results, strict=True):
        for hit in hits:
            recalled[query.npc].add(hit.memory.id)
            if mode == "full":
                full.append(
                    {
                        "run_id": run_id,
                        "step": step,
                        "npc": query.npc,
                        "query": query.text,
                        "rank": hit.rank,
                        "memory_id": hit.memory.id,
                        "score": hit.score,
                        "recency": hit.recency,
                        "importance": hit.importance,
                        "relevance": hit.relevance,
                    }
                )
    insert_rows(
        session, MemoryAccess.__table__, ("run_id", "step", "call", "npc", "memory_ids"),
        [
            (run_id, step, call, npc, np.array(sorted(ids), dtype="<i4").tobytes())
            for npc, ids in sorted(recalled.items())
        ],
    )
    if full:
        session.execute(insert(RetrievalLog.__table__), full)


def accessed_ids(blob: bytes) -> list[int]:
    """The memory ids of a ``memory_accesses`` row."""
    return np.frombuffer(blob, dtype="<i4").tolist()
