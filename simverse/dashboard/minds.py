"""Read what went on in an NPC's mind: decisions (every one, defaulted ones included), the
model calls behind them as chat messages, memories, recall, and text the filter removed.

A recorded call's request (``llm_calls.request_json``, see
:func:`simverse.llm.recording.request_payload`) is turned into a list of
``(role, content)`` messages and a separate JSON schema, so the prompt viewer can draw a
chat and keep the schema folded. Lines the content filter blocked (``filtered`` events)
keep their original words in the decision, the raw model output and later prompts;
:class:`Redactor` hides those words wherever they appear unless the viewer asks to see them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st
from sqlalchemy import func, select

from simverse.dashboard.data import CACHE_ENTRIES, store_for
from simverse.store.llm_models import LLMCall
from simverse.store.memory_models import Memory, RetrievalLog
from simverse.store.models import DecisionRow, DialogueRow, EventRow

HIDDEN = "[hidden: removed by the content filter]"
DECISION_COLUMNS = ["id", "step", "mode", "action", "args", "utterance", "status", "note", "event_id", "calls"]
RECALL_COLUMNS = ["step", "rank", "memory_id", "text", "score", "recency", "importance", "relevance", "query"]


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def decisions(db: str, run_id: int, npc: str, upto: int) -> pd.DataFrame:
    """Every decision of ``npc`` up to ``upto``: acts, replies, defaults, with their notes."""
    with store_for(db).session() as session:
        rows = session.execute(
            select(DecisionRow.id, DecisionRow.step, DecisionRow.mode, DecisionRow.action, DecisionRow.args,
                   DecisionRow.utterance, DecisionRow.status, DecisionRow.note, DecisionRow.event_id,
                   DecisionRow.llm_call_ids)
            .where(DecisionRow.run_id == run_id, DecisionRow.npc == npc, DecisionRow.step <= upto)
            .order_by(DecisionRow.id)
        ).all()
    return pd.DataFrame(
        [(i, s, m, a, json.dumps(args, ensure_ascii=False), u or "", st_, n, e, len(c or []))
         for i, s, m, a, args, u, st_, n, e, c in rows],
        columns=DECISION_COLUMNS,
    )


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES * 4)
def decision_detail(db: str, run_id: int, decision_id: int) -> dict[str, Any]:
    """A decision, the dialogue line it said (if any), and the LLM calls it cites."""
    with store_for(db).session() as session:
        row = session.get(DecisionRow, (run_id, decision_id))
        if row is None:
            return {}
        line = session.scalar(select(DialogueRow.id).where(DialogueRow.run_id == run_id,
                                                           DialogueRow.decision_id == decision_id))
        found = session.scalars(
            select(LLMCall).where(LLMCall.run_id == run_id, LLMCall.id.in_(list(row.llm_call_ids or [])))
            .order_by(LLMCall.id)
        ).all() if row.llm_call_ids else []
        calls = [{"id": c.id, "backend": c.backend, "model": c.model, "tag": c.tag, **parse_request(c.request_json),
                  "response": c.response_text, "prompt_tokens": c.prompt_tokens,
                  "completion_tokens": c.completion_tokens, "latency_s": c.latency_s, "error": c.error}
                 for c in found]
        return {
            "id": row.id, "step": row.step, "npc": row.npc, "mode": row.mode, "action": row.action,
            "args": dict(row.args), "utterance": row.utterance, "status": row.status, "note": row.note,
            "event_id": row.event_id, "line_id": line, "context": dict(row.context), "calls": calls,
        }


def parse_request(raw: str) -> dict[str, Any]:
    """A stored request as ``messages`` [(role, content)], ``schema``, ``params`` and ``seed``;
    text that is not such JSON comes back whole as one ``user`` message."""
    try:
        payload = json.loads(raw)
    except ValueError:
        return {"messages": [("user", raw)], "schema": None, "params": {}, "seed": None}
    if not isinstance(payload, dict):
        return {"messages": [("user", raw)], "schema": None, "params": {}, "seed": None}
    messages = []
    for message in payload.get("messages") or []:
        if isinstance(message, dict):
            messages.append((str(message.get("role", "")), str(message.get("content", ""))))
        elif isinstance(message, list | tuple) and len(message) == 2:
            messages.append((str(message[0]), str(message[1])))
    return {"messages": messages, "schema": payload.get("json_schema"), "params": payload.get("params") or {},
            "seed": payload.get("seed")}


def parse_result(detail: dict[str, Any]) -> dict[str, Any]:
    """What the brain's answer was read as: the checked decision, as shown first."""
    return {"status": detail["status"], "action": detail["action"], "args": detail["args"],
            "utterance": detail["utterance"], "note": detail["note"]}


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def filtered_lines(db: str, run_id: int, upto: int) -> dict[int, dict[str, Any]]:
    """Lines the content filter blocked: line id -> speaker, reason and the words said."""
    with store_for(db).session() as session:
        flagged = session.execute(
            select(EventRow.args, EventRow.actor, EventRow.reason)
            .where(EventRow.run_id == run_id, EventRow.kind == "filtered", EventRow.step <= upto)
        ).all()
        lines = {}
        for args, actor, reason in flagged:
            try:
                line_id = int((args or {}).get("dialogue"))
            except (TypeError, ValueError):
                continue
            lines[line_id] = {"speaker": actor or "", "reason": reason or "", "said": ""}
        if lines:
            said = session.execute(
                select(DialogueRow.id, DecisionRow.utterance)
                .join(DecisionRow, (DecisionRow.run_id == DialogueRow.run_id)
                      & (DecisionRow.id == DialogueRow.decision_id))
                .where(DialogueRow.run_id == run_id, DialogueRow.id.in_(list(lines)))
            ).all()
            for line_id, utterance in said:
                lines[line_id]["said"] = utterance or ""
    return lines


@dataclass(frozen=True)
class Redactor:
    """Hides the words of blocked lines in any text (unless ``reveal``)."""

    secrets: tuple[str, ...]
    reveal: bool = False

    @classmethod
    def of(cls, lines: dict[int, dict[str, Any]], reveal: bool = False) -> Redactor:
        said = {info["said"] for info in lines.values() if info["said"].strip()}
        variants = said | {json.dumps(s, ensure_ascii=False)[1:-1] for s in said} | {
            json.dumps(s)[1:-1] for s in said}
        return cls(tuple(sorted(variants, key=len, reverse=True)), reveal)

    def __call__(self, text: object) -> str:
        out = "" if text is None else str(text)
        if self.reveal:
            return out
        for secret in self.secrets:
            out = out.replace(secret, HIDDEN)
        return out


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def memories(db: str, run_id: int, npc: str, upto: int) -> pd.DataFrame:
    """An NPC's memories up to ``upto`` (archived ones included, marked)."""
    with store_for(db).session() as session:
        rows = session.execute(
            select(Memory.id, Memory.step, Memory.kind, Memory.text, Memory.importance, Memory.evidence,
                   Memory.source_event_id, Memory.data, Memory.archived)
            .where(Memory.run_id == run_id, Memory.npc == npc, Memory.step <= upto).order_by(Memory.id)
        ).all()
    return pd.DataFrame(
        [(i, s, k, t, imp, list(ev or []), src, data, arch) for i, s, k, t, imp, ev, src, data, arch in rows],
        columns=["id", "step", "kind", "text", "importance", "evidence", "source_event_id", "data", "archived"],
    )


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def last_retrieval(db: str, run_id: int, npc: str, upto: int) -> pd.DataFrame:
    """What the NPC recalled for its latest decision at or before ``upto``, with score parts."""
    with store_for(db).session() as session:
        last = session.scalar(
            select(func.max(RetrievalLog.step)).where(RetrievalLog.run_id == run_id, RetrievalLog.npc == npc,
                                                      RetrievalLog.step <= upto)
        )
        if last is None:
            return pd.DataFrame(columns=RECALL_COLUMNS)
        rows = session.execute(
            select(RetrievalLog.step, RetrievalLog.rank, RetrievalLog.memory_id, Memory.text, RetrievalLog.score,
                   RetrievalLog.recency, RetrievalLog.importance, RetrievalLog.relevance, RetrievalLog.query)
            .outerjoin(Memory, (Memory.run_id == RetrievalLog.run_id) & (Memory.id == RetrievalLog.memory_id))
            .where(RetrievalLog.run_id == run_id, RetrievalLog.npc == npc, RetrievalLog.step == last)
            .order_by(RetrievalLog.id)
        ).all()
    return pd.DataFrame(rows, columns=RECALL_COLUMNS)
