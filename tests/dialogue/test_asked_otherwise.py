"""Questions whose shape hides what they ask: a goal asked as what the NPC saves for,
holds out for or is kept up by; "what is X like?" as how the NPC finds a person; a
piece of hearsay followed by "is that right?" as a question, not news; "what is wrong
with me?" as no invitation to confide. Negative lines must keep their old reading."""

from __future__ import annotations

import pytest

from simverse.agents.player import ask
from simverse.llm.dialogue.aims import goal_asked
from simverse.llm.dialogue.reading import asks_opinion, invites_confidence, read
from simverse.llm.dialogue.telling import tells_news
from tests.dialogue.test_aims_bonds_deeds import mill_world

world = pytest.fixture(mill_world, name="world")


@pytest.mark.parametrize("line", ["Odile, what are you saving your coins up for?",
                                  "how much are you holding out for in the end?",
                                  "what's keeping you up at night these days?",
                                  "you keep looking at the sky, got somewhere to be?",
                                  "what would make this week go your way?"])
def test_a_goal_asked_in_other_words_is_answered_from_the_goals(world, line):
    answer = ask(world, "Odile", line).utterance
    assert "forty sacks" in answer, answer


@pytest.mark.parametrize("line", ["how much do you want for a sack of flour?",
                                  "who are you saving that seat for?",
                                  "what did you save up for last year?",
                                  "how much is the mule?"])
def test_a_price_a_person_or_another_time_is_no_goal(line):
    assert not goal_asked(read(line)), line


def test_what_a_named_person_is_like_is_the_npc_s_view_of_them(world):
    answer = ask(world, "Odile", "what's Pell like to work for?").utterance
    assert "Pell is my cousin" in answer, answer


@pytest.mark.parametrize("line", ["what is it like to eat?", "what would you like?"])
def test_what_something_is_like_to_do_is_no_opinion_of_anyone(line):
    assert not asks_opinion(read(line)), line


def test_what_the_weather_is_like_names_no_relationship(world):
    assert "cousin" not in ask(world, "Odile", "what's the weather like today?").utterance


@pytest.mark.parametrize("line", ["I heard the spring fair starts at noon, is that right?",
                                  "they say the reeve sold the grain store - is it true?",
                                  "so the mill burned down last night, am I right?"])
def test_hearsay_asked_back_is_a_question_not_news(line):
    assert not tells_news(read(line)), line


@pytest.mark.parametrize("line", ["I heard the spring fair starts at noon, you know.",
                                  "I heard the reeve sold the grain store to a stranger, is that not odd."])
def test_hearsay_passed_on_is_still_news(line):
    assert tells_news(read(line)), line


@pytest.mark.parametrize("line", ["which of you can tell me what's wrong with me?",
                                  "what's the matter with my leg, do you think?"])
def test_a_trouble_of_the_speaker_s_invites_no_confidence(line):
    assert not invites_confidence(read(line)), line


@pytest.mark.parametrize("line", ["what's wrong? you look worried", "you can tell me, what's wrong with you?",
                                  "something troubling you?"])
def test_a_trouble_of_the_npc_s_still_invites_it(line):
    assert invites_confidence(read(line)), line


@pytest.mark.parametrize("line", ["who do you lean on most around here?",
                                  "who would you turn to if things went wrong?"])
def test_whom_it_leans_on_is_the_one_it_likes_best(world, line):
    answer = ask(world, "Odile", line).utterance
    assert "Pell" in answer and "Ruth" not in answer, answer


def test_who_leans_on_someone_else_asks_no_liking(world):
    assert "Pell is my cousin" not in ask(world, "Odile", "who leans on the mill wall?").utterance
