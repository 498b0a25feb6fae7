"""Knowledge commands: export a run's knowledge graph at a step, trace who knows a fact
and through whom, list an NPC's beliefs that contradict world truth."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from simverse.cli.app import UserError, app, console, shown
from simverse.knowledge.graph import KnowledgeGraph, split_key
from simverse.knowledge.store import load_knowledge
from simverse.store.run_store import RunStore, open_read_only

knowledge_app = typer.Typer(no_args_is_help=True, help="Query and export a run's knowledge graph.")
app.add_typer(knowledge_app, name="knowledge")

DbArg = Annotated[str, typer.Argument(help="run database (path or URL)")]
RunOpt = Annotated[int | None, typer.Option("--run", help="run id (default: the newest run)")]
StepOpt = Annotated[int | None, typer.Option("--step", help="step to look at (default: the last committed)")]


def _open(db: str, run_id: int | None, step: int | None) -> tuple[RunStore, int, KnowledgeGraph, int]:
    store = open_read_only(db)
    run = store.run(run_id)
    last = store.last_step(run.id)
    if last is None:
        raise UserError(f"{db}: run {run.id} has no committed step")
    if step is not None and not 0 <= step <= last:
        raise UserError(f"--step {step}: run {run.id} has steps 0..{last}")
    with store.engine.connect() as conn:
        kg = load_knowledge(conn, run.id)
    return store, run.id, kg, last if step is None else step


@knowledge_app.command()
def export(
    db: DbArg,
    out: Annotated[Path, typer.Option("--out", help="file to write")],
    run_id: RunOpt = None,
    step: StepOpt = None,
    fmt: Annotated[str, typer.Option("--format", help="graphml or json (node-link)")] = "graphml",
    force: Annotated[bool, typer.Option(help="overwrite an existing --out file")] = False,
) -> None:
    """Write the facts holding at a step as GraphML or node-link JSON (an existing file only
    with --force: a slip such as --out RUN.db would replace the run database)."""
    from simverse.knowledge.export import write_graph

    if fmt not in ("graphml", "json"):
        raise UserError(f"--format {fmt!r}: expected graphml or json")
    if out.is_dir() or (out.exists() and not force):
        raise UserError(f"--out {out}: " + ("a directory" if out.is_dir() else "exists (use --force to overwrite)"))
    _, run, kg, at = _open(db, run_id, step)
    graph = write_graph(kg, out, fmt, at)  # type: ignore[arg-type]
    console.print(f"run {run} step {at}: {graph.number_of_nodes()} entities, "
                  f"{graph.number_of_edges()} facts -> {shown(str(out))}")


@knowledge_app.command("who-knows")
def who_knows(
    db: DbArg,
    fact: Annotated[str, typer.Argument(help='the fact as "subject|predicate|object"')],
    run_id: RunOpt = None,
    step: StepOpt = None,
) -> None:
    """Who holds a fact at a step, and the chain of tellers each learnt it through."""
    from simverse.knowledge.queries import who_knows as chains_of

    try:
        split_key(fact)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    _, run, kg, at = _open(db, run_id, step)
    chains = chains_of(kg, fact, at)
    if not chains:
        console.print(f"run {run} step {at}: no NPC holds {shown(fact)}")
        return
    console.print(f"run {run} step {at}: {len(chains)} NPC(s) hold {shown(fact)}")
    for chain in chains:
        console.print(f"  [bold]{shown(chain.holder)}[/bold]: {shown(chain.describe())}", highlight=False)


@knowledge_app.command()
def contradictions(
    db: DbArg,
    npc: Annotated[str, typer.Option("--npc", help="the NPC whose beliefs to check")],
    run_id: RunOpt = None,
    step: StepOpt = None,
) -> None:
    """An NPC's beliefs that contradict world truth at a step (conflict / outdated / unfounded)."""
    from simverse.knowledge.queries import contradictions as contradictions_of

    store, run, kg, at = _open(db, run_id, step)
    names = [n["name"] for n in store.run(run).world_spec.get("npcs", [])]
    if npc not in names:
        raise UserError(f"--npc {npc!r}: run {run} has no such NPC (NPCs: {', '.join(names)})")
    found = contradictions_of(kg, npc, at)
    table = Table("kind", "belief", "since", "source", "world holds")
    for c in found:
        truths = "; ".join(f"{t.key}" + (f" = {t.value}" if t.value is not None else "")
                           + ("" if t.valid_to is None else f" (closed at {t.valid_to})") for t in c.truths)
        table.add_row(c.kind, shown(c.belief.key), str(c.belief.valid_from), shown(c.belief.source), shown(truths))
    console.print(f"run {run} step {at}: {len(found)} contradiction(s) in {shown(npc)}'s beliefs")
    if found:
        console.print(table)
