"""Read the decisions of a stored run with what a dataset needs to know about each.

For every decision row: who decided, in which step and mode, what, how (status), whether
its outcome succeeded, and which brain made it. A decision made by a model cites its
recorded LLM calls, whose first request holds the exact messages that were sent; a
decision made without a model (the scripted brain, or a request the LLM brain skipped)
has none and must be rebuilt (:mod:`simverse.finetune.rebuild`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from simverse.core.json_extract import extract_json
from simverse.llm.brain import SKIP_NOTE
from simverse.store.llm_models import LLMCall
from simverse.store.models import DecisionRow, DialogueRow, EventRow, RunRow
from simverse.store.prompt_texts import full_requests
from simverse.store.run_store import RunStore


@dataclass
class StoredDecision:
    """One decision row of a run, with its outcome and the brain that made it."""

    run_id: int
    id: int
    step: int
    npc: str
    mode: str
    action: str
    args: dict[str, str]
    utterance: str | None
    status: str
    brain: str
    succeeded: bool
    call_ids: list[int] = field(default_factory=list)

    @property
    def recorded(self) -> bool:
        """True when a model made it and its request was recorded."""
        return bool(self.call_ids)


def decision_brain(run_llm: str, row: DecisionRow) -> str:
    """The brain that made a decision: the NPC's own (a mixed population records it in the
    decision's context) or the run's spec, and ``scripted`` for requests an LLM brain
    skipped (its scripted fallback decided them)."""
    brain = (row.context or {}).get("brain") or run_llm
    return "scripted" if row.note == SKIP_NOTE else str(brain)


def load_decisions(store: RunStore, run: RunRow) -> list[StoredDecision]:
    """Every decision of ``run`` in id order. A decision succeeded when its action's event
    succeeded, or, for talk and replies, when it was spoken as a dialogue line."""
    with store.session() as session:
        rows = session.scalars(select(DecisionRow).where(DecisionRow.run_id == run.id)
                               .order_by(DecisionRow.id)).all()
        success = dict(session.execute(select(EventRow.id, EventRow.success)
                                       .where(EventRow.run_id == run.id)).all())
        spoken = set(session.scalars(select(DialogueRow.decision_id)
                                     .where(DialogueRow.run_id == run.id)))
    out = []
    for row in rows:
        ok = bool(success.get(row.event_id)) if row.event_id is not None else row.id in spoken
        out.append(StoredDecision(
            run_id=run.id, id=row.id, step=row.step, npc=row.npc, mode=row.mode,
            action=row.action, args=dict(row.args or {}), utterance=row.utterance,
            status=row.status, brain=decision_brain(run.llm, row), succeeded=ok,
            call_ids=[int(i) for i in row.llm_call_ids or []],
        ))
    return out


@dataclass(frozen=True)
class RecordedCall:
    """The messages and schema a recorded request carried, and the raw answer."""

    messages: list[dict[str, str]]
    json_schema: dict[str, Any] | None
    response_text: str


def load_calls(store: RunStore, run_id: int, ids: set[int]) -> dict[int, RecordedCall]:
    """The recorded calls of a run with the given ids."""
    if not ids:
        return {}
    with store.session() as session:
        rows = session.scalars(select(LLMCall).where(LLMCall.run_id == run_id,
                                                     LLMCall.id.in_(sorted(ids)))).all()
        payloads = full_requests(session, [row.request_json for row in rows])
    calls = {}
    for row, payload in zip(rows, payloads, strict=True):
        messages = [{"role": role, "content": content} for role, content in payload["messages"]]
        calls[row.id] = RecordedCall(messages, payload.get("json_schema"), row.response_text)
    return calls


def answer_object(action: str, args: dict[str, str], utterance: str | None,
                  told_facts: list[str], importance: int | None,
                  end_conversation: bool) -> dict[str, Any]:
    """A decision as the JSON object the prompt asks for, keys in the prompt's order, and
    valid against the request's decision schema: ``told_facts`` only when some were told
    (the schema has no such field when the NPC knows no fact), ``importance`` only when
    the brain gave one."""
    obj: dict[str, Any] = {"action": action, "args": dict(args), "utterance": utterance}
    if told_facts:
        obj["told_facts"] = list(told_facts)
    if importance is not None:
        obj["importance"] = int(importance)
    obj["end_conversation"] = bool(end_conversation)
    return obj


def recorded_answer(decision: StoredDecision, raw_text: str) -> dict[str, Any]:
    """The answer of a model-made ``valid`` decision: what was stored, with the fields the
    store does not keep (told facts, importance, end of conversation) read from the raw
    answer, which a ``valid`` status means was parsed with no repair."""
    raw, _ = extract_json(raw_text)
    raw = raw or {}
    told = [str(k) for k in raw.get("told_facts") or [] if isinstance(k, str)]
    importance = raw.get("importance")
    importance = importance if isinstance(importance, int) and not isinstance(importance, bool) else None
    end = raw.get("end_conversation") is True
    return answer_object(decision.action, decision.args, decision.utterance, told, importance, end)
