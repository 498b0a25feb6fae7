"""Kinds of LLM failure, and the error that stops a run whose LLM cannot answer at all.

A backend reports a failed request in ``LLMResponse.error`` as ``"[kind] message"`` so
that the kind survives in the recorded call (``llm_calls.error``) and the run summary can
count failures by kind without a schema change. Kinds:

``unreachable``  the server refused or never accepted the connection
``timeout``      no answer in time
``transport``    the connection broke during the exchange
``http``         the server answered with an HTTP error status
``malformed``    the server's body was not a chat completion
``generation``   the in-process model raised while generating
"""

from __future__ import annotations

from simverse.store.llm_models import error_kind

ERROR_KINDS = ("unreachable", "timeout", "transport", "http", "malformed", "generation")


class LLMUnavailable(RuntimeError):
    """Every LLM request of a step failed: the run stops (its committed steps are kept)."""


def tagged(kind: str, message: str) -> str:
    """An error message carrying its kind, e.g. ``[timeout] step 3 npc Mara act: ...``."""
    return f"[{kind}] {message}"


__all__ = ["ERROR_KINDS", "LLMUnavailable", "error_kind", "tagged"]
