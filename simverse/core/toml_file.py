"""Read a TOML file that a person wrote (a world, a sweep) into a dict, or one error line.

``tomllib`` parses data only (nothing is executed). What keeps a file from being read (it
is missing or a folder, too big, binary, not UTF-8, not TOML, nested too deeply for the
parser) becomes one :class:`TomlFileError` naming the file, never a traceback.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from simverse.core.text_file import decode_utf8, read_bytes

MAX_BYTES = 4_000_000


class TomlFileError(ValueError):
    """A TOML file that cannot be read; the message names the file and the problem."""


def read_toml_text(path: Path, what: str = "TOML file") -> str:
    """The file as text, or a one-line error for what is not a UTF-8 text file."""
    raw = read_bytes(path, TomlFileError)
    if len(raw) > MAX_BYTES:
        raise TomlFileError(f"{path}: {len(raw)} bytes is too big for a {what} (at most {MAX_BYTES})")
    if b"\x00" in raw:
        raise TomlFileError(f"{path}: a binary file, not a TOML {what}")
    return decode_utf8(path, raw, TomlFileError)


def read_toml(path: Path, what: str = "TOML file") -> tuple[dict[str, Any], str]:
    """The file's table and its text (for line numbers in later errors)."""
    text = read_toml_text(path, what)
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        raise TomlFileError(f"{path}: not valid TOML: {exc}") from None
    except RecursionError:
        raise TomlFileError(f"{path}: not valid TOML: nested too deeply") from None
