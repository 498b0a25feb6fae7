"""Turn dataset examples into token ids and labels with the loss on the answer only.

The prompt is rendered exactly as the transformers backend renders it at inference (the
tokenizer's chat template with the generation prompt, tokenized without special tokens),
and the answer is the rest of the rendered conversation, tokenized on its own: training
sees the same prompt ids the model will see, and prompt tokens get label ``-100`` so the
loss counts answer tokens only. The answer ends with a token generation stops at (the
tokenizer's end-of-sequence is appended when the template's end of turn is not one), so
the model learns to stop after the JSON.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from simverse.core.jsonl import JsonlError, read_jsonl

IGNORE = -100


class DatasetError(ValueError):
    """A dataset path or row that cannot be used, named in the message."""


def load_split(dataset: str | Path, split: str) -> list[dict[str, Any]]:
    """Rows of ``split`` from a ``simverse dataset`` directory (its ``datasets`` copy, else
    its JSONL), or from a JSONL file given directly (its rows are the train split)."""
    path = Path(dataset)
    if path.is_file():
        if split != "train":
            return []
        return _read_jsonl(path)
    if (path / "hf" / "dataset_dict.json").exists():
        from datasets import load_from_disk

        data = load_from_disk(str(path / "hf"))
        return [dict(row) for row in data[split]] if split in data else []
    if (path / f"{split}.jsonl").exists():
        return _read_jsonl(path / f"{split}.jsonl")
    if path.is_dir() and split == "train":
        raise DatasetError(f"{path}: not a dataset directory (no hf/ and no train.jsonl)")
    if not path.exists():
        raise DatasetError(f"{path}: no such dataset")
    return []


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    try:
        numbered = read_jsonl(path)
    except JsonlError as exc:
        raise DatasetError(str(exc)) from None
    for number, row in numbered:
        _check_row(row, f"{path}:{number}")
    return [row for _, row in numbered]


def _check_row(row: Any, where: str) -> None:
    messages = row.get("messages") if isinstance(row, dict) else None
    if not isinstance(messages, list) or len(messages) < 2 or not all(
            isinstance(m, dict) and isinstance(m.get("role"), str) and isinstance(m.get("content"), str)
            for m in messages):
        raise DatasetError(f"{where}: 'messages' must be a list of {{role, content}} with the answer last")
    if messages[-1]["role"] != "assistant":
        raise DatasetError(f"{where}: the last message must be the assistant's answer")
    for index, message in enumerate(messages):
        try:
            message["content"].encode("utf-8")
        except UnicodeEncodeError as exc:  # a lone surrogate ("\udcff" in the JSON) no tokenizer takes
            raise DatasetError(f"{where}: messages[{index}].content holds a lone surrogate, "
                               f"U+{ord(exc.object[exc.start]):04X} at character {exc.start + 1}") from None


def stop_ids(tokenizer: Any, generation_eos: int | list[int] | None) -> set[int]:
    """Token ids generation stops at (as the transformers backend collects them)."""
    ids = set([generation_eos] if isinstance(generation_eos, int) else generation_eos or [])
    if tokenizer.eos_token_id is not None:
        ids.add(tokenizer.eos_token_id)
    return ids


def render_prompt(tokenizer: Any, messages: list[dict[str, str]]) -> str:
    """The prompt text as the backend renders it."""
    return tokenizer.apply_chat_template(messages, add_generation_prompt=True, tokenize=False)


def encode_example(tokenizer: Any, messages: list[dict[str, str]], stops: set[int], *,
                   prompt_loss: bool = False) -> dict[str, list[int]]:
    """``input_ids``, ``attention_mask`` and ``labels`` (answer tokens only, or every token
    with ``prompt_loss``) of one chat."""
    prompt = render_prompt(tokenizer, messages[:-1])
    full = tokenizer.apply_chat_template(messages, tokenize=False)
    answer = full[len(prompt):] if full.startswith(prompt) else messages[-1]["content"]
    prompt_ids = tokenizer(prompt, add_special_tokens=False)["input_ids"]
    answer_ids = tokenizer(answer, add_special_tokens=False)["input_ids"]
    ends = [i for i, tok in enumerate(answer_ids) if tok in stops]
    if ends:
        answer_ids = answer_ids[:ends[0] + 1]
    elif tokenizer.eos_token_id is not None:
        answer_ids = [*answer_ids, tokenizer.eos_token_id]
    ids = prompt_ids + answer_ids
    prompt_labels = list(prompt_ids) if prompt_loss else [IGNORE] * len(prompt_ids)
    return {"input_ids": ids, "attention_mask": [1] * len(ids), "labels": prompt_labels + answer_ids}


def encode_all(tokenizer: Any, rows: Iterable[dict[str, Any]], stops: set[int],
               max_length: int, *, prompt_loss: bool = False) -> tuple[list[dict[str, list[int]]], int]:
    """Encoded rows no longer than ``max_length`` tokens, and how many were too long
    (dropped whole: cutting a prompt would teach answers to situations never shown)."""
    kept, too_long = [], 0
    for row in rows:
        encoded = encode_example(tokenizer, row["messages"], stops, prompt_loss=prompt_loss)
        if len(encoded["input_ids"]) > max_length:
            too_long += 1
        else:
            kept.append(encoded)
    return kept, too_long
