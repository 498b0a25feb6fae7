"""Tables of the memory stream: every memory an NPC formed, and what was retrieved when.

``Memory`` rows are the truth of what each NPC remembers; the in-memory index of
:class:`simverse.memory.stream.MemoryStream` is rebuilt from them on load. Memory ids are
per run (primary key ``(run_id, id)``) and assigned by the stream in input order, so a
replayed run produces the same ids and a fork can copy a run's memories, with their
``evidence`` links, under a new ``run_id`` unchanged.

``RetrievalLog`` records, per decision, which memories were retrieved with which
(normalised) score components, so the dashboard can show why an NPC remembered what it did.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Boolean, Float, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from simverse.store.base import Base


class Memory(Base):
    """One memory of one NPC (observation, dialogue, action, reflection, plan or summary).

    ``embedding`` holds float32 little-endian bytes of the text's normalised embedding.
    ``archived`` rows were folded into a ``summary`` memory by the growth policy: they stay
    here (the summary's ``evidence`` points at them) but are no longer retrieved.
    ``data`` carries structured content where a kind has one (a plan's schedule entries).
    """

    __tablename__ = "memories"
    __table_args__ = (Index("ix_memories_run_npc_active", "run_id", "npc", "archived"),)

    run_id: Mapped[int] = mapped_column(Integer, primary_key=True, index=True)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    npc: Mapped[str] = mapped_column(String(128), index=True)
    step: Mapped[int] = mapped_column(Integer)
    sim_hours: Mapped[float] = mapped_column(Float)
    kind: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    importance: Mapped[int] = mapped_column(Integer)
    embedding: Mapped[bytes] = mapped_column(LargeBinary)
    last_access_step: Mapped[int] = mapped_column(Integer)
    last_access_hours: Mapped[float] = mapped_column(Float)
    evidence: Mapped[list[int]] = mapped_column(JSON, default=list)
    source_event_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    data: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)


class RetrievalLog(Base):
    """One retrieved memory of one query: rank and the score parts that ranked it.

    ``recency``, ``importance`` and ``relevance`` are the min-max normalised components
    (0..1) over the NPC's candidates; ``score`` is their weighted sum.
    """

    __tablename__ = "retrieval_logs"
    __table_args__ = (Index("ix_retrieval_logs_run_step_npc", "run_id", "step", "npc"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    run_id: Mapped[int] = mapped_column(Integer)
    step: Mapped[int] = mapped_column(Integer)
    npc: Mapped[str] = mapped_column(String(128))
    query: Mapped[str] = mapped_column(Text)
    rank: Mapped[int] = mapped_column(Integer)
    memory_id: Mapped[int] = mapped_column(Integer)
    score: Mapped[float] = mapped_column(Float)
    recency: Mapped[float] = mapped_column(Float)
    importance: Mapped[float] = mapped_column(Float)
    relevance: Mapped[float] = mapped_column(Float)
