"""Find, read and validate world files, with one readable error per bad file.

``load_world`` accepts a shipped world's name (``harbor_town``), a world directory
(holding ``world.toml``) or a ``.toml`` file. TOML is parsed with the standard
library's ``tomllib`` (data only, nothing executed).
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from pydantic import ValidationError

from simverse.core.rules import RuleSyntaxError, parse_condition, parse_effect
from simverse.core.schema import WorldSpec

WORLDS_DIR = Path(__file__).resolve().parents[2] / "worlds"


class WorldFileError(ValueError):
    """A world file that cannot be used; the message names the file, field and problem."""


def shipped_worlds() -> list[Path]:
    """The world files shipped in ``worlds/``, sorted by name."""
    return sorted(WORLDS_DIR.glob("*/world.toml"))


def resolve_world_path(ref: str | Path) -> Path:
    """Turn a world name, directory or file into the path of its ``world.toml``."""
    path = Path(ref)
    if path.is_dir():
        path = path / "world.toml"
    elif not path.exists() and (WORLDS_DIR / str(ref) / "world.toml").exists():
        path = WORLDS_DIR / str(ref) / "world.toml"
    if not path.is_file():
        names = ", ".join(p.parent.name for p in shipped_worlds())
        raise WorldFileError(f"{ref}: no such world file or shipped world (shipped: {names})")
    return path


def load_world(ref: str | Path) -> WorldSpec:
    """Load and validate a world; raises :class:`WorldFileError` with a readable message."""
    path = resolve_world_path(ref)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise WorldFileError(f"{path}: not valid TOML: {exc}") from None
    return parse_world(data, source=str(path))


def parse_world(data: dict, source: str = "<world>") -> WorldSpec:
    """Validate a world given as a dict (from TOML, a generator or a test)."""
    try:
        spec = WorldSpec.model_validate(data)
    except ValidationError as exc:
        raise WorldFileError(f"{source}: {format_validation_error(exc)}") from None
    _check_rules(spec, source)
    return spec


def format_validation_error(exc: ValidationError) -> str:
    """pydantic's errors as ``field[path]: message`` lines, the first three."""
    lines = []
    for error in exc.errors()[:3]:
        path = _format_loc(error["loc"])
        message = error["msg"].removeprefix("Value error, ")
        lines.append(f"{path}: {message}" if path else message)
    more = len(exc.errors()) - 3
    if more > 0:
        lines.append(f"(and {more} more)")
    return "; ".join(lines)


def _format_loc(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _check_rules(spec: WorldSpec, source: str) -> None:
    """Parse every precondition and effect now, so a typo fails at load, not mid-run."""
    entity_ids = set(spec.place_ids()) | set(spec.npc_names()) | {i.id for i in spec.items}
    for i, action in enumerate(spec.actions):
        roles = {"actor", "here", "world", *action.args} | entity_ids
        for j, text in enumerate(action.preconditions):
            try:
                parse_condition(text, roles)
            except RuleSyntaxError as exc:
                raise WorldFileError(f"{source}: actions[{i}].preconditions[{j}]: {exc}") from None
        for j, text in enumerate(action.effects):
            try:
                parse_effect(text, roles)
            except RuleSyntaxError as exc:
                raise WorldFileError(f"{source}: actions[{i}].effects[{j}]: {exc}") from None
    for i, event in enumerate(spec.events):
        for j, text in enumerate(event.effects):
            try:
                parse_effect(text, entity_ids | {"world"})
            except RuleSyntaxError as exc:
                raise WorldFileError(f"{source}: events[{i}].effects[{j}]: {exc}") from None
