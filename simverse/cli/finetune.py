"""``simverse dataset`` and ``simverse finetune``: turn stored runs into a local model."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from simverse.cli.app import UserError, app, console


@app.command()
def dataset(
    db: Annotated[str, typer.Argument(help="run database (path or URL)")],
    out: Annotated[str, typer.Option(help="directory for train/test JSONL, hf/ and meta.json")],
    runs: Annotated[list[int] | None, typer.Option("--run", help="a run to use (repeat; default: all)")] = None,
    npcs: Annotated[list[str] | None, typer.Option("--npc", help="only this NPC's decisions (repeat)")] = None,
    brains: Annotated[list[str] | None, typer.Option(
        "--brain", help="only decisions of this brain: scripted, a kind (openai) or a full spec (repeat)")] = None,
    succeeded_only: Annotated[bool, typer.Option(help="only decisions whose outcome succeeded")] = False,
    split_by: Annotated[str, typer.Option(help="hold out whole steps ('step') or whole runs ('run')")] = "step",
    test_fraction: Annotated[float, typer.Option(help="share of steps (or runs) held out for test")] = 0.2,
    test_runs: Annotated[list[int] | None, typer.Option("--test-run", help="hold out this run (repeat)")] = None,
    seed: Annotated[int, typer.Option(help="seed of the split")] = 0,
    quiet: Annotated[bool, typer.Option(help="no progress bar")] = False,
) -> None:
    """Write chat examples (the messages a brain was sent -> its decision as JSON) of stored runs."""
    from simverse.finetune.dataset import DatasetOptions, build_dataset, write_dataset

    if "://" not in db and not Path(db).exists():
        raise UserError(f"{db}: no such run database")
    if split_by not in ("step", "run"):
        raise UserError(f"--split-by must be 'step' or 'run', not {split_by!r}")
    if not 0 <= test_fraction < 1:
        raise UserError(f"--test-fraction must be in [0, 1), not {test_fraction}")
    if Path(out).exists() and not Path(out).is_dir():
        raise UserError(f"--out {out}: a file, not a directory")
    options = DatasetOptions(runs=runs or [], npcs=npcs or [], brains=brains or [], succeeded_only=succeeded_only,
                             split_by=split_by, test_fraction=test_fraction,  # type: ignore[arg-type]
                             test_runs=test_runs or [], seed=seed)
    with Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, disable=quiet) as progress:
        def on_run(run):
            task = progress.add_task(f"re-running run {run.id}", total=run.last_step)
            return lambda step: progress.update(task, completed=step)

        try:
            train, test, meta = build_dataset(db, options, on_run=on_run)
        except ValueError as exc:
            raise UserError(str(exc)) from None
    if not train and not test:  # nothing is written for no examples
        raise UserError(f"{db}: no decision matched the filters")
    path = write_dataset(out, train, test, meta)
    for r in meta["runs"]:
        note = f"; re-run differs from step {r['diverged_at']}" if r["diverged_at"] else ""
        note += f"; re-run stopped: {escape(r['rebuild_error'])}" if r["rebuild_error"] else ""
        skipped = ", ".join(f"{k} {v}" for k, v in sorted(r["skipped"].items())) or "none"
        console.print(f"run {r['run']} ({escape(r['llm'])}): {r['recorded']} recorded + {r['rebuilt']} rebuilt "
                      f"of {r['decisions']} decisions; skipped: {skipped}{note}", soft_wrap=True)
    split = meta["split"]
    console.print(f"{split['train']} train, {split['test']} test examples -> {escape(str(path))} "
                  f"(dropped {split['duplicates_dropped']} duplicates, "
                  f"{split['shared_prompts_dropped']} test prompts also in train)", soft_wrap=True)


@app.command()
def finetune(
    data: Annotated[str, typer.Argument(metavar="DATASET", help="a `simverse dataset` directory or a JSONL file")],
    base: Annotated[str, typer.Option(help="base model: local directory or hub id")],
    out: Annotated[str, typer.Option(help="directory for the fine-tuned model and its report")],
    epochs: Annotated[float, typer.Option(min=0, help="passes over the train split")] = 3.0,
    max_steps: Annotated[int, typer.Option(
        min=-1, help="stop after this many optimizer steps (-1: epochs decide)")] = -1,
    batch_size: Annotated[int, typer.Option(min=1, help="examples per step")] = 8,
    grad_accum: Annotated[int, typer.Option(min=1, help="gradient accumulation steps")] = 1,
    learning_rate: Annotated[float, typer.Option(min=0, help="peak learning rate")] = 2e-4,
    lora_r: Annotated[int, typer.Option(min=1, help="LoRA rank")] = 16,
    lora_alpha: Annotated[int, typer.Option(min=1, help="LoRA alpha")] = 32,
    max_length: Annotated[int, typer.Option(min=1, help="longest example in tokens (longer ones are dropped)")] = 1024,
    seed: Annotated[int, typer.Option(help="seed of adapter init and data order")] = 0,
    device: Annotated[str, typer.Option(help="auto | cpu | cuda")] = "auto",
    train_norms: Annotated[bool, typer.Option(help="also train the norm layers in full")] = False,
    train_embeddings: Annotated[bool, typer.Option(
        help="also train the token embeddings and output layer in full (random-weight bases need it)")] = False,
    full: Annotated[bool, typer.Option(
        help="train every weight instead of a LoRA adapter (the result is a plain model); "
             "a small base built from random weights needs it")] = False,
    prompt_loss_epochs: Annotated[float, typer.Option(
        help="first train this many epochs with the loss on whole chats, prompt included, into "
             "OUT/pretrained, then the answers from there (0: answers only; a random-weight base needs it)")] = 0.0,
    repeat: Annotated[list[str] | None, typer.Option(
        help="KIND=N: each train example of this mode or action (reply, move, ...) appears N times (repeat)")] = None,
    lr_scheduler: Annotated[str, typer.Option(help="learning-rate schedule: linear, cosine, constant, ...")] = "linear",
    warmup_ratio: Annotated[float, typer.Option(help="share of each pass's steps spent warming up")] = 0.05,
    merge: Annotated[bool, typer.Option(help="save the merged model (else the LoRA adapter)")] = True,
    save_steps: Annotated[int, typer.Option(min=1, help="checkpoint every N steps")] = 50,
    resume: Annotated[bool, typer.Option(help="continue from the newest checkpoint in OUT")] = False,
    quiet: Annotated[bool, typer.Option(help="no progress bar")] = False,
) -> None:
    """Fine-tune a model (a LoRA adapter, or every weight) on a decisions dataset; the result runs as
    --llm transformers:OUT."""
    from simverse.finetune.passes import finetune_in_passes
    from simverse.finetune.report import report_lines, write_report
    from simverse.finetune.sft_data import DatasetError
    from simverse.finetune.training import TrainConfig

    if not Path(data).exists():
        raise UserError(f"{data}: no such dataset")
    _check_length(epochs, max_steps, learning_rate)
    repeats = _checked_recipe(device, lr_scheduler, prompt_loss_epochs, warmup_ratio, repeat or [])
    config = TrainConfig(base=base, dataset=data, out=out, epochs=epochs, max_steps=max_steps,
                         batch_size=batch_size, grad_accum=grad_accum, learning_rate=learning_rate,
                         lora_r=lora_r, lora_alpha=lora_alpha, max_length=max_length, seed=seed, device=device,
                         train_norms=train_norms, train_embeddings=train_embeddings, full=full,
                         repeat=repeats, lr_scheduler=lr_scheduler, warmup_ratio=warmup_ratio,
                         merge=merge, save_steps=save_steps, resume=resume, progress=not quiet)
    try:
        pretrain, result = finetune_in_passes(config, prompt_loss_epochs)
    except (DatasetError, OSError) as exc:
        raise UserError(str(exc)) from None
    for line in report_lines(write_report(result, pretrain)):
        console.print(escape(line), soft_wrap=True)


def _check_length(epochs: float, max_steps: int, learning_rate: float) -> None:
    """Refuse a run that could not train (it wrote the base model back as if trained, after
    0 steps, or would never end) in one line naming the option; the options' ranges catch
    negatives."""
    for option, value in (("--epochs", epochs), ("--learning-rate", learning_rate)):
        if not math.isfinite(value):
            raise UserError(f"{option} must be a finite number, not {value}")
    if max_steps == 0:
        raise UserError("--max-steps must be -1 (the epochs decide) or at least 1, not 0")
    if epochs == 0 and max_steps == -1:
        raise UserError("--epochs must be above 0 (or give --max-steps)")
    if learning_rate == 0:
        raise UserError("--learning-rate must be above 0")


def _checked_recipe(device: str, lr_scheduler: str, prompt_loss_epochs: float, warmup_ratio: float,
                    repeat: list[str]) -> dict[str, int]:
    """Refuse a bad training flag in one line (before anything loads); returns ``--repeat`` parsed."""
    from simverse.finetune.repeats import parse_repeat
    from simverse.finetune.training import schedules

    if device not in ("auto", "cpu", "cuda") and not device.startswith("cuda:"):
        raise UserError(f"--device must be auto, cpu or cuda, not {device!r}")
    if lr_scheduler not in schedules():
        raise UserError(f"--lr-scheduler must be one of {', '.join(schedules())}, not {lr_scheduler!r}")
    if not math.isfinite(prompt_loss_epochs):
        raise UserError(f"--prompt-loss-epochs must be a finite number, not {prompt_loss_epochs}")
    if prompt_loss_epochs < 0 or not 0 <= warmup_ratio < 1:
        raise UserError("--prompt-loss-epochs must be >= 0 and --warmup-ratio in [0, 1)")
    try:
        return dict(parse_repeat(spec) for spec in repeat)
    except ValueError as exc:
        raise UserError(str(exc)) from None
