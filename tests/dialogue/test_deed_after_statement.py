"""A "who" question after what the speaker needs ("I've got a sack of grain to grind, who
does that?"): a question about who does it, not a call for news, and the deed is what the
question points back at. The mill world and word-group encoder of
:mod:`test_aims_bonds_deeds`."""

from __future__ import annotations

import pytest

from simverse.agents.player import ask
from simverse.llm.dialogue.doers import deed_in_line
from simverse.llm.dialogue.parts import question_at_end
from simverse.llm.dialogue.reading import read
from tests.dialogue.test_aims_bonds_deeds import mill_world

world = pytest.fixture(mill_world, name="world")


@pytest.mark.parametrize(("line", "who"), [("I've got a sack of grain to grind, who does that?", "Pell"),
                                           ("there's cloth to sell for the fair - who deals with that?", "Ruth")])
def test_a_question_after_a_need_finds_who_does_it(world, line, who):
    answer = ask(world, "Odile", line).utterance
    assert f"That's {who}" in answer, answer


def test_a_need_then_a_question_about_nobody_is_still_not_guessed(world):
    answer = ask(world, "Odile", "my boots are muddy, who lives up the hill?").utterance
    assert "That's" not in answer, answer


def test_the_question_after_a_statement_is_found():
    assert question_at_end("I've got grain, who grinds it?") == ("I've got grain", "who grinds it?")
    assert question_at_end("who grinds the grain?") == ("", "")
    assert question_at_end("I've got grain, thanks") == ("", "")


def test_the_deed_is_what_the_question_points_back_at():
    deed = deed_in_line(read("Odile, I've got grain to grind, who does that?"), False, "Odile")
    assert deed.startswith("does") and "grind" in deed and "that" not in deed.split() and "odile" not in deed, deed
