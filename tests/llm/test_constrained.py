"""Constrained decoding in-process: a random-weight model answers with schema-valid JSON."""

from __future__ import annotations

import dataclasses
import json

import jsonschema
import pytest

from simverse.core.decisions import ActionSpec
from simverse.core.llm_protocol import SamplingParams
from simverse.llm.brain import LLMBrain
from simverse.llm.structured import decision_schema
from tests.llm.conftest import BUILTIN_ACTIONS, decision_request

ACTIONS = [*BUILTIN_ACTIONS, ActionSpec("carve", "carve a sign", {"text": "text"})]


def varied_requests(n: int):
    """Act and reply requests in different places, with different people and actions."""
    places = ["bakery", "square", "harbor", "mill", "chapel"]
    out = []
    for i in range(n):
        here = places[i % len(places)]
        out.append(decision_request(
            npc=f"N{i}", seed=500 + i, place=here,
            neighbours=[p for p in places if p != here][: 1 + i % 3],
            people_here=[f"N{i}", "Tom", "Ada"][: 1 + i % 3], actions=ACTIONS,
            mode="reply" if i % 4 == 3 else "act", partner="Tom" if i % 4 == 3 else None))
    return out


@pytest.mark.parametrize("temperature", [0.0, 1.0])
def test_a_random_weight_model_gives_only_schema_valid_decisions(tiny_backend, temperature):
    requests = varied_requests(8)
    brain = LLMBrain(tiny_backend, skip_idle=False,
                     sampling=SamplingParams(max_new_tokens=64, temperature=temperature, top_p=0.95))
    decisions = brain.decide_batch(requests)
    stats = brain.take_stats()
    assert stats.form_failures == 0 and stats.defaulted == 0
    assert stats.llm_calls == len(requests)  # one call per decision: no retry was needed
    for request, decision in zip(requests, decisions, strict=True):
        assert decision.action in {a.name for a in request.actions}
        if decision.action == "move":
            assert decision.args["place"] in request.neighbours


def test_every_constrained_answer_is_complete_json_that_fits_its_schema(tiny_backend):
    requests = varied_requests(8)
    brain = LLMBrain(tiny_backend, skip_idle=False,
                     sampling=SamplingParams(max_new_tokens=64, temperature=1.0))
    answers = tiny_backend.generate_batch([brain._llm_request(r) for r in requests])
    for request, answer in zip(requests, answers, strict=True):
        jsonschema.validate(json.loads(answer.text), decision_schema(request))
        assert answer.completion_tokens <= 64


def test_constrained_sampling_is_seeded(tiny_backend):
    brain = LLMBrain(tiny_backend, skip_idle=False, sampling=SamplingParams(64, 1.0, 0.95))
    batch = [brain._llm_request(r) for r in varied_requests(4)]
    first = [r.text for r in tiny_backend.generate_batch(batch)]
    assert first == [r.text for r in tiny_backend.generate_batch(batch)]
    reseeded = [dataclasses.replace(r, seed=r.seed + 1) for r in batch]
    assert first != [r.text for r in tiny_backend.generate_batch(reseeded)]


def test_a_schema_is_compiled_once_and_then_served_from_the_cache(tiny_backend):
    brain = LLMBrain(tiny_backend, skip_idle=False, sampling=SamplingParams(24, 0.0))
    request = brain._llm_request(decision_request(npc="Cached", place="chapel", seed=9))
    tiny_backend.generate_batch([request])
    compiled = tiny_backend.grammars.compiled
    tiny_backend.generate_batch([request, dataclasses.replace(request, seed=10)])
    assert tiny_backend.grammars.compiled == compiled


def test_unconstrained_rows_share_the_batch_untouched(tiny_backend):
    brain = LLMBrain(tiny_backend, skip_idle=False, sampling=SamplingParams(24, 0.0))
    constrained = brain._llm_request(decision_request(seed=3))
    free = dataclasses.replace(constrained, json_schema=None)
    alone = tiny_backend.generate_batch([free])[0].text
    mixed = tiny_backend.generate_batch([constrained, free])
    assert mixed[1].text == alone
    assert mixed[0].text.startswith('{"action":')


def test_a_budget_too_small_for_any_answer_still_stops_at_the_budget(tiny_backend):
    brain = LLMBrain(tiny_backend, skip_idle=False, sampling=SamplingParams(6, 0.0))
    [answer] = tiny_backend.generate_batch([brain._llm_request(decision_request())])
    assert answer.completion_tokens <= 6 and answer.text.startswith("{")


def test_a_schema_that_cannot_be_compiled_is_decoded_freely_not_lost(tiny_backend):
    brain = LLMBrain(tiny_backend, skip_idle=False, sampling=SamplingParams(8, 0.0))
    bad = dataclasses.replace(brain._llm_request(decision_request()), json_schema={"type": "no such type"})
    before = tiny_backend.schemas_not_compiled
    [answer] = tiny_backend.generate_batch([bad])
    assert answer.error is None and tiny_backend.schemas_not_compiled == before + 1
