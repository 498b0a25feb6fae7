"""Read a stored run back as a readable transcript of dialogue and events, and as a summary."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from simverse.store.llm_models import LLMCall
from simverse.store.models import DecisionRow, DialogueRow, EventRow, NPCStateRow, RunRow, StepRow
from simverse.store.run_store import RunStore


@dataclass(frozen=True)
class TranscriptLine:
    step: int
    sim_time: str
    kind: str
    text: str


def transcript(
    store: RunStore, run_id: int, npc: str | None = None, first: int | None = None, last: int | None = None
) -> Iterator[TranscriptLine]:
    """Events and dialogue of a run in step order; filter by NPC and a step range."""
    with store.session() as session:
        times = dict(session.execute(select(StepRow.step, StepRow.sim_time).where(StepRow.run_id == run_id)).all())
        events = select(EventRow).where(EventRow.run_id == run_id)
        lines = select(DialogueRow).where(DialogueRow.run_id == run_id)
        if first is not None:
            events, lines = events.where(EventRow.step >= first), lines.where(DialogueRow.step >= first)
        if last is not None:
            events, lines = events.where(EventRow.step <= last), lines.where(DialogueRow.step <= last)
        if npc is not None:
            events = events.where(EventRow.actor == npc)
            lines = lines.where((DialogueRow.speaker == npc) | (DialogueRow.listener == npc))
        rows: list[tuple[int, int, int, TranscriptLine]] = []
        for e in session.scalars(events):
            if e.action == "wait":
                continue
            mark = "" if e.success or e.reason in e.narration else f"  [failed: {e.reason}]"
            rows.append((e.step, 0, e.id, TranscriptLine(e.step, times.get(e.step, ""), e.kind, e.narration + mark)))
        for d in session.scalars(lines):
            told = f"  [tells: {', '.join(d.told_facts)}]" if d.told_facts else ""
            text = f"{d.speaker} to {d.listener}: {d.text}{told}"
            rows.append((d.step, 1, d.id, TranscriptLine(d.step, times.get(d.step, ""), "dialogue", text)))
    for *_, line in sorted(rows, key=lambda r: r[:3]):
        yield line


def run_summary(store: RunStore, run_id: int) -> dict[str, Any]:
    """Counts over a whole run, for the end-of-run summary and ``inspect``."""
    with store.session() as session:
        run = session.get(RunRow, run_id)
        steps = session.scalar(select(func.count()).where(StepRow.run_id == run_id, StepRow.step > 0)) or 0
        wall = session.scalar(select(func.sum(StepRow.wall_time_s)).where(StepRow.run_id == run_id, StepRow.step > 0))
        conversations = session.scalar(
            select(func.count(func.distinct(DialogueRow.conversation))).where(DialogueRow.run_id == run_id)
        ) or 0
        lines = session.scalar(select(func.count()).where(DialogueRow.run_id == run_id)) or 0
        actions = session.scalar(
            select(func.count()).where(EventRow.run_id == run_id, EventRow.kind == "action")
        ) or 0
        failed = session.scalar(
            select(func.count()).where(
                EventRow.run_id == run_id, EventRow.kind == "action", EventRow.success.is_(False)
            )
        ) or 0
        events = session.scalar(
            select(func.count()).where(EventRow.run_id == run_id, EventRow.kind != "action")
        ) or 0
        by_status = select(DecisionRow.status, func.count()).where(DecisionRow.run_id == run_id)
        statuses = dict(session.execute(by_status.group_by(DecisionRow.status)).all())
        calls, prompt_tokens, completion_tokens, latency = session.execute(
            select(func.count(), func.sum(LLMCall.prompt_tokens), func.sum(LLMCall.completion_tokens),
                   func.sum(LLMCall.latency_s)).where(LLMCall.run_id == run_id)
        ).one()
        agent_steps = session.scalar(
            select(func.count()).where(NPCStateRow.run_id == run_id, NPCStateRow.step > 0)
        ) or 0
    return {
        "run": run_id, "world": run.world if run else "?", "seed": run.seed if run else None,
        "llm": run.llm if run else "?", "steps": steps, "conversations": conversations,
        "dialogue_lines": lines, "actions": actions, "failed_actions": failed, "events": events,
        "decisions": statuses, "step_wall_time_s": round(float(wall or 0.0), 3),
        "llm_calls": calls, "prompt_tokens": int(prompt_tokens or 0), "completion_tokens": int(completion_tokens or 0),
        "llm_latency_s": round(float(latency or 0.0), 3),
        "llm_calls_per_agent_step": round(calls / agent_steps, 3) if agent_steps else 0.0,
    }
