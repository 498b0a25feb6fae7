"""Long prompt texts that many recorded calls share, stored once (schema version 4).

Every NPC of a step is sent the same first message (the world, its rules, places and
actions: see :mod:`simverse.llm.prompts`), 2.6 KB at 1,000 NPCs of a generated world and
25 KB at 10,000. Kept in each call's ``request_json`` it made most of the database, about
30 KB per agent-step at 10,000 NPCs. Now a message of :data:`SHARED_MIN_CHARS` or more is
kept here once, under the SHA-256 of its text, and a call's ``request_json`` names it as
``{"text_sha256": DIGEST}`` in place of the string. Readers get the whole request back
with :func:`full_request`. Calls recorded before keep their texts inline and read as
they are.

A call's key is still the hash of the request with every text in it
(:func:`simverse.llm.recording.request_key`), so replay finds older runs' calls as before.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, String, Text, insert, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from simverse.store.base import Base

SHARED_MIN_CHARS = 1_000
"""Shorter messages stay inline: storing them apart saves less than the lookup costs."""
REFERENCE = "text_sha256"


class PromptText(Base):
    """One shared message text, named by the SHA-256 (hex) of its UTF-8 bytes."""

    __tablename__ = "prompt_texts"

    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    text: Mapped[str] = mapped_column(Text)


@lru_cache(maxsize=64)
def text_digest(text: str) -> str:
    """The name a shared text is stored under (cached: a step's requests share a few texts,
    and a string's own hash, which the cache looks up by, is kept on the string)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def store_texts(session: Session, texts: Mapping[str, str]) -> None:
    """Insert the texts the database does not hold yet (runs of one database, a resumed
    run and a fork all share them)."""
    if not texts:
        return
    held = set(session.scalars(select(PromptText.digest).where(PromptText.digest.in_(list(texts)))))
    rows = [{"digest": d, "text": t} for d, t in texts.items() if d not in held]
    if rows:
        session.execute(insert(PromptText.__table__), rows)


def referenced(payload: Mapping[str, Any]) -> set[str]:
    """The digests a stored request names."""
    return {content[REFERENCE] for _, content in payload.get("messages") or []
            if isinstance(content, dict) and REFERENCE in content}


def named_texts(session: Session | Connection, payloads: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """The shared texts these stored requests name, by digest, in one query."""
    digests = set().union(*(referenced(p) for p in payloads))
    if not digests:
        return {}
    query = select(PromptText.digest, PromptText.text).where(PromptText.digest.in_(list(digests)))
    return {digest: text for digest, text in session.execute(query)}


def message_text(content: Any, texts: Mapping[str, str]) -> str:
    """A stored message's text: itself, or the shared text it names."""
    if isinstance(content, dict) and REFERENCE in content:
        digest = content[REFERENCE]
        if digest not in texts:
            raise LookupError(f"prompt_texts holds no text {digest}, which a recorded call names")
        return texts[digest]
    return content


def full_requests(session: Session | Connection, requests: Iterable[str]) -> list[dict[str, Any]]:
    """Stored requests (``llm_calls.request_json``) as they were sent, every text in place."""
    payloads = [json.loads(r) for r in requests]
    texts = named_texts(session, payloads)
    for payload in payloads:
        payload["messages"] = [[role, message_text(content, texts)] for role, content in payload.get("messages") or []]
    return payloads


def full_request_texts(session: Session | Connection, requests: list[str]) -> list[str]:
    """Stored requests as JSON text with every shared text in place (for exports); those
    that name none come back as they are."""
    naming = [i for i, raw in enumerate(requests) if f'"{REFERENCE}"' in raw]
    out = list(requests)
    for i, payload in zip(naming, full_requests(session, [requests[i] for i in naming]), strict=True):
        out[i] = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return out
