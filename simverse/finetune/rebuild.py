"""Rebuild the decision requests of a stored run by running it again, checked step by step.

The store keeps what each brain decided but not the whole :class:`DecisionRequest` it was
shown, and a scripted brain sends no chat at all. A run is deterministic (seeded rng,
recorded LLM answers), so running it again in memory from its world file and seed, with
its recorded calls answering every model request (no model is loaded) and its pending
injections re-applied as ``simverse replay`` does, reproduces every request. A wrapper
around the brain captures each request with the decision made for it.

Every re-run step is compared with the stored one (its decisions and its events); from
the first step that differs (a fork whose injection the store cannot reproduce, a run
recorded by another version of simverse) nothing more is taken from the re-run, and the
step is reported.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from simverse.core.decisions import Decision, DecisionRequest
from simverse.core.loader import WorldFileError, parse_world
from simverse.llm.recording import CacheMiss
from simverse.store.models import DecisionRow, EventRow, RunRow
from simverse.store.run_store import RunStore, StepBatch

DECISION_KEYS = ("npc", "mode", "action", "args", "utterance", "status")
EVENT_KEYS = ("kind", "actor", "action", "args", "success", "narration")


@dataclass
class Rebuilt:
    """Captured ``(request, decision)`` pairs by decision id, and where the re-run stopped
    agreeing with the store (``diverged_at``) or failed (``error``)."""

    pairs: dict[int, tuple[DecisionRequest, Decision]] = field(default_factory=dict)
    steps: int = 0
    diverged_at: int | None = None
    error: str = ""


class CapturingBrain:
    """Pass requests to ``inner`` and keep each request with the decision made for it."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.name = inner.name
        self.pending: list[tuple[DecisionRequest, Decision]] = []

    def decide_batch(self, requests: Sequence[DecisionRequest]) -> list[Decision]:
        answers = self.inner.decide_batch(requests)
        self.pending.extend(zip(requests, answers, strict=False))
        return answers

    def __getattr__(self, name: str) -> Any:  # take_stats, drain_calls, ... of the inner brain
        return getattr(self.inner, name)


def _stored_step(store: RunStore, run_id: int, step: int) -> tuple[list[dict], list[dict]]:
    """The stored decisions and events of one step, as comparable dicts."""
    with store.session() as session:
        decisions = session.scalars(select(DecisionRow).where(
            DecisionRow.run_id == run_id, DecisionRow.step == step).order_by(DecisionRow.id)).all()
        events = session.scalars(select(EventRow).where(
            EventRow.run_id == run_id, EventRow.step == step).order_by(EventRow.id)).all()
    return ([{k: getattr(d, k) for k in ("id", *DECISION_KEYS)} for d in decisions],
            [{k: getattr(e, k) for k in EVENT_KEYS} for e in events])


def _same(stored: list[dict], rerun: list[dict], keys: Sequence[str]) -> bool:
    return [[s.get(k) for k in keys] for s in stored] == [[r.get(k) for k in keys] for r in rerun]


def _open_world(source_db: str, run: RunRow) -> Any:
    """The run's world, in memory, answering model requests from the run's recording, with
    its per-NPC brains as ``World.resume`` restores them (the run's config holds them all)."""
    from simverse.world.connect import stored_brain
    from simverse.world.model import World

    spec = parse_world(run.world_spec, source=f"{source_db} run {run.id}").model_copy(deep=True)
    spec.settings.brains = []
    config = run.config or {}
    pairs = [(who, stored_brain(label, {})) for who, label in config.get("brains", [])]
    specs = [run.llm, config.get("llm_events") or "scripted", *(label for _, label in pairs)]
    uses_model = any(s != "scripted" for s in specs)
    return World(spec, seed=run.seed, llm=run.llm, llm_events=config.get("llm_events"),
                 embedder=config.get("embedder"), memory=config.get("memory", True), brains=pairs,
                 replay=f"{source_db}#{run.id}" if uses_model else None)


def rebuild_run(store: RunStore, source_db: str, run: RunRow, last_step: int | None = None,
                on_step: Callable[[int], None] | None = None) -> Rebuilt:
    """Run ``run`` again up to ``last_step`` (default: its last) and capture its requests."""
    from simverse.core.runtime import StepRuntime
    from simverse.world.wiring import use_brain

    result = Rebuilt()
    try:
        world = _open_world(source_db, run)
    except (WorldFileError, ValueError) as exc:  # an old world file; a brain that was a Python object
        result.error = str(exc)
        return result
    brain = CapturingBrain(world.brain)
    use_brain(world, brain)
    seen: dict[str, list[dict]] = {}

    def hook(_world: Any, batch: StepBatch) -> None:
        seen["decisions"] = list(batch.rows.get(DecisionRow, []))
        seen["events"] = list(batch.rows.get(EventRow, []))

    world.step_hooks.append(hook)
    try:
        for step in range(1, min(run.last_step, last_step or run.last_step) + 1):
            for injection in StepRuntime.from_json(store.step_row(run.id, step - 1).runtime).pending:
                world.queue(injection)
            brain.pending = []
            world.step()
            decisions, events = _stored_step(store, run.id, step)
            if not (_same(decisions, seen["decisions"], ("id", *DECISION_KEYS))
                    and _same(events, seen["events"], EVENT_KEYS)):
                result.diverged_at = step
                break
            for row, pair in zip(seen["decisions"], brain.pending, strict=True):
                result.pairs[row["id"]] = pair
            result.steps = step
            if on_step is not None:
                on_step(step)
    except CacheMiss as exc:  # the run asked a model something the recording lacks
        result.error = f"step {result.steps + 1}: {exc}"
    finally:
        world.close()
    return result
