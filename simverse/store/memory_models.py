"""Tables of the memory stream: every memory an NPC formed, and what was retrieved when.

``Memory`` rows are the truth of what each NPC remembers; the in-memory index of
:class:`simverse.memory.stream.MemoryStream` is rebuilt from them on load. Memory ids are
per run (primary key ``(run_id, id)``) and assigned by the stream in input order, so a
replayed run produces the same ids and a fork can copy a run's memories, with their
``evidence`` links, under a new ``run_id`` unchanged.

``EmbeddingRow`` holds each distinct text's vector once per run (memories and recall
queries alike): computed the first time the text appears and read back by every later use,
a resume, a fork and a replay, so they all see the very same bits.

``MemoryAccess`` is the compact retrieval log written by default: per step and NPC, the ids
of the memories it recalled (what a fork needs to rebuild last access as of a step).
``RetrievalLog`` is the full log, written when the world asks for it
(``settings.retrieval_log = "full"``): per retrieved memory, its rank and (normalised)
score components, so the dashboard can show why an NPC remembered what it did.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Boolean, Float, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from simverse.store.base import Base


class Memory(Base):
    """One memory of one NPC (observation, dialogue, action, reflection, plan or summary).

    ``embedding`` is empty: the vector lives once per text in ``embeddings``. Databases
    written before that table existed hold float32 little-endian bytes here, still read.
    ``archived`` rows were folded into a ``summary`` memory by the growth policy: they stay
    here (the summary's ``evidence`` points at them) but are no longer retrieved.
    Indexes: the primary key (run first) and ``(run_id, npc, archived)``; a 1,000-NPC step
    writes ~10,000 rows, so each further index is a cost paid on every one of them
    (databases made with the former single-column indexes keep them).
    ``data`` carries structured content where a kind has one (a plan's schedule entries).
    """

    __tablename__ = "memories"
    __table_args__ = (Index("ix_memories_run_npc_active", "run_id", "npc", "archived"),)

    run_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    npc: Mapped[str] = mapped_column(String(128))
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


class EmbeddingRow(Base):
    """One text's vector in one run: float16 little-endian bytes of the unit embedding.

    ``key`` is the 16-byte BLAKE2b digest of the UTF-8 text; ``embedder`` names the
    embedder and its dimension (``minilm/384``); ``step`` is when it was first needed.
    """

    __tablename__ = "embeddings"

    run_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    embedder: Mapped[str] = mapped_column(String(64), primary_key=True)
    key: Mapped[bytes] = mapped_column(LargeBinary(16), primary_key=True)
    step: Mapped[int] = mapped_column(Integer)
    vector: Mapped[bytes] = mapped_column(LargeBinary)


class MemoryAccess(Base):
    """The memories one NPC recalled in one retrieval batch of a step (``call`` counts the
    batches of the step from 0): sorted ids as int32 little-endian bytes."""

    __tablename__ = "memory_accesses"

    run_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    step: Mapped[int] = mapped_column(Integer, primary_key=True)
    call: Mapped[int] = mapped_column(Integer, primary_key=True)
    npc: Mapped[str] = mapped_column(String(128), primary_key=True)
    memory_ids: Mapped[bytes] = mapped_column(LargeBinary)
