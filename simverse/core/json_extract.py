"""Reading one JSON value out of a model's text: the one extractor every caller uses.

Models wrap JSON in prose and code fences, leave trailing commas and write Python
literals. :func:`extract_json` tolerates that, says which repairs it made, and runs in
linear time whatever the text (one bracket-matching pass, then at most one parse per
disjoint balanced segment), so a hostile answer of unbalanced ``{`` cannot stall a step.
The value is data: never evaluated, always validated by the caller, and its strings are
cleaned (:func:`~simverse.core.sanitize.clean_json`: no lone surrogates, NUL or escape
sequences, whatever the JSON escapes said).
"""

from __future__ import annotations

import json
import re
from typing import Any

from simverse.core.sanitize import clean_json

_CLOSER = {"{": "}", "[": "]"}
_FENCE = re.compile(r"```(?:json|JSON)?\s*(.*?)```", re.DOTALL)
_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_PY_LITERAL = re.compile(r"\b(True|False|None)\b")
_PY_LITERALS = {"True": "true", "False": "false", "None": "null"}


def balanced_segments(text: str, opener: str = "{") -> list[tuple[int, int]]:
    """The maximal balanced ``opener ... closer`` spans of ``text``, left to right, as
    ``(start, end)`` with ``end`` exclusive. Brackets inside JSON strings are ignored."""
    closer = _CLOSER[opener]
    match_of: dict[int, int] = {}
    stack: list[int] = []
    in_string = escaped = False
    for pos, ch in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"' and stack:
            in_string = True
        elif ch == opener:
            stack.append(pos)
        elif ch == closer and stack:
            match_of[stack.pop()] = pos + 1
    segments: list[tuple[int, int]] = []
    covered = -1
    for start in sorted(match_of):
        if start >= covered:
            segments.append((start, match_of[start]))
            covered = match_of[start]
    return segments


def _loads(text: str, kind: type) -> Any | None:
    try:
        value = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        return None
    return clean_json(value) if isinstance(value, kind) else None


def _relaxed(candidate: str) -> str:
    """Trailing commas removed, Python literals made JSON, single quotes made double when
    the text has no double quote at all."""
    fixed = _TRAILING_COMMA.sub(r"\1", candidate)
    fixed = _PY_LITERAL.sub(lambda m: _PY_LITERALS[m.group(1)], fixed)
    return fixed.replace("'", '"') if '"' not in fixed else fixed


def extract_json(text: str | None, opener: str = "{") -> tuple[Any | None, list[str]]:
    """The first JSON object (``opener="{"``) or array (``"["``) in ``text`` with the
    repairs that were needed to read it, or ``(None, repairs)`` when there is none."""
    if not text:
        return None, []
    kind = dict if opener == "{" else list
    strict = _loads(text.strip(), kind)
    if strict is not None:
        return strict, []
    repairs: list[str] = []
    body = text
    fence = _FENCE.search(text)
    if fence:
        body = fence.group(1)
        repairs.append("stripped code fence")
    for start, end in balanced_segments(body, opener):
        candidate = body[start:end]
        surrounded = candidate.strip() != body.strip()
        value = _loads(candidate, kind)
        fix = None
        if value is None:
            value, fix = _loads(_relaxed(candidate), kind), "fixed JSON syntax"
        if value is not None:
            if surrounded:
                repairs.append(f"extracted JSON {'object' if kind is dict else 'array'} from surrounding text")
            if fix:
                repairs.append(fix)
            return value, repairs
    return None, repairs
