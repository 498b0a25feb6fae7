"""A request behind a word of address and a leading clause ("Hilde, while it's quiet, would
you bake...?" said without the first comma), or after a statement ("the shelves are empty,
could you bake another batch?"), is a request; asking to be told something is not."""

from __future__ import annotations

from simverse.agents.player import ask
from simverse.llm.dialogue.parts import asked_clause


def test_a_request_behind_an_address_and_a_leading_clause(world):
    assert ask(world, "Hilde", "hilde while it's quiet, would you bake another batch?").action == "bake"


def test_a_request_after_a_statement(world):
    assert ask(world, "Hilde", "the shelves are bare already, could you bake another batch?").action == "bake"


def test_asking_to_be_told_after_a_statement_is_no_request(world):
    assert ask(world, "Hilde", "the shelves are bare already, could you tell me why?").action == "talk"


def test_an_address_before_a_leading_clause_is_left_out_of_the_question():
    assert asked_clause("doc while it's quiet, would you read the notes?") == "would you read the notes?"
    assert asked_clause("what while it's quiet, would you read?") == "what while it's quiet, would you read?"
