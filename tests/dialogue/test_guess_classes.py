"""Lines that must not get a guess: where the NPC gets a thing *from* (a source, not the
place that shows or sells it), how many of a ware went (a count, not where it is or its
price), a past question behind a leading clause (not what the NPC is doing now), a
"which" question that no goal answers, and a remark that opens with "what a" (not a
question); and a walk to a person's own place. The invented abbey of
``test_places_described``."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from simverse.agents.player import ask
from simverse.llm.dialogue.activity_asked import asks_activity
from simverse.llm.dialogue.aims import goal_answer, kind_asked
from simverse.llm.dialogue.answers import asks_deed
from simverse.llm.dialogue.described import asks_origin
from simverse.llm.dialogue.parts import asked_part
from simverse.llm.dialogue.reading import read
from tests.dialogue.test_places_described import world  # noqa: F401  (the abbey fixture)


@pytest.mark.parametrize("line", ["where did you get those scrolls from?"])
def test_a_source_is_not_answered_with_the_place_that_shows_the_thing(world, line):  # noqa: F811
    answer = ask(world, "Aude", line).utterance
    assert "North Hall" not in answer and "go by" not in answer, answer


def test_a_place_asked_for_by_what_is_there_still_gets_its_way(world):  # noqa: F811
    answer = ask(world, "Aude", "where do I get old scrolls?").utterance
    assert "To get to North Hall, go by Cloister." in answer, answer


@pytest.mark.parametrize(("line", "origin"), [
    ("where d'you get them swords from?", True), ("where does he get his wine?", True),
    ("where do I get a tonic?", False), ("how do I get from the gate to the hall?", False)])
def test_what_asks_a_source(line, origin):
    assert asks_origin(read(line)) is origin


def test_a_count_is_not_answered_with_where_a_ware_is_sold(world):  # noqa: F811
    answer = ask(world, "Aude", "how many mugs of brew have they sold this week?").utterance
    assert "Undercroft" not in answer and "2 coins" not in answer, answer


def test_where_a_ware_is_sold_is_still_said(world):  # noqa: F811
    answer = ask(world, "Aude", "where can I get a mug of brew?").utterance
    assert "Undercroft" in answer, answer


@pytest.mark.parametrize(("line", "activity"), [
    ("if someone took the scrolls, what did the thief look like?", False),
    ("before the bell goes, what was the abbot saying?", False),
    ("what are you up to?", True),
    ("aude, what are you doing?", True)])
def test_a_past_question_behind_a_leading_clause_is_no_question_about_the_doing(line, activity):
    assert asks_activity(read(line)) is activity


@pytest.mark.parametrize(("line", "question"), [
    ("what a grim wet morning to be out, eh", False),
    ("what an old arch that gate is", False),
    ("what a price is a mug of brew?", True),
    ("what is a tonic", True)])
def test_a_remark_opening_with_what_a_is_no_question(line, question):
    assert read(line).question is question


def test_a_walk_to_a_person_goes_to_the_one_place_that_is_theirs(world):  # noqa: F811
    decision = ask(world, "Aude", "would you walk down to see Anselm with me?")  # two places away: named, not walked
    assert decision.action == "talk" and "Lodge is further" in decision.utterance, decision.utterance
    assert "as far as Cloister" in decision.utterance


def test_a_walk_to_a_person_with_no_place_of_their_own_asks_where(world):  # noqa: F811
    decision = ask(world, "Anselm", "would you walk over to see Aude with me?")
    assert decision.action == "talk", decision.utterance


def test_how_many_coins_still_asks_the_price(world):  # noqa: F811
    answer = ask(world, "Aude", "if I wanted a mug of brew, how many coins would I hand over?").utterance
    assert "2 coins" in answer, answer


_GOALS = SimpleNamespace(goals=["win the spelling bee", "be picked as class representative"])


@pytest.mark.parametrize(("line", "kind"), [("which secondary school have you got your heart set on?", "school"),
                                            ("which of your lot do you want to win?", ""),
                                            ("what are you set on?", "")])
def test_a_which_question_asks_one_of_a_kind(line, kind):
    assert kind_asked(read(line)) == kind


def test_a_goal_that_names_no_such_kind_is_no_answer_to_a_which_question():
    assert goal_answer(_GOALS, None, read("which secondary school have you got your heart set on?")) == ""  # type: ignore[arg-type]


def test_a_goal_that_names_the_kind_answers_a_which_question():
    line = read("which bee have you got your heart set on?")
    assert "spelling bee" in goal_answer(_GOALS, None, line)  # type: ignore[arg-type]
    assert "spelling bee" in goal_answer(_GOALS, None, read("what are you set on?"))  # type: ignore[arg-type]



@pytest.mark.parametrize(("line", "deed"), [
    ("if you got that map first, would you really hand it over to the elder?", True),
    ("will you keep the key for yourself?", True),
    ("do they sell mugs of brew?", False), ("is there any brew about?", False),
    ("could I get a mug of brew here?", False), ("where is the key?", False), ("the key?", False),
    ("is the brew at the undercroft expensive?", False)])
def test_a_yes_no_question_about_a_deed_asks_no_whereabouts(line, deed):
    assert asks_deed(read(line)) is deed


@pytest.mark.parametrize(("line", "part"), [
    ("read me the label on that jar, what is it actually called?", "what is it actually called?"),
    ("sell me a mug of brew, would you?", "sell me a mug of brew, would you?"),
    ("tell me, where is it?", "tell me, where is it?"),
    ("the hall is shut, where is its key kept?", "the hall is shut, where is its key kept?")])
def test_a_request_followed_by_a_question_in_one_sentence_is_answered_by_the_question(line, part):
    assert asked_part(line, frozenset({"read", "sell"})) == part
