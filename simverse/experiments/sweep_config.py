"""A sweep's configuration file (``experiments/<name>.toml``) and the cells it expands to.

The format is documented in ``experiments/README.md``. In short: a world, a number of
steps, seeds (a list, or a count meaning ``0..n-1``), the brain, embedder and memory
switch, a ``[grid]`` of dotted world paths (or ``llm`` / ``embedder`` / ``memory``) to
lists of values, and optional ``[[inject]]`` events. The grid's cartesian product times the
seeds gives the cells; each cell is one run.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from simverse.core.clock import MAX_STEPS
from simverse.core.loader import format_validation_error
from simverse.core.runtime import MAX_INJECTED_CHARS
from simverse.core.sanitize import check_plain_text
from simverse.core.schema import KnowledgeEntry
from simverse.core.seeds import MAX_SEED
from simverse.core.toml_file import TomlFileError, read_toml

MODEL_KEYS = ("llm", "embedder", "memory")
MAX_CELLS = 100_000
"""The most cells (grid settings x seeds) a sweep may have. Each cell is a whole run, so more
is a slip (``seeds = 1000000`` for a list of seeds), and the cell list alone of a sweep far
larger took gigabytes of memory before its first run started."""


class SweepConfigError(ValueError):
    """A sweep file that cannot be used; the message names the file and field."""


class InjectionSpec(BaseModel):
    """An event injected before step ``step``: text, where it is seen, effects and new truths."""

    model_config = ConfigDict(extra="forbid")

    step: int = Field(ge=1)
    text: str = Field(min_length=1, max_length=MAX_INJECTED_CHARS)
    place: str | None = None
    effects: list[str] = Field(default_factory=list, description="world effect syntax, e.g. \"bakery.on_fire = true\"")
    facts: list[KnowledgeEntry] = Field(default_factory=list, description="facts that become true (world + observers)")
    importance: int = Field(7, ge=1, le=10)

    @field_validator("text")
    @classmethod
    def _plain(cls, value: str) -> str:
        check_plain_text(value, "text")
        return value


class SweepConfig(BaseModel):
    """One sweep: which world, how long, which seeds and model, and the grid to vary."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=r"^[A-Za-z0-9_\-]+$")
    description: str = ""
    world: str
    steps: int = Field(ge=1, le=MAX_STEPS)
    seeds: list[Annotated[int, Field(ge=0, le=MAX_SEED)]] | int = 3
    llm: str = "scripted"
    embedder: str = "hashing"
    memory: bool = False
    reach_k: int = Field(3, ge=1, description="information spread: steps until a tracked fact reaches k NPCs")
    grid: dict[str, list[Any]] = Field(default_factory=dict)
    inject: list[InjectionSpec] = Field(default_factory=list)

    @field_validator("seeds")
    @classmethod
    def _seeds(cls, value: list[int] | int) -> list[int] | int:
        if isinstance(value, int) and not 1 <= value <= MAX_SEED:
            raise ValueError(f"seeds: give a list of seeds or a count from 1 to {MAX_SEED}")
        if isinstance(value, list) and (not value or len(set(value)) != len(value)):
            raise ValueError("seeds: the list must be non-empty and without repeats")
        return value

    @field_validator("grid")
    @classmethod
    def _grid(cls, value: dict[str, list[Any]]) -> dict[str, list[Any]]:
        for path, values in value.items():
            if not values:
                raise ValueError(f"grid[{path!r}]: give at least one value")
        return value

    @model_validator(mode="after")
    def _size(self) -> SweepConfig:
        cells = math.prod(len(values) for values in self.grid.values()) * (
            self.seeds if isinstance(self.seeds, int) else len(self.seeds))
        if cells > MAX_CELLS:
            raise ValueError(f"seeds x grid: {cells} cells; a sweep may have at most {MAX_CELLS} "
                             "(split it into several sweeps)")
        return self

    @model_validator(mode="after")
    def _injections_in_run(self) -> SweepConfig:
        """An event after the last step would never fire, and the cells would say nothing of it."""
        for index, injection in enumerate(self.inject):
            if injection.step > self.steps:
                raise ValueError(f"inject[{index}].step: {injection.step} is after the last step (steps = "
                                 f"{self.steps}), so the event would never fire")
        return self

    def seed_list(self) -> list[int]:
        return list(range(self.seeds)) if isinstance(self.seeds, int) else list(self.seeds)

    def settings(self) -> list[dict[str, Any]]:
        """The grid's cartesian product, in file order (one dict per setting)."""
        paths = list(self.grid)
        return [dict(zip(paths, combo, strict=True)) for combo in itertools.product(*self.grid.values())]

    def cells(self) -> list[Cell]:
        return [Cell(self.name, setting, seed) for setting in self.settings() for seed in self.seed_list()]


@dataclass(frozen=True)
class Cell:
    """One (setting, seed) of a sweep; its ``key`` identifies it across restarts."""

    sweep: str
    setting: dict[str, Any]
    seed: int

    @property
    def key(self) -> str:
        return cell_key(self.setting, self.seed)

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.key.encode()).hexdigest()[:12]

    @property
    def label(self) -> str:
        return setting_label(self.setting)


def cell_key(setting: dict[str, Any], seed: int) -> str:
    """Canonical JSON of a setting and seed (sorted keys, no spaces)."""
    return json.dumps({"seed": seed, "setting": setting}, sort_keys=True, separators=(",", ":"))


def setting_label(setting: dict[str, Any]) -> str:
    """A short readable name for a setting, e.g. ``npcs.*.sociability=0.2``."""
    if not setting:
        return "baseline"
    return ", ".join(f"{path}={json.dumps(value, sort_keys=True)}" for path, value in sorted(setting.items()))


def load_sweep(path: str | Path) -> SweepConfig:
    """Read and validate a sweep file; ``name`` defaults to the file's stem and a relative
    ``world`` path is taken relative to the file when it exists there."""
    path = Path(path)
    if not path.is_file():
        raise SweepConfigError(f"{path}: no such sweep file")
    try:
        data, _ = read_toml(path, "sweep file")
    except TomlFileError as exc:
        raise SweepConfigError(str(exc)) from None
    return parse_sweep(data, path)


def parse_sweep(data: dict[str, Any], path: str | Path = "<sweep>") -> SweepConfig:
    """Validate a sweep given as a dict (from TOML or a test)."""
    path = Path(path)
    data = dict(data)
    data.setdefault("name", path.stem)
    world = data.get("world")
    if isinstance(world, str) and (path.parent / world).exists():
        data["world"] = str((path.parent / world).resolve())
    try:
        return SweepConfig.model_validate(data)
    except ValidationError as exc:
        raise SweepConfigError(f"{path}: {format_validation_error(exc)}") from None
