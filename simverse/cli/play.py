"""``simverse play NPC``: a person plays an NPC of a running world (``--brain NPC=human``).

The command waits for the world to ask (files written by :mod:`simverse.llm.human`), shows
what the NPC sees, and turns the person's line into the NPC's decision:

* in a conversation, the line is what the NPC says (an empty line or ``bye`` ends it);
* otherwise ``go PLACE``, ``talk NAME words...``, ``ACTION [ARGUMENT]`` (any action the
  NPC may take now, e.g. ``buy bread``) or ``wait``.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Annotated

import typer

from simverse.cli.app import app, console, shown
from simverse.llm.human import DEFAULT_DIR, answer_question, pending_question


@app.command()
def play(
    npc: Annotated[str, typer.Argument(help="the NPC to play (its world gives it --brain NPC=human)")],
    folder: Annotated[Path, typer.Option("--dir", help="the players' folder of the human brain spec")] = DEFAULT_DIR,
    turns: Annotated[int, typer.Option(min=0, help="stop after this many answers (0: until end of input)")] = 0,
) -> None:
    """Play an NPC: read what it sees, type what it does or says."""
    answered = 0
    while not turns or answered < turns:
        ask = _next_question(folder / npc)
        question = json.loads(ask.read_text(encoding="utf-8"))
        console.print(f"[bold]{shown(question['tag'])}[/bold]")
        console.print(shown(question["messages"][-1][1], newlines=True), highlight=False)
        try:
            line = input(f"{npc}> ")
        except EOFError:
            return
        try:
            answer_question(ask, line)
        except ValueError as exc:
            console.print(f"[red]{shown(exc)}[/red] (the question stays open)")
            continue
        answered += 1


def _next_question(folder: Path) -> Path:
    while (ask := pending_question(folder)) is None:
        time.sleep(0.2)
    return ask
