"""Dashboard commands: ``dashboard`` (the Streamlit app) and ``chat`` (talk to an NPC in the terminal)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from simverse.cli.app import UserError, app, console, shown
from simverse.core.seeds import MAX_SEED


@app.command()
def dashboard(
    target: Annotated[str | None, typer.Argument(help="run database to browse, or a world to start live")] = None,
    port: Annotated[int, typer.Option(min=1, max=65535, help="port to serve on")] = 8501,
    host: Annotated[str, typer.Option(help="address to bind (keep 127.0.0.1 unless you mean it)")] = "127.0.0.1",
    seed: Annotated[int, typer.Option(min=0, max=MAX_SEED, help="seed of a world started live")] = 0,
    llm: Annotated[str | None, typer.Option(help="brain: scripted | transformers:PATH | openai:URL#MODEL")] = None,
    db: Annotated[str | None, typer.Option(help="run database of a world started live (default runs/WORLD.db)")] = None,
    embedder: Annotated[str | None, typer.Option(help="memory embedder: minilm | hashing (default: world's)")] = None,
) -> None:
    """Start the dashboard: step worlds, inspect dialogue and minds, talk to NPCs."""
    from streamlit.web import cli as streamlit_cli

    from simverse.dashboard import live

    if target and live.is_run_db(target):
        from simverse.dashboard.databases import accept

        accept(target)  # read-only: a file that is no run database fails here, as one line, untouched
    elif target:
        from simverse.core.loader import load_world

        load_world(target)  # a bad world fails here, as one line, not in the browser
    if llm:
        try:
            live.check_brain_spec(llm)
        except ValueError as exc:
            raise UserError(str(exc)) from None
    settings = {live.ENV_TARGET: target, live.ENV_SEED: str(seed), live.ENV_LLM: llm, live.ENV_DB: db,
                live.ENV_EMBEDDER: embedder}
    for key, value in settings.items():
        if value:
            os.environ[key] = value
    script = Path(__file__).resolve().parent.parent / "dashboard" / "app.py"
    console.print(f"simverse dashboard on http://{shown(host)}:{port}")
    sys.argv = [
        "streamlit", "run", str(script), "--server.address", host, "--server.port", str(port),
        "--server.headless", "true", "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
        "--client.toolbarMode", "viewer",
    ]
    streamlit_cli.main()


@app.command()
def chat(
    db: Annotated[str, typer.Argument(help="run database")],
    npc: Annotated[str, typer.Option(help="the NPC to talk to")],
    run_id: Annotated[int | None, typer.Option("--run", help="which run (default: the newest)")] = None,
    llm: Annotated[str | None, typer.Option(help="brain (default: the run's own)")] = None,
    embedder: Annotated[str | None, typer.Option(help="memory embedder (default: the run's)")] = None,
) -> None:
    """Talk to an NPC of a stored run: one line in, its answer out; an empty line or EOF ends."""
    from simverse.agents.player import PlayerChat, talk_to
    from simverse.cli.models import check_models
    from simverse.world.model import World

    check_models(llm=llm, embedder=embedder)
    world = World.resume(db, run_id=run_id, llm=llm, embedder=embedder)
    try:
        if npc not in world.npcs:
            raise UserError(f"no NPC named {npc!r} in run {world.run_id}; NPCs are {', '.join(world.npc_names)}")
        place = world.state.entities[npc]["place"]
        console.print(f"talking to {shown(npc)} at {shown(str(place))} after step {world.step_index} "
                      f"({world.clock.label(world.step_index)}); an empty line ends", highlight=False)
        conversation = PlayerChat(npc)
        while True:
            try:
                line = input("you> ")
            except EOFError:
                break
            if not line.strip():
                break
            try:
                answer = talk_to(world, npc, line, conversation)
            except ValueError as exc:
                console.print(f"[red]{shown(str(exc))}[/red]")
                continue
            console.print(f"{shown(npc)}> {shown(answer)}", highlight=False)
    finally:
        world.close()
