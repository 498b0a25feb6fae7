"""Read a run database for the dashboard: short read transactions, cached by committed step.

Every reader takes ``upto``, the last step present in ``steps`` when the page began
(:func:`committed_step`), and ignores rows of later steps: a step's rows and its ``steps``
row commit in one transaction, so nothing half-written is ever shown, even while another
process (the CLI, a live world) writes the database (SQLite WAL: readers never block it).
Results are cached per ``(url, run, upto)``: a new step makes new keys, a finished run is
read once. Functions return pandas frames or plain dicts; pages only lay them out.
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
import streamlit as st
from sqlalchemy import func, select

from simverse.memory.recall_log import accessed_ids
from simverse.store.knowledge_models import FactRow
from simverse.store.llm_accounting import llm_switches
from simverse.store.llm_models import LLMCall
from simverse.store.memory_models import Memory, MemoryAccess, RetrievalLog
from simverse.store.models import DecisionRow, DialogueRow, EventRow, NPCStateRow, RunRow, StepRow
from simverse.store.run_store import RunStore

WORLD = "world"


@st.cache_resource(show_spinner=False)
def store_for(url: str) -> RunStore:
    """One engine per database for the whole app (WAL, busy timeout)."""
    return RunStore(url)


def committed_step(url: str, run_id: int) -> int | None:
    """The last fully committed step of a run (never cached: it moves while a run runs)."""
    with store_for(url).session() as session:
        return session.scalar(select(func.max(StepRow.step)).where(StepRow.run_id == run_id))


def runs(url: str) -> pd.DataFrame:
    """The runs in a database, newest last."""
    with store_for(url).session() as session:
        rows = session.scalars(select(RunRow).order_by(RunRow.id)).all()
        return pd.DataFrame([
            {"run": r.id, "world": r.world, "seed": r.seed, "llm": r.llm, "steps": r.last_step, "status": r.status,
             "forked_from": f"{r.parent_run_id}@{r.forked_at_step}" if r.parent_run_id else "",
             "llm_switches": "; ".join(f"{s['role']} {s['from']} -> {s['to']} after step {s['step']}"
                                       for s in llm_switches(session, r.id))}
            for r in rows
        ], columns=["run", "world", "seed", "llm", "steps", "status", "forked_from", "llm_switches"])


@st.cache_data(show_spinner=False)
def world_spec(url: str, run_id: int) -> dict[str, Any]:
    """The world file the run was made from (stored with the run)."""
    with store_for(url).session() as session:
        run = session.get(RunRow, run_id)
        if run is None:
            raise LookupError(f"{url}: no run {run_id}")
        return {"spec": run.world_spec, "world": run.world, "seed": run.seed, "llm": run.llm}


@st.cache_data(show_spinner=False)
def step_snapshot(url: str, run_id: int, step: int) -> dict[str, Any]:
    """The world state, clock label and counts after ``step``."""
    with store_for(url).session() as session:
        row = session.get(StepRow, (run_id, step))
        if row is None:
            raise LookupError(f"{url}: run {run_id} has no committed step {step}")
        return {"step": row.step, "sim_time": row.sim_time, "state": row.state, "stats": row.stats,
                "wall_time_s": row.wall_time_s}


@st.cache_data(show_spinner=False)
def npc_states(url: str, run_id: int, upto: int) -> pd.DataFrame:
    """Every NPC's state at every committed step up to ``upto``."""
    with store_for(url).session() as session:
        rows = session.scalars(
            select(NPCStateRow).where(NPCStateRow.run_id == run_id, NPCStateRow.step <= upto)
            .order_by(NPCStateRow.step, NPCStateRow.npc)
        ).all()
        return pd.DataFrame([
            {"step": r.step, "npc": r.npc, "place": r.place, "activity": r.activity, "mood": r.mood,
             "hunger": r.hunger, "coins": r.coins, "inventory": ", ".join(map(str, r.inventory))}
            for r in rows
        ], columns=["step", "npc", "place", "activity", "mood", "hunger", "coins", "inventory"])


@st.cache_data(show_spinner=False)
def step_stats(url: str, run_id: int, upto: int) -> pd.DataFrame:
    """The DataCollector-like series: one row per step from ``steps.stats``."""
    with store_for(url).session() as session:
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


@st.cache_data(show_spinner=False)
def dialogue(url: str, run_id: int, upto: int) -> pd.DataFrame:
    """Every dialogue line with the decision behind it (status, note, LLM call ids)."""
    with store_for(url).session() as session:
        rows = session.execute(
            select(DialogueRow, DecisionRow.status, DecisionRow.note, DecisionRow.llm_call_ids, DecisionRow.mode)
            .outerjoin(DecisionRow, (DecisionRow.run_id == DialogueRow.run_id)
                       & (DecisionRow.id == DialogueRow.decision_id))
            .where(DialogueRow.run_id == run_id, DialogueRow.step <= upto)
            .order_by(DialogueRow.id)
        ).all()
        return pd.DataFrame([
            {"id": d.id, "step": d.step, "conversation": d.conversation, "turn": d.turn, "speaker": d.speaker,
             "listener": d.listener, "place": d.place, "text": d.text, "told_facts": list(d.told_facts),
             "decision_id": d.decision_id, "status": status or "", "note": note or "",
             "llm_call_ids": list(calls or []), "mode": mode or ""}
            for d, status, note, calls, mode in rows
        ], columns=["id", "step", "conversation", "turn", "speaker", "listener", "place", "text", "told_facts",
                    "decision_id", "status", "note", "llm_call_ids", "mode"])


@st.cache_data(show_spinner=False)
def decision_detail(url: str, run_id: int, decision_id: int) -> dict[str, Any]:
    """A decision and the LLM calls it cites (prompt, raw output, tokens, latency)."""
    with store_for(url).session() as session:
        row = session.get(DecisionRow, (run_id, decision_id))
        if row is None:
            return {}
        calls = []
        if row.llm_call_ids:
            found = session.scalars(
                select(LLMCall).where(LLMCall.run_id == run_id, LLMCall.id.in_(list(row.llm_call_ids)))
                .order_by(LLMCall.id)
            ).all()
            calls = [
                {"id": c.id, "backend": c.backend, "model": c.model, "request": _pretty(c.request_json),
                 "response": c.response_text, "prompt_tokens": c.prompt_tokens,
                 "completion_tokens": c.completion_tokens, "latency_s": c.latency_s, "error": c.error}
                for c in found
            ]
        return {
            "id": row.id, "step": row.step, "npc": row.npc, "mode": row.mode, "action": row.action,
            "args": dict(row.args), "utterance": row.utterance, "status": row.status, "note": row.note,
            "event_id": row.event_id, "llm_call_ids": list(row.llm_call_ids), "context": dict(row.context),
            "calls": calls,
        }


def _pretty(raw: str) -> str:
    try:
        return json.dumps(json.loads(raw), indent=2, ensure_ascii=False)
    except ValueError:
        return raw


@st.cache_data(show_spinner=False)
def events(url: str, run_id: int, upto: int) -> pd.DataFrame:
    """Every event (actions, scheduled and injected events) up to ``upto``."""
    with store_for(url).session() as session:
        rows = session.scalars(
            select(EventRow).where(EventRow.run_id == run_id, EventRow.step <= upto).order_by(EventRow.id)
        ).all()
        return pd.DataFrame([
            {"id": e.id, "step": e.step, "kind": e.kind, "actor": e.actor or "", "action": e.action,
             "args": json.dumps(e.args), "success": e.success, "reason": e.reason, "narration": e.narration,
             "place": e.place or "", "effects": [list(x) for x in e.effects], "kg_changes": list(e.kg_changes),
             "observers": list(e.observers), "importance": e.importance, "source": e.source}
            for e in rows
        ], columns=["id", "step", "kind", "actor", "action", "args", "success", "reason", "narration", "place",
                    "effects", "kg_changes", "observers", "importance", "source"])


@st.cache_data(show_spinner=False)
def event_consequences(url: str, run_id: int, event_id: int, upto: int) -> dict[str, pd.DataFrame]:
    """The memories and facts an event caused (``source_event_id`` / ``source == event:ID``)."""
    with store_for(url).session() as session:
        memories = session.execute(
            select(Memory.id, Memory.npc, Memory.kind, Memory.text, Memory.importance)
            .where(Memory.run_id == run_id, Memory.source_event_id == event_id, Memory.step <= upto)
            .order_by(Memory.id)
        ).all()
        facts = session.execute(
            select(FactRow.id, FactRow.holder, FactRow.subject, FactRow.predicate, FactRow.object, FactRow.text)
            .where(FactRow.run_id == run_id, FactRow.source == f"event:{event_id}", FactRow.valid_from <= upto)
            .order_by(FactRow.id)
        ).all()
    return {
        "memories": pd.DataFrame(memories, columns=["id", "npc", "kind", "text", "importance"]),
        "facts": pd.DataFrame(facts, columns=["id", "holder", "subject", "predicate", "object", "text"]),
    }


@st.cache_data(show_spinner=False)
def memories(url: str, run_id: int, npc: str, upto: int) -> pd.DataFrame:
    """An NPC's memories up to ``upto`` (archived ones included, marked)."""
    with store_for(url).session() as session:
        rows = session.execute(
            select(Memory.id, Memory.step, Memory.kind, Memory.text, Memory.importance, Memory.evidence,
                   Memory.source_event_id, Memory.data, Memory.archived)
            .where(Memory.run_id == run_id, Memory.npc == npc, Memory.step <= upto).order_by(Memory.id)
        ).all()
    return pd.DataFrame(
        [(i, s, k, t, imp, list(ev or []), src, data, arch) for i, s, k, t, imp, ev, src, data, arch in rows],
        columns=["id", "step", "kind", "text", "importance", "evidence", "source_event_id", "data", "archived"],
    )


@st.cache_data(show_spinner=False)
def last_retrieval(url: str, run_id: int, npc: str, upto: int) -> pd.DataFrame:
    """What the NPC recalled for its latest decision: memories with their score parts."""
    with store_for(url).session() as session:
        last = session.scalar(
            select(func.max(RetrievalLog.step)).where(RetrievalLog.run_id == run_id, RetrievalLog.npc == npc,
                                                      RetrievalLog.step <= upto)
        )
        if last is None:
            return _recalled_ids(session, run_id, npc, upto)
        rows = session.execute(
            select(RetrievalLog.step, RetrievalLog.rank, RetrievalLog.memory_id, Memory.text, RetrievalLog.score,
                   RetrievalLog.recency, RetrievalLog.importance, RetrievalLog.relevance, RetrievalLog.query)
            .outerjoin(Memory, (Memory.run_id == RetrievalLog.run_id) & (Memory.id == RetrievalLog.memory_id))
            .where(RetrievalLog.run_id == run_id, RetrievalLog.npc == npc, RetrievalLog.step == last)
            .order_by(RetrievalLog.id)
        ).all()
    return pd.DataFrame(rows, columns=["step", "rank", "memory_id", "text", "score", "recency", "importance",
                                       "relevance", "query"])


_RECALL_COLUMNS = ["step", "rank", "memory_id", "text", "score", "recency", "importance", "relevance", "query"]


def _recalled_ids(session: Any, run_id: int, npc: str, upto: int) -> pd.DataFrame:
    """Without full retrieval logs (the default keeps only recalled ids), the memories the
    NPC recalled in its latest retrieval, without score parts."""
    row = session.execute(
        select(MemoryAccess.step, MemoryAccess.memory_ids)
        .where(MemoryAccess.run_id == run_id, MemoryAccess.npc == npc, MemoryAccess.step <= upto)
        .order_by(MemoryAccess.step.desc(), MemoryAccess.call).limit(1)
    ).first()
    if row is None:
        return pd.DataFrame(columns=_RECALL_COLUMNS)
    ids = accessed_ids(row.memory_ids)
    texts = dict(session.execute(
        select(Memory.id, Memory.text).where(Memory.run_id == run_id, Memory.id.in_(ids))).all())
    return pd.DataFrame([(row.step, None, i, texts.get(i), None, None, None, None, None) for i in ids],
                        columns=_RECALL_COLUMNS)


@st.cache_data(show_spinner=False)
def facts(url: str, run_id: int, upto: int) -> pd.DataFrame:
    """Every fact and belief that began by ``upto`` (``valid_to`` as stored, or open)."""
    with store_for(url).session() as session:
        rows = session.scalars(
            select(FactRow).where(FactRow.run_id == run_id, FactRow.valid_from <= upto).order_by(FactRow.id)
        ).all()
        return pd.DataFrame([
            {"id": f.id, "holder": f.holder, "subject": f.subject, "predicate": f.predicate, "object": f.object,
             "value": f.value, "text": f.text, "source": f.source, "told_by": f.told_by or "",
             "confidence": f.confidence,
             "valid_from": f.valid_from, "valid_to": f.valid_to if f.valid_to is not None and f.valid_to <= upto
             else None, "secret": f.secret, "tracked": f.tracked}
            for f in rows
        ], columns=["id", "holder", "subject", "predicate", "object", "value", "text", "source", "told_by",
                    "confidence", "valid_from", "valid_to", "secret", "tracked"])


@st.cache_data(show_spinner=False)
def llm_accounting(url: str, run_id: int, upto: int) -> pd.DataFrame:
    """LLM calls per step: count, prompt and completion tokens, latency, errors."""
    with store_for(url).session() as session:
        rows = session.execute(
            select(LLMCall.step, func.count(), func.sum(LLMCall.prompt_tokens), func.sum(LLMCall.completion_tokens),
                   func.sum(LLMCall.latency_s), func.count(LLMCall.error))
            .where(LLMCall.run_id == run_id, LLMCall.step <= upto).group_by(LLMCall.step).order_by(LLMCall.step)
        ).all()
    return pd.DataFrame(rows, columns=["step", "calls", "prompt_tokens", "completion_tokens", "latency_s", "errors"])


def holds_at(frame: pd.DataFrame, step: int) -> pd.DataFrame:
    """Rows of a :func:`facts` frame that hold at ``step`` (valid_from <= step < valid_to)."""
    if frame.empty:
        return frame
    open_ = frame["valid_to"].isna() | (frame["valid_to"] > step)
    return frame[(frame["valid_from"] <= step) & open_]


def beliefs_against_truth(frame: pd.DataFrame, npc: str, step: int) -> pd.DataFrame:
    """``npc``'s beliefs at ``step`` (rows of a :func:`facts` frame) with ``contradicts_world``
    (same subject and predicate as a truth, different object) and ``vs_world`` (the kind
    from :func:`simverse.knowledge.queries.contradictions`: conflict, outdated, unfounded,
    or "" when it agrees), using that module when it exists, else the same rule here."""
    beliefs = holds_at(frame[frame["holder"] == npc], step).copy()
    truth = holds_at(frame[frame["holder"] == WORLD], step)
    kinds = _query_kinds(frame, npc, step)
    if kinds is None:
        beliefs["contradicts_world"] = contradictions(beliefs, truth)
        beliefs["vs_world"] = ["conflict" if c else "" for c in beliefs["contradicts_world"]]
    else:
        beliefs["vs_world"] = [kinds.get(int(i), "") for i in beliefs["id"]]
        beliefs["contradicts_world"] = beliefs["vs_world"] == "conflict"
    return beliefs


def _query_kinds(frame: pd.DataFrame, npc: str, step: int) -> dict[int, str] | None:
    try:
        from simverse.knowledge.queries import contradictions as query
    except ImportError:
        return None
    from simverse.knowledge.graph import Fact, KnowledgeGraph

    names = [n for n in Fact.__dataclass_fields__ if n in frame.columns]
    rows = frame[frame["holder"].isin([npc, WORLD])]
    graph = KnowledgeGraph.from_facts(
        Fact(**{n: (None if pd.isna(v) else v) if n in ("valid_to", "value", "told_by") else v
                for n, v in zip(names, values, strict=True)})
        for values in rows[names].itertuples(index=False, name=None)
    )
    return {c.belief.id: c.kind for c in query(graph, npc, step)}


def contradictions(beliefs: pd.DataFrame, truth: pd.DataFrame) -> pd.Series:
    """For each belief row: does the world hold the same subject and predicate with a
    different object (and not this one)? The rule of ``simverse.knowledge.queries``."""
    if beliefs.empty:
        return pd.Series([], dtype=bool)
    truths: dict[tuple[str, str], set[str]] = {}
    for s, p, o in zip(truth["subject"], truth["predicate"], truth["object"], strict=True):
        truths.setdefault((s, p), set()).add(o)
    flags = []
    for s, p, o in zip(beliefs["subject"], beliefs["predicate"], beliefs["object"], strict=True):
        objects = truths.get((s, p), set())
        flags.append(bool(objects) and o not in objects)
    return pd.Series(flags, index=beliefs.index, dtype=bool)


def spread(frame: pd.DataFrame, key: tuple[str, str, str], upto: int, npcs: list[str]) -> pd.DataFrame:
    """How many NPCs hold the fact ``key`` at each step 0..upto (from validity intervals)."""
    s, p, o = key
    rows = frame[(frame["subject"] == s) & (frame["predicate"] == p) & (frame["object"] == o)
                 & frame["holder"].isin(npcs)]
    counts = []
    for step in range(upto + 1):
        held = rows[(rows["valid_from"] <= step) & (rows["valid_to"].isna() | (rows["valid_to"] > step))]
        counts.append({"step": step, "holders": int(held["holder"].nunique()),
                       "true_in_world": bool(not holds_at(frame[frame["holder"] == WORLD], step)
                                             .query("subject == @s and predicate == @p and object == @o").empty)})
    return pd.DataFrame(counts)
