"""What a run's LLMs did, read back from the store: the honest part of a run summary.

Decisions are split by who made them: the model (``valid`` / ``repaired`` / ``retried`` /
``defaulted``, the decisions that cite LLM calls), the skip rule (scripted decisions for
NPCs with nothing new, note ``skipped: nothing new``) and the scripted brain otherwise.
LLM errors are counted by kind (the ``[kind]`` prefix of ``llm_calls.error``). "LLM calls
per active agent-step" is the decision calls (first tries and retries) per decision the
model was asked for: 1.0 means no retries at all.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from simverse.core.decisions import SKIP_NOTE
from simverse.store.llm_models import LLMCall, LLMSwitch, error_kind
from simverse.store.models import DecisionRow, StepRow


def llm_summary(session: Session, run_id: int) -> dict[str, Any]:
    """Decisions by maker and status, decision calls per active agent-step, errors by kind,
    and the run's brain switches."""
    model: Counter[str] = Counter()
    skipped = scripted = decision_calls = 0
    for status, note, call_ids in session.execute(
            select(DecisionRow.status, DecisionRow.note, DecisionRow.llm_call_ids)
            .where(DecisionRow.run_id == run_id)):
        if call_ids:
            model[status] += 1
            decision_calls += len(call_ids)
        elif note == SKIP_NOTE:
            skipped += 1
        else:
            scripted += 1
    errors = Counter(error_kind(e) for e in session.scalars(
        select(LLMCall.error).where(LLMCall.run_id == run_id, LLMCall.error.is_not(None))))
    asked = sum(model.values())
    return {
        "model_decisions": dict(model), "skipped_decisions": skipped, "scripted_decisions": scripted,
        "decision_calls": decision_calls,
        "calls_per_active_agent_step": round(decision_calls / asked, 3) if asked else 0.0,
        "llm_errors": dict(sorted(errors.items())), "switches": llm_switches(session, run_id),
    }


def llm_switches(session: Session, run_id: int) -> list[dict[str, Any]]:
    """The run's brain switches in order (none in a database made before they existed)."""
    if not inspect(session.connection()).has_table(LLMSwitch.__tablename__):
        return []
    rows = session.scalars(select(LLMSwitch).where(LLMSwitch.run_id == run_id).order_by(LLMSwitch.id))
    return [{"step": r.step, "role": r.role, "from": r.from_llm, "to": r.to_llm, "after_talk": r.after_talk}
            for r in rows]


BRAIN_COUNTS = ("decisions", "valid", "repaired", "retried", "defaulted", "llm_calls", "actions", "failed_actions")


def brain_totals(session: Session, run_id: int) -> dict[str, dict[str, int]]:
    """Per brain of a mixed population, its counters added over the run's steps (none for a
    run with one brain)."""
    totals: dict[str, Counter[str]] = {}
    for stats in session.scalars(select(StepRow.stats).where(StepRow.run_id == run_id)):
        for label, counts in ((stats or {}).get("brains") or {}).items():
            totals.setdefault(label, Counter()).update({k: int(counts.get(k, 0)) for k in BRAIN_COUNTS})
    return {label: dict(counts) for label, counts in sorted(totals.items())}
