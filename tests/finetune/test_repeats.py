"""Repeating train examples of a kind (a mode or an action)."""

from __future__ import annotations

import pytest

from simverse.finetune.repeats import parse_repeat, with_repeats

ROWS = [{"mode": "act", "action": "move", "id": 1}, {"mode": "reply", "action": "talk", "id": 2},
        {"mode": "act", "action": "talk", "id": 3}, {"mode": "act", "action": "wait", "id": 4}]


def test_a_kind_is_a_mode_or_an_action_and_the_largest_factor_wins():
    ids = [row["id"] for row in with_repeats(ROWS, {"reply": 3, "talk": 2})]
    assert ids == [1, 2, 2, 2, 3, 3, 4]
    assert [row["id"] for row in with_repeats(ROWS, {"move": 1})] == [1, 2, 3, 4]
    assert with_repeats(ROWS, {}) == ROWS


@pytest.mark.parametrize(("spec", "parsed"), [("reply=4", ("reply", 4)), (" move = 2", ("move", 2))])
def test_parse_repeat(spec, parsed):
    assert parse_repeat(spec) == parsed


@pytest.mark.parametrize("spec", ["reply", "reply=0", "=3", "reply=two", "reply=-1", "reply=1.5"])
def test_parse_repeat_refuses_what_is_not_kind_equals_a_positive_whole_number(spec):
    with pytest.raises(ValueError, match="--repeat takes KIND=N"):
        parse_repeat(spec)
