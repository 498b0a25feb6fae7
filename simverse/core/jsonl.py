"""Read JSONL files that people write (labelled sets, datasets, transitions).

One JSON value per line. Whatever keeps a file from being read (not UTF-8, a directory, a
line that is not JSON or is nested too deeply for the parser) becomes one
:class:`JsonlError` naming the file and, where there is one, the line, never a traceback.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from simverse.core.text_file import decode_utf8, read_bytes


class JsonlError(ValueError):
    """A JSONL file or line that cannot be read; the message names the file and line."""


def read_jsonl(path: Path, skip: Callable[[str], bool] | None = None) -> list[tuple[int, Any]]:
    """``(line number, value)`` for each line that is not blank (nor ``skip``-ped)."""
    rows = []
    text = decode_utf8(path, read_bytes(path, JsonlError), JsonlError)
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or (skip is not None and skip(line)):
            continue
        try:
            rows.append((number, json.loads(line)))
        except json.JSONDecodeError as exc:
            raise JsonlError(f"{path}:{number}: not JSON ({exc.msg})") from None
        except RecursionError:
            raise JsonlError(f"{path}:{number}: not JSON (nested too deeply)") from None
    return rows


Model = TypeVar("Model", bound=BaseModel)


def validated(model: type[Model], raw: Any, path: Path, number: int) -> Model:
    """``raw`` (line ``number`` of ``path``) as ``model``; a bad line is a ``ValueError``
    naming the file, the line and the first field at fault (``path:3: kind: ...``)."""
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        message = first["msg"].removeprefix("Value error, ")
        raise ValueError(f"{path}:{number}: {where + ': ' if where else ''}{message}") from None
