"""LoRA training on a tiny random-weight model: loss on answers only, the loss goes down,
runs are seeded and resumable, and the result loads through the normal backend."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from simverse.core.llm_protocol import LLMRequest, Message, SamplingParams
from simverse.finetune.sft_data import IGNORE, DatasetError, encode_example, load_split, stop_ids
from simverse.finetune.training import TrainConfig, finetune
from simverse.llm.spec import make_backend


def _config(dataset_dir, model_dir, out, **overrides) -> TrainConfig:
    values = dict(base=str(model_dir), dataset=str(dataset_dir), out=str(out), max_steps=12, batch_size=4,
                  learning_rate=1e-2, save_steps=6, logging_steps=1, device="cpu", progress=False, seed=7,
                  train_norms=True, train_embeddings=True)
    values.update(overrides)
    return TrainConfig(**values)


def test_only_answer_tokens_carry_loss_and_the_answer_ends_in_a_stop_token(dataset_dir, tiny_model_dir):
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(tiny_model_dir)
    example = load_split(dataset_dir, "train")[0]
    stops = stop_ids(tokenizer, tokenizer.eos_token_id)
    encoded = encode_example(tokenizer, example["messages"], stops)
    labels = encoded["labels"]
    answer = [t for t in labels if t != IGNORE]
    prompt_len = labels.index(answer[0])
    assert all(t == IGNORE for t in labels[:prompt_len]) and len(answer) == len(labels) - prompt_len
    prompt = tokenizer.apply_chat_template(example["messages"][:-1], add_generation_prompt=True, tokenize=False)
    assert encoded["input_ids"][:prompt_len] == tokenizer(prompt, add_special_tokens=False)["input_ids"]
    assert answer[-1] in stops
    assert json.loads(tokenizer.decode(answer, skip_special_tokens=True).strip()) == \
        json.loads(example["messages"][-1]["content"])


def test_prompt_loss_labels_every_token_and_keeps_the_same_ids(dataset_dir, tiny_model_dir):
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(tiny_model_dir)
    example = load_split(dataset_dir, "train")[0]
    stops = stop_ids(tokenizer, tokenizer.eos_token_id)
    answer_only = encode_example(tokenizer, example["messages"], stops)
    whole = encode_example(tokenizer, example["messages"], stops, prompt_loss=True)
    assert whole["input_ids"] == answer_only["input_ids"] and whole["labels"] == whole["input_ids"]
    assert IGNORE in answer_only["labels"]


def test_training_lowers_the_loss_and_the_merged_model_runs_in_the_backend(dataset_dir, tiny_model_dir, tmp_path):
    result = finetune(_config(dataset_dir, tiny_model_dir, tmp_path / "model"))
    losses = [loss for _, loss in result.losses]
    assert result.steps == 12 and len(losses) == 12
    assert sum(losses[-3:]) / 3 < 0.8 * sum(losses[:3]) / 3
    assert result.eval_loss < result.eval_loss_before
    assert 0 < result.trainable_params < result.total_params
    backend = make_backend(result.llm_spec, device="cpu")
    request = LLMRequest((Message("user", "hello"),), seed=1, params=SamplingParams(max_new_tokens=4))
    assert backend.generate_batch([request])[0].error is None
    assert backend.model == str(tmp_path / "model")


def test_same_seed_same_losses_and_a_checkpoint_resumes(dataset_dir, tiny_model_dir, tmp_path):
    first = finetune(_config(dataset_dir, tiny_model_dir, tmp_path / "a", max_steps=6, evaluate=False))
    again = finetune(_config(dataset_dir, tiny_model_dir, tmp_path / "b", max_steps=6, evaluate=False))
    assert first.losses == again.losses
    resumed = finetune(_config(dataset_dir, tiny_model_dir, tmp_path / "a", max_steps=10, evaluate=False,
                               resume=True))
    assert resumed.resumed_from is not None and resumed.resumed_from.endswith("checkpoint-6")
    assert resumed.steps == 10 and [s for s, _ in resumed.losses][-4:] == [7, 8, 9, 10]


def test_an_adapter_directory_loads_through_the_backend_unchanged(dataset_dir, tiny_model_dir, tmp_path):
    result = finetune(_config(dataset_dir, tiny_model_dir, tmp_path / "adapter", max_steps=2, merge=False,
                              evaluate=False))
    assert result.output_kind == "adapter" and (tmp_path / "adapter" / "adapter_config.json").exists()
    backend = make_backend(result.llm_spec, device="cpu")
    request = LLMRequest((Message("user", "hello"),), seed=1, params=SamplingParams(max_new_tokens=4))
    assert backend.generate_batch([request])[0].error is None
    assert getattr(backend.hf_model, "_hf_peft_config_loaded", False)


def test_finetune_command_prints_the_report_and_bad_input_is_one_line(dataset_dir, tiny_model_dir, tmp_path):
    out = tmp_path / "cli"
    result = subprocess.run(
        [sys.executable, "-m", "simverse.cli", "finetune", str(dataset_dir), "--base", str(tiny_model_dir),
         "--out", str(out), "--max-steps", "2", "--batch-size", "2", "--device", "cpu", "--quiet"],
        capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    assert f"--llm transformers:{out}" in result.stdout
    report = json.loads((out / "finetune_report.json").read_text())
    assert report["llm"] == f"transformers:{out}" and report["steps"] == 2
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"messages": [{"role": "user", "content": "hi"}]}\n')
    failed = subprocess.run(
        [sys.executable, "-m", "simverse.cli", "finetune", str(bad), "--base", str(tiny_model_dir),
         "--out", str(tmp_path / "x"), "--device", "cpu"], capture_output=True, text=True, timeout=600)
    assert failed.returncode == 2 and "bad.jsonl:1" in failed.stdout and "Traceback" not in failed.stderr
    with pytest.raises(DatasetError, match="no such dataset"):
        load_split(tmp_path / "missing", "train")


def test_full_training_updates_every_weight_and_saves_a_plain_model(dataset_dir, tiny_model_dir, tmp_path):
    result = finetune(_config(dataset_dir, tiny_model_dir, tmp_path / "full", full=True, learning_rate=3e-3,
                              lr_scheduler="cosine"))
    losses = [loss for _, loss in result.losses]
    assert result.output_kind == "full" and result.trainable_params == result.total_params
    assert sum(losses[-3:]) / 3 < 0.8 * sum(losses[:3]) / 3
    assert result.eval_loss < result.eval_loss_before
    assert not (tmp_path / "full" / "adapter_config.json").exists()
    backend = make_backend(result.llm_spec, device="cpu")
    request = LLMRequest((Message("user", "hello"),), seed=1, params=SamplingParams(max_new_tokens=4))
    assert backend.generate_batch([request])[0].error is None
