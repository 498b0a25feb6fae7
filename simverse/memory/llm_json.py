"""Asking a model for JSON, for reflection and planning: :class:`JSONAsker` is the base of
:class:`~simverse.memory.reflection.LLMReflector` and
:class:`~simverse.memory.planning.LLMPlanner`.

Each of their phases is one ``generate_batch`` for the whole batch; every answer is read
by the phase's reader, and an error or an unreadable answer falls back to the rule
implementation with a note that says why.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from simverse.core.llm_protocol import Backend, LLMRequest, Message, SamplingParams
from simverse.core.seeds import derive_seed

Item = TypeVar("Item")
Result = TypeVar("Result")


def json_request(prompt: str, seed: int, params: SamplingParams, schema: dict[str, Any], tag: str) -> LLMRequest:
    """One user message asking for JSON of ``schema``."""
    return LLMRequest(messages=(Message("user", prompt),), seed=seed, params=params, json_schema=schema, tag=tag)


class JSONAsker:
    """A model asked for JSON in batches, seeded from the world seed under ``memory``."""

    name = "llm"

    def __init__(self, backend: Backend, seed: int = 0, max_new_tokens: int = 160) -> None:
        self.backend = backend
        self.seed = seed
        self.params = SamplingParams(max_new_tokens=max_new_tokens)

    def request(self, prompt: str, schema: dict[str, Any], tag: str, *purpose: object) -> LLMRequest:
        """A JSON request whose seed derives from the world seed, ``memory`` and ``purpose``."""
        return json_request(prompt, derive_seed(self.seed, "memory", *purpose), self.params, schema, tag)

    def ask(
        self,
        batch: Sequence[Item],
        requests: Sequence[LLMRequest],
        read: Callable[[Item, str], Result | None],
        fallback: Callable[[Item, str], Result],
        what: str,
    ) -> list[Result]:
        """One model call for ``requests`` (one per item); ``read(item, text)`` gives the
        result or None when the answer is unreadable, and then (or on a backend error)
        ``fallback(item, why)`` answers instead."""
        if not batch:
            return []
        out: list[Result] = []
        for item, resp in zip(batch, self.backend.generate_batch(list(requests)), strict=True):
            result = None if resp.error else read(item, resp.text)
            out.append(result if result is not None else
                       fallback(item, resp.error or f"unreadable {what} {resp.text[:80]!r}"))
        return out


__all__ = ["JSONAsker", "json_request"]
