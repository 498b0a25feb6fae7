"""``--llm`` specs: parsing, per-role specs, and the brains and backends they build."""

from __future__ import annotations

import pytest

from simverse.llm.brain import LLMBrain
from simverse.llm.openai_backend import OpenAIBackend
from simverse.llm.recording import RecordingBackend
from simverse.llm.scripted import ScriptedBrain
from simverse.llm.spec import (
    LLMSpec,
    make_backends,
    make_brain,
    make_brains,
    parse_role_specs,
    parse_spec,
)
from tests.llm.conftest import decision_request


def test_the_three_spec_forms_parse():
    assert parse_spec("scripted") == LLMSpec("scripted")
    assert parse_spec("transformers:/models/smol") == LLMSpec("transformers", "/models/smol")
    assert parse_spec("openai:http://127.0.0.1:8000/v1#Qwen/Qwen2.5-1.5B") == LLMSpec(
        "openai", "http://127.0.0.1:8000/v1", "Qwen/Qwen2.5-1.5B")


@pytest.mark.parametrize("bad", ["", "gpt", "transformers:", "openai:http://x", "openai:#m"])
def test_bad_specs_explain_the_accepted_forms(bad):
    with pytest.raises(ValueError, match="openai:BASE_URL#MODEL"):
        parse_spec(bad)


def test_role_specs_default_to_scripted_and_accept_role_prefixes():
    roles = parse_role_specs(["npc=transformers:/m", "events=scripted"])
    assert roles == {"npc": LLMSpec("transformers", "/m"), "events": LLMSpec("scripted")}
    assert parse_role_specs("transformers:/m")["events"] == LLMSpec("transformers", "/m")
    assert parse_role_specs(None)["npc"] == LLMSpec("scripted")
    assert parse_role_specs({"npc": "scripted"})["events"] == LLMSpec("scripted")
    with pytest.raises(ValueError, match="unknown LLM role"):
        parse_role_specs({"narrator": "scripted"})


def test_scripted_spec_builds_the_scripted_brain():
    assert isinstance(make_brain("scripted"), ScriptedBrain)


def test_openai_spec_builds_an_llm_brain_without_contacting_the_server():
    brain = make_brain("openai:http://127.0.0.1:9/v1#m", run_id=5)
    assert isinstance(brain, LLMBrain) and isinstance(brain.backend, RecordingBackend)
    assert isinstance(brain.backend.inner, OpenAIBackend)
    assert brain.backend.inner.base_url == "http://127.0.0.1:9/v1"


def test_roles_with_one_spec_share_one_model_and_one_id_sequence(tiny_model_dir):
    spec = f"transformers:{tiny_model_dir}"
    backends = make_backends(spec, run_id=1, backend_options={"device": "cpu"})
    assert backends["npc"] is backends["events"]
    brains = make_brains({"npc": spec, "events": "scripted"}, run_id=1,
                         backend_options={"device": "cpu"})
    assert isinstance(brains["npc"], LLMBrain) and isinstance(brains["events"], ScriptedBrain)
    brains["npc"].decide_batch([decision_request(observations=["x"])])
    calls = brains["npc"].drain_calls()
    assert [c["id"] for c in calls] == list(range(1, len(calls) + 1)) and calls[0]["run_id"] == 1
