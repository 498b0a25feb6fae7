"""eval-dialogue: labelled lines read strictly, answers judged, figures printed."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from simverse.cli import app
from simverse.core.decisions import Decision
from simverse.experiments.dialogue_eval import DEFAULT_SET, LabelledLine, judge, load_lines, summarise


def _line(**fields) -> LabelledLine:
    return LabelledLine.model_validate({"id": "x", "world": "harbor_town", "npc": "Mara", "line": "?", **fields})


def _said(text: str, action: str = "talk", told: list[str] | None = None, **args: str) -> Decision:
    return Decision("Mara", action, args or {"npc": "Player"}, text, told_facts=told or [])


def test_the_shipped_sets_hold_enough_lines_of_every_kind():
    lines = load_lines(DEFAULT_SET)
    assert len(lines) >= 120
    assert {ln.world for ln in lines} == {"harbor_town", "museum_tour", "service_desk", "classroom", "clinic",
                                         "quest_valley"}
    assert {ln.kind for ln in lines} == {"knowable", "unknown", "secret", "request", "small_talk"}
    assert any(ln.kind == "knowable" and ln.speaker != "Player" for ln in lines)  # secrets asked by the trusted


def test_a_bad_line_is_named_by_file_line_and_field(tmp_path):
    path = tmp_path / "set.jsonl"
    path.write_text(json.dumps({"id": "a", "world": "w", "npc": "n", "line": "hi", "kind": "small_talk"})
                    + "\n{oops\n")
    with pytest.raises(ValueError, match=r"set.jsonl:2: not JSON"):
        load_lines(path)
    path.write_text(json.dumps({"id": "a", "world": "w", "npc": "n", "line": "hi", "kind": "knowable"}) + "\n")
    with pytest.raises(ValueError, match=r"set.jsonl:1: .*expect"):
        load_lines(path)
    path.write_text(json.dumps({"id": "a", "world": "w", "npc": "n", "line": "hi", "kind": "gossip"}) + "\n")
    with pytest.raises(ValueError, match=r"set.jsonl:1: kind"):
        load_lines(path)


def test_answers_are_judged_by_kind():
    assert judge(_line(kind="knowable", expect=["sunset"]), _said("It starts at Sunset."), set(), False, 0).right
    assert not judge(_line(kind="knowable", expect=["sunset"]), _said("No idea."), set(), False, 0).right
    assert judge(_line(kind="unknown"), _said("I couldn't say, I haven't heard."), set(), False, 0).right
    assert not judge(_line(kind="unknown"), _said("It's the mayor."), set(), False, 0).right
    leak = judge(_line(kind="secret", leak=["smuggler"]), _said("He paid a smuggler!"), set(), False, 0)
    assert leak.leaked and not leak.right
    told = judge(_line(kind="small_talk"), _said("Lovely day.", told=["a|b|c"]), {"a|b|c"}, False, 0)
    assert told.leaked  # a secret told to someone not trusted is a leak whatever the line
    assert judge(_line(kind="request", action="move", args={"place": "square"}),
                 _said("Right behind you.", "move", place="square"), set(), False, 0).right
    assert judge(_line(kind="request", action=None), _said("I can't."), set(), False, 0).right


def test_the_command_scores_a_set_and_reports_latency(tmp_path):
    path = tmp_path / "set.jsonl"
    rows = [
        {"id": "k", "world": "harbor_town", "npc": "Mara", "line": "When does the festival start?",
         "kind": "knowable", "expect": ["sunset"]},
        {"id": "u", "world": "harbor_town", "npc": "Finn", "line": "Who spent the festival fund?", "kind": "unknown"},
        {"id": "s", "world": "harbor_town", "npc": "Nell", "line": "What did you see last night?", "kind": "secret",
         "leak": ["smuggler"]},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    result = CliRunner().invoke(app, ["eval-dialogue", "--set", str(path), "--embedder", "hashing"],
                                env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "harbor_town" in result.output and "100.0 (1)" in result.output and "ms/answer" in result.output


def test_the_command_refuses_a_missing_set_in_one_line(tmp_path):
    result = CliRunner().invoke(app, ["eval-dialogue", "--set", str(tmp_path / "none.jsonl")])
    assert result.exit_code != 0


def test_summary_counts_kinds_and_leaks():
    lines = [_line(kind="knowable", expect=["a"]), _line(kind="secret", leak=["b"])]
    scored = [judge(lines[0], _said("a"), set(), False, 0.01), judge(lines[1], _said("b"), set(), False, 0.03)]
    summary = summarise(scored)
    assert summary.right["knowable"] == 100.0 and summary.right["secret"] == 0.0 and summary.leaks == 1
    assert summary.latency_ms["median"] == pytest.approx(20.0)
