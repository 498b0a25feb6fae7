"""``simverse stress``: run a world for days and report what a designer must know."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from simverse.cli.app import UserError, app, console
from simverse.core.clock import MAX_STEPS
from simverse.experiments.stress import MAX_STRESS_SEEDS


@app.command("stress")
def stress_command(
    world: Annotated[list[str], typer.Argument(help="world names, directories or world.toml files "
                                                    "('all': every shipped world)")],
    days: Annotated[int, typer.Option(min=1, help=f"game days per run (at most {MAX_STEPS} steps)")] = 7,
    seeds: Annotated[int, typer.Option(min=1, max=MAX_STRESS_SEEDS, help="runs, with seeds 0 .. N-1")] = 5,
) -> None:
    """Run worlds for days with the scripted brain; list stuck needs, empty purses, items that
    run out, actions that always fail, schedules never kept and facts that never spread.
    Exit 1 when a finding is not allowed by the world's [stress] table."""
    from simverse.core.loader import load_world, shipped_worlds
    from simverse.experiments.stress import stress, stress_steps

    refs = [str(p) for p in shipped_worlds()] if world == ["all"] else world
    specs = [load_world(ref) for ref in refs]
    for spec in specs:  # every world checked before the first runs
        try:
            stress_steps(spec, days, "--days")
        except ValueError as exc:
            raise UserError(str(exc)) from None
    failed = []
    for spec in specs:
        report = stress(spec, days=days, seeds=seeds)
        table = Table("finding", "seed", "detail", "allowed because", title=f"{spec.name}: {days} days x {seeds} seeds "
                      f"({report.steps} steps each)")
        for f in report.findings:
            table.add_row(escape(f.key), "-" if f.seed is None else str(f.seed), escape(f.detail),
                          escape(f.allowed) or "[red]not allowed[/red]")
        if report.findings:
            console.print(table)
        for note in report.notes:
            console.print(f"note: {escape(spec.name)}: {escape(note)}")
        verdict = "passes" if report.passed else "FAILS"
        console.print(f"{spec.name}: {verdict} ({sum(not f.allowed for f in report.findings)} findings not allowed, "
                      f"{sum(bool(f.allowed) for f in report.findings)} allowed)")
        if not report.passed:
            failed.append(spec.name)
    if failed:
        raise typer.Exit(1)
