"""Two-pass training (whole chats, then answers) and the `simverse finetune` flags of the
recipe for a random-weight student: every weight, pre-training epochs, the schedule."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from simverse.finetune.passes import PRETRAINED, finetune_in_passes
from simverse.finetune.report import report_lines, write_report
from simverse.finetune.training import TrainConfig


def _config(dataset_dir, model_dir, out, **overrides) -> TrainConfig:
    values = dict(base=str(model_dir), dataset=str(dataset_dir), out=str(out), max_steps=3, batch_size=4,
                  learning_rate=3e-3, save_steps=50, logging_steps=1, device="cpu", progress=False, seed=7,
                  full=True, lr_scheduler="cosine", evaluate=False)
    values.update(overrides)
    return TrainConfig(**values)


def test_pretraining_on_whole_chats_comes_first_and_the_answer_pass_starts_from_it(
        dataset_dir, tiny_model_dir, tmp_path):
    out = tmp_path / "model"
    first, second = finetune_in_passes(_config(dataset_dir, tiny_model_dir, out), prompt_loss_epochs=0.5)
    assert first is not None and first.config["prompt_loss"] and first.config["max_steps"] == -1
    assert first.output == str(out / PRETRAINED) and (out / PRETRAINED / "config.json").exists()
    assert first.steps >= 1 and first.losses
    assert not second.config["prompt_loss"] and second.config["base"] == str((out / PRETRAINED).resolve())
    assert second.steps == 3 and second.output_kind == "full"
    report = write_report(second, first)
    assert report["base"] == str(Path(tiny_model_dir).resolve())
    assert report["pretraining"]["steps"] == first.steps
    assert any(line.startswith("pre-training on whole chats: 0.5 epochs") for line in report_lines(report))


def test_resume_does_not_repeat_a_finished_pretraining_pass(dataset_dir, tiny_model_dir, tmp_path):
    out = tmp_path / "model"
    finetune_in_passes(_config(dataset_dir, tiny_model_dir, out, max_steps=2), prompt_loss_epochs=0.3)
    first, second = finetune_in_passes(_config(dataset_dir, tiny_model_dir, out, max_steps=4, resume=True),
                                       prompt_loss_epochs=0.3)
    assert first is None and second.resumed_from.endswith("checkpoint-2") and second.steps == 4


def test_no_pretraining_epochs_trains_the_answers_only(dataset_dir, tiny_model_dir, tmp_path):
    first, second = finetune_in_passes(_config(dataset_dir, tiny_model_dir, tmp_path / "m"))
    assert first is None and not (tmp_path / "m" / PRETRAINED).exists() and second.steps == 3


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "simverse.cli", "finetune", *args],
                          capture_output=True, text=True, timeout=600)


def test_finetune_command_runs_the_random_weight_recipe(dataset_dir, tiny_model_dir, tmp_path):
    out = tmp_path / "cli"
    result = _cli(str(dataset_dir), "--base", str(tiny_model_dir), "--out", str(out), "--full",
                  "--prompt-loss-epochs", "0.5", "--lr-scheduler", "cosine", "--warmup-ratio", "0.1",
                  "--repeat", "reply=3", "--max-steps", "2", "--batch-size", "4", "--learning-rate", "3e-3",
                  "--device", "cpu", "--quiet")
    assert result.returncode == 0, result.stderr
    assert "pre-training on whole chats: 0.5 epochs" in result.stdout and "all weights" in result.stdout
    assert "train (repeated: reply x3)" in result.stdout
    report = json.loads((out / "finetune_report.json").read_text())
    assert report["output_kind"] == "full" and report["trainable_params"] == report["total_params"]
    assert report["config"]["lr_scheduler"] == "cosine" and report["config"]["warmup_ratio"] == 0.1
    rows = [json.loads(line) for line in (dataset_dir / "train.jsonl").read_text().splitlines()]
    replies = sum(row["mode"] == "reply" for row in rows)
    assert report["config"]["repeat"] == {"reply": 3} and replies
    assert report["train_examples"] == len(rows) + 2 * replies
    assert report["pretraining"]["steps"] >= 1 and (out / PRETRAINED / "config.json").exists()


@pytest.mark.parametrize(("flag", "value", "message"), [
    ("--lr-scheduler", "zigzag", "--lr-scheduler must be one of"),
    ("--prompt-loss-epochs", "-1", "--prompt-loss-epochs must be >= 0"),
    ("--repeat", "reply=0", "--repeat takes KIND=N with N a whole number >= 1, not 'reply=0'"),
    ("--repeat", "reply", "--repeat takes KIND=N"),
])
def test_finetune_command_refuses_bad_recipe_flags_in_one_line(dataset_dir, tiny_model_dir, tmp_path, flag, value,
                                                                message):
    result = _cli(str(dataset_dir), "--base", str(tiny_model_dir), "--out", str(tmp_path / "x"), flag, value,
                  "--device", "cpu")
    assert result.returncode == 2 and message in result.stdout and "Traceback" not in result.stderr
    assert not (tmp_path / "x").exists()
