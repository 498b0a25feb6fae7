"""The world on top of the layers: ``World(mesa.Model)`` and the phases of its step.

* :mod:`~simverse.world.model` — :class:`World`: construction, resume, run, directing verbs
  (inject, scene, predict, fork); opens each step's one session.
* :mod:`~simverse.world.step` — the step's phases in order (events, plans, perceive,
  decide, resolve and apply, remember, commit), each a small function.
* :mod:`~simverse.world.stage` — what the phases work on: the ``Stage`` protocol (the
  world's parts) and the ``StepTurn`` (one step's session, rows and counts).
* :mod:`~simverse.world.outcomes` — events and actions applied: effects, facts, observers.
* :mod:`~simverse.world.conversations` — talk: pairing, batched reply rounds, stored lines.
* :mod:`~simverse.world.decide` — one checked, recorded brain batch.
* :mod:`~simverse.world.records` — the step's commit and the Mesa ``DataCollector``.
* :mod:`~simverse.world.connect` — the brain(s) and events model, recorded or replayed,
  switched and resumed.
* :mod:`~simverse.world.wiring` — the world's brain, events model and memory wired in;
  switching a model within a run, or putting in another brain.
* :mod:`~simverse.world.opening` — checks before a run is stored or reopened, a new run's config.
* :mod:`~simverse.world.restore` — the world's parts as a run's last committed step left them.
* :mod:`~simverse.world.screening` — what an NPC or a person may be heard saying.
* :mod:`~simverse.world.routes` — the place graph and cached routes over open connections.

World files, state, clock and the between-steps record (``StepRuntime``) live in
:mod:`simverse.core`; the middle packages (agents, events, memory, knowledge, llm) never
import this one: they read the world through narrow protocols (``Surroundings``,
``Habitat``, ``Audience``, ``Rememberer``) or take plain data.
"""

from simverse.core.loader import WorldFileError, load_world
from simverse.world.model import World

__all__ = ["World", "WorldFileError", "load_world"]
