"""Any OpenAI-compatible ``/v1/chat/completions`` server (or several) behind :class:`Backend`.

Use it for vLLM, SGLang, llama.cpp, ``transformers serve`` or a hosted API. A batch fans out
as concurrent HTTP requests (at most ``concurrency`` in flight, so the servers can batch
them) over persistent keep-alive connections held by one ``aiohttp`` session on a private
event loop: ``aiohttp`` costs a fraction of httpx's per-request CPU, which matters at
thousands of requests a step (see docs/scale.md). Bodies are encoded and answers decoded
with ``orjson``. With several base URLs the batch is spread over them, least-loaded first,
with failover (:mod:`simverse.llm.server_pool`).

Transient failures (HTTP 429 and 5xx, timeouts, refused or dropped connections) are retried,
on another server when one is up, else after exponential backoff, at most ``max_attempts``
times; after that the response has ``text=""`` and an ``error`` naming the request's tag.
``generate_batch`` never raises for a failed request, so a step is never lost.

``seed`` and ``temperature`` are passed through; :meth:`OpenAIBackend.probe_seed` finds out
whether the server honours ``seed`` (many do not: ``transformers serve``). Answers are
sanitised (:mod:`simverse.core.sanitize`) before anything stores or shows them, and a
failure's error carries its kind (:mod:`simverse.llm.errors`). A request's ``json_schema`` is sent as
``response_format`` (``json_schema`` type); a server that rejects that field with 400/422
is asked again without it, and the backend stops sending it for the rest of the run.
"""

from __future__ import annotations

import asyncio
import json
import os
import time
import weakref
from collections.abc import Sequence
from typing import Any

import aiohttp
import orjson

from simverse.core.llm_protocol import EncodedSchema, LLMRequest, LLMResponse, Message, SamplingParams
from simverse.core.sanitize import clean_bytes, clean_text
from simverse.llm.errors import LLMUnavailable, tagged
from simverse.llm.server_pool import LoopThread, Server, ServerPool

RETRY_STATUS = {408, 409, 425, 429, 500, 502, 503, 504}
TRANSPORT_ERRORS = (aiohttp.ClientError, asyncio.TimeoutError, ConnectionError, OSError)
SEED_PROBE = "Write one unusual word."


class OpenAIBackend:
    """Concurrent chat completions against one or more servers of one model."""

    name = "openai"

    def __init__(
        self,
        base_url: str | Sequence[str],
        model: str,
        *,
        api_key_env: str = "OPENAI_API_KEY",
        concurrency: int = 64,
        timeout_s: float = 60.0,
        max_attempts: int = 4,
        backoff_s: float = 0.5,
        max_backoff_s: float = 8.0,
        use_response_format: bool = True,
    ) -> None:
        """``base_url`` ends before ``/chat/completions`` (e.g. ``http://127.0.0.1:8000/v1``;
        ``/v1`` is appended when missing); a list, or URLs joined by commas, names several
        servers of the same model. The API key, if any, comes from ``api_key_env``."""
        urls = base_url.split(",") if isinstance(base_url, str) else list(base_url)
        self.pool = ServerPool([u for u in urls if u.strip()])
        self.model = model
        api_key = os.environ.get(api_key_env) or None
        self.headers = {"Content-Type": "application/json"}
        if api_key:
            self.headers["Authorization"] = f"Bearer {api_key}"
        self.concurrency = max(1, int(concurrency))
        self.timeout_s = timeout_s
        self.max_attempts = max(1, int(max_attempts))
        self.backoff_s = backoff_s
        self.max_backoff_s = max_backoff_s
        self.use_response_format = use_response_format
        self.http_requests = 0
        self._loop: LoopThread | None = None
        self._session: aiohttp.ClientSession | None = None
        self._sessions: list[aiohttp.ClientSession] = []  # what the finalizer closes
        self._limit: asyncio.Semaphore | None = None

    @property
    def base_url(self) -> str:
        """The first server's ``/v1`` URL."""
        return self.pool.servers[0].url

    # ------------------------------------------------------------------ public

    def generate_batch(self, requests: Sequence[LLMRequest]) -> list[LLMResponse]:
        """Answer all requests concurrently; failed ones carry ``error``, none raise."""
        if not requests:
            return []
        if self._loop is None:
            self._loop = LoopThread()
            self._finalizer = weakref.finalize(self, _shut, self._loop, self._sessions)
        return self._loop.run(self._run(requests))

    def probe_seed(self) -> str:
        """Ask the same sampled question twice with each of two seeds, all at once (as a
        step would): ``ignored`` when one seed gives two answers, ``honoured`` when each
        seed repeats and the two differ, ``unknown`` when all four agree (or some fail).
        Raises :class:`~simverse.llm.errors.LLMUnavailable` when no probe gets an answer,
        so an unreachable server is found before the run starts."""
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

    def close(self) -> None:
        """Close the connections and the private event loop (a later batch reopens them)."""
        if self._loop is not None:
            self._finalizer()
        self._loop, self._session, self._limit = None, None, None
        self._sessions = []

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
                "json_schema": {"name": "decision", "schema": _schema_json(request.json_schema)},
            }
        return body

    # ------------------------------------------------------------------ internals

    async def _run(self, requests: Sequence[LLMRequest]) -> list[LLMResponse]:
        """All requests on the persistent session, bounded by a semaphore."""
        if self._session is None:
            connector = aiohttp.TCPConnector(limit=self.concurrency, ttl_dns_cache=300)
            self._session = aiohttp.ClientSession(connector=connector,
                                                  timeout=aiohttp.ClientTimeout(total=self.timeout_s))
            self._sessions.append(self._session)
            self._limit = asyncio.Semaphore(self.concurrency)
        return list(await asyncio.gather(*(self._answer(r) for r in requests)))

    async def _answer(self, request: LLMRequest) -> LLMResponse:
        """One request with retries and failover; the response holds the text or the error."""
        last_error, last_kind, server = "no attempt made", "unreachable", None
        assert self._limit is not None
        async with self._limit:
            started = time.perf_counter()
            for attempt in range(self.max_attempts):
                if attempt and (server is None or not self.pool.any_up(server)):
                    await asyncio.sleep(min(self.max_backoff_s, self.backoff_s * 2 ** (attempt - 1)))
                server = self.pool.pick(avoid=server)
                outcome = await self._post(server, request)
                if isinstance(outcome, LLMResponse):
                    return self._timed(outcome, started)
                last_error, last_kind, final = outcome
                if final:
                    return self._failed(request, last_error, started, last_kind)
        return self._failed(request, f"gave up after {self.max_attempts} attempts: {last_error}", started, last_kind)

    async def _post(self, server: Server, request: LLMRequest) -> LLMResponse | tuple[str, str, bool]:
        """One attempt at one server: a response, or ``(error, kind, final)`` (final: don't retry)."""
        assert self._session is not None
        body = self.body(request)
        self.http_requests += 1
        server.in_flight += 1
        try:
            async with self._session.post(server.url + "/chat/completions", data=orjson.dumps(body),
                                          headers=self.headers) as reply:
                status, raw = reply.status, await reply.read()
        except TRANSPORT_ERRORS as exc:
            self.pool.mark_down(server)
            return f"{type(exc).__name__}: {exc} ({server.url})", _transport_kind(exc), False
        finally:
            server.in_flight -= 1
        if status in (400, 422) and "response_format" in body and (b"response_format" in raw or b"json_schema" in raw):
            self.use_response_format = False  # this server cannot; stop sending it
            return f"HTTP {status} on response_format", "http", False
        if status in RETRY_STATUS:
            if status >= 500:
                self.pool.mark_down(server)
            return f"HTTP {status}: {_snippet(raw)}", "http", False
        if status >= 400:
            return f"HTTP {status}: {_snippet(raw)}", "http", True
        self.pool.mark_up(server)
        return _parsed(raw)

    @staticmethod
    def _timed(response: LLMResponse, started: float) -> LLMResponse:
        response.latency_s = time.perf_counter() - started
        return response

    @staticmethod
    def _failed(request: LLMRequest, reason: str, started: float, kind: str) -> LLMResponse:
        """An empty response whose error names its kind and the request."""
        return LLMResponse(text="", error=tagged(kind, f"{request.tag or 'untagged request'}: {reason}"),
                           latency_s=time.perf_counter() - started)


def _parsed(raw: bytes) -> LLMResponse | tuple[str, str, bool]:
    """Text and usage of a successful completion, sanitised; a malformed body is a final error."""
    try:
        data = orjson.loads(raw)
        text = data["choices"][0]["message"]["content"] or ""
        if not isinstance(text, str):
            raise TypeError(f"content is {type(text).__name__}, not text")
    except (ValueError, KeyError, IndexError, TypeError, RecursionError) as exc:
        try:  # orjson refuses what json reads after cleaning (lone surrogates, invalid UTF-8)
            return _parsed_clean(raw)
        except (ValueError, KeyError, IndexError, TypeError, RecursionError):
            return f"malformed completion: {str(exc)[:200]}", "malformed", True
    prompt_tokens, completion_tokens = _usage(data.get("usage"))
    return LLMResponse(text=clean_text(text), prompt_tokens=prompt_tokens, completion_tokens=completion_tokens)


def _parsed_clean(raw: bytes) -> LLMResponse:
    """The slow path for a body orjson refuses: decoded after sanitising, as data."""
    data = json.loads(clean_bytes(raw))
    text = data["choices"][0]["message"]["content"] or ""
    if not isinstance(text, str):
        raise TypeError(f"content is {type(text).__name__}, not text")
    prompt_tokens, completion_tokens = _usage(data.get("usage"))
    return LLMResponse(text=clean_text(text), prompt_tokens=prompt_tokens, completion_tokens=completion_tokens)


def _usage(usage: object) -> tuple[int, int]:
    """Prompt and completion token counts of a completion; 0 where missing or not a count."""
    counts = []
    for key in ("prompt_tokens", "completion_tokens"):
        value = usage.get(key) if isinstance(usage, dict) else None
        counts.append(value if isinstance(value, int) and 0 <= value < 2**31 else 0)
    return counts[0], counts[1]


def _transport_kind(exc: BaseException) -> str:
    """``unreachable`` for a connection never made, ``timeout``, else ``transport``."""
    if isinstance(exc, aiohttp.ClientConnectorError | ConnectionRefusedError):
        return "unreachable"
    if isinstance(exc, asyncio.TimeoutError | aiohttp.ServerTimeoutError):
        return "timeout"
    return "transport"


def _shut(loop: LoopThread, sessions: list[aiohttp.ClientSession]) -> None:
    """Close the sessions on their loop, then the loop (at close() or garbage collection)."""
    for session in sessions:
        loop.run(session.close())
    loop.stop()


def _snippet(raw: bytes) -> str:
    """The start of an error body, as clean text."""
    return clean_bytes(raw[:200])


def _schema_json(schema: dict[str, Any]) -> Any:
    """The schema as orjson should write it: its own encoding when it carries one."""
    return orjson.Fragment(schema.encoded) if isinstance(schema, EncodedSchema) else schema
