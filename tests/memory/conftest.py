"""Shared fixtures for memory tests: a fresh run database, counting embedders, fake LLMs."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pytest
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from simverse.core.llm_protocol import LLMRequest, LLMResponse
from simverse.memory import HashingEmbedder, MemoryConfig, MemoryStream
from simverse.store import Base


class CountingEmbedder:
    """Wraps an embedder and records every batch it was asked to embed."""

    def __init__(self, inner=None) -> None:
        self.inner = inner or HashingEmbedder(dim=64)
        self.name = "counting"
        self.dim = self.inner.dim
        self.calls: list[list[str]] = []

    def embed(self, texts: list[str]) -> np.ndarray:
        self.calls.append(list(texts))
        return self.inner.embed(texts)


class FakeBackend:
    """A backend whose answer is computed from each request by ``answer``; counts batches."""

    name = "fake"
    model = "fake"

    def __init__(self, answer: Callable[[LLMRequest], str]) -> None:
        self.answer = answer
        self.batches: list[list[LLMRequest]] = []

    def generate_batch(self, requests: Sequence[LLMRequest]) -> list[LLMResponse]:
        self.batches.append(list(requests))
        return [LLMResponse(text=self.answer(r)) for r in requests]


@pytest.fixture
def session() -> Session:
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as s:
        yield s
    engine.dispose()


@pytest.fixture
def embedder() -> CountingEmbedder:
    return CountingEmbedder()


@pytest.fixture
def stream(embedder: CountingEmbedder) -> MemoryStream:
    return MemoryStream(run_id=1, embedder=embedder, config=MemoryConfig())


@pytest.fixture
def make_backend() -> type[FakeBackend]:
    """``make_backend(answer)`` builds a :class:`FakeBackend`."""
    return FakeBackend
