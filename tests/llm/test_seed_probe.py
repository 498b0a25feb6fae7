"""The seed probe: does a server honour ``seed``? Asked of small fake servers on 127.0.0.1."""

from __future__ import annotations

import itertools

import pytest

from simverse.llm.errors import LLMUnavailable
from simverse.llm.openai_backend import OpenAIBackend
from simverse.llm.provenance import brain_facts, replay_note, seed_support
from simverse.llm.recording import RecordingBackend
from tests.llm.conftest import free_port


def test_a_server_whose_answers_follow_the_seed_honours_it(fake):
    server = fake(lambda body: f"word{body['seed']}")
    assert OpenAIBackend(server.url, "m").probe_seed() == "honoured"


def test_a_server_that_answers_one_seed_two_ways_ignores_it(fake):
    counter = itertools.count()
    server = fake(lambda body: f"word{next(counter)}")
    assert OpenAIBackend(server.url, "m").probe_seed() == "ignored"


def test_a_server_that_always_says_the_same_cannot_be_told(fake):
    server = fake(lambda body: "same")
    assert OpenAIBackend(server.url, "m").probe_seed() == "unknown"


def test_an_unreachable_server_is_found_by_the_probe():
    backend = OpenAIBackend(f"http://127.0.0.1:{free_port()}/v1", "m", max_attempts=2, backoff_s=0.01)
    with pytest.raises(LLMUnavailable, match="unreachable"):
        backend.probe_seed()


def test_declared_support_is_taken_without_asking(fake):
    asked = []
    server = fake(lambda body: asked.append(body) or "x")
    assert seed_support(OpenAIBackend(server.url, "m"), "ignored") == "ignored"
    assert asked == []


def test_the_probe_goes_past_the_recorder_and_is_not_recorded(fake):
    server = fake(lambda body: f"word{body['seed']}")
    recorder = RecordingBackend(OpenAIBackend(server.url, "m"), run_id=1)
    facts = brain_facts({"npc": recorder, "events": None}, sampled=True)
    assert facts["npc"] == {"seed": "honoured", "decoding": "response_format"}
    assert facts["events"] == {"seed": "n/a", "decoding": "n/a"}
    assert recorder.pending == 0


def test_the_replay_note_speaks_only_for_sampled_runs_on_servers_that_ignore_seed():
    ignored = {"sampled": True, "npc": {"seed": "ignored", "decoding": "response_format"}}
    assert "cannot be replayed bit-identically" in replay_note(ignored)
    assert replay_note({**ignored, "sampled": False}) is None
    assert replay_note({"sampled": True, "npc": {"seed": "honoured", "decoding": "constrained"}}) is None
