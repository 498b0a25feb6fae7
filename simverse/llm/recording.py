"""Record every LLM call of a run, and replay a run from its recorded calls.

:class:`RecordingBackend` wraps any backend and keeps an ``llm_calls`` row per call, as a
plain dict, in a pending list; the world drains them into the step's transaction, where they
are written with one bulk ``INSERT`` (:func:`store_calls`): at thousands of calls a step an
ORM object per call costs more than the rest of recording together.
Answers are data: each response's text is cleaned (:func:`~simverse.core.sanitize.clean_text`)
and capped at :data:`MAX_RESPONSE_CHARS` (the cut text ends with a note of the full length)
*before* it is stored and before the caller parses it, so the live run and its replay
read the very same text.
:class:`ReplayBackend` answers from rows loaded from the database, by the request's key,
with no model at all; a request that was never recorded raises :class:`CacheMiss` naming
the request's tag, because a replay that silently diverges is worse than one that stops.
Answers the content filter blocked are stored as its placeholder, the words themselves in
the ``redactions`` table (see :mod:`simverse.store.redaction_models`); replay reads them
back from there, and :func:`without_quoted_answers` is how a request that quotes a blocked
answer (a retry) is stored.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict, deque
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from functools import lru_cache
from typing import Any, NamedTuple

import orjson
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from simverse.core.llm_protocol import Backend, EncodedSchema, LLMRequest, LLMResponse, SamplingParams
from simverse.core.sanitize import cap_text, clean_text
from simverse.store.llm_models import LLMCall
from simverse.store.prompt_texts import REFERENCE, SHARED_MIN_CHARS, store_texts, text_digest
from simverse.store.redaction_models import blocked_calls

_STEP_IN_TAG = re.compile(r"\bstep (\d+)\b")
TEXTS_FIELD = "prompt_texts"
"""Where a drained row carries the shared texts of its drain (not a column)."""
MAX_RESPONSE_CHARS = 16_384
"""A decision is a few hundred characters; anything past this is kept only as its length."""


class CacheMiss(KeyError):
    """A replayed run asked something the recorded run never asked."""

    def __str__(self) -> str:  # KeyError would repr() the message
        return str(self.args[0]) if self.args else "cache miss"


def request_payload(backend: str, model: str, request: LLMRequest) -> dict[str, Any]:
    """Everything that determines an answer, as plain JSON data (tag and step excluded)."""
    return {
        "backend": backend,
        "model": model,
        "messages": [[m.role, m.content] for m in request.messages],
        "params": _params(request.params),
        "seed": request.seed,
        "json_schema": request.json_schema,
    }


def request_key(backend: str, model: str, request: LLMRequest) -> str:
    """SHA-256 hex of the canonical JSON of :func:`request_payload`."""
    return key_of(canonical_json(request_payload(backend, model, request)))


def key_of(canonical: str) -> str:
    """The key of a request whose canonical JSON is ``canonical``."""
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def stored_request(payload: dict[str, Any], texts: dict[str, str]) -> dict[str, Any]:
    """``payload`` as ``llm_calls.request_json`` keeps it: each message of
    :data:`~simverse.store.prompt_texts.SHARED_MIN_CHARS` or more named by its digest, its
    text added to ``texts`` (stored once, see :mod:`simverse.store.prompt_texts`)."""
    messages = payload["messages"]
    if all(len(content) < SHARED_MIN_CHARS for _, content in messages):
        return payload
    apart = []
    for role, content in messages:
        if len(content) >= SHARED_MIN_CHARS:
            digest = text_digest(content)
            texts[digest] = content
            apart.append([role, {REFERENCE: digest}])
        else:
            apart.append([role, content])
    return {**payload, "messages": apart}


def take_texts(rows: Iterable[dict[str, Any]]) -> dict[str, str]:
    """The shared texts drained call rows carry (:meth:`RecordingBackend.drain`), taken
    off the rows, which are then plain ``llm_calls`` rows."""
    texts: dict[str, str] = {}
    for row in rows:
        texts.update(row.pop(TEXTS_FIELD, None) or {})
    return texts


def canonical_json(payload: dict[str, Any]) -> str:
    """``json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)``,
    the encoding every recorded key was made with, written mostly by orjson: for strings,
    ints and booleans (the messages, the seed) both write the same text, orjson several
    times faster. Floats they write differently, so the sampling parameters and a schema
    that does not carry its encoding (:class:`EncodedSchema`) go through ``json``."""
    schema = payload["json_schema"]
    fast = {**payload, "params": orjson.Fragment(_params_json(tuple(payload["params"].items()))),
            "json_schema": orjson.Fragment(schema.encoded if isinstance(schema, EncodedSchema) else _json(schema))}
    try:
        return orjson.dumps(fast, option=orjson.OPT_SORT_KEYS).decode()
    except orjson.JSONEncodeError:  # an int past 64 bits, a lone surrogate: json's own verdict
        return _json(payload)


@lru_cache(maxsize=64)
def _params(params: SamplingParams) -> dict[str, Any]:
    """A request's sampling parameters as data (a step's requests share a few; read only)."""
    return asdict(params)


@lru_cache(maxsize=64)
def _params_json(items: tuple[tuple[str, Any], ...]) -> str:
    return _json(dict(items))


def _json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def without_quoted_answers(request_json: str, placeholder: str) -> str | None:
    """A stored request (``request_json``) with every message from the first quoted answer
    (an ``assistant`` message, as a retry quotes the rejected answer) on replaced by
    ``placeholder``, in the same canonical encoding; None when it quotes no answer."""
    payload = json.loads(request_json)
    messages = payload.get("messages") or []
    first = next((i for i, (role, _) in enumerate(messages) if role == "assistant"), None)
    if first is None:
        return None
    payload["messages"] = [*messages[:first], *([role, placeholder] for role, _ in messages[first:])]
    return _json(payload)


def step_of(tag: str) -> int:
    """The step number in a tag such as ``"step 12 npc Mara act"``; -1 when absent."""
    match = _STEP_IN_TAG.search(tag)
    return int(match.group(1)) if match else -1


class CallIds:
    """Per-run call ids in call order; recorders of one run (one per role) share one."""

    def __init__(self, start: int = 1) -> None:
        self.next = start

    @classmethod
    def after_stored(cls, session: Session, run_id: int) -> CallIds:
        """Ids that continue after the calls already stored for ``run_id`` (resume)."""
        last = session.scalar(select(func.max(LLMCall.id)).where(LLMCall.run_id == run_id))
        return cls((last or 0) + 1)

    def take(self) -> int:
        """The next id."""
        value, self.next = self.next, self.next + 1
        return value


def store_calls(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Write drained call rows (:meth:`RecordingBackend.drain`) with one bulk ``INSERT``,
    and the shared texts they name."""
    store_texts(session, take_texts(rows))
    if rows:
        session.execute(insert(LLMCall.__table__), list(rows))


class RecordingBackend:
    """Wrap ``inner`` and record each call as an ``llm_calls`` row with a per-run id."""

    def __init__(self, inner: Backend, run_id: int, ids: CallIds | int = 1) -> None:
        """``ids``: a shared :class:`CallIds`, or the first id for a private one."""
        self.inner = inner
        self.name = inner.name
        self.model = inner.model
        self.run_id = run_id
        self.ids = ids if isinstance(ids, CallIds) else CallIds(ids)
        self._pending: list[dict[str, Any]] = []
        self._texts: dict[str, str] = {}

    def generate_batch(self, requests: Sequence[LLMRequest]) -> list[LLMResponse]:
        """Answer through ``inner``; give every response the id of its recorded row."""
        responses = self.inner.generate_batch(requests)
        for request, response in zip(requests, responses, strict=True):
            response.text = cap_text(clean_text(response.text), MAX_RESPONSE_CHARS)
            if response.error is not None:
                response.error = cap_text(clean_text(response.error), 2_000)
            call_id = self.ids.take()
            payload = request_payload(self.name, self.model, request)
            canonical = canonical_json(payload)
            stored = stored_request(payload, self._texts)
            response.call_id = call_id
            self._pending.append({
                "run_id": self.run_id, "id": call_id, "step": step_of(request.tag), "tag": request.tag,
                "key": key_of(canonical), "backend": self.name,
                "model": self.model, "request_json": canonical if stored is payload else canonical_json(stored),
                "response_text": response.text, "prompt_tokens": response.prompt_tokens,
                "completion_tokens": response.completion_tokens, "latency_s": response.latency_s,
                "error": response.error,
            })
        return responses

    @property
    def pending(self) -> int:
        """How many recorded calls wait to be drained."""
        return len(self._pending)

    def drain(self) -> list[dict[str, Any]]:
        """Hand over the rows of the calls recorded since the last drain, in call order
        (every column of ``llm_calls``; the world writes them with :func:`store_calls`).
        The first row also carries, under :data:`TEXTS_FIELD`, the shared texts the rows
        name (:func:`take_texts` takes them off)."""
        calls, self._pending = self._pending, []
        if calls and self._texts:
            calls[0][TEXTS_FIELD] = self._texts
        self._texts = {}
        return calls


class RecordedAnswer(NamedTuple):
    """What replay needs of one recorded call (a row of ``llm_calls``, or a drained dict)."""

    id: int
    key: str
    backend: str
    model: str
    response_text: str
    prompt_tokens: int
    completion_tokens: int
    error: str | None

    @classmethod
    def of(cls, call: Any) -> RecordedAnswer:
        """From an ``LLMCall`` row object or a drained row dict."""
        get = call.get if isinstance(call, dict) else lambda name: getattr(call, name)
        return cls(*(get(name) for name in cls._fields))


class ReplayBackend:
    """Answer requests from recorded calls, in recorded order per key; no model needed.

    Calls made through several backends (say, one per role) can be replayed by one
    instance: a request's key is tried for every recorded ``(backend, model)`` pair,
    the most frequent first, whose names this backend reports as its own.
    """

    def __init__(self, calls: Iterable[Any]) -> None:
        """``calls``: ``LLMCall`` rows, drained row dicts or :class:`RecordedAnswer` s."""
        self._answers: dict[str, deque[RecordedAnswer]] = defaultdict(deque)
        self._last: dict[str, RecordedAnswer] = {}
        pair_counts: dict[tuple[str, str], int] = defaultdict(int)
        answers = [c if isinstance(c, RecordedAnswer) else RecordedAnswer.of(c) for c in calls]
        for call in sorted(answers, key=lambda c: c.id):
            self._answers[call.key].append(call)
            pair_counts[(call.backend, call.model)] += 1
        self._pairs = sorted(pair_counts, key=lambda p: -pair_counts[p])
        self.name, self.model = self._pairs[0] if self._pairs else ("replay", "none")
        self.hits = 0

    @classmethod
    def from_session(cls, session: Session, run_id: int) -> ReplayBackend:
        """Load every recorded call of ``run_id`` (plain rows, no ORM objects), each with
        its answer as the model gave it: an answer the content filter blocked is read back
        from the ``redactions`` table, where it is kept instead of ``llm_calls``."""
        columns = [getattr(LLMCall, name) for name in RecordedAnswer._fields]
        rows = session.execute(select(*columns).where(LLMCall.run_id == run_id))
        said = blocked_calls(session, run_id, "response")
        answers = (RecordedAnswer(*row) for row in rows)
        return cls(a._replace(response_text=said[a.id]) if a.id in said else a for a in answers)

    def _lookup(self, request: LLMRequest) -> RecordedAnswer:
        """The next recorded answer for this request (the last one once all were used)."""
        for backend, model in self._pairs:
            key = request_key(backend, model, request)
            queue = self._answers.get(key)
            if queue:
                call = queue.popleft()
                self._last[key] = call
                return call
            if key in self._last:
                return self._last[key]
        raise CacheMiss(f"no recorded LLM call for {request.tag or 'an untagged request'}")

    def generate_batch(self, requests: Sequence[LLMRequest]) -> list[LLMResponse]:
        """Recorded responses; raises :class:`CacheMiss` for an unknown request."""
        out = []
        for request in requests:
            call = self._lookup(request)
            self.hits += 1
            out.append(LLMResponse(
                text=clean_text(call.response_text),
                prompt_tokens=call.prompt_tokens,
                completion_tokens=call.completion_tokens,
                latency_s=0.0,
                error=call.error,
                cached=True,
                call_id=call.id,
            ))
        return out
