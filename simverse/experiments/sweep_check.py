"""Check a sweep's fixed fields against its world before any cell runs, so a bad model spec
or injected event is one error naming the sweep file's field, not a failed cell per seed
with the rule parser's words and no field (``unknown name 'dragon'``).

Grid values are not checked here: a grid value the world refuses is one failed cell of the
sweep, reported with its setting (the report lists failed cells), while the other cells run.
"""

from __future__ import annotations

import warnings

from simverse.core.loader import WorldFileError, WorldFormatHint, load_world
from simverse.core.rules import RuleSyntaxError, parse_effect
from simverse.experiments.sweep_config import SweepConfig, SweepConfigError
from simverse.world.opening import ModelSpecError, check_models


def check_sweep(config: SweepConfig, source: str = "<sweep>") -> None:
    """Raise :class:`SweepConfigError` (``SOURCE: field: problem``) for the first fixed field
    of ``config`` that no cell could run with: the world, ``llm``, ``embedder``, ``inject``."""
    try:
        with warnings.catch_warnings():  # the run's own load says it once
            warnings.simplefilter("ignore", WorldFormatHint)
            spec = load_world(config.world)
    except WorldFileError as exc:
        raise SweepConfigError(f"{source}: world: {exc}") from None
    try:
        check_models(config.llm, "scripted", config.embedder)
    except ModelSpecError as exc:
        raise SweepConfigError(f"{source}: {exc}") from None
    places = spec.place_ids()
    roles = {*places, *(i.id for i in spec.items), *spec.npc_names(), "world"}
    for i, injection in enumerate(config.inject):
        if injection.place is not None and injection.place not in places:
            raise SweepConfigError(f"{source}: inject[{i}].place: unknown place {injection.place!r}")
        for j, text in enumerate(injection.effects):
            try:
                parse_effect(text, roles)
            except RuleSyntaxError as exc:
                raise SweepConfigError(f"{source}: inject[{i}].effects[{j}]: {exc}") from None
