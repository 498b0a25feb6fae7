"""Find, read and validate world files, with one readable error per bad file.

``load_world`` accepts a shipped world's name (``harbor_town``), a world directory
(holding ``world.toml``) or a ``.toml`` file. TOML is parsed with the standard library's
``tomllib`` (data only, nothing executed). Every problem becomes one
:class:`WorldFileError` line: ``FILE:LINE: npcs[6] (Tess).schedule[2].start: message`` —
the file, the TOML line (found by :mod:`simverse.core.toml_lines`), the field path with the
entity's name, and what is wrong. Files that are not UTF-8 text, binary files and TOML
nested too deeply for the parser are refused the same way.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from simverse.core.sanitize import plain_text_problem
from simverse.core.schema import FORMAT_VERSION, WorldSpec
from simverse.core.toml_file import TomlFileError, read_toml
from simverse.core.toml_lines import line_of
from simverse.core.world_check import Issue, check_world

WORLDS_DIR = Path(__file__).resolve().parents[2] / "worlds"
NAME_KEYS = {"places": "id", "items": "id", "npcs": "name", "actions": "name", "policies": "name"}


class WorldFileError(ValueError):
    """A world file that cannot be used; the message names the file, field and problem."""


class WorldFormatHint(UserWarning):
    """A world file that loads but could say more in the current format (one line)."""


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
    """Load and validate a world; raises :class:`WorldFileError` with a readable message.
    A format-1 file loads and warns once (:class:`WorldFormatHint`) how to upgrade."""
    path = resolve_world_path(ref)
    try:
        data, text = read_toml(path, "world file")
    except TomlFileError as exc:
        raise WorldFileError(str(exc)) from None
    spec = parse_world(data, source=str(path), text=text)
    if spec.format_version < FORMAT_VERSION:
        warnings.warn(WorldFormatHint(
            f"{path} is format_version {spec.format_version}; it loads as before. Set format_version = "
            f"{FORMAT_VERSION} for schedule arguments, and/or/not, triggered events and property checks "
            f"(worlds/README.md)."), stacklevel=2)
    return spec


def parse_world(data: Any, source: str = "<world>", text: str | None = None) -> WorldSpec:
    """Validate a world given as a dict (from TOML, a generator or a test)."""
    if not isinstance(data, dict):
        raise WorldFileError(f"{source}: a world is a table of fields, not {type(data).__name__}")
    unplain = _unplain_text(data)
    if unplain is not None:
        raise WorldFileError(format_issue(unplain, data, source, text))
    try:
        spec = WorldSpec.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        issue = Issue(tuple(error["loc"]), error["msg"].removeprefix("Value error, "))
        more = len(exc.errors()) - 1
        raise WorldFileError(format_issue(issue, data, source, text) + (f" (and {more} more)" if more else "")) \
            from None
    except RecursionError:
        raise WorldFileError(f"{source}: nested too deeply") from None
    issues, _ = check_world(spec)
    if issues:
        raise WorldFileError(format_issue(issues[0], data, source, text))
    return spec


def _unplain_text(data: dict[str, Any]) -> Issue | None:
    """The first key or text that is not plain text (a NUL, escape or other control
    character; CRLF line ends pass), walked without recursion so any depth is safe."""
    stack: list[tuple[tuple[str | int, ...], Any]] = [((), data)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, str) and (problem := plain_text_problem(node.replace("\r\n", "\n"))):
            return Issue(path, f"the text {problem}; give plain text")
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, value in reversed(list(items)):
            if isinstance(key, str) and (problem := plain_text_problem(key)):
                return Issue((*path, key), f"the key {problem}; give plain text")
            stack.append(((*path, key), value))
    return None


def format_issue(issue: Issue, data: dict, source: str, text: str | None = None) -> str:
    """``FILE[:LINE]: path (name).field: message``."""
    line = line_of(text, issue.path) if text else None
    where = f"{source}:{line}" if line else source
    path = describe_path(issue.path, data)
    return f"{where}: {path}: {issue.message}" if path else f"{where}: {issue.message}"


def describe_path(loc: tuple, data: dict) -> str:
    """``npcs[6] (Tess).schedule[2].start`` from a field path and the raw data."""
    out = ""
    node: Any = data
    for i, part in enumerate(loc):
        if isinstance(part, int):
            out += f"[{part}]"
            node = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
            section = loc[i - 1] if i and i == 1 else None
            key = NAME_KEYS.get(section) if isinstance(section, str) else None
            if key and isinstance(node, dict) and isinstance(node.get(key), str):
                out += f" ({_printable(node[key])})"
        else:
            out += f".{_printable(str(part))}" if out else _printable(str(part))
            node = node.get(part) if isinstance(node, dict) else None
    return out


def _printable(name: str) -> str:
    """A name as written when it is plain text, else escaped (``'a\\nb'``): an error stays one
    line, and control or direction characters in a bad name cannot garble the terminal."""
    return name if name.isprintable() else repr(name)[1:-1]


def format_validation_error(exc: ValidationError) -> str:
    """pydantic's errors as ``field[path]: message`` lines, the first three (for inputs
    that are not world files, such as sweep configs)."""
    lines = []
    for error in exc.errors()[:3]:
        path = describe_path(tuple(error["loc"]), {})
        message = error["msg"].removeprefix("Value error, ")
        lines.append(f"{path}: {message}" if path else message)
    more = len(exc.errors()) - 3
    if more > 0:
        lines.append(f"(and {more} more)")
    return "; ".join(lines)
