"""The held-out measures: strict schema validity, lenient action reading, the majority baseline."""

from __future__ import annotations

import json

from simverse.core.llm_protocol import LLMResponse
from simverse.finetune.evaluation import answered_action, evaluate, majority, schema_valid
from simverse.finetune.stored import StoredDecision, recorded_answer

SCHEMA = json.dumps({"type": "object", "required": ["action"],
                     "properties": {"action": {"type": "string", "enum": ["wait", "move"]},
                                    "importance": {"type": "integer", "minimum": 1, "maximum": 10}}})


def _example(action: str, mode: str = "act") -> dict:
    answer = json.dumps({"action": action, "args": {}})
    return {"messages": [{"role": "user", "content": f"what now? ({action})"},
                         {"role": "assistant", "content": answer}], "json_schema": SCHEMA, "mode": mode}


def test_schema_validity_is_strict_and_the_action_is_read_leniently():
    assert schema_valid(' {"action": "wait"}\n', SCHEMA)
    assert not schema_valid('{"action": "dance"}', SCHEMA)
    assert not schema_valid('{"action": "wait", "importance": 11}', SCHEMA)
    assert not schema_valid('sure! {"action": "wait"}', SCHEMA)
    assert not schema_valid('["wait"]', SCHEMA) and not schema_valid("", SCHEMA)
    assert answered_action('sure! {"action": "wait"} ok') == "wait"
    assert answered_action("no json here") is None
    assert majority(["move", "wait", "move"]) == "move" and majority(["b", "a"]) == "a" and majority([]) == "wait"


class Canned:
    model = "canned"

    def __init__(self, texts):
        self.texts = texts

    def generate_batch(self, requests):
        assert all(r.json_schema is None and r.params.temperature == 0 for r in requests)
        return [LLMResponse(text=t, completion_tokens=3, latency_s=0.1) for t in self.texts]


def test_evaluate_scores_against_the_teacher_and_the_train_majority():
    train = [_example("move"), _example("move"), _example("wait", "reply")]
    test = [_example("move"), _example("wait"), _example("wait", "reply"), _example("move")]
    answers = ['{"action": "move"}', 'x {"action": "wait"}', '{"action": "dance"}', "junk"]
    result = evaluate(Canned(answers), test, train)
    assert result.examples == 4 and result.schema_valid == 0.25
    assert result.agreement == 0.5 and result.majority_action == "move" and result.majority_baseline == 0.5
    assert result.act_examples == 3 and round(result.act_agreement, 3) == round(2 / 3, 3)
    assert result.completion_tokens == 12


def test_a_recorded_valid_answer_keeps_the_fields_the_store_drops():
    decision = StoredDecision(1, 7, 2, "Ann", "reply", "talk", {"npc": "Bob"}, "hi", "valid", "openai:x#m", True,
                              [3])
    raw = '{"action": "talk", "args": {"npc": "Bob"}, "utterance": "hi", "told_facts": ["well|is|dry"], ' \
          '"importance": 4, "end_conversation": true}'
    assert recorded_answer(decision, raw) == {"action": "talk", "args": {"npc": "Bob"}, "utterance": "hi",
                                              "told_facts": ["well|is|dry"], "importance": 4,
                                              "end_conversation": True}
    assert "told_facts" not in recorded_answer(decision, '{"action": "talk", "told_facts": []}')
    assert "importance" not in recorded_answer(decision, '{"action": "talk", "importance": "high"}')
