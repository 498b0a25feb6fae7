"""Core commands: list worlds, run and resume worlds, inspect and check run databases."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from simverse.cli.app import UserError, app, console, shown
from simverse.cli.models import check_models
from simverse.cli.summary import print_summary
from simverse.core.clock import MAX_STEPS
from simverse.core.loader import load_world, shipped_worlds
from simverse.core.seeds import MAX_SEED
from simverse.core.state import MAX_INT
from simverse.llm.errors import LLMUnavailable
from simverse.store.database import check_database, integrity_problems, sqlite_file
from simverse.store.run_store import RunStore, db_url, default_db_path, open_read_only
from simverse.store.transcript import transcript
from simverse.store.writer_lock import current_writer

DEFAULT_STEPS = 48


@app.command()
def worlds() -> None:
    """List the shipped worlds."""
    table = Table("world", "title", "npcs", "places", "actions", "description")
    for path in shipped_worlds():
        spec = load_world(path)
        table.add_row(shown(spec.name), shown(spec.title), str(len(spec.npcs)), str(len(spec.places)),
                      str(len(spec.actions)), shown(spec.description))
    console.print(table)


def brain_pairs(options: list[str]) -> list[tuple[str, str]]:
    """``--brain WHO=SPEC`` options as (who, spec) pairs."""
    pairs = []
    for option in options:
        who, sep, spec = option.partition("=")
        if not sep or not who.strip() or not spec.strip():
            raise UserError(f"--brain {option!r}: write WHO=SPEC, e.g. --brain 'tag:fisher=openai:URL#MODEL'")
        pairs.append((who.strip(), spec.strip()))
    return pairs


@app.command()
def run(
    world: Annotated[str | None, typer.Argument(help="shipped world name, world directory or world.toml")] = None,
    steps: Annotated[int | None, typer.Option(
        min=0, max=MAX_STEPS, help=f"steps to run (default {DEFAULT_STEPS}); with --resume: steps to add "
                    "(default: finish the run's planned length)")] = None,
    seed: Annotated[int, typer.Option(min=0, max=MAX_SEED, help="random seed")] = 0,
    db: Annotated[str | None, typer.Option(help="run database, path or SQLAlchemy URL (default runs/WORLD.db)")] = None,
    llm: Annotated[str | None, typer.Option(help="brain: scripted | transformers:PATH | openai:URL#MODEL")] = None,
    llm_events: Annotated[str | None, typer.Option(help="event-inference model spec (default: world's)")] = None,
    embedder: Annotated[str | None, typer.Option(help="memory embedder: minilm | hashing (default: world's)")] = None,
    replay: Annotated[str | None, typer.Option(help="answer LLM requests from a recorded run (DB or DB#RUN)")] = None,
    resume: Annotated[str | None, typer.Option(help="continue the run stored in this database")] = None,
    run_id: Annotated[int | None, typer.Option(help="with --resume: which run (default: the newest)")] = None,
    switch_llm: Annotated[bool, typer.Option(help="with --resume: allow a different --llm/--llm-events "
                                                  "(the switch and its step are recorded)")] = False,
    skip_idle: Annotated[bool | None, typer.Option(help="let the scripted brain decide for NPCs with nothing "
                                                        "new (default: the world's setting, on)")] = None,
    llm_seed: Annotated[str, typer.Option(help="does the LLM server honour seed: probe (ask it at start) | "
                                               "honoured | ignored")] = "probe",
    quiet: Annotated[bool, typer.Option(help="no progress bar")] = False,
    brain: Annotated[list[str] | None, typer.Option(
        help="WHO=SPEC: a brain for some NPCs (WHO: a name, tag:NAME, share:0.3 or *); repeatable")] = None,
) -> None:
    """Run a world (or resume a stored run) and print a summary. An LLM that cannot be
    reached (or answers no request of a step) stops the run with one line and exit code 2;
    the steps committed before are kept and can be resumed."""
    from simverse.world.model import World

    options = {"skip_idle": skip_idle, "llm_seed": llm_seed}
    try:
        if resume:
            check_models(llm=llm, llm_events=llm_events, embedder=embedder)
            sim = World.resume(resume, run_id=run_id, llm=llm, embedder=embedder, llm_events=llm_events,
                               switch_llm=switch_llm, **options)
            target = _resume_target(sim, steps)
            console.print(f"resuming run {sim.run_id} of {shown(resume)} at step {sim.step_index} "
                          f"(to step {target})", highlight=False)
        elif world:
            spec = load_world(world)
            check_models(spec, llm=llm, llm_events=llm_events, embedder=embedder)
            path = db or str(default_db_path(spec.name))
            if "://" not in path:
                check_database(path, create=True)
            target = DEFAULT_STEPS if steps is None else steps
            sim = World(spec, seed=seed, db=path, llm=llm, embedder=embedder, llm_events=llm_events,
                        replay=replay, brains=brain_pairs(brain or []), planned_steps=target, **options)
            console.print(f"run {sim.run_id} of {shown(spec.title)} (seed {seed}) -> {shown(db_url(path))}",
                          highlight=False)
        else:
            raise UserError("give a WORLD to run, or --resume DB")
    except (LLMUnavailable, ValueError) as exc:
        raise UserError(str(exc)) from None
    try:
        _run_to(sim, target, quiet)
    finally:
        sim.close()


def _resume_target(sim: Any, steps: int | None) -> int:
    """``--steps N`` adds N steps (and becomes the planned length); without it the run
    finishes its planned length. Runs made before the length was stored run the old
    default of 48 more steps, and say so."""
    planned = sim.store.planned_steps(sim.run_id)
    if steps is None and planned is not None:
        return max(planned, sim.step_index)
    if steps is None:
        console.print(f"run {sim.run_id} has no stored planned length (made by an older simverse): "
                      f"running {DEFAULT_STEPS} more steps; give --steps N to choose", highlight=False)
    target = sim.step_index + (DEFAULT_STEPS if steps is None else steps)
    sim.store.update_config(sim.run_id, planned_steps=target)
    return target


def _run_to(sim: Any, target: int, quiet: bool) -> None:
    """Run up to ``target`` with a progress bar; a dead LLM stops the run in one line
    (the steps committed before are kept)."""
    started = time.perf_counter()
    remaining = max(0, target - sim.step_index)
    sim.store.set_status(sim.run_id, "running")
    try:
        with Progress(
            TextColumn("[bold]steps"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            TextColumn("{task.fields[clock]}"), console=console, disable=quiet, transient=False,
        ) as progress:
            task = progress.add_task("run", total=remaining, clock="")
            sim.run(remaining, on_step=lambda s: progress.update(task, advance=1, clock=sim.clock.label(s)))
    except LLMUnavailable as exc:
        sim.store.set_status(sim.run_id, "stopped")
        raise UserError(f"run {sim.run_id} stopped at step {sim.step_index} (steps so far are kept; "
                        f"continue with --resume): {exc}") from None
    sim.store.set_status(sim.run_id, "finished")
    print_summary(sim.store, sim.run_id, time.perf_counter() - started)


@app.command()
def inspect(
    db: Annotated[str, typer.Argument(help="run database (path or URL)")],
    run_id: Annotated[int | None, typer.Option("--run", help="show this run's transcript")] = None,
    npc: Annotated[str | None, typer.Option(help="only lines involving this NPC")] = None,
    first: Annotated[int | None, typer.Option("--from-step", min=0, max=MAX_INT, help="first step")] = None,
    last: Annotated[int | None, typer.Option("--to-step", min=0, max=MAX_INT, help="last step")] = None,
) -> None:
    """List the runs in a database, or print one run's dialogue and events (read-only)."""
    store = open_read_only(db)
    try:
        if run_id is None:
            _list_runs(store)
            return
        names = [n["name"] for n in store.run(run_id).world_spec.get("npcs", [])]
        if npc is not None and npc not in names:
            raise UserError(f"--npc {npc!r}: run {run_id} has no such NPC (NPCs: {', '.join(names)})")
        current = None
        for line in transcript(store, run_id, npc=npc, first=first, last=last):
            if line.step != current:
                current = line.step
                console.print(f"\n[bold]step {line.step}[/bold]  {shown(line.sim_time)}", highlight=False)
            style = "cyan" if line.kind == "dialogue" else "yellow" if line.kind != "action" else ""
            text = shown(line.text)
            console.print(f"  [{style}]{text}[/{style}]" if style else f"  {text}", highlight=False)
        print_summary(store, run_id)
    finally:
        store.close()


def _list_runs(store: RunStore) -> None:
    table = Table("run", "world", "seed", "llm", "steps", "status", "forked from", "created")
    for r in store.runs():
        fork = f"{r.parent_run_id}@{r.forked_at_step}" if r.parent_run_id else ""
        table.add_row(str(r.id), shown(r.world), str(r.seed), shown(r.llm), _steps_of(r), _status_of(store, r),
                      fork, r.created_at.strftime("%Y-%m-%d %H:%M"))
    console.print(table)


def _steps_of(run) -> str:
    planned = (run.config or {}).get("planned_steps")
    return f"{run.last_step}/{planned}" if isinstance(planned, int) else str(run.last_step)


def _status_of(store: RunStore, run) -> str:
    """``running`` only while a process holds the run; a run left ``running`` by a killed
    process shows as ``interrupted`` (``run --resume`` continues it)."""
    if run.status != "running" or store.path is None:
        return shown(run.status)
    return "running" if current_writer(store.path, run.id) is not None else "interrupted"


@app.command()
def check(db: Annotated[str, typer.Argument(help="run database (a SQLite file)")]) -> None:
    """Check a run database read-only: SQLite's integrity check, then the schema check."""
    path = sqlite_file(db_url(db))
    if path is None:
        raise UserError(f"{db}: `check` reads SQLite files only")
    if not Path(path).exists():
        raise UserError(f"{db}: no such run database")
    info = check_database(path, verify=False)  # one line for anything that is not a simverse database
    problems = integrity_problems(path)
    if problems:
        raise UserError(f"{db}: integrity check failed: {problems[0]}" +
                        (f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""))
    store = open_read_only(path)
    try:
        runs = store.runs()
    finally:
        store.close()
    console.print(f"{shown(db)}: ok (schema version {info.schema_version}, {len(runs)} run(s), "
                  f"integrity check passed)", highlight=False)
