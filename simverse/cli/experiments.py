"""Experiment commands: ``sweep`` (grid x seeds, local processes or Ray), ``report`` (HTML,
CSV, Parquet of a sweep), ``generate`` (a world directory from a prompt)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from simverse.cli.app import UserError, app, console, shown
from simverse.core.seeds import MAX_SEED
from simverse.store.database import check_database


@app.command()
def sweep(
    config: Annotated[str, typer.Argument(help="sweep file, e.g. experiments/rumour_spread.toml")],
    ray: Annotated[str | None, typer.Option(help="run cells as Ray tasks: auto | local | ADDRESS")] = None,
    workers: Annotated[int, typer.Option(min=1, help="local worker processes (or CPUs for --ray local)")] = 2,
    results: Annotated[str | None, typer.Option(help="results database (default runs/sweeps/NAME.db)")] = None,
    quiet: Annotated[bool, typer.Option(help="no progress bar")] = False,
) -> None:
    """Run a parameter grid x seeds over a world; finished cells of an earlier try are skipped."""
    from simverse.experiments.ray_runner import RayUnavailable
    from simverse.experiments.sweep import run_sweep
    from simverse.experiments.sweep_config import SweepConfigError, load_sweep

    try:
        spec = load_sweep(config)
    except SweepConfigError as exc:
        raise UserError(str(exc)) from None
    if results and "://" not in results:
        check_database(results, create=True)
    where = f"Ray ({ray})" if ray else f"{workers} local processes"
    with Progress(
        TextColumn("[bold]cells"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        TextColumn("{task.fields[note]}"), console=console, disable=quiet,
    ) as progress:
        bar = progress.add_task("cells", total=None, note="")
        failures = 0

        def started(todo: int, skipped: int) -> None:
            progress.update(bar, total=todo, note=f"({skipped} already finished) on {where}")

        def done(cell, result) -> None:
            nonlocal failures
            failures += result.status != "finished"
            progress.update(bar, advance=1, note=f"last: {shown(cell.label)} seed {cell.seed}, failed: {failures}")

        try:
            outcome = run_sweep(spec, results=results, workers=workers, ray=ray, on_start=started, on_cell=done,
                                source=config)
        except (RayUnavailable, SweepConfigError) as exc:
            raise UserError(str(exc)) from None
    console.print(f"sweep {shown(spec.name)}: {outcome.total} cells, {outcome.skipped} skipped as finished, "
                  f"{len(outcome.finished)} finished now, {len(outcome.failed)} failed -> {shown(outcome.results_db)}")
    if outcome.failed:
        table = Table("failed cell", "error")
        for key, error in outcome.failed.items():
            table.add_row(shown(key), shown(error.strip().splitlines()[0] if error.strip() else "?"))
        console.print(table)
        raise typer.Exit(1)


@app.command()
def report(
    sweep_db: Annotated[str, typer.Argument(help="results database, or a sweep name (runs/sweeps/NAME.db)")],
    out: Annotated[str | None, typer.Option(help="output directory (default runs/sweeps/NAME-report)")] = None,
    name: Annotated[str | None, typer.Option("--sweep", help="only this sweep of the database")] = None,
) -> None:
    """Write an offline HTML report plus CSV and Parquet tables of a sweep's cells and series."""
    from simverse.experiments.report import write_report
    from simverse.experiments.sweep import results_path

    path = Path(sweep_db)
    if not path.is_file():
        path = results_path(sweep_db)
        if not path.is_file():
            raise UserError(f"{sweep_db}: no such results database or sweep (looked for {path})")
    check_database(path)  # read-only: a file that is no results database is refused untouched
    target = Path(out) if out else path.with_name(f"{path.stem}-report")
    try:
        paths = write_report(path, target, sweep=name)
    except LookupError as exc:
        raise UserError(str(exc)) from None
    for kind, written in paths.items():
        console.print(f"{kind:15} {shown(str(written))}")


@app.command()
def generate(
    prompt: Annotated[str, typer.Argument(help="e.g. 'a mountain monastery with 10 monks and a hidden library'")],
    out: Annotated[str | None, typer.Option(help="world directory to write (default worlds/NAME)")] = None,
    seed: Annotated[int, typer.Option(min=0, max=MAX_SEED, help="random seed")] = 0,
    llm: Annotated[str | None, typer.Option(help="model: transformers:PATH | openai:URL#MODEL")] = None,
    force: Annotated[bool, typer.Option(help="overwrite an existing world directory")] = False,
) -> None:
    """Generate a world directory (world.toml + README) from a prompt; print what the filter blocked."""
    from simverse.authoring.content_generation import check_prompt, default_directory, generate_world_files

    try:
        check_prompt(prompt)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    backend = None
    if llm:
        from simverse.llm.spec import make_backend

        try:
            backend = make_backend(llm)
        except ValueError as exc:
            raise UserError(str(exc)) from None
    target = Path(out) if out else default_directory(prompt, seed)
    if (target / "world.toml").exists() and not force:
        raise UserError(f"{target}: a world already exists there (use --force to overwrite)")
    made = generate_world_files(prompt, target, seed=seed, backend=backend)
    console.print(f"wrote {shown(str(made.world_file))}: {shown(made.name)}, {made.npcs} NPCs, "
                  f"{made.places} places ({made.source})")
    for note in made.notes:
        console.print(f"  repaired: {shown(note)}")
    if made.blocked:
        table = Table("blocked by the content filter: source", "reason", "text")
        for record in made.blocked:
            table.add_row(shown(record.source), shown(record.reason), shown(record.text[:120]))
        console.print(table)
    else:
        console.print("content filter: nothing blocked")
    console.print(f"run it with: simverse run {shown(str(target))}")
