"""Fixtures for the LLM layer: a tiny random-weight model on disk, a real OpenAI-compatible
server serving it on 127.0.0.1, a fault-injecting HTTP proxy, and request builders."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from simverse.core.decisions import ActionSpec, DecisionRequest, FactView, MemoryView
from simverse.core.llm_protocol import LLMRequest, LLMResponse, Message, SamplingParams
from tests.llm.fake_openai import FakeServer

BUILTIN_ACTIONS = [
    ActionSpec("wait", "do nothing for a while"),
    ActionSpec("move", "walk to a neighbouring place", {"place": "place"}),
    ActionSpec("talk", "say something to someone here", {"npc": "npc"}),
    ActionSpec("buy", "buy an item sold here", {"item": "item"}),
]
SERVER_START_TIMEOUT_S = 120


# --------------------------------------------------------------------------- requests


def decision_request(**overrides: Any) -> DecisionRequest:
    """A typical baker's request in a harbour town; override any field."""
    fields: dict[str, Any] = dict(
        step=3, npc="Mara", seed=42, mode="act",
        persona="The town baker, warm but gossipy.",
        traits=["friendly", "curious"], goals=["sell all bread by noon"],
        time_label="day 1, morning", hour=8.0, weather="rain",
        place="bakery", place_description="A warm shop smelling of bread.",
        neighbours=["square", "harbor"], people_here=["Mara", "Tom", "Ada"],
        items_here=["bread", "flour"], inventory=["coin purse"],
        needs={"hunger": 0.3, "energy": 0.8}, properties={"coins": 12},
        schedule_place="bakery", schedule_activity="bake bread", schedule_action="wait",
        actions=list(BUILTIN_ACTIONS),
        facts=[FactView("f1", "The mill burned down last night.", "mill", "state", "burned"),
               FactView("f2", "Tom owes Ada ten coins.", "Tom", "owes", "Ada")],
        memories=[MemoryView("Tom bought two loaves yesterday.", "observation", 1, 0.8)],
        observations=["Tom said: 'Have you heard about the mill?'"],
    )
    fields.update(overrides)
    return DecisionRequest(**fields)


def llm_request(text: str = "hello", seed: int = 0, *, max_new_tokens: int = 8,
                temperature: float = 0.0, tag: str = "") -> LLMRequest:
    """A one-message chat request."""
    return LLMRequest(messages=(Message("user", text),), seed=seed,
                      params=SamplingParams(max_new_tokens=max_new_tokens,
                                            temperature=temperature),
                      tag=tag or f"step 1 npc N{seed} act")


class QueueBackend:
    """A backend that answers with prepared texts in order and records every batch."""

    name = "queue"
    model = "prepared"

    def __init__(self, answers: Sequence[str | LLMResponse]) -> None:
        self.answers = list(answers)
        self.batches: list[list[LLMRequest]] = []

    def generate_batch(self, requests: Sequence[LLMRequest]) -> list[LLMResponse]:
        self.batches.append(list(requests))
        out = []
        for _ in requests:
            answer = self.answers.pop(0)
            out.append(answer if isinstance(answer, LLMResponse)
                       else LLMResponse(text=answer, prompt_tokens=10, completion_tokens=5,
                                        latency_s=0.01))
        return out


# --------------------------------------------------------------------------- model


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A random-weight Llama with a trained BPE tokenizer and chat template, on disk."""
    from simverse.llm.tiny_model import build_tiny_model

    return build_tiny_model(tmp_path_factory.mktemp("tiny-llama"))


@pytest.fixture(scope="session")
def tiny_backend(tiny_model_dir: Path):
    """The tiny model loaded through ``from_pretrained`` by the transformers backend."""
    from simverse.llm.transformers_backend import TransformersBackend

    return TransformersBackend(str(tiny_model_dir), device="cpu", max_batch_size=8)


# --------------------------------------------------------------------------- server


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve_command() -> list[str] | None:
    """How to run ``transformers serve`` here, or None if the command is absent."""
    exe = Path(sys.executable).with_name("transformers")
    if exe.exists():
        return [str(exe), "serve"]
    found = shutil.which("transformers")
    return [found, "serve"] if found else None


class Server:
    """A ``transformers serve`` subprocess pinned to one local model on 127.0.0.1."""

    def __init__(self, model_dir: Path, log: Path) -> None:
        command = serve_command()
        if command is None:
            pytest.skip("the `transformers serve` command is not installed")
        self.port = free_port()
        self.model = str(model_dir)
        self.url = f"http://127.0.0.1:{self.port}/v1"
        self._log = log.open("wb")
        self.proc = subprocess.Popen(
            [*command, self.model, "--host", "127.0.0.1", "--port", str(self.port),
             "--device", "cpu", "--log-level", "warning"],
            stdout=self._log, stderr=subprocess.STDOUT,
        )
        self._wait_ready(log)

    def _wait_ready(self, log: Path) -> None:
        deadline = time.monotonic() + SERVER_START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"transformers serve exited: {log.read_text()[-2000:]}")
            try:
                if httpx.get(f"http://127.0.0.1:{self.port}/health", timeout=1).is_success:
                    return
            except httpx.TransportError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"transformers serve not ready in {SERVER_START_TIMEOUT_S}s: "
                           f"{log.read_text()[-2000:]}")

    def stop(self) -> None:
        """Kill the server (the test's own subprocess) and wait for it."""
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=30)
        self._log.close()


@pytest.fixture(scope="session")
def server(tiny_model_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A shared real server for the tests that do not kill it."""
    srv = Server(tiny_model_dir, tmp_path_factory.mktemp("serve") / "serve.log")
    yield srv
    srv.stop()


@pytest.fixture
def start_server(tiny_model_dir: Path, tmp_path: Path) -> Iterator[Callable[[], Server]]:
    """Start a private server (for tests that kill it); stopped at teardown."""
    started: list[Server] = []

    def start() -> Server:
        srv = Server(tiny_model_dir, tmp_path / f"serve{len(started)}.log")
        started.append(srv)
        return srv

    yield start
    for srv in started:
        srv.stop()


# --------------------------------------------------------------------------- proxy


class FaultProxy:
    """An HTTP proxy on 127.0.0.1 that injects faults before forwarding to ``upstream``.

    ``fail_first``: answer the first N requests with ``fail_status``; ``delay_first``:
    sleep ``delay_s`` before forwarding the first N; ``reject_response_format``: answer
    400 to any body that carries ``response_format``.
    """

    def __init__(self, upstream: str, *, fail_first: int = 0, fail_status: int = 500,
                 delay_first: int = 0, delay_s: float = 0.0,
                 reject_response_format: bool = False) -> None:
        self.upstream = upstream.rstrip("/")
        self.fail_first = fail_first
        self.fail_status = fail_status
        self.delay_first = delay_first
        self.delay_s = delay_s
        self.reject_response_format = reject_response_format
        self.seen = 0
        self.bodies: list[bytes] = []
        self._lock = threading.Lock()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                """Keep test output quiet."""

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with proxy._lock:
                    proxy.seen += 1
                    number = proxy.seen
                    proxy.bodies.append(body)
                if number <= proxy.fail_first:
                    return self._reply(proxy.fail_status, b'{"error": "injected fault"}')
                if proxy.reject_response_format and b'"response_format"' in body:
                    return self._reply(400, b'{"error": "response_format not supported"}')
                if number <= proxy.delay_first:
                    time.sleep(proxy.delay_s)
                try:
                    upstream = httpx.post(proxy.upstream + self.path.removeprefix("/v1"),
                                          content=body, timeout=30,
                                          headers={"content-type": "application/json"})
                except httpx.TransportError:
                    return self._reply(502, b'{"error": "upstream unreachable"}')
                return self._reply(upstream.status_code, upstream.content)

            def _reply(self, status: int, payload: bytes) -> None:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        return Handler

    def close(self) -> None:
        """Stop serving."""
        self._httpd.shutdown()
        self._httpd.server_close()


@pytest.fixture
def fault_proxy() -> Iterator[Callable[..., FaultProxy]]:
    """Make fault proxies in front of an upstream URL; all closed at teardown."""
    made: list[FaultProxy] = []

    def make(upstream: str, **faults: Any) -> FaultProxy:
        proxy = FaultProxy(upstream, **faults)
        made.append(proxy)
        return proxy

    yield make
    for proxy in made:
        proxy.close()


# --------------------------------------------------------------------------- fake server


@pytest.fixture
def fake():
    """Start fake OpenAI servers answering ``answer(body)``; all closed at teardown."""
    made: list[FakeServer] = []

    def make(answer: Callable[[dict[str, Any]], str]) -> FakeServer:
        made.append(FakeServer(answer))
        return made[-1]

    yield make
    for server in made:
        server.close()
