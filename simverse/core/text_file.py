"""Read a file a person wrote (a world, a sweep, a labelled set) as UTF-8 text, or raise one
error line naming the file: a missing file, a folder or bytes that are not UTF-8 are never a
traceback. Each reader passes its own error class, so its callers catch what they did."""

from __future__ import annotations

from pathlib import Path


def read_bytes(path: Path, error: type[ValueError]) -> bytes:
    """The file's bytes, or ``error`` naming the file and why it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise error(f"{path}: cannot read: {exc.strerror or exc}") from None


def decode_utf8(path: Path, raw: bytes, error: type[ValueError]) -> str:
    """``raw`` as UTF-8 text, or ``error`` naming the file and the first bad byte."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise error(f"{path}: not UTF-8 text (invalid byte at offset {exc.start})") from None
