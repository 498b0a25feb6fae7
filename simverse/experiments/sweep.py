"""Run a sweep: every cell of a config's grid x seeds, locally in processes or on Ray.

Layout on disk (``root`` defaults to ``runs/sweeps``)::

    runs/sweeps/<name>.db                  results database: sweep_cells + every cell's run
    runs/sweeps/<name>/cell-<digest>.db    one SQLite file per cell, written by its worker only

Workers never share a database file, so there is no SQLite writer contention; when a cell
finishes, the coordinator (this process, the only writer of the results database) copies
its run into the results database and records the cell in ``sweep_cells`` in one
transaction. A restarted sweep skips cells already ``finished``; ``failed``, ``pending`` and
``running`` (interrupted) cells run again from scratch. Failed cells keep their error.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select, update

from simverse.core.loader import load_world
from simverse.experiments.cell_run import CellResult, CellTask, run_cell
from simverse.experiments.run_copy import copy_run
from simverse.experiments.sweep_check import check_sweep
from simverse.experiments.sweep_config import Cell, SweepConfig
from simverse.store.run_store import RunStore, db_url
from simverse.store.sweep_models import SweepCellRow

SWEEPS_DIR = Path("runs") / "sweeps"


@dataclass
class SweepOutcome:
    """What a sweep call did: cells run now, skipped as already finished, and failures."""

    results_db: str
    total: int
    skipped: int = 0
    finished: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)


def results_path(name: str, root: Path = SWEEPS_DIR) -> Path:
    """The default results database of sweep ``name``."""
    return root / f"{name}.db"


def run_sweep(
    config: SweepConfig,
    *,
    results: str | Path | None = None,
    workers: int = 2,
    ray: str | None = None,
    root: Path = SWEEPS_DIR,
    on_start: Callable[[int, int], None] | None = None,
    on_cell: Callable[[Cell, CellResult], None] | None = None,
    source: str | None = None,
) -> SweepOutcome:
    """Run the cells of ``config`` not yet finished; see the module docstring.

    ``ray`` is None for local processes (``workers`` of them), else a Ray address
    (``auto``, ``local`` or ``HOST:PORT``). ``on_start(todo, skipped)`` is called once and
    ``on_cell(cell, result)`` after each cell is recorded (for a progress bar). The fixed
    fields are checked first (:func:`check_sweep`), errors naming ``source`` (the sweep
    file, where there is one).
    """
    check_sweep(config, source or f"sweep {config.name}")
    results_db = Path(results) if results else results_path(config.name, root)
    cell_dir = results_db.parent / results_db.stem
    results_db.parent.mkdir(parents=True, exist_ok=True)  # the sweep's own folder (the store creates none)
    store = RunStore(db_url(results_db))
    cells = {c.key: c for c in config.cells()}
    try:
        finished = _register(store, config.name, list(cells.values()))
        todo = [c for key, c in cells.items() if key not in finished]
        outcome = SweepOutcome(str(results_db), len(cells), skipped=len(cells) - len(todo))
        if on_start is not None:
            on_start(len(todo), outcome.skipped)
        if not todo:
            return outcome
        world = load_world(config.world).model_dump(mode="json")
        tasks = [_task(config, world, c, cell_dir) for c in todo]
        _mark_running(store, config.name, [t.key for t in tasks])
        stream = _local_results(tasks, workers) if ray is None else _ray_results(tasks, ray, workers)
        for result in stream:
            _record(store, config.name, result)
            if result.status == "finished":
                outcome.finished.append(result.key)
            else:
                outcome.failed[result.key] = result.error or "unknown error"
            if on_cell is not None:
                on_cell(cells[result.key], result)
        return outcome
    finally:
        store.close()


def _task(config: SweepConfig, world: dict[str, Any], cell: Cell, cell_dir: Path) -> CellTask:
    return CellTask(
        key=cell.key, label=cell.label, world=world, setting=cell.setting, seed=cell.seed, steps=config.steps,
        llm=config.llm, embedder=config.embedder, memory=config.memory, reach_k=config.reach_k,
        cell_db=str((cell_dir / f"cell-{cell.digest}.db").resolve()),
        inject=[i.model_dump(mode="json") for i in config.inject],
    )


def _register(store: RunStore, sweep: str, cells: list[Cell]) -> set[str]:
    """Add rows for cells not yet known; return the keys of finished cells."""
    with store.session() as session, session.begin():
        known = dict(session.execute(
            select(SweepCellRow.cell_key, SweepCellRow.status).where(SweepCellRow.sweep == sweep)
        ).all())
        for cell in cells:
            if cell.key not in known:
                session.add(SweepCellRow(sweep=sweep, cell_key=cell.key, digest=cell.digest, setting=cell.setting,
                                         seed=cell.seed, status="pending"))
    return {key for key, status in known.items() if status == "finished"}


def _mark_running(store: RunStore, sweep: str, keys: list[str]) -> None:
    now = datetime.now(UTC)
    with store.session() as session, session.begin():
        session.execute(
            update(SweepCellRow).where(SweepCellRow.sweep == sweep, SweepCellRow.cell_key.in_(keys))
            .values(status="running", started_at=now, attempts=SweepCellRow.attempts + 1)
        )


def _record(store: RunStore, sweep: str, result: CellResult) -> None:
    """Copy a finished cell's run into the results database and record the cell, in one transaction."""
    values: dict[str, Any] = {
        "status": result.status, "cell_db": result.cell_db, "metrics": result.metrics, "series": result.series,
        "error": result.error, "wall_s": result.wall_s, "finished_at": datetime.now(UTC), "run_id": None,
    }
    if result.status == "finished":
        path = Path(result.cell_db)
        if result.db_bytes is not None and not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(result.db_bytes)
        source = RunStore(db_url(path))
        try:
            with store.session() as session, session.begin():
                values["run_id"] = copy_run(source, result.run_id, session)
                _update_cell(session, sweep, result.key, values)
            return
        except Exception as exc:  # the cell ran but could not be gathered: record why
            values.update(status="failed", error=f"copying the run from {path} failed: {exc!r}", run_id=None)
        finally:
            source.close()
    with store.session() as session, session.begin():
        _update_cell(session, sweep, result.key, values)


def _update_cell(session: Any, sweep: str, key: str, values: dict[str, Any]) -> None:
    session.execute(
        update(SweepCellRow).where(SweepCellRow.sweep == sweep, SweepCellRow.cell_key == key).values(**values)
    )


def _local_results(tasks: list[CellTask], workers: int) -> Iterator[CellResult]:
    """Run tasks in ``workers`` fresh (spawned) processes; yield results as they finish."""
    context = multiprocessing.get_context("spawn")
    with cf.ProcessPoolExecutor(max_workers=max(1, workers), mp_context=context) as pool:
        futures = {pool.submit(run_cell, task): task for task in tasks}
        for future in cf.as_completed(futures):
            task = futures[future]
            try:
                yield future.result()
            except Exception as exc:  # the worker process died: the cell failed, recorded as such
                yield CellResult(task.key, "failed", task.cell_db, error=f"worker process failed: {exc!r}")


def _ray_results(tasks: list[CellTask], address: str, workers: int) -> Iterator[CellResult]:
    from simverse.experiments.ray_runner import ray_results

    yield from ray_results(tasks, address, workers)
