"""The Typer application every command module registers on, and the error policy.

Commands stay thin: each parses its options, calls the package that owns the work, and
prints. Errors a user can fix (a bad world file, a missing run, a dead LLM server) end in
one clear line and exit code 2, never a traceback.
"""

from __future__ import annotations

import typer
from rich.console import Console
from rich.markup import escape

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Simulate worlds full of LLM-driven NPCs.")
console = Console()


class UserError(Exception):
    """A problem the user can fix; printed as one line."""


def user_errors() -> tuple[type[BaseException], ...]:
    """Exceptions shown as one line: the user's input or environment is at fault."""
    from simverse.analysis import NotARunDatabase
    from simverse.core.loader import WorldFileError
    from simverse.core.plugins import PluginError
    from simverse.core.population import AssignmentError
    from simverse.llm.recording import CacheMiss
    from simverse.store.run_store import RunNotFound

    return (UserError, WorldFileError, RunNotFound, CacheMiss, PluginError, AssignmentError, NotARunDatabase)


def run_app() -> None:
    try:
        app()
    except user_errors() as exc:
        console.print(f"[red]error:[/red] {escape(str(exc))}")
        raise SystemExit(2) from None
