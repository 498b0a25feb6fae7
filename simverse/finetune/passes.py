"""Training in two passes: whole chats first (pre-training), then the answers.

A model trained from random weights knows neither the world's text nor how to copy a name
from its prompt into its answer. A first pass with the loss on every token of the train
chats (prompt and answer) teaches both: a prompt is some thirty times as long as its
answer, so the same compute gives thirty times the supervised tokens, on text that repeats
names and places, where predicting the next token rewards attending to an earlier mention
and repeating it. The second pass is the usual one, with the loss on the answers only.
A pretrained base already reads and copies; it needs no first pass (``prompt_loss_epochs=0``).

The first pass trains as the second does (every weight, or a LoRA adapter that is merged)
into ``OUT/pretrained``, which the second pass then starts from. With ``resume`` a finished
first pass is not repeated, and an unfinished one continues from its own checkpoints.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from simverse.finetune.training import TrainConfig, TrainResult, finetune

PRETRAINED = "pretrained"


def pretrain_config(config: TrainConfig, epochs: float) -> TrainConfig:
    """The first pass's settings: ``config`` with the loss on whole chats for ``epochs``,
    saved as a plain model under ``OUT/pretrained``, without a held-out evaluation."""
    return replace(config, out=str(Path(config.out) / PRETRAINED), epochs=epochs, max_steps=-1,
                   prompt_loss=True, merge=True, evaluate=False)


def finished(out: str | Path) -> bool:
    """True when a training run saved its model in ``out``."""
    return (Path(out) / "config.json").exists()


def finetune_in_passes(config: TrainConfig, prompt_loss_epochs: float = 0.0
                       ) -> tuple[TrainResult | None, TrainResult]:
    """Pre-train on whole chats for ``prompt_loss_epochs`` (none when 0), then train
    ``config`` on the answers from the result; returns both passes' results (the first is
    ``None`` when it was skipped or already finished)."""
    if prompt_loss_epochs <= 0:
        return None, finetune(config)
    first_config = pretrain_config(config, prompt_loss_epochs)
    first = None
    if not (config.resume and finished(first_config.out)):
        first = finetune(first_config)
    second = finetune(replace(config, base=first_config.out, prompt_loss=False))
    return first, second
