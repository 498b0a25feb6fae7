"""Core commands: list worlds, run and resume worlds, inspect runs."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from simverse.cli.app import UserError, app, console
from simverse.core.loader import load_world, shipped_worlds
from simverse.store.run_store import RunStore, db_url, default_db_path
from simverse.store.transcript import run_summary, transcript


@app.command()
def worlds() -> None:
    """List the shipped worlds."""
    table = Table("world", "title", "npcs", "places", "actions", "description")
    for path in shipped_worlds():
        spec = load_world(path)
        table.add_row(spec.name, spec.title, str(len(spec.npcs)), str(len(spec.places)),
                      str(len(spec.actions)), spec.description)
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
    steps: Annotated[int, typer.Option(help="steps to run")] = 48,
    seed: Annotated[int, typer.Option(help="random seed")] = 0,
    db: Annotated[str | None, typer.Option(help="run database, path or SQLAlchemy URL (default runs/WORLD.db)")] = None,
    llm: Annotated[str | None, typer.Option(help="brain: scripted | transformers:PATH | openai:URL#MODEL")] = None,
    llm_events: Annotated[str | None, typer.Option(help="event-inference model spec (default: world's)")] = None,
    embedder: Annotated[str | None, typer.Option(help="memory embedder: minilm | hashing (default: world's)")] = None,
    replay: Annotated[str | None, typer.Option(help="answer LLM requests from a recorded run (DB or DB#RUN)")] = None,
    resume: Annotated[str | None, typer.Option(help="continue the run stored in this database")] = None,
    run_id: Annotated[int | None, typer.Option(help="with --resume: which run (default: the newest)")] = None,
    quiet: Annotated[bool, typer.Option(help="no progress bar")] = False,
    brain: Annotated[list[str] | None, typer.Option(
        help="WHO=SPEC: a brain for some NPCs (WHO: a name, tag:NAME, share:0.3 or *); repeatable")] = None,
) -> None:
    """Run a world (or resume a stored run) and print a summary."""
    from simverse.world.model import World

    if resume:
        sim = World.resume(resume, run_id=run_id, llm=llm, embedder=embedder, llm_events=llm_events)
        target = sim.step_index + steps
        console.print(f"resuming run {sim.run_id} of {escape(resume)} at step {sim.step_index}")
    elif world:
        spec = load_world(world)
        path = db or str(default_db_path(spec.name))
        sim = World(spec, seed=seed, db=path, llm=llm, embedder=embedder, llm_events=llm_events, replay=replay,
                    brains=brain_pairs(brain or []))
        target = steps
        console.print(f"run {sim.run_id} of {spec.title} (seed {seed}) -> {escape(db_url(path))}")
    else:
        raise UserError("give a WORLD to run, or --resume DB")
    started = time.perf_counter()
    remaining = max(0, target - sim.step_index)
    with Progress(
        TextColumn("[bold]steps"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        TextColumn("{task.fields[clock]}"), console=console, disable=quiet, transient=False,
    ) as progress:
        task = progress.add_task("run", total=remaining, clock="")
        sim.run(remaining, on_step=lambda s: progress.update(task, advance=1, clock=sim.clock.label(s)))
    sim.store.set_status(sim.run_id, "finished")
    _print_summary(sim.store, sim.run_id, time.perf_counter() - started)
    sim.close()


def _print_summary(store: RunStore, run_id: int, wall: float | None = None) -> None:
    summary = run_summary(store, run_id)
    table = Table("run summary", "", show_header=False)
    for key in ("run", "world", "seed", "llm", "steps", "conversations", "dialogue_lines", "actions",
                "failed_actions", "events"):
        table.add_row(key, escape(str(summary[key])))
    decisions = summary["decisions"]
    total = sum(decisions.values()) or 1
    table.add_row("decisions", ", ".join(f"{k} {v} ({100 * v / total:.0f}%)" for k, v in sorted(decisions.items())))
    if summary["llm_calls"]:
        table.add_row("llm calls", f"{summary['llm_calls']} ({summary['llm_calls_per_agent_step']} per agent-step)")
        table.add_row("llm tokens", f"{summary['prompt_tokens']} prompt, {summary['completion_tokens']} completion")
        table.add_row("llm latency", f"{summary['llm_latency_s']:.2f} s summed over calls")
    if wall is not None:
        table.add_row("wall time", f"{wall:.2f} s")
    console.print(table)


@app.command()
def inspect(
    db: Annotated[str, typer.Argument(help="run database (path or URL)")],
    run_id: Annotated[int | None, typer.Option("--run", help="show this run's transcript")] = None,
    npc: Annotated[str | None, typer.Option(help="only lines involving this NPC")] = None,
    first: Annotated[int | None, typer.Option("--from-step", help="first step")] = None,
    last: Annotated[int | None, typer.Option("--to-step", help="last step")] = None,
) -> None:
    """List the runs in a database, or print one run's dialogue and events."""
    if "://" not in db and not Path(db).exists():
        raise UserError(f"{db}: no such run database")
    store = RunStore(db_url(db))
    if run_id is None:
        table = Table("run", "world", "seed", "llm", "steps", "status", "forked from", "created")
        for r in store.runs():
            fork = f"{r.parent_run_id}@{r.forked_at_step}" if r.parent_run_id else ""
            table.add_row(str(r.id), r.world, str(r.seed), escape(r.llm), str(r.last_step), r.status, fork,
                          r.created_at.strftime("%Y-%m-%d %H:%M"))
        console.print(table)
        return
    store.run(run_id)
    current = None
    for line in transcript(store, run_id, npc=npc, first=first, last=last):
        if line.step != current:
            current = line.step
            console.print(f"\n[bold]step {line.step}[/bold]  {line.sim_time}")
        style = "cyan" if line.kind == "dialogue" else "yellow" if line.kind != "action" else ""
        text = escape(line.text)
        console.print(f"  [{style}]{text}[/{style}]" if style else f"  {text}", highlight=False)
    _print_summary(store, run_id)
