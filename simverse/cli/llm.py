"""``simverse replay``: re-run a recorded run with no model at all, and prove it identical."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from simverse.cli.app import UserError, app, console
from simverse.core.loader import parse_world
from simverse.core.runtime import StepRuntime
from simverse.llm.recording import CacheMiss
from simverse.store.digest import differing_tables, run_digest
from simverse.store.run_store import RunStore, db_url


@app.command()
def replay(
    db: Annotated[str, typer.Argument(help="run database holding the recorded run")],
    run_id: Annotated[int | None, typer.Option("--run", help="which run (default: the newest)")] = None,
    out: Annotated[str | None, typer.Option(help="database for the replayed run (default DB-replay.db)")] = None,
) -> None:
    """Replay a recorded run from its stored LLM calls (no model is loaded) and check that
    the new database holds the same run."""
    from simverse.world.model import World

    if "://" not in db and not Path(db).exists():
        raise UserError(f"{db}: no such run database")
    source = RunStore(db_url(db))
    run = source.run(run_id)
    target = out or str(Path(db).with_name(f"{Path(db).stem}-replay.db"))
    if "://" not in target and Path(target).exists():
        raise UserError(f"{target}: already exists; choose another --out")
    spec = parse_world(run.world_spec, source=f"{db} run {run.id}")
    config = run.config
    started = time.perf_counter()
    world = World(spec, seed=run.seed, db=target, llm=run.llm, llm_events=config.get("llm_events"),
                  embedder=config.get("embedder"), memory=config.get("memory", True), replay=f"{db}#{run.id}")
    live_time = 0.0
    try:
        for step in range(1, run.last_step + 1):
            before = source.step_row(run.id, step - 1)
            for injection in StepRuntime.from_json(before.runtime).pending:
                world.queue(injection)
            world.step()
            live_time += source.step_row(run.id, step).wall_time_s
    except CacheMiss as exc:
        raise UserError(f"replay of {db} run {run.id} stopped: {exc}") from None
    replay_time = time.perf_counter() - started
    differ = differing_tables(run_digest(source, run.id), run_digest(world.store, world.run_id))
    world.close()
    console.print(f"replayed {run.last_step} steps of run {run.id} into {escape(target)} "
                  f"in {replay_time:.2f} s (the live run's steps took {live_time:.2f} s)")
    if differ:
        console.print(f"[red]the replay differs from the recording in: {', '.join(differ)}[/red]")
        raise typer.Exit(1)
    console.print("identical: every stored table matches the recorded run")
