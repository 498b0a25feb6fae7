"""Find the line of a TOML file that holds a field, for error messages.

``tomllib`` gives data without positions, so a field path from validation
(``("npcs", 6, "schedule", 2, "start")``) is located by reading the text again: the
``i``-th ``[[npcs]]`` table, its ``schedule`` key, the third element of that array, its
``start`` key. The scanner knows TOML's strings, comments, arrays and inline tables and
nothing more; when it cannot follow a path it returns the line of the deepest part it
found (or None), so a message always gets the best line available and never a wrong one
from another table.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_HEADER = re.compile(r"^[ \t]*(\[\[?)[ \t]*([A-Za-z0-9_.\-\"' ]+?)[ \t]*\]\]?", re.MULTILINE)
_QUOTES = ('"""', "'''", '"', "'")


def line_of(text: str, path: Sequence[str | int]) -> int | None:
    """1-based line of ``path`` in ``text`` (best effort), or None."""
    if not path:
        return None
    start, end, rest = _table(text, path)
    if start is None:
        return None
    found = start
    pos = _key(text, start, end, rest[0]) if rest else None
    if pos is None:
        return _line(text, found) if rest != list(path) else None
    found, value = pos, _value_start(text, pos)
    for part in rest[1:]:
        if isinstance(part, int):
            nxt = _element(text, value, part)
            if nxt is None:
                break
            found = value = nxt
        else:
            nxt = _inline_key(text, value, part)
            if nxt is None:
                break
            found, value = nxt, _value_start(text, nxt)
    return _line(text, found)


def _table(text: str, path: Sequence[str | int]) -> tuple[int | None, int, list]:
    """The span of the table that holds ``path`` and the part of the path inside it."""
    headers = [(m.start(), m.end(), m.group(1), m.group(2).strip()) for m in _HEADER.finditer(text)]
    first = headers[0][0] if headers else len(text)
    if isinstance(path[0], str) and len(path) > 1 and isinstance(path[1], int):
        matches = [h for h in headers if h[2] == "[[" and h[3] == path[0]]
        if path[1] < len(matches):
            h = matches[path[1]]
            return h[1], _next_header(headers, h[1], len(text)), list(path[2:])
        inline = _key(text, 0, first, str(path[0]))
        return (0, first, list(path)) if inline is not None else (None, 0, [])
    if isinstance(path[0], str):
        matches = [h for h in headers if h[2] == "[" and h[3] == path[0]]
        if matches:
            h = matches[0]
            return h[1], _next_header(headers, h[1], len(text)), list(path[1:])
    return 0, first, list(path)


def _next_header(headers: list, after: int, default: int) -> int:
    return next((h[0] for h in headers if h[0] >= after), default)


def _key(text: str, start: int, end: int, key: str) -> int | None:
    """Position of ``key =`` at the start of a line between ``start`` and ``end``."""
    pattern = re.compile(rf"^[ \t]*[\"']?{re.escape(str(key))}[\"']?[ \t]*=", re.MULTILINE)
    match = pattern.search(text, start, end)
    return match.start() + len(match.group(0)) - len(match.group(0).lstrip()) if match else None


def _value_start(text: str, pos: int) -> int:
    """From a ``key = value`` position, the start of the value."""
    eq = text.find("=", pos)
    i = eq + 1
    while i < len(text) and text[i] in " \t":
        i += 1
    return i


def _skip_string(text: str, i: int) -> int:
    for quote in _QUOTES:
        if text.startswith(quote, i):
            j = i + len(quote)
            while j < len(text):
                if quote[0] == '"' and text[j] == "\\":
                    j += 2
                    continue
                if text.startswith(quote, j):
                    return j + len(quote)
                if len(quote) == 1 and text[j] == "\n":
                    return j
                j += 1
            return j
    return i + 1


def _items(text: str, i: int) -> list[int]:
    """Start positions of the elements (or inline-table entries) of the array or inline
    table opening at ``i``."""
    if i >= len(text) or text[i] not in "[{":
        return []
    depth, out, j, expect = 0, [], i, True
    while j < len(text):
        c = text[j]
        if c in "\"'":
            if depth == 1 and expect:
                out.append(j)
                expect = False
            j = _skip_string(text, j)
            continue
        if c == "#":
            j = text.find("\n", j)
            j = len(text) if j < 0 else j
            continue
        if c in "[{":
            depth += 1
            if depth == 2 and expect:
                out.append(j)
                expect = False
        elif c in "]}":
            depth -= 1
            if depth == 0:
                return out
        elif c == "," and depth == 1:
            expect = True
        elif depth == 1 and expect and not c.isspace():
            out.append(j)
            expect = False
        j += 1
    return out


def _element(text: str, value: int, index: int) -> int | None:
    items = _items(text, value)
    return items[index] if 0 <= index < len(items) else None


def _inline_key(text: str, value: int, key: str) -> int | None:
    for start in _items(text, value):
        match = re.match(rf"[\"']?{re.escape(key)}[\"']?\s*=", text[start:])
        if match:
            return start
    return None


def _line(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1
