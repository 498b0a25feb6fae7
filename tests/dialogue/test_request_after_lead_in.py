"""A request behind a clause that only leads into it ("Hilde, before the fair starts,
would you bake a batch?") is a request; a question behind one is still a question."""

from __future__ import annotations

from simverse.agents.player import ask


def test_a_request_after_a_leading_clause_is_agreed(world):
    decision = ask(world, "Hilde", "Hilde, before the fair starts, would you bake a batch for us?")
    assert decision.action == "bake", decision


def test_a_question_after_a_leading_clause_is_no_request(world):
    decision = ask(world, "Hilde", "Hilde, before the fair starts, where is the quay from here?")
    assert decision.action == "talk", decision
