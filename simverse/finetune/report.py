"""The short report of a fine-tuning run: ``finetune_report.json`` and ``.md`` in its output.

The report records what was trained from what (base, dataset, seed, settings), how the
loss moved (in each pass, when a pre-training pass on whole chats came first), and that
the result runs as ``--llm transformers:OUT``, so a model directory says where it came from.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from simverse.finetune.training import TrainResult

REPORT = "finetune_report"


def report_dict(result: TrainResult, pretrain: TrainResult | None = None) -> dict[str, Any]:
    """The report as plain data (with the pre-training pass's steps, losses and time, if any)."""
    losses = result.losses
    first = None
    if pretrain is not None:
        first = {"out": pretrain.output, "epochs": pretrain.config["epochs"], "steps": pretrain.steps,
                 "first_loss": pretrain.losses[0][1] if pretrain.losses else None,
                 "last_loss": pretrain.losses[-1][1] if pretrain.losses else None,
                 "seconds": round(pretrain.seconds, 2)}
    return {
        "llm": result.llm_spec, "output_kind": result.output_kind, "base": (pretrain or result).config["base"],
        "dataset": result.config["dataset"], "device": result.device, "seed": result.config["seed"],
        "train_examples": result.train_examples, "test_examples": result.test_examples,
        "dropped_too_long": result.dropped_too_long, "steps": result.steps,
        "trainable_params": result.trainable_params, "total_params": result.total_params,
        "first_loss": losses[0][1] if losses else None, "last_loss": losses[-1][1] if losses else None,
        "eval_loss_before": result.eval_loss_before, "eval_loss_after": result.eval_loss,
        "resumed_from": result.resumed_from, "seconds": round(result.seconds, 2),
        "losses": losses, "config": result.config, "pretraining": first,
    }


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.4f}"


def _repeated(report: dict[str, Any]) -> str:
    repeats = report["config"].get("repeat") or {}
    return f" (repeated: {', '.join(f'{kind} x{times}' for kind, times in sorted(repeats.items()))})" if repeats else ""


def report_lines(report: dict[str, Any]) -> list[str]:
    """The report as a few readable lines."""
    share = 100 * report["trainable_params"] / max(1, report["total_params"])
    lines = [
        f"model: {report['output_kind']} -> run it with --llm {report['llm']}",
        f"base: {report['base']}; dataset: {report['dataset']}; device: {report['device']}; seed {report['seed']}",
        f"examples: {report['train_examples']} train{_repeated(report)}, {report['test_examples']} test "
        f"({report['dropped_too_long']} dropped as too long)",
        f"{'all weights' if report['output_kind'] == 'full' else 'LoRA'}: {report['trainable_params']:,} "
        f"trainable of {report['total_params']:,} parameters ({share:.2f}%)",
        f"steps: {report['steps']}; train loss {_fmt(report['first_loss'])} -> {_fmt(report['last_loss'])}; "
        f"test loss {_fmt(report['eval_loss_before'])} -> {_fmt(report['eval_loss_after'])}",
        f"time: {report['seconds']:.1f} s" + (f"; resumed from {report['resumed_from']}"
                                               if report["resumed_from"] else ""),
    ]
    first = report.get("pretraining")
    if first:
        lines.insert(4, f"pre-training on whole chats: {first['epochs']:g} epochs, {first['steps']} steps; "
                        f"loss {_fmt(first['first_loss'])} -> {_fmt(first['last_loss'])}; "
                        f"{first['seconds']:.1f} s -> {first['out']}")
    return lines


def write_report(result: TrainResult, pretrain: TrainResult | None = None) -> dict[str, Any]:
    """Write the report next to the model and return it."""
    report = report_dict(result, pretrain)
    out = Path(result.output)
    (out / f"{REPORT}.json").write_text(json.dumps(report, indent=2) + "\n")
    (out / f"{REPORT}.md").write_text("# Fine-tuning report\n\n" + "\n".join(f"- {line}" for line in
                                                                              report_lines(report)) + "\n")
    return report
