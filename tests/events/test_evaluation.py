"""The evaluation harness: exact full-state-change scoring, and rules exact on the shipped set."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from simverse.cli import app
from simverse.experiments.event_eval import evaluate, load_transitions, run_transition

TINY_SET = [
    {"id": "buy", "world": "harbor_town", "category": "success", "actions": [
        {"actor": "Mara", "action": "buy", "args": {"item": "bread"}}],
     "changes": {"bread.quantity": 5, "Mara.coins": 10, "Mara.inventory": ["bread"]}, "unchanged": ["Tomas.coins"]},
    {"id": "wrong-label", "world": "harbor_town", "category": "success", "actions": [
        {"actor": "Mara", "action": "bake"}], "changes": {"bread.quantity": 7}},
    {"id": "fail", "world": "harbor_town", "category": "failed_precondition", "actions": [
        {"actor": "Tomas", "action": "bake"}], "changes": {}, "unchanged": ["bread.quantity"]},
    {"id": "fog", "world": "harbor_town", "category": "scene", "scene": "fog rolls in", "changes": {
        "world.weather": "fog"}},
]


def test_exact_match_counts_whole_changes_and_splits_changing_from_static(tmp_path):
    path = tmp_path / "set.jsonl"
    path.write_text("".join(json.dumps(t) + "\n" for t in TINY_SET))
    scores = evaluate(load_transitions(path))["offline"]
    assert scores["all"].n == 4 and scores["all"].exact == 75.0
    assert scores["all"].changing == 100 * 2 / 3 and scores["all"].static == 100.0
    assert scores["rule-covered"].exact == 100 * 2 / 3
    assert scores["scene/event"].exact == 100.0


def test_per_property_accuracy_counts_each_listed_property(tmp_path):
    path = tmp_path / "set.jsonl"
    path.write_text(json.dumps(TINY_SET[1]) + "\n")
    result = run_transition(load_transitions(path)[0])
    assert not result.exact and result.actual == {"bread.quantity": 8}
    assert (result.properties_right, result.properties) == (0, 1)


def test_rules_score_exactly_on_every_rule_covered_transition_of_the_shipped_set():
    transitions = load_transitions()
    assert len(transitions) >= 60
    covered = [t for t in transitions if t.by_rule]
    assert {t.category for t in covered} >= {"success", "failed_precondition", "conflict"}
    wrong = [t.id for t in covered if not run_transition(t).exact]
    assert wrong == []


def test_eval_events_command_prints_the_table_and_the_anchor(tmp_path):
    path = tmp_path / "set.jsonl"
    path.write_text("".join(json.dumps(t) + "\n" for t in TINY_SET))
    result = CliRunner().invoke(app, ["eval-events", "--set", str(path)])
    assert result.exit_code == 0, result.output
    assert "rule-covered" in result.output and "59.9" in result.output
