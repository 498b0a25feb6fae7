"""Run one sweep cell in its own database: the unit of work a local process or a Ray task does.

``run_cell(task)`` builds the cell's world (the sweep's world with the setting's overrides),
runs it for the sweep's steps with the injected events, computes the run's metrics and
per-step series, and returns them in a :class:`CellResult`. It never raises: a failure
comes back as ``status="failed"`` with the error and traceback, so the coordinator can
record it. Each cell writes only its own SQLite file (no writer contention between cells);
a rerun of the cell starts that file afresh.
"""

from __future__ import annotations

import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from simverse.core.loader import parse_world
from simverse.core.rules import parse_effect
from simverse.core.state import Effect
from simverse.experiments.metrics import final_plugin_metrics, merged_series, run_metrics
from simverse.experiments.sweep_config import MODEL_KEYS, InjectionSpec
from simverse.experiments.world_overrides import apply_overrides


@dataclass(frozen=True)
class CellTask:
    """Everything a worker needs to run one cell (plain data: it crosses process boundaries)."""

    key: str
    label: str
    world: dict[str, Any]
    setting: dict[str, Any]
    seed: int
    steps: int
    llm: str
    embedder: str
    memory: bool
    reach_k: int
    cell_db: str
    inject: list[dict[str, Any]] = field(default_factory=list)
    ship_db: bool = False


@dataclass
class CellResult:
    """What a cell produced: its run (in ``cell_db``), metrics and series, or its error."""

    key: str
    status: str
    cell_db: str
    run_id: int | None = None
    metrics: dict[str, Any] | None = None
    series: list[dict[str, Any]] | None = None
    error: str | None = None
    wall_s: float = 0.0
    db_bytes: bytes | None = None


def run_cell(task: CellTask) -> CellResult:
    """Run one cell; see the module docstring."""
    started = time.perf_counter()
    try:
        result = _run(task)
    except Exception as exc:  # a failed cell is data for the sweep, reported, never lost
        detail = "".join(traceback.format_exception(exc, limit=-6))
        result = CellResult(task.key, "failed", task.cell_db, error=f"{type(exc).__name__}: {exc}\n{detail}")
    result.wall_s = time.perf_counter() - started
    return result


def _run(task: CellTask) -> CellResult:
    from simverse.world.model import World

    world_setting = {k: v for k, v in task.setting.items() if k not in MODEL_KEYS}
    model = {"llm": task.llm, "embedder": task.embedder, "memory": task.memory}
    model.update({k: v for k, v in task.setting.items() if k in MODEL_KEYS})
    spec = parse_world(apply_overrides(task.world, world_setting), source=f"sweep cell {task.label}")
    path = Path(task.cell_db)
    path.parent.mkdir(parents=True, exist_ok=True)
    for leftover in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)
    injections = [InjectionSpec.model_validate(i) for i in task.inject]
    world = World(spec, seed=task.seed, db=str(path), llm=str(model["llm"]), embedder=str(model["embedder"]),
                  memory=bool(model["memory"]))
    try:
        for stop in sorted({i.step for i in injections if i.step <= task.steps} | {task.steps + 1}):
            world.run(stop - 1 - world.step_index)
            for injection in (i for i in injections if i.step == stop):
                queue_injection(world, injection)
        world.store.set_status(world.run_id, "finished")
        metrics = run_metrics(world.store, world.run_id, task.reach_k)
        metrics.update(final_plugin_metrics(world))
        series = merged_series(world)
        run_id = world.run_id
    finally:
        world.close()
    data = path.read_bytes() if task.ship_db else None
    return CellResult(task.key, "finished", str(path), run_id, metrics, series, db_bytes=data)


def queue_injection(world: Any, injection: InjectionSpec) -> None:
    """Queue ``injection`` on ``world`` (``world.inject``) to fire at the start of the next step.

    Effects use the world file's effect syntax (``bakery.on_fire = true``); its ``facts``
    become true for the world and are believed by those who see the event. Subjects and
    objects of those facts that the world does not declare are registered as concepts of
    this run's knowledge graph (the sweep file declares them by naming them); a stored run
    with such facts is therefore for analysis, not for ``World.resume``.
    """
    roles = set(world.state.entities)
    effects = []
    for text in injection.effects:
        rule = parse_effect(text, roles)
        value = rule.value.literal if rule.value.role is None else world.state.get(rule.value.role, rule.value.prop)
        effects.append(Effect(rule.role, rule.prop, rule.op, value))
    facts = None
    if injection.facts:
        register = getattr(world.knowledge, "register_entities", None)
        if register is not None:
            register({"concept": [e for f in injection.facts for e in (f.subject, f.object)]})
        facts = [f.model_dump() for f in injection.facts]
    world.inject(injection.text, effects, place=injection.place, importance=injection.importance, facts=facts)
