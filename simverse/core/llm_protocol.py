"""The small protocol every text-generating backend implements.

A backend receives a *batch* of :class:`LLMRequest` and returns one :class:`LLMResponse`
per request, in order. The step loop never calls a backend per NPC: it collects the
requests of a phase and makes one call, so in-process models can run one batched
``generate`` and HTTP backends can fan requests out concurrently.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable


@dataclass(frozen=True)
class Message:
    """One chat message; ``role`` is ``system``, ``user`` or ``assistant``."""

    role: str
    content: str


@dataclass(frozen=True)
class SamplingParams:
    """How to sample. ``temperature == 0`` means greedy decoding."""

    max_new_tokens: int = 96
    temperature: float = 0.0
    top_p: float = 1.0


class EncodedSchema(dict):
    """A JSON schema that carries its canonical encoding (``encoded``: sorted keys,
    compact, non-ASCII as is, exactly what ``json.dumps(schema, sort_keys=True,
    separators=(",", ":"), ensure_ascii=False)`` writes). Decision schemas are built per
    request, and at thousands of requests a step encoding each one again to key, record
    and send it cost more than building it; the builder encodes it once."""

    def __init__(self, schema: dict[str, Any], encoded: str) -> None:
        super().__init__(schema)
        self.encoded = encoded


@dataclass(frozen=True)
class LLMRequest:
    """A single generation request.

    ``seed`` makes sampling reproducible; ``json_schema`` (optional) describes the JSON
    object the answer must be; ``tag`` says who asked (e.g. ``"step 12 npc Mara decide"``)
    so that errors and cache misses can name the request at fault.
    """

    messages: tuple[Message, ...]
    seed: int
    params: SamplingParams = field(default_factory=SamplingParams)
    json_schema: dict[str, Any] | None = None
    tag: str = ""


@dataclass
class LLMResponse:
    """The answer to one request, with accounting. ``call_id`` is the id of the recorded
    ``LLMCall`` row when a recording backend answered, so decisions can cite their calls."""

    text: str
    prompt_tokens: int = 0
    completion_tokens: int = 0
    latency_s: float = 0.0
    error: str | None = None
    cached: bool = False
    call_id: int | None = None


@runtime_checkable
class Backend(Protocol):
    """Anything that turns a batch of requests into a batch of responses."""

    name: str
    model: str

    def generate_batch(self, requests: Sequence[LLMRequest]) -> list[LLMResponse]:
        """Answer every request; never raise for one bad request, report it in ``error``."""
        ...
