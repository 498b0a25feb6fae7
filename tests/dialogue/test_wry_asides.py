"""Wry, eager or mock-polite asides ("humour me", "I'm all ears", "let me guess", "no
pressure", "do grace me with your talents and ...") ask for nothing and are said as nothing
where they stand at a clause's edge; the question or order they surround is answered. Also:
"which three words sum you up?" asks the NPC's nature, "which trade kept you busy before you
retired?" its job, "what is he doing to the price of herring?" a deed, and a question opening
with its preposition ("so in which city ...?") is no order."""

from __future__ import annotations

import pytest

from simverse.agents.player import ask
from simverse.llm.dialogue.asides import said_without_asides
from tests.dialogue.test_asked_in_passing import harbour  # noqa: F401
from tests.dialogue.test_said_in_passing import clinic, school  # noqa: F401  (MiniLM)


@pytest.mark.parametrize(("said", "plain"), [
    ("Humour me, Mara, what time do you open?", "Mara, what time do you open?"),
    ("Let me guess, Tomas, you fished all night, so dazzle me, what did you catch?",
     "Tomas, you fished all night, what did you catch?"),
    ("Pieter, who'd have thought it, but which road goes to the chapel, I'm all ears?",
     "Pieter, which road goes to the chapel?"),
    ("Take your time and tell me the way to the quay.", "tell me the way to the quay."),
    ("Do grace us with your baking skills and bake some rolls, no pressure.", "bake some rolls."),
    ("Is the soup, of course, any good?", "Is the soup, any good?"),
    ("I'm all ears for the tune of course", "I'm all ears for the tune of course"),  # inside a clause
    ("Tell me who won, surprise me.", "Tell me who won."),
    ("Ada, who'd have thought a guide would know, but what's in the café?", "Ada, what's in the café?"),
])
def test_wry_asides_are_said_as_nothing(said, plain):
    assert said_without_asides(said) == plain


def test_an_order_behind_mock_politeness_is_done(school):  # noqa: F811
    line = "Theo, do grace us with your reading and read Fun with Fractions, if your schedule allows."
    assert ask(school, "Theo", line).action == "read_book"


@pytest.mark.parametrize(("line", "said"), [
    ("Kofi, which three words would your mates pick to sum you up?", "funny, loud and generous"),
    ("Humour me, Kofi, what words best describe you?", "funny, loud and generous"),
])
def test_words_that_sum_the_npc_up_are_its_nature(school, line, said):  # noqa: F811
    assert said in ask(school, "Kofi", line).utterance


def test_a_trade_before_retiring_is_the_job(clinic):  # noqa: F811
    answer = ask(clinic, "Walter", "Walter, which trade did you have before you retired?").utterance
    assert "retired bus driver" in answer, answer


def test_a_question_opening_with_its_preposition_is_no_order(clinic):  # noqa: F811
    decision = ask(clinic, "Nadia", "Nadia, a big city somewhere, so in which city did you train?")
    assert decision.action == "talk", decision.utterance


def test_a_deed_done_to_a_price_is_no_price_asked(harbour):  # noqa: F811
    answer = ask(harbour, "Tomas", "Tomas, what is Jonas doing to the price of herring?").utterance
    assert "below the fair price" in answer, answer
