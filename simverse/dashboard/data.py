"""Read a run database for the dashboard: read-only, short transactions, cached by committed step.

Every reader takes ``db`` (a database file the picker accepted), a run id and ``upto``, the
last step present in ``steps`` when the page began (:func:`committed_step`), and ignores
rows of later steps: a step's rows and its ``steps`` row commit in one transaction, so
nothing half-written is ever shown, even while another process (the CLI, the live world)
writes the database (SQLite WAL: readers never block it). Every connection is SQLite
``mode=ro`` (:func:`~simverse.dashboard.databases.read_only_store`). Results are cached per
``(db, run, upto)``: a new step makes new keys, a finished run is read once. Functions
return pandas frames or plain dicts; pages only lay them out.

Minds (decisions, prompts, memories) are read in :mod:`simverse.dashboard.minds`, facts
and beliefs in :mod:`simverse.dashboard.knowledge`, the map's frames in
:mod:`simverse.dashboard.playback`.
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
import streamlit as st
from sqlalchemy import func, select

from simverse.dashboard.databases import read_only_store
from simverse.store.knowledge_models import FactRow
from simverse.store.llm_accounting import llm_switches
from simverse.store.llm_models import LLMCall
from simverse.store.memory_models import Memory
from simverse.store.models import DialogueRow, EventRow, NPCStateRow, RunRow, StepRow
from simverse.store.run_store import RunStore

CACHE_ENTRIES = 64


@st.cache_resource(show_spinner=False)
def store_for(db: str) -> RunStore:
    """One read-only store per database for the whole app."""
    return read_only_store(db)


def read(db: str, statement: Any) -> list[Any]:
    """Rows of a column ``select`` on a plain connection: without the ORM session's
    bookkeeping, several times faster for the tens of thousands of rows of a large run."""
    with store_for(db).engine.connect() as connection:
        return connection.execute(statement).all()


def committed_step(db: str, run_id: int) -> int | None:
    """The last fully committed step of a run (never cached: it moves while a run runs)."""
    with store_for(db).session() as session:
        return session.scalar(select(func.max(StepRow.step)).where(StepRow.run_id == run_id))


def runs(db: str) -> pd.DataFrame:
    """The runs in a database, newest last, with the parent and step of each fork."""
    with store_for(db).session() as session:
        rows = session.scalars(select(RunRow).order_by(RunRow.id)).all()
        return pd.DataFrame([
            {"run": r.id, "world": r.world, "seed": r.seed, "llm": r.llm, "steps": r.last_step, "status": r.status,
             "parent": r.parent_run_id, "forked_at": r.forked_at_step,
             "llm_switches": "; ".join(f"{s['role']} {s['from']} -> {s['to']} after step {s['step']}"
                                       for s in llm_switches(session, r.id))}
            for r in rows
        ], columns=["run", "world", "seed", "llm", "steps", "status", "parent", "forked_at", "llm_switches"])


def run_label(row: Any) -> str:
    """``run 3 · harbor_town · seed 1 · 24 steps · fork of run 1 at step 12`` (and any
    brain switch)."""
    label = f"run {row['run']} · {row['world']} · seed {row['seed']} · {row['steps']} steps"
    if pd.notna(row["parent"]):
        label += f" · fork of run {int(row['parent'])} at step {int(row['forked_at'])}"
    if row.get("llm_switches"):
        label += f" · brain switched: {row['llm_switches']}"
    return label


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def world_spec(db: str, run_id: int) -> dict[str, Any]:
    """The world file the run was made from (stored with the run), and how it was run."""
    with store_for(db).session() as session:
        run = session.get(RunRow, run_id)
        if run is None:
            raise LookupError(f"{db}: no run {run_id}")
        return {"spec": run.world_spec, "world": run.world, "seed": run.seed, "llm": run.llm,
                "parent": run.parent_run_id, "forked_at": run.forked_at_step, "status": run.status}


def place_names(spec: dict[str, Any]) -> dict[str, str]:
    """Place id -> the name people read (the id where a place has no name)."""
    return {p["id"]: p.get("name") or p["id"] for p in spec["places"]}


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES * 8)
def step_snapshot(db: str, run_id: int, step: int) -> dict[str, Any]:
    """The world state, clock label and counts after ``step``."""
    with store_for(db).session() as session:
        row = session.get(StepRow, (run_id, step))
        if row is None:
            raise LookupError(f"{db}: run {run_id} has no committed step {step}")
        return {"step": row.step, "sim_time": row.sim_time, "state": row.state, "stats": row.stats,
                "wall_time_s": row.wall_time_s, "pending": list(row.runtime.get("pending", []))}


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def npc_states(db: str, run_id: int, upto: int, first: int = 0) -> pd.DataFrame:
    """Every NPC's state at every committed step from ``first`` up to ``upto``."""
    c = NPCStateRow.__table__.c
    rows = read(db, select(c.step, c.npc, c.place, c.activity, c.mood, c.hunger, c.coins, c.inventory)
                .where(c.run_id == run_id, c.step >= first, c.step <= upto).order_by(c.step, c.npc))
    frame = pd.DataFrame(rows, columns=["step", "npc", "place", "activity", "mood", "hunger", "coins", "inventory"])
    frame["inventory"] = [", ".join(map(str, items or [])) for items in frame["inventory"]]
    return frame


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def npc_numbers(db: str, run_id: int, upto: int) -> pd.DataFrame:
    """Hunger and coins of every NPC at every step (what the charts across NPCs need)."""
    c = NPCStateRow.__table__.c
    rows = read(db, select(c.step, c.npc, c.hunger, c.coins).where(c.run_id == run_id, c.step <= upto))
    return pd.DataFrame(rows, columns=["step", "npc", "hunger", "coins"])


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def step_stats(db: str, run_id: int, upto: int) -> pd.DataFrame:
    """The DataCollector-like series: one row per step from ``steps.stats``."""
    with store_for(db).session() as session:
        rows = session.execute(
            select(StepRow.step, StepRow.sim_time, StepRow.stats, StepRow.wall_time_s)
            .where(StepRow.run_id == run_id, StepRow.step <= upto).order_by(StepRow.step)
        ).all()
    records = []
    for step, sim_time, stats, wall in rows:
        record = {"step": step, "sim_time": sim_time, "wall_time_s": wall}
        for key, value in (stats or {}).items():
            if isinstance(value, dict):
                record.update({f"{key}.{k}": v for k, v in value.items()})
            else:
                record[key] = value
        records.append(record)
    return pd.DataFrame(records)


DIALOGUE_COLUMNS = ["id", "step", "conversation", "turn", "speaker", "listener", "place", "text", "told_facts",
                    "decision_id"]


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def dialogue(db: str, run_id: int, upto: int, first: int = 0) -> pd.DataFrame:
    """Every dialogue line of steps ``first..upto`` (the decision behind it is in :mod:`minds`)."""
    c = DialogueRow.__table__.c
    rows = read(db, select(*(c[name] for name in DIALOGUE_COLUMNS))
                .where(c.run_id == run_id, c.step >= first, c.step <= upto).order_by(c.id))
    frame = pd.DataFrame(rows, columns=DIALOGUE_COLUMNS)
    frame["told_facts"] = [list(t or []) for t in frame["told_facts"]]
    return frame


EVENT_COLUMNS = ["id", "step", "kind", "actor", "action", "success", "reason", "narration", "place", "importance",
                 "source"]


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def events(db: str, run_id: int, upto: int, first: int = 0) -> pd.DataFrame:
    """Every event (actions, scheduled, injected, scene, flagged) of steps ``first..upto``,
    without its JSON parts (those come per event from :func:`event_details`): a run of
    1,000 NPCs has tens of thousands of events."""
    c = EventRow.__table__.c
    rows = read(db, select(*(c[name] for name in EVENT_COLUMNS))
                .where(c.run_id == run_id, c.step >= first, c.step <= upto).order_by(c.id))
    frame = pd.DataFrame(rows, columns=EVENT_COLUMNS)
    frame["actor"] = frame["actor"].fillna("")
    frame["place"] = frame["place"].fillna("")
    frame["success"] = frame["success"].astype(bool)
    return frame


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def event_details(db: str, run_id: int, ids: tuple[int, ...]) -> dict[int, dict[str, Any]]:
    """Arguments, effects, knowledge changes and observers of some events, by id."""
    with store_for(db).session() as session:
        rows = session.execute(
            select(EventRow.id, EventRow.args, EventRow.effects, EventRow.kg_changes, EventRow.observers)
            .where(EventRow.run_id == run_id, EventRow.id.in_(list(ids)))
        ).all()
    return {i: {"args": json.dumps(args, ensure_ascii=False), "effects": [list(e) for e in effects or []],
                "kg_changes": list(changes or []), "observers": list(observers or [])}
            for i, args, effects, changes, observers in rows}


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def event_consequences(db: str, run_id: int, ids: tuple[int, ...], upto: int) -> dict[int, dict[str, pd.DataFrame]]:
    """The memories and facts each of some events caused (``source_event_id`` /
    ``source == "event:ID"``), read in one query per table for a page of events."""
    with store_for(db).session() as session:
        memories = session.execute(
            select(Memory.source_event_id, Memory.id, Memory.npc, Memory.kind, Memory.text, Memory.importance)
            .where(Memory.run_id == run_id, Memory.source_event_id.in_(list(ids)), Memory.step <= upto)
            .order_by(Memory.id)
        ).all()
        facts = session.execute(
            select(FactRow.source, FactRow.id, FactRow.holder, FactRow.subject, FactRow.predicate, FactRow.object,
                   FactRow.text)
            .where(FactRow.run_id == run_id, FactRow.source.in_([f"event:{i}" for i in ids]),
                   FactRow.valid_from <= upto)
            .order_by(FactRow.id)
        ).all()
    out = {}
    for event_id in ids:
        source = f"event:{event_id}"
        out[event_id] = {
            "memories": pd.DataFrame([m[1:] for m in memories if m[0] == event_id],
                                     columns=["id", "npc", "kind", "text", "importance"]),
            "facts": pd.DataFrame([f[1:] for f in facts if f[0] == source],
                                  columns=["id", "holder", "subject", "predicate", "object", "text"]),
        }
    return out


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def llm_accounting(db: str, run_id: int, upto: int) -> pd.DataFrame:
    """LLM calls per step: count, prompt and completion tokens, latency, errors."""
    with store_for(db).session() as session:
        rows = session.execute(
            select(LLMCall.step, func.count(), func.sum(LLMCall.prompt_tokens), func.sum(LLMCall.completion_tokens),
                   func.sum(LLMCall.latency_s), func.count(LLMCall.error))
            .where(LLMCall.run_id == run_id, LLMCall.step <= upto).group_by(LLMCall.step).order_by(LLMCall.step)
        ).all()
    return pd.DataFrame(rows, columns=["step", "calls", "prompt_tokens", "completion_tokens", "latency_s", "errors"])
