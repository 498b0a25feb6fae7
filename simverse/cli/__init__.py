"""The ``simverse`` command line. Each module below registers its commands on one app:

* :mod:`~simverse.cli.core` — ``worlds``, ``run`` (and ``--resume``), ``inspect``
* :mod:`~simverse.cli.llm` — ``replay`` (a recorded run, with no model)
* :mod:`~simverse.cli.knowledge` — ``knowledge export / who-knows / contradictions``
* :mod:`~simverse.cli.experiments` — ``sweep``, ``report``, ``generate``
* :mod:`~simverse.cli.dashboard` — ``dashboard`` (the Streamlit app), ``chat`` (talk to an NPC)
* :mod:`~simverse.cli.play` — ``play`` (a person plays an NPC of a running world)
* :mod:`~simverse.cli.whatif` — ``inject``, ``predict``, ``fork``, ``compare``, ``eval-events``
* :mod:`~simverse.cli.stress` — ``stress`` (long runs of a world, and what breaks in them)
* :mod:`~simverse.cli.dialogue` — ``eval-dialogue`` (what NPCs answer, on labelled lines)
* :mod:`~simverse.cli.finetune` — ``dataset`` (examples from runs), ``finetune`` (LoRA training)
"""

import simverse.cli.dashboard  # noqa: F401  (registers commands)
from simverse.cli import (  # noqa: F401  (register commands)
    core,
    dialogue,
    experiments,
    finetune,
    knowledge,
    llm,
    play,
    stress,
    whatif,
)
from simverse.cli.app import UserError, app, console, run_app


def main() -> None:
    """Entry point of the console script."""
    run_app()


__all__ = ["UserError", "app", "console", "main"]
