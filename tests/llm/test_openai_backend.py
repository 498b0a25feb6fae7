"""The OpenAI-compatible backend against a real ``transformers serve`` on 127.0.0.1, with
injected faults: errors and 429s are retried, lost servers become clean errors."""

from __future__ import annotations

import json
import threading
import time

import pytest

from simverse.llm.brain import LLMBrain
from simverse.llm.errors import LLMUnavailable
from simverse.llm.openai_backend import OpenAIBackend
from tests.llm.conftest import decision_request, llm_request

pytestmark = pytest.mark.slow
FAST_RETRY = {"max_attempts": 3, "backoff_s": 0.01, "max_backoff_s": 0.05, "timeout_s": 20}


def backend_for(url: str, model: str, **overrides) -> OpenAIBackend:
    return OpenAIBackend(url, model, **{**FAST_RETRY, **overrides})


def batch(n: int, **kwargs):
    return [llm_request(f"hello {i}", seed=i, tag=f"step 1 npc N{i} act", **kwargs)
            for i in range(n)]


def test_a_batch_is_answered_with_text_and_usage(server):
    responses = backend_for(server.url, server.model).generate_batch(batch(4))
    assert len(responses) == 4
    assert all(r.error is None for r in responses)
    assert all(r.prompt_tokens > 0 and 0 < r.completion_tokens <= 8 for r in responses)


def test_greedy_answers_repeat(server):
    backend = backend_for(server.url, server.model)
    assert [r.text for r in backend.generate_batch(batch(2))] == \
        [r.text for r in backend.generate_batch(batch(2))]


def test_seed_temperature_and_schema_are_sent(server, fault_proxy):
    proxy = fault_proxy(server.url)
    brain = LLMBrain(backend_for(proxy.url, server.model), skip_idle=False)
    brain.decide_batch([decision_request(observations=["x"])])
    body = json.loads(proxy.bodies[0])
    assert body["seed"] == 42 and body["temperature"] == 0.7
    assert body["response_format"]["type"] == "json_schema"
    assert all("action" in v["properties"] for v in body["response_format"]["json_schema"]["schema"]["anyOf"])


@pytest.mark.parametrize("status", [500, 429, 503])
def test_transient_errors_are_retried(server, fault_proxy, status):
    proxy = fault_proxy(server.url, fail_first=2, fail_status=status)
    backend = backend_for(proxy.url, server.model, concurrency=1)
    responses = backend.generate_batch(batch(3))
    assert all(r.error is None for r in responses)
    assert proxy.seen == 5  # two injected failures, then three answers


def test_persistent_errors_give_an_error_naming_the_request_never_an_exception(
        server, fault_proxy):
    proxy = fault_proxy(server.url, fail_first=1000)
    responses = backend_for(proxy.url, server.model).generate_batch(batch(2))
    assert [r.text for r in responses] == ["", ""]
    assert "step 1 npc N0 act" in responses[0].error and "3 attempts" in responses[0].error
    assert "HTTP 500" in responses[1].error
    assert proxy.seen == 6


def test_slow_answers_time_out_and_are_retried(server, fault_proxy):
    proxy = fault_proxy(server.url, delay_first=1, delay_s=4.0)
    backend = backend_for(proxy.url, server.model, timeout_s=2.0, concurrency=1)
    [response] = backend.generate_batch(batch(1))
    assert response.error is None and proxy.seen == 2


def test_a_server_that_rejects_response_format_is_asked_again_without_it(
        server, fault_proxy):
    proxy = fault_proxy(server.url, reject_response_format=True)
    backend = backend_for(proxy.url, server.model, concurrency=1)
    brain = LLMBrain(backend, skip_idle=False)
    decisions = brain.decide_batch([decision_request(observations=["x"])])
    assert brain.stats.llm_errors == 0 and len(decisions) == 1
    assert backend.use_response_format is False
    assert "response_format" not in json.loads(proxy.bodies[-1])


def test_client_errors_are_not_retried(server):
    backend = backend_for(server.url, "no-such-model")
    [response] = backend.generate_batch(batch(1))
    assert "HTTP 400" in response.error and backend.http_requests == 1


def test_killing_the_server_mid_run_leaves_clean_errors_and_defaults(start_server):
    srv = start_server()
    backend = backend_for(srv.url, srv.model, concurrency=2, max_attempts=2)
    brain = LLMBrain(backend, skip_idle=False)
    requests = [decision_request(npc=f"N{i}", seed=i, observations=["x"]) for i in range(12)]
    brain.sampling = type(brain.sampling)(max_new_tokens=400, temperature=0.7)
    killer = threading.Timer(1.0, srv.stop)
    killer.start()
    started = time.monotonic()
    try:
        decisions = brain.decide_batch(requests)
    except LLMUnavailable as exc:  # killed before it answered anything (a loaded machine): the run stops
        killer.join()
        assert "none of 12 requests" in str(exc) and time.monotonic() - started < 60
        return
    killer.join()
    assert len(decisions) == 12 and time.monotonic() - started < 60
    assert brain.stats.llm_errors >= 1
    lost = [d for d in decisions if "backend error" in d.note]
    assert lost and all(d.status == "defaulted" and d.action == "wait" for d in lost)
    assert any(d.npc in d.note for d in lost)  # the error names the request
