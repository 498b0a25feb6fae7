"""Lines as people type them: a verb hidden after an apostrophe ("what've", "we'll"),
chat spellings ("hw much"), a price asked as what someone asks for a thing, and an offer
followed by the question the speaker waits to hear answered (the village of
:mod:`dialogue_helpers`)."""

from __future__ import annotations

import pytest

from simverse.agents.player import ask
from simverse.llm.dialogue.parts import asked_part
from simverse.llm.dialogue.reading import read

_VERBS = frozenset({"bake", "sell", "pray"})


@pytest.mark.parametrize(("line", "words"), [
    ("what've you got?", ("what", "have", "you", "got")),
    ("we'll see", ("we", "will", "see")),
    ("they're at the quay", ("they", "are", "at", "the", "quay")),
    ("you'd best go", ("you", "would", "best", "go")),
])
def test_a_verb_after_an_apostrophe_is_read_as_that_verb(line, words):
    assert read(line).words == words


def test_what_it_has_asked_with_a_hidden_have_is_a_question_about_what_it_has():
    r = read("kit what've you got in that sack?", names=frozenset({"kit"}))
    assert r.wh == "what" and r.question


def test_a_price_asked_in_chat_spelling_is_a_price(world):
    assert "2 coins" in ask(world, "Kit", "kit hw much is a barley loaf, i've only got a few coins").utterance


@pytest.mark.parametrize("line", ["what does Hilde ask for a barley loaf?", "what would she want for the loaf?"])
def test_what_someone_asks_for_a_thing_is_its_price(line):
    assert read(line).wh == "how much"


@pytest.mark.parametrize("line", ["what did she ask for?", "what will you ask for in return?"])
def test_asking_for_nothing_named_is_no_price(line):
    assert read(line).wh != "how much"


def test_an_offer_followed_by_a_question_is_answered_by_the_question(world):
    decision = ask(world, "Kit", "Kit, fancy a walk? What does Hilde ask for a barley loaf?")
    assert decision.action == "talk" and "2 coins" in decision.utterance, decision


@pytest.mark.parametrize("line", [
    "Is the fair tonight or tomorrow? What time?",  # the first part is no offer: it says what is asked
    "Where is the quay? Can you take me there?",  # the question comes first
    "Hilde, you look tired. What happened?",
])
def test_other_lines_of_several_sentences_are_answered_whole(line):
    assert asked_part(line, _VERBS, frozenset({"hilde"})) == line


def test_thanks_after_what_is_asked_is_left_out():
    assert asked_part("Could you bake a loaf? Thanks.", _VERBS) == "Could you bake a loaf?"
    assert asked_part("How much is the rope? Danke.", _VERBS) == "How much is the rope?"
    assert asked_part("Thanks. How much is the rope?", _VERBS) == "Thanks. How much is the rope?"


def test_a_request_before_a_question_leaves_the_question(line="Could you bake a loaf? What would that cost?"):
    assert asked_part(line, _VERBS) == "What would that cost?"


@pytest.mark.parametrize("line", ["how would I sneak round to the quay without getting lost?",
                                  "how do we nip over to the quay from here?"])
def test_the_way_asked_with_any_verb_of_going_is_the_way(world, line):
    assert "Market Square" in ask(world, "Hilde", line).utterance


@pytest.mark.parametrize("line", ["how do I talk to Wulf?", "how would I explain it to Wulf?",
                                  "how do I pay to use the quay?"])
def test_saying_or_paying_something_to_someone_is_no_way(line):
    from simverse.llm.dialogue.way_asked import asks_way_to_place
    assert not asks_way_to_place(read(line))


@pytest.mark.parametrize(("line", "asked"), [
    ("okafor, before i promise hugo anything, is there still money in the pot for refunds?",
     "is there still money in the pot for refunds?"),
    ("nadia any openings with the doc later on? mornings are impossible for me",
     "nadia any openings with the doc later on?"),
    ("is the fair tonight or tomorrow? what time?", "is the fair tonight or tomorrow? what time?"),
    ("who is anselm, of all people?", "who is anselm, of all people?"),
])
def test_the_question_of_a_line_is_compared_without_what_leads_into_it(line, asked):
    from simverse.llm.dialogue.parts import asked_clause
    assert asked_clause(line) == asked
