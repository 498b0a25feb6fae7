"""Asking a model for JSON, and reading JSON out of its text as data: never evaluated,
always validated by the caller."""

from __future__ import annotations

import json
from typing import Any

from simverse.llm.protocol import LLMRequest, Message, SamplingParams

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


def json_request(prompt: str, seed: int, params: SamplingParams, schema: dict[str, Any], tag: str) -> LLMRequest:
    """One user message asking for JSON of ``schema`` (reflection and planning phrase
    every request this way)."""
    return LLMRequest(messages=(Message("user", prompt),), seed=seed, params=params, json_schema=schema, tag=tag)
