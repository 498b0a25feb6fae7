"""The Typer application every command module registers on, and the error policy.

Commands stay thin: each parses its options, calls the package that owns the work, and
prints. Errors a user can fix (a bad world file, a missing run, a dead LLM server) end in
one clear line and exit code 2, never a traceback.
"""

from __future__ import annotations

import sys
import warnings

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


def _show_hints() -> None:
    """World-format hints (a format-1 file that still loads) as one ``note:`` line on stderr."""
    from simverse.core.loader import WorldFormatHint

    default = warnings.showwarning

    def show(message, category, filename, lineno, file=None, line=None):  # type: ignore[no-untyped-def]
        if issubclass(category, WorldFormatHint):
            print(f"note: {message}", file=sys.stderr)
        else:
            default(message, category, filename, lineno, file, line)

    warnings.showwarning = show


def run_app() -> None:
    _show_hints()
    try:
        app()
    except user_errors() as exc:
        console.print(f"[red]error:[/red] {escape(str(exc))}")
        raise SystemExit(2) from None
