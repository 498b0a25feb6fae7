"""One model on several OpenAI-compatible servers: spread, failover, recorded and replayed
as with one server. Real ``transformers serve`` processes on 127.0.0.1."""

from __future__ import annotations

import threading
import time

import pytest

from simverse.llm.brain import LLMBrain
from simverse.llm.openai_backend import OpenAIBackend
from simverse.llm.spec import make_backend, parse_spec
from tests.llm.conftest import decision_request, free_port, llm_request

pytestmark = pytest.mark.slow
FAST_RETRY = {"max_attempts": 3, "backoff_s": 0.01, "max_backoff_s": 0.05, "timeout_s": 120}


def batch(n: int):
    return [llm_request(f"hello {i}", seed=i, tag=f"step 1 npc N{i} act") for i in range(n)]


def test_a_spec_with_several_urls_builds_one_backend_over_all_of_them():
    spec = parse_spec("openai:http://127.0.0.1:1/v1,http://127.0.0.1:2#m")
    backend = make_backend(spec)
    assert [s.url for s in backend.pool.servers] == ["http://127.0.0.1:1/v1", "http://127.0.0.1:2/v1"]
    assert backend.model == "m"


def test_a_batch_is_spread_over_the_servers(server, fault_proxy):
    proxies = [fault_proxy(server.url), fault_proxy(server.url)]
    backend = OpenAIBackend([p.url for p in proxies], server.model, concurrency=4, **FAST_RETRY)
    responses = backend.generate_batch(batch(8))
    assert all(r.error is None for r in responses)
    assert all(p.seen >= 2 for p in proxies) and sum(p.seen for p in proxies) == 8


def test_a_dead_server_is_skipped_and_every_request_is_answered(server):
    dead = f"http://127.0.0.1:{free_port()}/v1"
    backend = OpenAIBackend([dead, server.url], server.model, concurrency=2, **FAST_RETRY)
    responses = backend.generate_batch(batch(6))
    assert all(r.error is None for r in responses)
    assert backend.pool.servers[0].failed >= 1 and backend.pool.servers[1].answered == 6


def test_a_server_killed_mid_step_fails_over_to_the_other(start_server):
    doomed, survivor = start_server(), start_server()
    backend = OpenAIBackend([doomed.url, survivor.url], doomed.model, concurrency=4, **FAST_RETRY)
    brain = LLMBrain(backend, skip_idle=False)
    brain.sampling = type(brain.sampling)(max_new_tokens=64, temperature=0.7)
    requests = [decision_request(npc=f"N{i}", seed=i, observations=["x"]) for i in range(12)]
    decided: list = []
    worker = threading.Thread(target=lambda: decided.extend(brain.decide_batch(requests)))
    worker.start()
    deadline = time.monotonic() + 60
    while backend.pool.servers[0].in_flight == 0 and time.monotonic() < deadline:
        time.sleep(0.005)
    doomed.stop()  # while it is answering a request of this batch
    worker.join(timeout=600)
    assert len(decided) == 12 and brain.stats.llm_errors == 0
    assert not [d for d in decided if "backend error" in d.note]
    assert backend.pool.servers[0].failed >= 1 and backend.pool.servers[1].answered >= 6
