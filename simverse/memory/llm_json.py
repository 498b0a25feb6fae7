"""Reading JSON out of LLM text, as data: never evaluated, always validated by the caller."""

from __future__ import annotations

import json
from typing import Any

_OPEN_CLOSE = {"[": "]", "{": "}"}


def extract_json(text: str | None, opener: str = "[") -> Any | None:
    """The first JSON value starting with ``opener`` in ``text`` (tolerating prose and code
    fences around it), or ``None`` when there is none that parses."""
    if not text:
        return None
    closer = _OPEN_CLOSE[opener]
    start = text.find(opener)
    while start != -1:
        end = text.rfind(closer)
        while end > start:
            try:
                return json.loads(text[start : end + 1])
            except json.JSONDecodeError:
                end = text.rfind(closer, start, end)
        start = text.find(opener, start + 1)
    return None
