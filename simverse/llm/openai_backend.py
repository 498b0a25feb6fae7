"""Any OpenAI-compatible ``/v1/chat/completions`` server behind the :class:`Backend` protocol.

Use it for vLLM, llama.cpp, ``transformers serve`` or a hosted API. A batch fans out as
concurrent HTTP requests (``httpx.AsyncClient``, at most ``concurrency`` in flight, so the
server can batch them). Transient failures (HTTP 429 and 5xx, timeouts, refused or dropped
connections) are retried with exponential backoff, at most ``max_attempts`` times; after
that the request's response has ``text=""`` and an ``error`` naming the request's tag.
``generate_batch`` never raises for a failed request, so a step is never lost.

``seed`` and ``temperature`` are passed through; :meth:`OpenAIBackend.probe_seed` finds out
whether the server honours ``seed`` (many do not: ``transformers serve``). A request's ``json_schema`` is sent as
``response_format`` (``json_schema`` type); a server that rejects that field with 400/422
is asked again without it, and the backend stops sending it for the rest of the run.
"""

from __future__ import annotations

import asyncio
import json
import os
import threading
import time
from collections.abc import Sequence
from typing import Any

import httpx

from simverse.core.llm_protocol import LLMRequest, LLMResponse, Message, SamplingParams
from simverse.core.sanitize import clean_bytes, clean_text
from simverse.llm.errors import tagged

RETRY_STATUS = {408, 409, 425, 429, 500, 502, 503, 504}
SEED_PROBE = "Write one unusual word."


class OpenAIBackend:
    """Concurrent chat completions against one server and model."""

    name = "openai"

    def __init__(
        self,
        base_url: str,
        model: str,
        *,
        api_key_env: str = "OPENAI_API_KEY",
        concurrency: int = 16,
        timeout_s: float = 60.0,
        max_attempts: int = 4,
        backoff_s: float = 0.5,
        max_backoff_s: float = 8.0,
        use_response_format: bool = True,
    ) -> None:
        """``base_url`` ends before ``/chat/completions`` (e.g. ``http://127.0.0.1:8000/v1``;
        ``/v1`` is appended when missing). The API key, if any, comes from ``api_key_env``."""
        url = base_url.rstrip("/")
        self.base_url = url if url.endswith("/v1") else url + "/v1"
        self.model = model
        self.api_key = os.environ.get(api_key_env) or None
        self.concurrency = max(1, int(concurrency))
        self.timeout_s = timeout_s
        self.max_attempts = max(1, int(max_attempts))
        self.backoff_s = backoff_s
        self.max_backoff_s = max_backoff_s
        self.use_response_format = use_response_format
        self.http_requests = 0

    # ------------------------------------------------------------------ public

    def generate_batch(self, requests: Sequence[LLMRequest]) -> list[LLMResponse]:
        """Answer all requests concurrently; failed ones carry ``error``, none raise."""
        if not requests:
            return []
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return asyncio.run(self._run(requests))
        # Called from inside an event loop (a notebook, a web app): use a private one.
        result: list[list[LLMResponse]] = []
        worker = threading.Thread(target=lambda: result.append(asyncio.run(self._run(requests))))
        worker.start()
        worker.join()
        return result[0]

    def probe_seed(self) -> str:
        """Ask the same sampled question twice with each of two seeds, all at once (as a
        step would): ``ignored`` when one seed gives two answers, ``honoured`` when each
        seed repeats and the two differ, ``unknown`` when all four agree (or some fail).
        Raises :class:`~simverse.llm.errors.LLMUnavailable` when no probe gets an answer,
        so an unreachable server is found before the run starts."""
        from simverse.llm.errors import LLMUnavailable

        params = SamplingParams(max_new_tokens=12, temperature=1.0)
        probes = [LLMRequest((Message("user", SEED_PROBE),), seed=seed, params=params,
                             tag=f"seed probe {k}") for k, seed in enumerate((7, 7, 8, 8))]
        answers = self.generate_batch(probes)
        if all(a.error is not None for a in answers):
            raise LLMUnavailable(f"{self.base_url} ({self.model}) did not answer: {answers[0].error}")
        if any(a.error is not None for a in answers):
            return "unknown"
        a, b, c, d = (x.text for x in answers)
        if a != b or c != d:
            return "ignored"
        return "honoured" if a != c else "unknown"

    # ------------------------------------------------------------------ internals

    async def _run(self, requests: Sequence[LLMRequest]) -> list[LLMResponse]:
        """All requests on one client, bounded by a semaphore."""
        limit = asyncio.Semaphore(self.concurrency)
        headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}
        limits = httpx.Limits(max_connections=self.concurrency)
        async with httpx.AsyncClient(base_url=self.base_url, headers=headers,
                                     timeout=self.timeout_s, limits=limits) as client:
            return list(await asyncio.gather(
                *(self._answer(client, limit, r) for r in requests)))

    def body(self, request: LLMRequest) -> dict[str, Any]:
        """The JSON body of one chat completion."""
        body: dict[str, Any] = {
            "model": self.model,
            "messages": [{"role": m.role, "content": m.content} for m in request.messages],
            "max_tokens": request.params.max_new_tokens,
            "temperature": request.params.temperature,
            "seed": request.seed,
        }
        if request.params.top_p < 1.0:
            body["top_p"] = request.params.top_p
        if request.json_schema is not None and self.use_response_format:
            body["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": "decision", "schema": request.json_schema},
            }
        return body

    async def _answer(self, client: httpx.AsyncClient, limit: asyncio.Semaphore,
                      request: LLMRequest) -> LLMResponse:
        """One request with retries; the returned response holds the text or the error."""
        last_error, last_kind = "no attempt made", "unreachable"
        async with limit:
            started = time.perf_counter()
            for attempt in range(self.max_attempts):
                if attempt:
                    await asyncio.sleep(min(self.max_backoff_s,
                                            self.backoff_s * 2 ** (attempt - 1)))
                body = self.body(request)
                try:
                    self.http_requests += 1
                    reply = await client.post("/chat/completions", json=body)
                except (httpx.TimeoutException, httpx.TransportError) as exc:
                    last_error, last_kind = f"{type(exc).__name__}: {exc}", _transport_kind(exc)
                    continue
                if reply.status_code in (400, 422) and "response_format" in body \
                        and ("response_format" in reply.text or "json_schema" in reply.text):
                    self.use_response_format = False  # this server cannot; stop sending it
                    last_error, last_kind = f"HTTP {reply.status_code} on response_format", "http"
                    continue
                if reply.status_code in RETRY_STATUS:
                    last_error, last_kind = f"HTTP {reply.status_code}: {_snippet(reply)}", "http"
                    continue
                if reply.status_code >= 400:
                    return self._failed(request, f"HTTP {reply.status_code}: {_snippet(reply)}",
                                        started, "http")
                return self._parsed(request, reply, started)
        return self._failed(request, f"gave up after {self.max_attempts} attempts: "
                            f"{last_error}", started, last_kind)

    @staticmethod
    def _failed(request: LLMRequest, reason: str, started: float, kind: str) -> LLMResponse:
        """An empty response whose error names its kind and the request."""
        return LLMResponse(text="", error=tagged(kind, f"{request.tag or 'untagged request'}: "
                                                 f"{reason}"),
                           latency_s=time.perf_counter() - started)

    def _parsed(self, request: LLMRequest, reply: httpx.Response,
                started: float) -> LLMResponse:
        """Text and usage of a successful completion (malformed bodies become errors)."""
        try:
            data = json.loads(clean_bytes(reply.content))
            text = data["choices"][0]["message"]["content"] or ""
            if not isinstance(text, str):
                raise TypeError(f"content is {type(text).__name__}, not text")
        except (ValueError, KeyError, IndexError, TypeError, RecursionError) as exc:
            return self._failed(request, f"malformed completion: {str(exc)[:200]}", started,
                                "malformed")
        prompt_tokens, completion_tokens = _usage(data.get("usage"))
        return LLMResponse(
            text=clean_text(text),
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
            latency_s=time.perf_counter() - started,
        )


def _usage(usage: object) -> tuple[int, int]:
    """Prompt and completion token counts of a completion; 0 where missing or not a count."""
    counts = []
    for key in ("prompt_tokens", "completion_tokens"):
        value = usage.get(key) if isinstance(usage, dict) else None
        counts.append(value if isinstance(value, int) and 0 <= value < 2**31 else 0)
    return counts[0], counts[1]


def _transport_kind(exc: Exception) -> str:
    """``unreachable`` for a connection never made, ``timeout``, else ``transport``."""
    if isinstance(exc, httpx.ConnectTimeout | httpx.ConnectError):
        return "unreachable"
    if isinstance(exc, httpx.TimeoutException):
        return "timeout"
    return "transport"


def _snippet(reply: httpx.Response) -> str:
    """The start of an error body, as clean text."""
    return clean_bytes(reply.content[:200])
