"""``eval-dialogue``: score what NPCs answer on the labelled player lines, per world and in all."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from simverse.cli.app import UserError, app, console


@app.command("eval-dialogue")
def eval_dialogue(
    set_path: Annotated[str | None, typer.Option("--set", help="labelled lines: a JSONL file or a folder of them "
                                                               "(default: experiments/dialogue)")] = None,
    llm: Annotated[str | None, typer.Option("--llm", help="score this brain instead of the scripted one "
                                                          "(transformers:PATH | openai:URL#MODEL)")] = None,
    embedder: Annotated[str, typer.Option(help="memory embedder: minilm | hashing")] = "minilm",
    misses: Annotated[bool, typer.Option("--misses", help="list the lines scored wrong")] = False,
) -> None:
    """Right facts on knowable questions, honest "don't know" on unknowable ones, secret
    leaks, requests and small talk, and the latency per answer."""
    from simverse.experiments.dialogue_eval import DEFAULT_SET, evaluate, load_lines, summarise

    path = Path(set_path) if set_path else DEFAULT_SET
    if not path.exists():
        raise UserError(f"{path}: no such labelled set")
    if llm:
        from simverse.llm.spec import parse_spec

        try:
            parse_spec(llm)
        except ValueError as exc:
            raise UserError(str(exc)) from None
    try:
        lines = load_lines(path)
        scored = evaluate(lines, llm=llm, embedder=embedder)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    table = Table("world", "lines", "knowable right %", "unknown: don't know %", "secrets kept %", "leaks",
                  "requests right %", "small talk ok %", "ms/answer (median, p95)")
    worlds = list(dict.fromkeys(s.line.world for s in scored))
    for label, group in [*((w, [s for s in scored if s.line.world == w]) for w in worlds), ("all", scored)]:
        s = summarise(group)
        table.add_row(escape(label), str(len(group)), *(_pct(s.right[k], s.n[k]) for k in ("knowable", "unknown",
                      "secret")), str(s.leaks), _pct(s.right["request"], s.n["request"]),
                      _pct(s.right["small_talk"], s.n["small_talk"]),
                      f"{s.latency_ms.get('median', 0):.0f}, {s.latency_ms.get('p95', 0):.0f}")
    console.print(f"brain: {escape(llm or 'scripted')}; embedder: {escape(embedder)}; {len(scored)} lines from "
                  f"{escape(str(path))}")
    console.print(table)
    if misses:
        for s in (s for s in scored if not s.right or s.leaked):
            console.print(f"[red]{escape(s.line.id)}[/red] {escape(s.line.npc)} <- {escape(s.line.line)!r}: "
                          f"{escape(s.reply)!r} ({escape(s.action)} {s.args})", highlight=False)


def _pct(value: float | None, n: int) -> str:
    return "-" if value is None else f"{value:.1f} ({n})"
