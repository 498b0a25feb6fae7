"""Read what went on in an NPC's mind: decisions (every one, defaulted ones included), the
model calls behind them as chat messages, memories, recall, and text the filter removed.

A recorded call's request (``llm_calls.request_json``, see
:func:`simverse.llm.recording.request_payload`) is turned into a list of
``(role, content)`` messages and a separate JSON schema, so the prompt viewer can draw a
chat and keep the schema folded. The words the content filter blocked are kept in the
``redactions`` table (in older databases: in the decision); :class:`Redactor` hides them
wherever they appear unless the viewer asks. A call whose answer (or, for a retry, whose
quote of a rejected answer) held blocked text is stored with the filter's placeholder in
its place (schema version 3); the text as recorded comes with the call under ``blocked``,
for the viewer to show only when asked. Older databases keep it in the call itself, where
the :class:`Redactor` hides it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st
from sqlalchemy import func, inspect, select

from simverse.dashboard.data import CACHE_ENTRIES, store_for
from simverse.memory.recall_log import accessed_ids
from simverse.store.llm_models import LLMCall
from simverse.store.memory_models import Memory, MemoryAccess, RetrievalLog
from simverse.store.models import DecisionRow, DialogueRow, EventRow
from simverse.store.prompt_texts import PromptText, message_text, named_texts
from simverse.store.redaction_models import CALL_PREFIX, RedactionRow, call_source

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
        kept = _kept_calls(session, run_id, [c.id for c in found])
        texts = shared_texts(session, [c.request_json for c in found])
        calls = [{"id": c.id, "backend": c.backend, "model": c.model, "tag": c.tag,
                  **parse_request(c.request_json, texts),
                  "response": c.response_text, "prompt_tokens": c.prompt_tokens,
                  "completion_tokens": c.completion_tokens, "latency_s": c.latency_s, "error": c.error,
                  "blocked": kept.get(c.id, {})}
                 for c in found]
        return {
            "id": row.id, "step": row.step, "npc": row.npc, "mode": row.mode, "action": row.action,
            "args": dict(row.args), "utterance": row.utterance, "status": row.status, "note": row.note,
            "event_id": row.event_id, "line_id": line, "context": dict(row.context), "calls": calls,
        }


def _kept_calls(session: Any, run_id: int, call_ids: list[int]) -> dict[int, dict[str, Any]]:
    """What the filter kept out of these calls, as recorded: call id -> ``response`` (the
    answer) and/or ``messages`` (the prompt of a retry that quoted a blocked answer)."""
    if not call_ids or not inspect(session.connection()).has_table(RedactionRow.__tablename__):
        return {}
    sources = [call_source(i, part) for i in call_ids for part in ("response", "request")]
    out: dict[int, dict[str, Any]] = {}
    for source, text in session.execute(select(RedactionRow.source, RedactionRow.blocked_text).where(
            RedactionRow.run_id == run_id, RedactionRow.source.in_(sources))):
        _, number, part = source.split(":")
        entry = out.setdefault(int(number), {})
        if part == "response":
            entry["response"] = text
        else:
            entry["messages"] = parse_request(text)["messages"]
    return out


def shared_texts(session: Any, raws: list[str]) -> dict[str, str]:
    """The shared prompt texts stored requests name (none for text that is not JSON)."""
    payloads = []
    for raw in raws:
        try:
            payload = json.loads(raw)
        except ValueError:
            continue
        if isinstance(payload, dict) and isinstance(payload.get("messages"), list):
            payloads.append({"messages": [m for m in payload["messages"] if isinstance(m, list) and len(m) == 2]})
    return named_texts(session, payloads) if inspect(session.connection()).has_table(PromptText.__tablename__) else {}


def parse_request(raw: str, texts: Mapping[str, str] | None = None) -> dict[str, Any]:
    """A stored request as ``messages`` [(role, content)], ``schema``, ``params`` and ``seed``
    (a shared text named by digest shown from ``texts``); text that is not such JSON comes
    back whole as one ``user`` message."""
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
            messages.append((str(message[0]), _shown_text(message[1], texts or {})))
    return {"messages": messages, "schema": payload.get("json_schema"), "params": payload.get("params") or {},
            "seed": payload.get("seed")}


def parse_result(detail: dict[str, Any]) -> dict[str, Any]:
    """What the brain's answer was read as: the checked decision, as shown first."""
    return {"status": detail["status"], "action": detail["action"], "args": detail["args"],
            "utterance": detail["utterance"], "note": detail["note"]}


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def filtered_lines(db: str, run_id: int, upto: int) -> dict[int, dict[str, Any]]:
    """Lines the content filter blocked: line id -> speaker, reason and the words said.
    The words come from the ``redactions`` table (databases made before it keep them in
    the decision); lines of the player's talk have no line here but their words do
    (under key ``-redaction id``), so every blocked text can be hidden. Recorded calls'
    text kept there is not a line: :func:`decision_detail` reads it with its calls."""
    with store_for(db).session() as session:
        if inspect(session.connection()).has_table(RedactionRow.__tablename__):
            return _from_redactions(session, run_id, upto)
        return _from_decisions(session, run_id, upto)


def _from_redactions(session: Any, run_id: int, upto: int) -> dict[int, dict[str, Any]]:
    rows = session.execute(
        select(RedactionRow.id, RedactionRow.source, RedactionRow.speaker, RedactionRow.reason,
               RedactionRow.blocked_text)
        .where(RedactionRow.run_id == run_id, RedactionRow.step <= upto,
               RedactionRow.source.not_like(f"{CALL_PREFIX}%")).order_by(RedactionRow.id)
    ).all()
    decisions = {int(src.split(":")[1]): i for i, src, *_ in rows if src.startswith("decision:")}
    lines = dict(session.execute(
        select(DialogueRow.decision_id, DialogueRow.id)
        .where(DialogueRow.run_id == run_id, DialogueRow.decision_id.in_(list(decisions)))
    ).all()) if decisions else {}
    out = {}
    for rid, source, speaker, reason, text in rows:
        kind, _, number = source.partition(":")
        line = lines.get(int(number)) if kind == "decision" and number.isdigit() else (
            int(number) if kind == "dialogue" and number.isdigit() else None)
        out[line if line is not None else -rid] = {"speaker": speaker or "", "reason": reason, "said": text}
    return out


def _from_decisions(session: Any, run_id: int, upto: int) -> dict[int, dict[str, Any]]:
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
            .join(DecisionRow, (DecisionRow.run_id == DialogueRow.run_id) & (DecisionRow.id == DialogueRow.decision_id))
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
            return _recalled_ids(session, run_id, npc, upto)
        rows = session.execute(
            select(RetrievalLog.step, RetrievalLog.rank, RetrievalLog.memory_id, Memory.text, RetrievalLog.score,
                   RetrievalLog.recency, RetrievalLog.importance, RetrievalLog.relevance, RetrievalLog.query)
            .outerjoin(Memory, (Memory.run_id == RetrievalLog.run_id) & (Memory.id == RetrievalLog.memory_id))
            .where(RetrievalLog.run_id == run_id, RetrievalLog.npc == npc, RetrievalLog.step == last)
            .order_by(RetrievalLog.id)
        ).all()
    return pd.DataFrame(rows, columns=RECALL_COLUMNS)


def _recalled_ids(session: Any, run_id: int, npc: str, upto: int) -> pd.DataFrame:
    """Without full retrieval logs (by default only recalled ids are kept), the memories the
    NPC recalled in its latest retrieval, without score parts."""
    row = session.execute(
        select(MemoryAccess.step, MemoryAccess.memory_ids)
        .where(MemoryAccess.run_id == run_id, MemoryAccess.npc == npc, MemoryAccess.step <= upto)
        .order_by(MemoryAccess.step.desc(), MemoryAccess.call).limit(1)
    ).first()
    if row is None:
        return pd.DataFrame(columns=RECALL_COLUMNS)
    ids = accessed_ids(row.memory_ids)
    texts = dict(session.execute(select(Memory.id, Memory.text).where(Memory.run_id == run_id,
                                                                      Memory.id.in_(ids))).all())
    return pd.DataFrame([(row.step, None, i, texts.get(i), None, None, None, None, None) for i in ids],
                        columns=RECALL_COLUMNS)


def _shown_text(content: Any, texts: Mapping[str, str]) -> str:
    """A message as text; a shared text the database lacks is said to be missing."""
    try:
        return str(message_text(content, texts))
    except LookupError as exc:
        return f"({exc})"
