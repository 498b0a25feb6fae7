"""Run sweep cells as Ray tasks: one ``@ray.remote`` task per cell, on a cluster or locally.

``address`` is passed to ``ray.init``: ``"auto"`` joins the cluster this machine belongs
to, ``"ray://HOST:10001"`` or ``"HOST:6379"`` a remote one, and ``"local"`` starts a
private single-machine Ray with ``workers`` CPUs (no dashboard). When Ray is already
initialised in this process (e.g. by a test or notebook) that instance is used as is and
left running.

Cells ship their SQLite file back with the result (``ship_db``), so the coordinator does
not need a filesystem shared with the cluster's nodes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from simverse.experiments.cell_run import CellResult, CellTask, run_cell


class RayUnavailable(RuntimeError):
    """Ray could not be started or reached at the given address."""


def ray_results(tasks: list[CellTask], address: str, workers: int) -> Iterator[CellResult]:
    """Submit every task, then yield results as they finish (a task that dies is a failed cell)."""
    import ray

    started_here = False
    if not ray.is_initialized():
        try:
            if address == "local":
                ray.init(num_cpus=max(1, workers), include_dashboard=False, log_to_driver=False)
            else:
                ray.init(address=address, log_to_driver=False)
        except (ConnectionError, RuntimeError, ValueError) as exc:
            raise RayUnavailable(f"cannot reach Ray at {address!r} ({exc}); use --ray local for a private one") from exc
        started_here = True
    try:
        remote = ray.remote(num_cpus=1, max_retries=0)(run_cell)
        pending = {remote.remote(replace(task, ship_db=True)): task for task in tasks}
        while pending:
            done, _ = ray.wait(list(pending), num_returns=1)
            for ref in done:
                task = pending.pop(ref)
                try:
                    yield ray.get(ref)
                except Exception as exc:  # the task or its worker died: a failed cell, recorded
                    yield CellResult(task.key, "failed", task.cell_db, error=f"ray task failed: {exc!r}")
    finally:
        if started_here:
            ray.shutdown()
