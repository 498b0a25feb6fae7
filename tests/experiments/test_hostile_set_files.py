"""Hostile JSONL set files (labelled dialogue lines, event transitions, fine-tuning data):
whatever keeps a file from being read is one error naming the file and line, never a
traceback. Before the shared reader, a line of 100,000 ``[`` raised RecursionError and a
file that is not UTF-8 raised UnicodeDecodeError without the file's name."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from simverse.experiments.dialogue_eval import load_lines
from simverse.experiments.event_eval import load_transitions
from simverse.finetune.sft_data import load_split

GOOD = json.dumps({"id": "x1", "world": "harbor_town", "npc": "Nell", "line": "Where can I buy bread?",
                   "kind": "knowable", "expect": ["bakery"]})
LOADERS: dict[str, Callable[[Path], object]] = {
    "dialogue": load_lines, "events": load_transitions, "dataset": lambda path: load_split(path, "train"),
}


def _error(loader: str, path: Path) -> str:
    with pytest.raises(ValueError) as info:
        LOADERS[loader](path)
    return str(info.value)


@pytest.mark.parametrize("loader", LOADERS)
def test_a_line_nested_too_deeply_names_the_file_and_line(tmp_path, loader):
    path = tmp_path / "set.jsonl"
    path.write_text(GOOD + "\n" + "[" * 100_000 + "\n", encoding="utf-8")
    assert _error(loader, path).startswith(f"{path}:2: not JSON (nested too deeply)")


@pytest.mark.parametrize("loader", LOADERS)
def test_a_file_that_is_not_utf8_names_the_file(tmp_path, loader):
    path = tmp_path / "set.jsonl"
    path.write_bytes(b"\xff\xfe" + GOOD.encode())
    assert _error(loader, path) == f"{path}: not UTF-8 text (invalid byte at offset 0)"


def test_a_folder_named_like_a_set_file_names_it(tmp_path):
    (tmp_path / "a.jsonl").write_text(GOOD + "\n", encoding="utf-8")
    (tmp_path / "b.jsonl").mkdir()
    assert _error("dialogue", tmp_path).startswith(f"{tmp_path / 'b.jsonl'}: cannot read:")


@pytest.mark.parametrize("world", ["nowhere", "../../etc"])
def test_a_labelled_line_naming_no_world_names_the_file_line_and_field(tmp_path, world):
    path = tmp_path / "set.jsonl"
    bad = {**json.loads(GOOD), "id": "x2", "world": world}
    path.write_text(GOOD + "\n" + json.dumps(bad) + "\n", encoding="utf-8")
    assert _error("dialogue", path).startswith(f"{path}:2: world: {world}: no such world file or shipped world")
