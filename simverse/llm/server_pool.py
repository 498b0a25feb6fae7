"""Several OpenAI-compatible servers behind one backend: least-loaded choice and failover.

A batch of requests is spread over the servers by in-flight count (the least-loaded server
takes the next request; ties go round-robin), so two vLLM replicas each get about half a
step. A server whose connection fails or that answers 5xx is marked down for a short
cool-down and its request goes straight to another server; when every server is down the
request waits out the backoff and tries again. Which server answered never changes what
is recorded: the recording key names the backend and model, not the URL, so a run made
over three servers replays from its recording exactly as one made over one.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Coroutine, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")


@dataclass
class Server:
    """One server: its ``/v1`` base URL, requests in flight, and until when it is down."""

    url: str
    in_flight: int = 0
    down_until: float = 0.0
    answered: int = 0
    failed: int = 0


class ServerPool:
    """The servers of one backend; safe to use from one event loop."""

    def __init__(self, urls: Sequence[str], cooldown_s: float = 2.0) -> None:
        if not urls:
            raise ValueError("an OpenAI-compatible backend needs at least one server URL")
        self.servers = [Server(_v1(url)) for url in urls]
        self.cooldown_s = cooldown_s
        self._turn = 0

    def pick(self, avoid: Server | None = None) -> Server:
        """The least-loaded server that is up (not ``avoid`` when another is up); when all
        are down, the one that comes back first."""
        now = time.monotonic()
        up = [s for s in self.servers if s.down_until <= now and s is not avoid] or \
            [s for s in self.servers if s.down_until <= now]
        if not up:
            return min(self.servers, key=lambda s: s.down_until)
        self._turn += 1
        return min(up, key=lambda s: (s.in_flight, (self.servers.index(s) - self._turn) % len(self.servers)))

    def any_up(self, besides: Server) -> bool:
        """Whether another server than ``besides`` is up now (failover without backoff)."""
        now = time.monotonic()
        return any(s is not besides and s.down_until <= now for s in self.servers)

    def mark_down(self, server: Server) -> None:
        server.failed += 1
        server.down_until = time.monotonic() + self.cooldown_s

    def mark_up(self, server: Server) -> None:
        server.answered += 1
        server.down_until = 0.0


class LoopThread:
    """A private event loop in a daemon thread, kept for the backend's life, so HTTP
    connections persist across steps and a batch can be run from any thread, also from
    code that already runs an event loop (a notebook, a web app)."""

    def __init__(self) -> None:
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, name="simverse-http", daemon=True)
        self._thread.start()

    def run(self, coroutine: Coroutine[Any, Any, T]) -> T:
        """Run ``coroutine`` on the loop and wait for its result."""
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result()

    def stop(self) -> None:
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(timeout=5)
        self.loop.close()


def _v1(url: str) -> str:
    """``url`` without a trailing slash, ending in ``/v1``."""
    url = url.strip().rstrip("/")
    return url if url.endswith("/v1") else url + "/v1"
