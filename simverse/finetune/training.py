"""``simverse finetune``: LoRA fine-tuning of a causal LM on a decisions dataset.

Built on transformers' ``Trainer`` and PEFT: seeded (``set_seed`` before the adapter is
made, ``seed``/``data_seed`` for the data order), a progress bar, checkpoints under
``OUT/checkpoints`` that ``resume=True`` continues from, the loss on answer tokens only
(:mod:`simverse.finetune.sft_data`), CPU or CUDA. The result in ``OUT`` is either the
merged model (default: plain weights any ``from_pretrained`` loads, no PEFT needed) or the
LoRA adapter with the tokenizer (``merge=False``; transformers loads it with PEFT
installed, fetching the base it names). Either way ``--llm transformers:OUT`` runs it.
"""

from __future__ import annotations

import math
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from simverse.finetune.repeats import with_repeats
from simverse.finetune.sft_data import DatasetError, encode_all, load_split, stop_ids

CHECKPOINTS = "checkpoints"


@dataclass
class TrainConfig:
    """Everything that decides a training run (stored in the report)."""

    base: str
    dataset: str
    out: str
    epochs: float = 3.0
    max_steps: int = -1
    batch_size: int = 8
    grad_accum: int = 1
    learning_rate: float = 2e-4
    warmup_ratio: float = 0.05
    """Share of the steps spent warming up (transformers reads a float below 1 as a ratio)."""
    lora_r: int = 16
    lora_alpha: int = 32
    lora_dropout: float = 0.05
    target_modules: str = "all-linear"
    train_norms: bool = False
    """Also train the normalisation layers in full (PEFT ``modules_to_save``)."""
    train_embeddings: bool = False
    """Also train the token embeddings in full (and the output layer, tied or not). A
    random-weight model needs this and ``train_norms``: its frozen random embeddings and
    norms cap what low-rank updates can express; a pretrained model does not."""
    full: bool = False
    """Train every weight instead of a LoRA adapter (the result is a plain model): what a
    small random-weight base needs, where low-rank updates of frozen random layers cannot
    learn to copy names from the prompt; a pretrained base does not."""
    prompt_loss: bool = False
    """Learn the prompt's tokens too (language modelling on the whole chat), not only the
    answer's: for a random-weight student, a first pass that learns the world's text and to
    copy from it, before an answer-only pass; a pretrained base does not need it."""
    repeat: dict[str, int] = field(default_factory=dict)
    """Kind (an example's mode or action) -> how many times each such train example appears
    (:mod:`simverse.finetune.repeats`): more updates for the decisions a small student
    learns last, such as replies."""
    lr_scheduler: str = "linear"
    """transformers' scheduler name (``linear``, ``cosine``, ``constant_with_warmup``, ...)."""
    max_length: int = 1024
    seed: int = 0
    device: str = "auto"
    merge: bool = True
    save_steps: int = 50
    logging_steps: int = 5
    resume: bool = False
    progress: bool = True
    evaluate: bool = True


@dataclass
class TrainResult:
    """What a training run did: sizes, losses, time, and where the model is."""

    config: dict[str, Any]
    output: str
    output_kind: str
    device: str
    train_examples: int
    test_examples: int
    dropped_too_long: int
    trainable_params: int
    total_params: int
    steps: int
    losses: list[tuple[int, float]] = field(default_factory=list)
    eval_loss: float | None = None
    eval_loss_before: float | None = None
    resumed_from: str | None = None
    seconds: float = 0.0

    @property
    def llm_spec(self) -> str:
        return f"transformers:{self.output}"


def _device(name: str) -> str:
    import torch

    if name == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    return name


def _load(config: TrainConfig, device: str) -> tuple[Any, Any]:
    """Tokenizer and base model, in float32 on CPU and bfloat16 on CUDA."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(config.base)
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    dtype = torch.bfloat16 if device.startswith("cuda") and torch.cuda.is_bf16_supported() else torch.float32
    model = AutoModelForCausalLM.from_pretrained(config.base, dtype=dtype)
    return tokenizer, model


def norm_modules(model: Any) -> list[str]:
    """Names (last parts) of the model's normalisation layers."""
    return sorted({name.rsplit(".", 1)[-1] for name, module in model.named_modules()
                   if name and "norm" in type(module).__name__.lower()})


def embedding_modules(model: Any) -> list[str]:
    """Names (last parts) of the input embeddings and of the output layer."""
    wanted = {id(model.get_input_embeddings()), id(model.get_output_embeddings())}
    return sorted({name.rsplit(".", 1)[-1] for name, module in model.named_modules() if id(module) in wanted})


def _with_lora(model: Any, config: TrainConfig) -> Any:
    from peft import LoraConfig, get_peft_model

    full = [*(norm_modules(model) if config.train_norms else []),
            *(embedding_modules(model) if config.train_embeddings else [])]
    lora = LoraConfig(r=config.lora_r, lora_alpha=config.lora_alpha, lora_dropout=config.lora_dropout,
                      target_modules=config.target_modules, task_type="CAUSAL_LM",
                      modules_to_save=full or None, ensure_weight_tying=config.train_embeddings)
    return get_peft_model(model, lora)


def _arguments(config: TrainConfig, device: str) -> Any:
    import torch
    from transformers import TrainingArguments

    return TrainingArguments(
        output_dir=str(Path(config.out) / CHECKPOINTS), num_train_epochs=config.epochs,
        max_steps=config.max_steps, per_device_train_batch_size=config.batch_size,
        per_device_eval_batch_size=config.batch_size, gradient_accumulation_steps=config.grad_accum,
        learning_rate=config.learning_rate, warmup_steps=config.warmup_ratio, lr_scheduler_type=config.lr_scheduler,
        logging_steps=config.logging_steps, save_steps=config.save_steps, save_total_limit=2,
        seed=config.seed, data_seed=config.seed, report_to="none", disable_tqdm=not config.progress,
        use_cpu=device == "cpu", bf16=device.startswith("cuda") and torch.cuda.is_bf16_supported(),
        dataloader_num_workers=0, remove_unused_columns=False, save_only_model=False,
    )


def schedules() -> list[str]:
    """The learning-rate schedules transformers knows by name."""
    from transformers import SchedulerType

    return [kind.value for kind in SchedulerType]


def last_checkpoint(out: str | Path) -> str | None:
    """The newest checkpoint of an earlier run into ``out``, if any."""
    from transformers.trainer_utils import get_last_checkpoint

    folder = Path(out) / CHECKPOINTS
    return get_last_checkpoint(str(folder)) if folder.is_dir() else None


def finetune(config: TrainConfig) -> TrainResult:
    """Train a LoRA adapter on the dataset's train split and save the result in ``out``."""
    from transformers import DataCollatorForSeq2Seq, Trainer, set_seed

    started = time.perf_counter()
    if Path(config.base).exists():  # an adapter names its base: make that name work from anywhere
        config.base = str(Path(config.base).resolve())
    device = _device(config.device)
    train_rows, test_rows = load_split(config.dataset, "train"), load_split(config.dataset, "test")
    if not train_rows:
        raise DatasetError(f"{config.dataset}: the train split is empty")
    train_rows = with_repeats(train_rows, config.repeat)
    set_seed(config.seed)
    tokenizer, base = _load(config, device)
    stops = stop_ids(tokenizer, base.generation_config.eos_token_id)
    train, too_long = encode_all(tokenizer, train_rows, stops, config.max_length, prompt_loss=config.prompt_loss)
    test, test_too_long = encode_all(tokenizer, test_rows, stops, config.max_length, prompt_loss=config.prompt_loss)
    if not train:
        raise DatasetError(f"{config.dataset}: every train example is longer than {config.max_length} tokens")
    model = base if config.full else _with_lora(base, config)
    trainable, total = _parameter_counts(model)
    resume = last_checkpoint(config.out) if config.resume else None
    trainer = Trainer(model=model, args=_arguments(config, device), train_dataset=train,
                      eval_dataset=test or None, processing_class=tokenizer,
                      data_collator=DataCollatorForSeq2Seq(tokenizer, padding=True, label_pad_token_id=-100))
    before = _eval_loss(trainer) if config.evaluate and test and resume is None else None
    trainer.train(resume_from_checkpoint=resume)
    after = _eval_loss(trainer) if config.evaluate and test else None
    kind = _save(trainer.model, tokenizer, config)
    losses = [(int(h["step"]), float(h["loss"])) for h in trainer.state.log_history if "loss" in h]
    return TrainResult(
        config=asdict(config), output=str(Path(config.out)), output_kind=kind, device=device,
        train_examples=len(train), test_examples=len(test), dropped_too_long=too_long + test_too_long,
        trainable_params=int(trainable), total_params=int(total), steps=int(trainer.state.global_step),
        losses=losses, eval_loss=after, eval_loss_before=before, resumed_from=resume,
        seconds=time.perf_counter() - started,
    )


def _parameter_counts(model: Any) -> tuple[int, int]:
    """Trainable and total parameters (PEFT's count for an adapter, all weights in full)."""
    if hasattr(model, "get_nb_trainable_parameters"):
        return model.get_nb_trainable_parameters()
    total = sum(p.numel() for p in model.parameters())
    return sum(p.numel() for p in model.parameters() if p.requires_grad), total


def _eval_loss(trainer: Any) -> float | None:
    value = trainer.evaluate().get("eval_loss")
    return float(value) if value is not None and math.isfinite(value) else None


def _save(model: Any, tokenizer: Any, config: TrainConfig) -> str:
    """Save the merged model (or the adapter) and the tokenizer in ``out``."""
    out = Path(config.out)
    if config.full:
        model.save_pretrained(out)
        kind = "full"
    elif config.merge:
        merged = model.merge_and_unload()
        merged.save_pretrained(out)
        kind = "merged"
    else:
        model.save_pretrained(out)
        kind = "adapter"
    tokenizer.save_pretrained(out)
    return kind
