"""``simverse replay``: re-run a recorded run with no model at all, and prove it identical."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated, Any

import typer

from simverse.agents.player import PlayerChat, talk_to, talks_after
from simverse.cli.app import UserError, app, console, shown
from simverse.core.loader import parse_world
from simverse.core.runtime import StepRuntime
from simverse.llm.recording import CacheMiss
from simverse.store.database import check_database
from simverse.store.digest import differing_tables, run_digest
from simverse.store.llm_accounting import llm_switches
from simverse.store.run_store import RunStore, open_read_only
from simverse.store.talk_models import PlayerTalkRow
from simverse.world.connect import stored_brain
from simverse.world.wiring import switch_llm


@app.command()
def replay(
    db: Annotated[str, typer.Argument(help="run database holding the recorded run")],
    run_id: Annotated[int | None, typer.Option("--run", help="which run (default: the newest)")] = None,
    out: Annotated[str | None, typer.Option(help="database for the replayed run (default DB-replay.db)")] = None,
) -> None:
    """Replay a recorded run from its stored LLM calls (no model is loaded) and check that
    the new database holds the same run: the same injections, brain switches and player
    talk at the same points. The replayed run ends ``finished``."""
    from simverse.world.model import World

    source = open_read_only(db)
    run = source.run(run_id)
    target = out or str(Path(db).with_name(f"{Path(db).stem}-replay.db"))
    if "://" not in target:
        if Path(target).exists():
            raise UserError(f"{target}: already exists; choose another --out")
        check_database(target, create=True)
    spec = parse_world(run.world_spec, source=f"{db} run {run.id}")
    config = run.config
    with source.session() as session:
        switches = llm_switches(session, run.id)
        talks = talks_after(session, run.id)
    first = {s["role"]: s["from"] for s in reversed(switches)}
    started = time.perf_counter()
    world = World(spec, seed=run.seed, db=target, llm=first.get("npc", run.llm),
                  llm_events=first.get("events", config.get("llm_events")), embedder=config.get("embedder"),
                  memory=config.get("memory", True), replay=f"{db}#{run.id}", skip_idle=config.get("skip_idle"),
                  brains=[(who, stored_brain(label, {})) for who, label in config.get("brains", [])])
    try:
        live_time = _replay_steps(world, source, run.id, run.last_step, between_steps(switches, talks))
    except CacheMiss as exc:
        raise UserError(f"replay of {db} run {run.id} stopped: {exc}") from None
    replay_time = time.perf_counter() - started
    world.store.set_status(world.run_id, "finished")
    differ = differing_tables(run_digest(source, run.id), run_digest(world.store, world.run_id))
    console.print(f"replayed {run.last_step} steps of run {run.id} into {shown(target)} "
                  f"in {replay_time:.2f} s (the live run's steps took {live_time:.2f} s)")
    for switch in switches:
        console.print(f"brain switch after step {switch['step']}: {switch['role']} "
                      f"{shown(switch['from'])} -> {shown(switch['to'])}")
    world.close()
    if differ:
        console.print(f"[red]the replay differs from the recording in: {', '.join(differ)}[/red]")
        raise typer.Exit(1)
    console.print("identical: every stored table matches the recorded run")


def between_steps(switches: list[dict[str, Any]], talks: list[PlayerTalkRow]) -> dict[int, list[Any]]:
    """What happened after each step, in order: player talk and brain switches (a switch
    comes after the talk recorded before it)."""
    order: list[tuple[tuple[int, int, int], Any]] = [((t.step, t.id, 0), t) for t in talks]
    order += [((s["step"], s["after_talk"], 1), s) for s in switches]
    result: dict[int, list[Any]] = {}
    for _, item in sorted(order, key=lambda pair: pair[0]):
        result.setdefault(item.step if isinstance(item, PlayerTalkRow) else item["step"], []).append(item)
    return result


def _replay_steps(world: Any, source: RunStore, run_id: int, last: int, after: dict[int, list[Any]]) -> float:
    """Run the recorded steps, saying the recorded lines and switching brains between them;
    returns the live run's step time."""
    chats: dict[int, PlayerChat] = {}
    live_time = 0.0
    for step in range(0, last + 1):
        if step:
            for injection in StepRuntime.from_json(source.step_row(run_id, step - 1).runtime).pending:
                world.queue(injection)
            world.step()
            live_time += source.step_row(run_id, step).wall_time_s
        for item in after.get(step, []):
            if isinstance(item, PlayerTalkRow):
                chat = chats.get(item.conversation) or PlayerChat(item.npc)
                talk_to(world, item.npc, item.text, chat)
                chats[item.conversation] = chat
            else:
                switch_llm(world, item["role"], item["to"])
    return live_time
