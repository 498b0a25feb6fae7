"""The Typer application every command module registers on, and the error policy.

Commands stay thin: each parses its options, calls the package that owns the work, and
prints. Errors a user can fix (a bad world file, a missing run, a dead LLM server, a file
that is not a run database, a run another process is writing) end in one clear line and
exit code 2, never a traceback. Text from files and databases goes to the terminal through
:func:`shown`, so neither Rich markup nor control characters in it reach the terminal as such.
"""

from __future__ import annotations

import re
import sqlite3
import sys
import warnings

import typer
from rich.console import Console
from rich.markup import escape
from sqlalchemy.exc import DBAPIError

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Simulate worlds full of LLM-driven NPCs.")
console = Console()

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


class UserError(Exception):
    """A problem the user can fix; printed as one line."""


def shown(value: object, *, newlines: bool = False) -> str:
    """``value`` as text safe to print with Rich: markup escaped, and control characters
    (ANSI escapes, carriage returns, bidi overrides, zero-width marks) made visible as
    ``\\x1b``-style escapes. Newlines are kept only with ``newlines``."""
    text = str(value)
    if not newlines:
        text = text.replace("\n", "\\n")
    return escape(_CONTROL.sub(lambda m: _visible(m.group(0)), text))


def _visible(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def user_errors() -> tuple[type[BaseException], ...]:
    """Exceptions shown as one line: the user's input or environment is at fault."""
    from simverse.analysis import NotARunDatabase
    from simverse.core.loader import WorldFileError
    from simverse.core.plugins import PluginError
    from simverse.core.population import AssignmentError
    from simverse.llm.errors import LLMUnavailable
    from simverse.llm.recording import CacheMiss
    from simverse.store.database import DatabaseRefused
    from simverse.store.run_store import RunNotFound
    from simverse.store.writer_lock import RunLocked

    return (UserError, WorldFileError, RunNotFound, CacheMiss, DatabaseRefused, RunLocked, PluginError,
            AssignmentError, NotARunDatabase, LLMUnavailable)


def one_line(exc: BaseException) -> str:
    """The message of a user error on one line."""
    if isinstance(exc, DBAPIError | sqlite3.DatabaseError):
        cause = exc.orig if isinstance(exc, DBAPIError) else exc
        return f"database error: {cause} (`simverse check DB` tells whether the file is sound)"
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.filename}: {exc.strerror}" if exc.filename else exc.strerror
    text = str(exc).strip() or type(exc).__name__
    return "; ".join(line.strip() for line in text.splitlines() if line.strip())


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
    """Run the command line; user errors print ``error: ...`` and exit 2."""
    _show_hints()
    try:
        app()
    except (*user_errors(), DBAPIError, sqlite3.DatabaseError, OSError) as exc:
        console.print(f"[red]error:[/red] {shown(one_line(exc))}", highlight=False, soft_wrap=True)
        raise SystemExit(2) from None
