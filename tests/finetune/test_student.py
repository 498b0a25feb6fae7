"""The distillation student: its tokenizer keeps a name one token in prompt and answer,
round-trips text exactly, and the student loads through the normal backend."""

from __future__ import annotations

from simverse.core.llm_protocol import LLMRequest, Message, SamplingParams
from simverse.finetune.student import build_student, train_copy_tokenizer
from simverse.llm.spec import make_backend
from simverse.llm.tiny_model import TinyShape

CORPUS = [
    "Can move to: market, square, bakery. People here: Jonas, Tomas.",
    'Schedule: fishing at harbour (fish); way there: via market.\nTomas is talking to you.',
    '{"action": "talk", "args": {"npc": "Tomas"}, "utterance": "Good morning, Tomas!"}',
    '{"action": "move", "args": {"place": "market"}, "utterance": null, "end_conversation": false}',
] * 20


def _pieces(tokenizer, text: str) -> list[str]:
    return [tokenizer.decode([i]) for i in tokenizer(text, add_special_tokens=False)["input_ids"]]


def test_a_name_is_the_same_token_in_a_prompt_list_and_in_the_json_answer():
    tokenizer = train_copy_tokenizer(CORPUS, 400)
    prompt = _pieces(tokenizer, "People here: Jonas, Tomas.")
    answer = _pieces(tokenizer, '{"npc": "Tomas"}')
    assert "Tomas" in prompt and "Tomas" in answer
    assert "market" in _pieces(tokenizer, "Can move to: market, square.")
    assert "market" in _pieces(tokenizer, '{"place": "market"}')


def test_text_round_trips_exactly():
    tokenizer = train_copy_tokenizer(CORPUS, 400)
    for text in [*CORPUS[:4], "  two  spaces\tand a tab\n\nand Ünïcode — ok?", "'s it's 12,5 coins"]:
        ids = tokenizer(text, add_special_tokens=False)["input_ids"]
        assert tokenizer.decode(ids) == text


def test_the_student_loads_through_the_backend(tmp_path):
    shape = TinyShape(hidden_size=32, intermediate_size=64, num_hidden_layers=2, num_attention_heads=2,
                      num_key_value_heads=1, vocab_size=512)
    path = build_student(tmp_path / "student", shape, CORPUS)
    backend = make_backend(f"transformers:{path}", device="cpu")
    request = LLMRequest((Message("user", "People here: Jonas."),), seed=1, params=SamplingParams(max_new_tokens=4))
    answer = backend.generate_batch([request])[0]
    assert answer.error is None and answer.completion_tokens > 0
