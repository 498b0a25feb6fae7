"""Asking a model for JSON (reflection and planning phrase every request this way)."""

from __future__ import annotations

from typing import Any

from simverse.core.llm_protocol import LLMRequest, Message, SamplingParams


def json_request(prompt: str, seed: int, params: SamplingParams, schema: dict[str, Any], tag: str) -> LLMRequest:
    """One user message asking for JSON of ``schema`` (reflection and planning phrase
    every request this way)."""
    return LLMRequest(messages=(Message("user", prompt),), seed=seed, params=params, json_schema=schema, tag=tag)
