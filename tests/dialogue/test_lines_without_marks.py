"""Lines as people type them: a question asked after a statement ("I saw you at the quay
with Odo, is he a friend of yours?") asks, it passes on no news; a price asked without a
question mark is still a price; and the wares of a place the line names are that place's,
not the NPC's own."""

from __future__ import annotations

from simverse.agents.player import ask
from simverse.llm.dialogue.reading import read
from simverse.llm.dialogue.telling import tells_news


def test_a_question_after_what_was_seen_is_no_news():
    assert not tells_news(read("I saw you arguing with Odo on the quay, is he a friend of yours?"))
    assert tells_news(read("I saw Odo arguing with a stranger on the quay this morning"))
    assert tells_news(read("I heard the fair is cancelled, did you know?"))  # "did you know?" alone passes it on


def test_the_tie_asked_after_a_statement_is_answered(world):
    answer = ask(world, "Wulf", "I saw you arguing with Odo on the quay, is he a friend of yours?").utterance
    assert "neighbour" in answer, answer


def test_a_price_asked_without_a_question_mark_is_a_price(world):
    assert read("if i grab a barley loaf what's that gonna set me back").wh == "how much"
    assert read("that loaf set me back two coins what a day").wh != "how much"  # says what it cost: asks nothing
    assert "2 coins" in ask(world, "Kit", "kit if i grab a barley loaf what's that gonna set me back").utterance
    assert "2 coins" in ask(world, "Kit", "kit whats a barley loaf set you back").utterance  # the cost to anyone


def test_the_wares_of_a_named_place_are_that_place_s(world):
    answer = ask(world, "Kit", "kit what can you buy at hilde's bakery?").utterance
    assert "barley loaf" in answer, answer
