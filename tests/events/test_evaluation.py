"""The evaluation harness: exact state change per category, a changes-nothing baseline,
refusals scored, rules exact on the shipped set, and the command's table and errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from simverse.cli import app
from simverse.experiments.event_eval import CATEGORIES, evaluate, load_transitions, run_transition

TINY_SET = [
    {"id": "buy", "world": "harbor_town", "category": "success", "actions": [
        {"actor": "Greta", "action": "buy", "args": {"item": "fish"}}],
     "changes": {"fish.quantity": 7, "Greta.coins": 12, "Greta.inventory": ["fish"], "Jonas.coins": 23},
     "unchanged": ["Tomas.coins"]},
    {"id": "wrong-label", "world": "harbor_town", "category": "success", "actions": [
        {"actor": "Mara", "action": "bake"}], "changes": {"bread.quantity": 7}},
    {"id": "fail", "world": "harbor_town", "category": "failed_precondition", "actions": [
        {"actor": "Tomas", "action": "bake"}], "changes": {}, "unchanged": ["bread.quantity"]},
    {"id": "fog", "world": "harbor_town", "category": "scene", "scene": "fog rolls in", "changes": {
        "world.weather": "fog"}},
    {"id": "dragon", "world": "harbor_town", "category": "refusal", "scene": "a dragon lands on the chapel",
     "changes": {}, "expect_refused": True},
    {"id": "dragon-mislabelled", "world": "harbor_town", "category": "refusal", "scene": "a dragon lands",
     "changes": {}, "expect_refused": False},
]


ROOT = Path(__file__).resolve().parents[2]


def _cli(*args: str) -> subprocess.CompletedProcess:
    """The real command line (its error policy included)."""
    return subprocess.run([sys.executable, "-m", "simverse.cli", *args], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "200"})


def _write(tmp_path, rows):
    path = tmp_path / "set.jsonl"
    path.write_text("".join(json.dumps(t) + "\n" for t in rows))
    return path


def test_exact_match_counts_whole_changes_refusals_and_the_baseline(tmp_path):
    scores = evaluate(load_transitions(_write(tmp_path, TINY_SET)))["offline"]
    assert scores["all"].n == 6 and scores["all"].exact == 100 * 4 / 6
    assert scores["success"].exact == 50.0 and scores["scene"].exact == 100.0
    assert scores["refusal"].exact == 50.0  # refused when the label says it must not be: wrong
    assert scores["all"].baseline == 50.0  # the three empty changes are all a do-nothing resolver gets right
    assert scores["rule-covered"].exact == 100 * 2 / 3


def test_per_property_accuracy_counts_each_listed_property(tmp_path):
    result = run_transition(load_transitions(_write(tmp_path, [TINY_SET[1]]))[0])
    assert not result.exact and result.actual == {"bread.quantity": 8}
    assert (result.properties_right, result.properties) == (0, 1)


def test_a_category_outside_the_list_is_a_one_line_error(tmp_path):
    bad = dict(TINY_SET[0], category="misc")
    result = _cli("eval-events", "--set", str(_write(tmp_path, [bad])))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "set.jsonl:1: category: Input should be 'success'," in result.stdout


def test_the_labelled_sets_are_large_categorised_and_half_independent():
    transitions = load_transitions()
    assert len(transitions) >= 150
    assert {t.category for t in transitions} == set(CATEGORIES)
    independent = [t for t in transitions if t.source == "transitions_independent"]
    assert len(independent) * 2 >= len(transitions)


def test_rules_score_exactly_on_every_rule_covered_transition():
    covered = [t for t in load_transitions() if t.by_rule]
    assert {t.category for t in covered} >= {"success", "failed_precondition", "conflict"}
    assert [t.id for t in covered if not run_transition(t).exact] == []


def test_eval_events_prints_categories_and_the_baseline_without_other_tasks_figures(tmp_path):
    result = CliRunner().invoke(app, ["eval-events", "--set", str(_write(tmp_path, TINY_SET))])
    assert result.exit_code == 0, result.output
    for word in ("refusal", "changes-nothing", "rule-covered", "success"):
        assert word in result.output
    assert "59.9" not in result.output and "GPT" not in result.output


def test_eval_events_with_an_unreachable_model_is_one_line_and_exit_2(tmp_path):
    result = _cli("eval-events", "--set", str(_write(tmp_path, TINY_SET)), "--llm", "openai:http://127.0.0.1:9/v1#none")
    assert result.returncode == 2
    assert result.stdout.startswith("error:") and "cannot be reached" in result.stdout
    assert len(result.stdout.strip().splitlines()) == 1 and "Traceback" not in result.stderr
