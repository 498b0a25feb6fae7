"""LLMBrain: one batch for all NPCs, one retry batch for failures, defaults, skips, stats."""

from __future__ import annotations

import json

import pytest

from simverse.core.decisions import Turn
from simverse.core.llm_protocol import LLMResponse
from simverse.llm.brain import SKIP_NOTE, LLMBrain, is_idle
from simverse.llm.errors import LLMUnavailable
from simverse.llm.scripted import ScriptedBrain
from tests.llm.conftest import QueueBackend, decision_request

MOVE = json.dumps({"action": "move", "args": {"place": "square"}, "importance": 4})
NEAR_MISS = '```json\n{"action": "talk", "args": {"npc": "tom"}, "utterance": "Hi!"}\n```'
JUNK = "blorp"
BUSY = {"observations": ["Tom waved."]}


def test_all_requests_go_in_one_batch_and_failures_in_one_retry_batch():
    backend = QueueBackend([MOVE, JUNK, NEAR_MISS, JUNK, MOVE, JUNK])
    brain = LLMBrain(backend, skip_idle=False)
    reqs = [decision_request(npc=n, seed=i, **BUSY) for i, n in enumerate("ABCD")]
    decisions = brain.decide_batch(reqs)
    assert [len(b) for b in backend.batches] == [4, 2]
    assert [d.status for d in decisions] == ["valid", "retried", "repaired", "defaulted"]
    assert [d.npc for d in decisions] == ["A", "B", "C", "D"]
    assert decisions[1].action == "move" and "retried: no JSON object" in decisions[1].note
    assert decisions[3].action == "wait" and "after retry" in decisions[3].note


def test_the_retry_shows_the_model_its_error():
    backend = QueueBackend(['{"action": "fly"}', MOVE])
    LLMBrain(backend, skip_idle=False).decide_batch([decision_request(**BUSY)])
    retry = backend.batches[1][0]
    assert retry.tag.endswith("retry") and retry.seed == 43
    assert retry.messages[-2].content == '{"action": "fly"}'
    assert "rejected: action 'fly' is not one of" in retry.messages[-1].content


def test_form_failures_are_not_retried_when_no_answer_of_the_batch_is_in_form():
    backend = QueueBackend([JUNK, JUNK, "{not json"])
    brain = LLMBrain(backend, skip_idle=False)
    decisions = brain.decide_batch([decision_request(npc=n, seed=i, **BUSY) for i, n in enumerate("ABC")])
    assert [len(b) for b in backend.batches] == [3]
    assert [d.status for d in decisions] == ["defaulted"] * 3
    stats = brain.take_stats()
    assert (stats.llm_calls, stats.form_failures, stats.meaning_failures) == (3, 3, 0)


def test_meaning_failures_are_retried_and_show_the_batch_can_answer_in_form():
    backend = QueueBackend([JUNK, '{"action": "move", "args": {"place": "moon"}}', MOVE, MOVE])
    brain = LLMBrain(backend, skip_idle=False)
    decisions = brain.decide_batch([decision_request(npc=n, seed=i, **BUSY) for i, n in enumerate("AB")])
    assert [len(b) for b in backend.batches] == [2, 2]
    assert [d.status for d in decisions] == ["retried", "retried"]


def test_backend_errors_are_defaulted_with_the_error_not_retried():
    failure = LLMResponse(text="", error="[http] step 3 npc Mara act: HTTP 500")
    backend = QueueBackend([MOVE, failure])
    brain = LLMBrain(backend, skip_idle=False)
    decisions = brain.decide_batch([decision_request(seed=1, **BUSY), decision_request(seed=2, **BUSY)])
    assert [len(b) for b in backend.batches] == [2]
    assert decisions[1].status == "defaulted" and "HTTP 500" in decisions[1].note


def test_a_step_whose_every_request_failed_stops_with_llm_unavailable():
    failure = LLMResponse(text="", error="[unreachable] step 3 npc Mara act: ConnectError")
    brain = LLMBrain(QueueBackend([failure, failure]), skip_idle=False)
    with pytest.raises(LLMUnavailable, match=r"none of 2 requests \(unreachable\)"):
        brain.decide_batch([decision_request(seed=1, **BUSY), decision_request(seed=2, **BUSY)])


def test_stats_count_statuses_calls_and_tokens_and_are_taken_per_step():
    backend = QueueBackend([MOVE, JUNK, JUNK])
    brain = LLMBrain(backend, skip_idle=False)
    brain.decide_batch([decision_request(seed=1, **BUSY), decision_request(seed=2, **BUSY)])
    stats = brain.take_stats()
    assert (stats.valid, stats.defaulted, stats.decisions) == (1, 1, 2)
    assert (stats.llm_calls, stats.prompt_tokens, stats.completion_tokens) == (3, 30, 15)
    assert brain.stats.llm_calls == 0


def test_idle_requests_skip_the_llm_and_take_the_scripted_decision():
    backend = QueueBackend([MOVE])
    brain = LLMBrain(backend, fallback=ScriptedBrain())
    idle = decision_request(observations=[], people_here=["Mara"])
    busy = decision_request(npc="Tom", **BUSY)
    decisions = brain.decide_batch([idle, busy])
    assert [len(b) for b in backend.batches] == [1]
    assert backend.batches[0][0].tag == busy.label
    expected = ScriptedBrain().decide_batch([idle])[0]
    assert (decisions[0].action, decisions[0].args) == (expected.action, expected.args)
    assert (decisions[0].status, decisions[0].note) == ("valid", SKIP_NOTE)
    assert decisions[1].action == "move"
    assert (brain.stats.skipped, brain.stats.valid) == (1, 1)


def test_the_skip_rule():
    assert is_idle(decision_request(observations=[]))
    assert is_idle(decision_request(observations=[], schedule_place=None))
    assert not is_idle(decision_request(observations=[], schedule_place="harbor"))
    assert not is_idle(decision_request())
    assert not is_idle(decision_request(observations=[], mode="reply", partner="Tom",
                                        conversation=[Turn("Tom", "Hi")]))


def test_random_weight_model_junk_never_crashes_the_brain(tiny_backend):
    brain = LLMBrain(tiny_backend, skip_idle=False)
    calls_before = tiny_backend.generate_calls
    reqs = [decision_request(npc=f"N{i}", seed=i, **BUSY) for i in range(4)]
    reqs.append(decision_request(mode="reply", partner="Tom", conversation=[Turn("Tom", "Hi")]))
    decisions = brain.decide_batch(reqs)
    assert len(decisions) == 5
    for d in decisions:
        assert d.status in {"defaulted", "repaired", "retried", "valid"}
        if d.status != "valid":
            assert d.note
        if d.status == "defaulted":
            assert d.action == "wait"
    assert brain.stats.llm_calls <= 10 and brain.stats.prompt_tokens > 0
    assert tiny_backend.generate_calls - calls_before in (1, 2)  # one batch (+ one retry)


def test_without_retries_failures_default_at_once():
    backend = QueueBackend([JUNK])
    brain = LLMBrain(backend, skip_idle=False, retry_invalid=False)
    [decision] = brain.decide_batch([decision_request(**BUSY)])
    assert len(backend.batches) == 1
    assert decision.status == "defaulted" and "no JSON object" in decision.note
