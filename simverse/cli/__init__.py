"""The ``simverse`` command line. Each module below registers its commands on one app:

* :mod:`~simverse.cli.core` — ``worlds``, ``run`` (and ``--resume``), ``inspect``
"""

from simverse.cli import core  # noqa: F401  (registers commands)
from simverse.cli.app import UserError, app, console, run_app


def main() -> None:
    """Entry point of the console script."""
    run_app()


__all__ = ["UserError", "app", "console", "main"]
