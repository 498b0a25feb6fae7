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
from typing import Annotated, Any

import typer

from simverse.cli.app import UserError, app, console, shown
from simverse.llm.human import DEFAULT_DIR


@app.command()
def play(
    npc: Annotated[str, typer.Argument(help="the NPC to play (its world gives it --brain NPC=human)")],
    folder: Annotated[Path, typer.Option("--dir", help="the players' folder of the human brain spec")] = DEFAULT_DIR,
    turns: Annotated[int, typer.Option(help="stop after this many answers (0: until end of input)")] = 0,
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
        arg_names = list(((question.get("schema") or {}).get("properties", {}).get("args") or {}).get("properties", {}))
        try:
            decision = decision_from_line(line, question["tag"].endswith(" reply"), arg_names)
        except UserError as exc:
            console.print(f"[red]{shown(exc)}[/red] (the question stays open)")
            continue
        answer = ask.with_name(ask.name.replace("ask-", "answer-"))
        answer.write_text(json.dumps(decision, ensure_ascii=False), encoding="utf-8")
        answered += 1


def _next_question(folder: Path) -> Path:
    while True:
        asks = sorted(folder.glob("ask-*.json"), key=lambda p: p.stat().st_mtime) if folder.is_dir() else []
        if asks:
            return asks[0]
        time.sleep(0.2)


def decision_from_line(line: str, reply: bool, arg_names: list[str] | None = None) -> dict[str, Any]:
    """A decision as the schema's JSON from what the person typed (see the module docstring);
    a bare action's argument fills the schema's argument names that are not place or npc."""
    text = line.strip()
    if reply:
        ending = not text or text.lower() in ("bye", "goodbye")
        return {"action": "wait", "args": {}, "utterance": text or None, "end_conversation": ending}
    words = text.split()
    if not words or words[0].lower() == "wait":
        return {"action": "wait", "args": {}}
    verb = words[0].lower()
    if verb in ("go", "move") and len(words) > 1:
        return {"action": "move", "args": {"place": " ".join(words[1:])}}
    if verb == "talk" and len(words) > 2:
        return {"action": "talk", "args": {"npc": words[1]}, "utterance": " ".join(words[2:])}
    if verb == "talk":
        raise UserError("write: talk NAME what you say")
    names = [n for n in (arg_names or ["item"]) if n not in ("place", "npc")] or ["item"]
    args = {names[0]: " ".join(words[1:])} if len(words) > 1 else {}
    return {"action": verb, "args": args}
