"""Request keys are written faster but stay the very text older runs were keyed with.

Every recorded call is looked up by the SHA-256 of ``json.dumps(payload, sort_keys=True,
separators=(",", ":"), ensure_ascii=False)``; a byte of difference and an older run's
replay misses. These tests compare the fast encodings with that reference."""

from __future__ import annotations

import json
from typing import Any

from simverse.core.decisions import ActionSpec, FactView
from simverse.core.llm_protocol import LLMRequest, Message, SamplingParams
from simverse.llm.prompts import decision_messages
from simverse.llm.recording import canonical_json, request_payload
from simverse.llm.structured import decision_schema
from tests.llm.conftest import decision_request

UNICODE = "".join(chr(c) for c in [*range(0, 0x250), 0x7F, 0x2028, 0x2029, 0xFEFF, 0xFFFF, 0x1F600, 0x10FFFF])


def reference(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def awkward_request(**overrides: Any):
    """Names and facts with quotes, backslashes, control characters and non-ASCII."""
    fields: dict[str, Any] = dict(
        npc='Zoë "the Quick"', neighbours=["Hafen\\Ost", "straße", "港口"],
        people_here=['Zoë "the Quick"', "Ada\tLovelace", "Ñoño\n", "😀"],
        items_here=["brød", "\u2028line"], inventory=["coin\x01purse"],
        facts=[FactView("f\"1", "x", "a", "b", "c"), FactView("ключ", "y", "a", "b", "c")],
        actions=[*decision_request().actions, ActionSpec("give", "hand over", {"item": "item", "npc": "npc"}),
                 ActionSpec("say", "free text", {"text": "text"})],
    )
    fields.update(overrides)
    return decision_request(**fields)


def test_a_decision_schema_carries_the_reference_encoding() -> None:
    for mode in ("act", "reply"):
        plain, awkward = decision_request(mode=mode, partner="Tom"), awkward_request(mode=mode, partner="Ada\tLovelace")
        for request in (plain, awkward):
            schema = decision_schema(request)
            assert schema.encoded == reference(schema)
            assert json.loads(schema.encoded) == schema


def test_request_keys_are_the_reference_encoding() -> None:
    request = awkward_request()
    llm = LLMRequest(messages=(*decision_messages(request), Message("user", UNICODE)), seed=2**63 - 1,
                     params=SamplingParams(temperature=1e-05, top_p=0.95, max_new_tokens=7),
                     json_schema=decision_schema(request), tag="step 1 npc x act")
    payload = request_payload("openai", "model/ü", llm)
    assert canonical_json(payload) == reference(payload)


def test_schemas_without_an_encoding_and_values_orjson_refuses_use_json() -> None:
    foreign = {"type": "object", "properties": {"p": {"type": "number", "minimum": 2.5e-07, "maximum": 1e16}}}
    for seed in (7, 2**70):  # past 64 bits orjson refuses; json writes it
        llm = LLMRequest(messages=(Message("user", "hi"),), seed=seed, json_schema=foreign)
        payload = request_payload("transformers", "m", llm)
        assert canonical_json(payload) == reference(payload)
    assert canonical_json(request_payload("openai", "m", LLMRequest(messages=(Message("user", "x"),), seed=1))) \
        == reference(request_payload("openai", "m", LLMRequest(messages=(Message("user", "x"),), seed=1)))
