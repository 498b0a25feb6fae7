"""Tables of a run: the run itself, its steps, NPC states, decisions, events and dialogue.

Ids of events, decisions and dialogue turns are allocated by the world (counting on from
the stored maximum), not by the database, so that links between rows (a belief learnt
from dialogue turn 42) can be made before the step commits, and so that a resumed run
allocates exactly the ids the uninterrupted run would have.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, Float, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from simverse.store.base import Base


class RunRow(Base):
    """One simulation run: which world, seed and brain, and where it stands."""

    __tablename__ = "runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    world: Mapped[str] = mapped_column(String(200))
    seed: Mapped[int] = mapped_column(Integer)
    llm: Mapped[str] = mapped_column(String(500))
    config: Mapped[dict] = mapped_column(JSON)
    world_spec: Mapped[dict] = mapped_column(JSON)
    versions: Mapped[dict] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(20), default="running")
    last_step: Mapped[int] = mapped_column(Integer, default=0)
    parent_run_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    forked_at_step: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class StepRow(Base):
    """A committed step: the world state after it, the rng states, and its counts."""

    __tablename__ = "steps"

    run_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    step: Mapped[int] = mapped_column(Integer, primary_key=True)
    sim_time: Mapped[str] = mapped_column(String(40))
    state: Mapped[dict] = mapped_column(JSON)
    rng_state: Mapped[dict] = mapped_column(JSON)
    runtime: Mapped[dict] = mapped_column(JSON)
    stats: Mapped[dict] = mapped_column(JSON)
    wall_time_s: Mapped[float] = mapped_column(Float)
    committed_at: Mapped[datetime] = mapped_column(DateTime)


class NPCStateRow(Base):
    """An NPC's state at the end of a step (a queryable projection of the step state)."""

    __tablename__ = "npc_states"

    run_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    step: Mapped[int] = mapped_column(Integer, primary_key=True)
    npc: Mapped[str] = mapped_column(String(200), primary_key=True)
    place: Mapped[str] = mapped_column(String(200))
    activity: Mapped[str] = mapped_column(Text)
    mood: Mapped[str] = mapped_column(String(100))
    hunger: Mapped[float] = mapped_column(Float)
    coins: Mapped[float] = mapped_column(Float)
    inventory: Mapped[list] = mapped_column(JSON)


class DecisionRow(Base):
    """What a brain decided for an NPC, how the answer was obtained, and its outcome."""

    __tablename__ = "decisions"
    __table_args__ = (Index("ix_decisions_run_step", "run_id", "step"),)

    run_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    step: Mapped[int] = mapped_column(Integer)
    npc: Mapped[str] = mapped_column(String(200))
    mode: Mapped[str] = mapped_column(String(10))
    action: Mapped[str] = mapped_column(String(100))
    args: Mapped[dict] = mapped_column(JSON)
    utterance: Mapped[str | None] = mapped_column(Text, nullable=True)
    status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text)
    event_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    llm_call_ids: Mapped[list] = mapped_column(JSON)
    context: Mapped[dict] = mapped_column(JSON)


class EventRow(Base):
    """A resolved outcome: an NPC action, a scheduled or injected event, a scene change."""

    __tablename__ = "events"
    __table_args__ = (Index("ix_events_run_step", "run_id", "step"),)

    run_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    step: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))
    actor: Mapped[str | None] = mapped_column(String(200), nullable=True)
    action: Mapped[str] = mapped_column(String(100))
    args: Mapped[dict] = mapped_column(JSON)
    success: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str] = mapped_column(Text)
    narration: Mapped[str] = mapped_column(Text)
    place: Mapped[str | None] = mapped_column(String(200), nullable=True)
    effects: Mapped[list] = mapped_column(JSON)
    kg_changes: Mapped[list] = mapped_column(JSON)
    observers: Mapped[list] = mapped_column(JSON)
    social: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    confidence: Mapped[float] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(20))
    importance: Mapped[int] = mapped_column(Integer)
    notes: Mapped[list] = mapped_column(JSON)


class DialogueRow(Base):
    """One line of a conversation, with the facts it passed on."""

    __tablename__ = "dialogue"
    __table_args__ = (Index("ix_dialogue_run_step", "run_id", "step"),)

    run_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    step: Mapped[int] = mapped_column(Integer)
    conversation: Mapped[int] = mapped_column(Integer)
    turn: Mapped[int] = mapped_column(Integer)
    speaker: Mapped[str] = mapped_column(String(200))
    listener: Mapped[str] = mapped_column(String(200))
    place: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    told_facts: Mapped[list] = mapped_column(JSON)
    decision_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
