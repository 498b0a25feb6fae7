"""Parsing model answers into decisions: valid, repaired, rejected with a usable error."""

from __future__ import annotations

import json

import pytest

from simverse.core.json_extract import balanced_segments, extract_json
from simverse.llm.structured import (
    closest,
    decision_schema,
    default_decision,
    parse_decision,
)
from tests.llm.conftest import decision_request


def answer(**fields) -> str:
    return json.dumps({"action": "wait", "args": {}, "importance": 3, **fields})


def test_exact_json_is_valid_with_empty_note():
    out = parse_decision(answer(action="move", args={"place": "square"}), decision_request())
    assert out.decision is not None
    assert (out.decision.action, out.decision.args) == ("move", {"place": "square"})
    assert out.decision.status == "valid" and out.decision.note == ""


def test_code_fence_and_chatter_are_repaired_and_noted():
    text = "Sure! Here you go:\n```json\n" + answer(action="wait") + "\n```\nHope it helps."
    out = parse_decision(text, decision_request())
    assert out.decision is not None and out.decision.status == "repaired"
    assert "code fence" in out.decision.note


def test_first_balanced_object_is_taken_from_junk_with_braces_in_strings():
    text = 'junk {"action": "talk", "args": {"npc": "Tom"}, "utterance": "a } b"} tail {"x": 1}'
    start, end = balanced_segments(text)[0]
    assert json.loads(text[start:end])["utterance"] == "a } b"
    out = parse_decision(text, decision_request())
    assert out.decision is not None and out.decision.utterance == "a } b"
    assert out.decision.status == "repaired"


def test_trailing_commas_and_python_literals_are_fixed():
    value, repairs = extract_json('{"action": "wait", "end_conversation": True,}')
    assert value == {"action": "wait", "end_conversation": True}
    assert "fixed JSON syntax" in repairs


def test_near_miss_names_are_fuzzy_matched():
    req = decision_request(items_here=["bread", "flour"])
    out = parse_decision(answer(action="Mvoe", args={"place": "sqare"}), req)
    assert out.decision is not None
    assert (out.decision.action, out.decision.args["place"]) == ("move", "square")
    assert out.decision.status == "repaired"
    assert "'Mvoe' -> 'move'" in out.decision.note and "'sqare' -> 'square'" in out.decision.note
    talk = parse_decision(answer(action="talk", args={"npc": "tom"}, utterance="Hi"), req)
    assert talk.decision is not None and talk.decision.args == {"npc": "Tom"}
    buy = parse_decision(answer(action="buy", args={"item": "bred"}), req)
    assert buy.decision is not None and buy.decision.args == {"item": "bread"}


def test_closest_refuses_far_names():
    assert closest("lighthouse", ["square", "harbor"]) is None
    assert closest("HARBOR", ["square", "harbor"]) == "harbor"


def test_move_to_a_place_that_is_not_a_neighbour_is_an_error_naming_the_choices():
    out = parse_decision(answer(action="move", args={"place": "lighthouse"}), decision_request())
    assert out.decision is None
    assert "lighthouse" in out.error and "square" in out.error


def test_talk_to_someone_absent_or_to_oneself_is_an_error():
    out = parse_decision(answer(action="talk", args={"npc": "Zed"}, utterance="hi"),
                         decision_request())
    assert out.decision is None and "Zed" in out.error
    me = parse_decision(answer(action="talk", args={"npc": "Mara"}, utterance="hi"),
                        decision_request())
    assert me.decision is None


def test_talk_needs_an_utterance():
    out = parse_decision(answer(action="talk", args={"npc": "Tom"}), decision_request())
    assert out.decision is None and "utterance is required" in out.error


def test_unknown_action_is_an_error_listing_allowed_ones():
    out = parse_decision(answer(action="fly to the moon"), decision_request())
    assert out.decision is None and "not one of" in out.error and "wait" in out.error


def test_missing_arg_is_an_error():
    out = parse_decision(answer(action="move", args={}), decision_request())
    assert out.decision is None and "args.place" in out.error


def test_importance_is_clamped_and_unknown_facts_dropped():
    out = parse_decision(answer(importance=15, told_facts=["f1", "f9", "F2"]),
                         decision_request())
    assert out.decision is not None and out.decision.status == "repaired"
    assert out.decision.importance == 10
    assert out.decision.told_facts == ["f1", "f2"]
    assert "dropped unknown fact 'f9'" in out.decision.note


def test_no_json_at_all_is_an_error_quoting_the_answer():
    out = parse_decision("I think Mara should wait.", decision_request())
    assert out.decision is None and "no JSON object" in out.error and "Mara should" in out.error


def test_reply_without_action_talks_back_to_the_partner():
    req = decision_request(mode="reply", partner="Tom")
    out = parse_decision('{"utterance": "Yes, the mill!", "told_facts": ["f1"]}', req)
    assert out.decision is not None
    assert (out.decision.action, out.decision.args) == ("talk", {"npc": "Tom"})
    assert out.decision.told_facts == ["f1"] and out.decision.status == "repaired"


def test_reply_needs_words_unless_it_ends_the_conversation():
    req = decision_request(mode="reply", partner="Tom")
    assert parse_decision('{"action": "wait"}', req).decision is None
    bye = parse_decision('{"action": "wait", "end_conversation": true}', req)
    assert bye.decision is not None and bye.decision.end_conversation


def _variants(schema):
    return {v["properties"]["action"]["enum"][0]: v for v in schema["anyOf"]}


def test_schema_has_one_variant_per_action_with_its_own_argument_values():
    variants = _variants(decision_schema(decision_request()))
    assert list(variants) == ["wait", "move", "talk", "buy"]
    assert variants["move"]["properties"]["args"]["properties"]["place"]["enum"] == ["harbor", "square"]
    assert variants["move"]["properties"]["args"]["required"] == ["place"]
    assert variants["talk"]["properties"]["args"]["properties"]["npc"]["enum"] == ["Ada", "Tom"]
    assert variants["buy"]["properties"]["args"]["properties"]["item"]["enum"] == ["bread", "coin purse", "flour"]
    assert variants["wait"]["properties"]["told_facts"]["items"]["enum"] == ["f1", "f2"]
    assert variants["wait"]["properties"]["importance"]["maximum"] == 10


def test_schema_requires_words_where_the_answer_must_speak():
    act = _variants(decision_schema(decision_request()))
    assert "utterance" in act["talk"]["required"] and "utterance" not in act["move"]["required"]
    reply = _variants(decision_schema(decision_request(mode="reply", partner="Tom")))
    assert all("utterance" in v["required"] for v in reply.values())


def test_actions_with_nothing_to_act_on_are_left_out_of_the_schema():
    alone = decision_request(people_here=["Mara"], items_here=[], inventory=[])
    assert list(_variants(decision_schema(alone))) == ["wait", "move"]


def test_every_answer_the_schema_admits_parses_as_a_valid_decision():
    import jsonschema

    req = decision_request()
    schema = decision_schema(req)
    answers = ['{"action":"wait","args":{}}',
               '{"action":"move","args":{"place":"square"},"importance":4}',
               '{"action":"talk","args":{"npc":"Tom"},"utterance":"Hi","told_facts":["f1"]}',
               '{"action":"buy","args":{"item":"flour"},"utterance":null,"end_conversation":false}']
    for text in answers:
        jsonschema.validate(json.loads(text), schema)
        out = parse_decision(text, req)
        assert out.decision is not None and out.decision.status == "valid", text
    for bad in ('{"action":"talk","args":{"npc":"Tom"}}', '{"action":"move","args":{"place":"bakery"}}',
                '{"action":"talk","args":{"npc":"Tom"},"utterance":"  "}'):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(json.loads(bad), schema)


def test_failures_say_whether_form_or_meaning_failed():
    req = decision_request()
    assert parse_decision("no json here", req).failure == "form"
    assert parse_decision('{"args": {}}', req).failure == "form"
    assert parse_decision('{"action": "fly"}', req).failure == "meaning"
    assert parse_decision('{"action": "move", "args": {"place": "moon"}}', req).failure == "meaning"


def test_json_escapes_cannot_smuggle_control_characters_into_a_decision():
    req = decision_request()
    text = '{"action": "talk", "args": {"npc": "Tom"}, "utterance": "hi\\u0000\\udcff\\u001b[2Jthere"}'
    out = parse_decision(text, req)
    assert out.decision is not None
    assert out.decision.utterance == "hi\ufffdthere"
    out.decision.utterance.encode("utf-8")


def test_default_is_wait_with_the_reason():
    decision = default_decision(decision_request(mode="reply", partner="Tom"), "no JSON")
    assert (decision.action, decision.status) == ("wait", "defaulted")
    assert decision.note == "defaulted: no JSON" and decision.end_conversation


def test_unbalanced_braces_are_scanned_once_not_per_brace():
    text = "{" * 20000 + '{"action": "wait"}'
    segments = balanced_segments(text)
    assert segments == [(20000, len(text))]
    assert extract_json(text)[0] == {"action": "wait"}


def test_arrays_are_extracted_from_prose():
    value, repairs = extract_json('Here: ["a", "b",] done', "[")
    assert value == ["a", "b"] and "fixed JSON syntax" in repairs
