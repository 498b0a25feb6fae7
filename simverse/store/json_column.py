"""How JSON columns are written: orjson where it gives the same data back, ``json`` otherwise.

SQLAlchemy writes a JSON column with ``json.dumps``; at thousands of rows a step that was
a tenth of an LLM request's client cost. orjson is several times faster and reads back to
the same values, except that it writes a non-finite float as ``null``. So a value holding
one (looked for only when the text holds ``null``), or that orjson refuses (big ints, lone surrogates, and, on
purpose, dataclasses, datetimes and subclasses of built-in types), is written by
``json.dumps`` exactly as before. (orjson also writes UUIDs and enums, which ``json``
refuses; no simverse column holds them.) Readers
still use ``json.loads``, so rows written by either (and by older versions) read the same.
"""

from __future__ import annotations

import json
import math
from typing import Any

import orjson

_OPTIONS = (
    orjson.OPT_NON_STR_KEYS
    | orjson.OPT_PASSTHROUGH_DATACLASS
    | orjson.OPT_PASSTHROUGH_DATETIME
    | orjson.OPT_PASSTHROUGH_SUBCLASS
)


def _refuse(value: Any) -> Any:
    raise TypeError(f"not JSON by orjson: {type(value).__name__}")


def dumps_json(value: Any) -> str:
    """The column text of ``value``: compact UTF-8 JSON, or ``json.dumps`` where orjson would
    differ (a non-finite float, a type only ``json`` decides about)."""
    if value is None:
        return "null"
    kind = type(value)
    if (kind is list or kind is dict) and not value:  # nearly half of a step's values: no call to make
        return "[]" if kind is list else "{}"
    try:
        encoded = orjson.dumps(value, default=_refuse, option=_OPTIONS)
    except TypeError:  # orjson.JSONEncodeError: big ints, lone surrogates, other types
        return json.dumps(value)
    if b"null" in encoded and not _all_finite(value):
        return json.dumps(value)
    return encoded.decode()


def _all_finite(value: Any) -> bool:
    """Whether no float in ``value`` is NaN or infinite (orjson writes those as ``null``)."""
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, float):
            if not math.isfinite(node):
                return False
        elif isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list | tuple):
            stack.extend(node)
    return True
