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


TRANSITION = {"id": "t1", "world": "harbor_town", "category": "success", "changes": {"bread.quantity": 5},
              "actions": [{"actor": "Mara", "action": "buy", "args": {"item": "bread"}}]}


@pytest.mark.parametrize(("change", "said"), [
    ({"category": None}, "category: Field required"),
    ({"actions": "buy"}, "actions: Input should be a valid list"),
    ({"changes": [1, 2]}, "changes: Input should be a valid dictionary"),
    ({"unchanged": "bread.quantity"}, "unchanged: Input should be a valid list"),
    ({"overrides": {"Mara": 5}}, "overrides.Mara: Input should be a valid dictionary"),
    ({"event": 5}, "event: Input should be a valid string"),
    ({"actions": [{"actor": "Zed", "action": "buy"}]}, "actions[0].actor: harbor_town has no NPC 'Zed'"),
    ({"overrides": {"Zed": {"coins": 1}}}, "overrides: harbor_town has no entity 'Zed'"),
    ({"changes": {"nothing": 5}}, "changes: 'nothing' is not ENTITY.PROPERTY of an entity of harbor_town"),
    ({"unchanged": ["Zed.coins"]}, "unchanged: 'Zed.coins' is not ENTITY.PROPERTY of an entity of harbor_town"),
    ({"closed_routes": ["x|y"]}, "closed_routes: 'x|y' is not PLACE|PLACE of two places of harbor_town"),
    ({"scene": "a storm", "place": "moon"}, "place: harbor_town has no place 'moon'"),
    ({"world": "nowhere"}, "world: nowhere: no such world file"),
])
def test_a_transition_line_the_scorer_cannot_run_names_the_file_line_and_field(tmp_path, change, said):
    """Before, these were tracebacks mid-scoring (an unknown actor, entity or place, an event
    that is not text), a bare message without file or field ('category'), or silently
    scored as something else (a change to no entity always wrong)."""
    path = tmp_path / "t.jsonl"
    bad = {key: value for key, value in {**TRANSITION, **change}.items() if value is not None}
    path.write_text(json.dumps(TRANSITION) + "\n" + json.dumps({**bad, "id": "t2"}) + "\n", encoding="utf-8")
    assert _error("events", path).startswith(f"{path}:2: {said}")


@pytest.mark.parametrize("loader", ["dialogue", "events"])
def test_a_set_without_lines_or_with_an_id_twice_is_refused(tmp_path, loader):
    """Before, an empty transitions file scored as an empty table and a repeated id counted twice."""
    path = tmp_path / "set.jsonl"
    path.write_text("\n", encoding="utf-8")
    assert _error(loader, path).endswith("no labelled lines" if loader == "dialogue" else "no transitions")
    line = GOOD if loader == "dialogue" else json.dumps(TRANSITION)
    path.write_text(line + "\n" + line + "\n", encoding="utf-8")
    assert "is used twice" in _error(loader, path)


@pytest.mark.parametrize(("field", "who"), [("npc", "Nobody"), ("speaker", "Ghost")])
def test_a_labelled_line_naming_no_npc_of_its_world_names_the_file_line_and_field(tmp_path, field, who):
    """Before, the error came mid-scoring, after the world was built, as 'line x2: ...'
    without the file or line."""
    path = tmp_path / "set.jsonl"
    path.write_text(GOOD + "\n" + json.dumps({**json.loads(GOOD), "id": "x2", field: who}) + "\n", encoding="utf-8")
    assert _error("dialogue", path) == f"{path}:2: {field}: harbor_town has no NPC {who!r}"


def test_a_finetune_row_with_a_lone_surrogate_names_the_file_line_and_message(tmp_path):
    """Before, JSON's ``\\udcff`` loaded and the tokenizer failed mid-run with a TypeError."""
    path = tmp_path / "train.jsonl"
    row = {"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "ok \udcff"}]}
    path.write_text(json.dumps({"messages": [*row["messages"][:1], {"role": "assistant", "content": "ok"}]}) + "\n"
                    + json.dumps(row) + "\n", encoding="utf-8")
    assert _error("dataset", path) == f"{path}:2: messages[1].content holds a lone surrogate, U+DCFF at character 4"


@pytest.mark.parametrize(("said", "error"), [
    ("x" * 601, "line: String should have at most 600 characters"),
    ("where is\x00 the bread?", "line: the text holds a control character, U+0000 at character 9; give plain text"),
])
def test_a_labelled_line_no_player_could_say_names_the_file_line_and_field(tmp_path, said, error):
    """Before, a line over 600 characters or holding a NUL was asked of the NPC as given, unlike
    anything a player can say (``simverse chat`` refuses both)."""
    path = tmp_path / "set.jsonl"
    path.write_text(GOOD + "\n" + json.dumps({**json.loads(GOOD), "id": "x2", "line": said}) + "\n", encoding="utf-8")
    assert _error("dialogue", path) == f"{path}:2: {error}"


def test_a_field_the_scorer_does_not_read_is_ignored_with_a_warning_naming_it(tmp_path, caplog):
    """A set with notes of its own, or written for another scorer (the ``_f1`` file's
    ``expect_refusal``), still loads; the log names each field left unread."""
    path = tmp_path / "t.jsonl"
    line = {**TRANSITION, "note": "why", "expect_refusal": True,
            "actions": [{**TRANSITION["actions"][0], "comment": "x"}]}
    path.write_text(json.dumps(line) + "\n", encoding="utf-8")
    with caplog.at_level("WARNING", logger="simverse.experiments.transition_lines"):
        [transition] = load_transitions(path)
    assert transition.id == "t1" and transition.actions[0].action == "buy"
    for name in ("expect_refusal", "note", "actions[0].comment"):
        assert f"{path}:1: {name}: not a field eval-events reads; ignored" in caplog.text
