"""Fork a stored run: a new run in the same database that shares its history up to a step.

:func:`fork_run` copies, under a new run id, every row of the run tables with
``step <= at_step``: ``steps``, ``npc_states``, ``decisions``, ``events``, ``dialogue``,
``retrieval_logs``, ``memory_accesses``, ``llm_calls``, ``llm_switches``, ``player_talk``,
``redactions``, ``embeddings`` (vectors first needed by then) and ``memories``
(formed at or before the step), and the ``facts`` that started by then, reopened
(``valid_to = NULL``) where they closed later. The new run's ``parent_run_id`` and
``forked_at_step`` say where it came from; ``World.resume``
then continues it from the step's stored state and rng, so without changes it replays the
parent exactly, and with an injected event it diverges from there.

Memory bookkeeping as of the step: ``last_access_step``/``last_access_hours`` are not stored
per step, so they are recomputed from the copied ``memory_accesses`` and ``retrieval_logs``
(the last retrieval at or before the step, else formation); accesses that were never logged
are lost. ``archived`` is
recomputed from the copied summaries' ``evidence`` (a memory folded into a summary made
after the step is active again).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import numpy as np
from sqlalchemy import Table, insert, select

from simverse.core.clock import Clock
from simverse.core.schema import Environment
from simverse.store.knowledge_models import FactRow
from simverse.store.llm_models import LLMCall, LLMSwitch
from simverse.store.memory_models import EmbeddingRow, Memory, MemoryAccess, RetrievalLog
from simverse.store.models import DecisionRow, DialogueRow, EventRow, NPCStateRow, RunRow, StepRow
from simverse.store.redaction_models import RedactionRow
from simverse.store.run_store import RunNotFound, RunStore
from simverse.store.talk_models import PlayerTalkRow

STEP_TABLES = (StepRow, NPCStateRow, DecisionRow, EventRow, DialogueRow, LLMCall, LLMSwitch, PlayerTalkRow,
               RedactionRow, EmbeddingRow, MemoryAccess)


def fork_run(store: RunStore, run_id: int, at_step: int) -> int:
    """Copy run ``run_id``'s history up to ``at_step`` into a new run; returns its id."""
    parent = store.run(run_id)
    last = store.last_step(run_id)
    if last is None or not 0 <= at_step <= last:
        raise RunNotFound(f"{store.url}: run {run_id} has no committed step {at_step} (last is {last})")
    env = Environment.model_validate(parent.world_spec.get("environment", {}))
    clock = Clock.from_hhmm(env.start, env.minutes_per_step)
    with store.session() as session, session.begin():
        llm, config = _brains_at(session, parent, at_step)
        child = RunRow(
            world=parent.world, seed=parent.seed, llm=llm, config=config,
            world_spec=parent.world_spec, versions=parent.versions, status="forked", last_step=at_step,
            parent_run_id=run_id, forked_at_step=at_step, created_at=datetime.now(UTC),
        )
        session.add(child)
        session.flush()
        new_id = child.id
        for model in STEP_TABLES:
            rows = _rows(session, model.__table__, run_id, model.__table__.c.step <= at_step)
            _insert(session, model.__table__, rows, new_id)
        facts = _rows(session, FactRow.__table__, run_id, FactRow.valid_from <= at_step)
        for row in facts:
            if row["valid_to"] is not None and row["valid_to"] > at_step:
                row["valid_to"] = None
        _insert(session, FactRow.__table__, facts, new_id)
        logs = _rows(session, RetrievalLog.__table__, run_id, RetrievalLog.step <= at_step)
        for row in logs:
            row.pop("id")
        _insert(session, RetrievalLog.__table__, logs, new_id)
        accesses = _rows(session, MemoryAccess.__table__, run_id, MemoryAccess.step <= at_step)
        memories = _rows(session, Memory.__table__, run_id, Memory.step <= at_step)
        _memories_as_of(memories, logs + _access_logs(accesses), clock)
        _insert(session, Memory.__table__, memories, new_id)
    return new_id


def _brains_at(session: Any, parent: RunRow, at_step: int) -> tuple[str, dict[str, Any]]:
    """The parent's brains as they were after ``at_step`` (before any later switch)."""
    llm, config = parent.llm, dict(parent.config)
    later = session.scalars(select(LLMSwitch).where(LLMSwitch.run_id == parent.id, LLMSwitch.step > at_step)
                            .order_by(LLMSwitch.id.desc()))
    for switch in later:  # undo the switches after the fork, newest first
        if switch.role == "npc":
            llm = switch.from_llm
        else:
            config["llm_events"] = switch.from_llm
    return llm, config


def _rows(session: Any, table: Table, run_id: int, where: Any) -> list[dict[str, Any]]:
    stmt = select(table).where(table.c.run_id == run_id, where)
    return [dict(r._mapping) for r in session.execute(stmt)]


def _insert(session: Any, table: Table, rows: list[dict[str, Any]], run_id: int) -> None:
    for row in rows:
        row["run_id"] = run_id
    if rows:
        session.execute(insert(table), rows)


def _access_logs(accesses: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The compact log's rows as ``(memory_id, step)`` records like the full log's."""
    return [{"memory_id": int(i), "step": a["step"]}
            for a in accesses for i in np.frombuffer(a["memory_ids"], dtype="<i4")]


def _memories_as_of(memories: list[dict[str, Any]], logs: list[dict[str, Any]], clock: Clock) -> None:
    last_access: dict[int, int] = {}
    for log in logs:
        last_access[log["memory_id"]] = max(last_access.get(log["memory_id"], -1), log["step"])
    folded = {i for m in memories if m["kind"] == "summary" for i in (m["evidence"] or [])}
    for memory in memories:
        seen = last_access.get(memory["id"])
        if seen is None or seen < memory["step"]:
            memory["last_access_step"], memory["last_access_hours"] = memory["step"], memory["sim_hours"]
        else:
            memory["last_access_step"], memory["last_access_hours"] = seen, clock.sim_hours(seen)
        memory["archived"] = memory["id"] in folded
