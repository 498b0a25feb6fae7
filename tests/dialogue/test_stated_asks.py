"""Asks said as statements or orders, never as questions: "tell me what a loaf costs",
"walk me through your plans", "I've no idea what you're doing down here", "I need the name
of ...", "looking for the chapel", "I'm after a mug of ale". Each is read as the question
or need it states, and answered as that question is; a statement that asks nothing is left
as it is. Also what such lines showed beside: what has the NPC out or up at this hour asks what
it is doing, a time it wants to be somewhere asks its goal, so does its own thing a goal
names ("your refund", not a neighbour's), and an order to do work is no
question about a secret thing that shares a word with the work."""

from __future__ import annotations

import pytest

from simverse.agents.player import ask
from simverse.llm.dialogue.stated import stated_ask
from tests.dialogue.test_late_questions import harbour  # noqa: F401  (MiniLM)
from tests.dialogue.test_said_in_passing import clinic, desk, school  # noqa: F401  (MiniLM)


@pytest.mark.parametrize(("said", "asked"), [
    ("Tell me what a rye loaf costs, Mara.", "what a rye loaf costs, Mara?"),
    ("Mara, I'm trying to work out when the festival starts.", "when the festival starts?"),
    ("Finn, I've no idea what you're doing down here.", "what are you doing down here?"),
    ("Greta, remind me what you think of the mayor", "what do you think of the mayor?"),
    ("Okay, let me know how to get to the chapel.", "how do i get to the chapel?"),
    ("Explain whether the pills cause dizziness.", "is it true the pills cause dizziness?"),
    ("Father Aldo, walk me through your plans.", "what are your plans?"),
    ("Tell me what you need.", "what do you need?"),
    ("I'm curious which guests you're standing by the door for.", "which guests are you standing by the door for?"),
    ("Walk me through how I'd get to the tower.", "how would i get to the tower?"),
    ("I'm curious by what time you want to be home.", "by what time do you want to be home?"),
    ("Sunita, your cough — I want the details, such as how long it has lasted.", "your cough, how long has it lasted?"),
    ("I have no idea what your neighbour is called.", "what is your neighbour called?"),
    ("I need to know the number of years you have worked here.", "how many years have you worked here?"),
    ("I'm after the name the class gave its hamster.", "what is the name the class gave its hamster?"),
    ("Fill me in on the way to the square.", "what is the way to the square?"),
    ("Nell, I need the name of the man you trust.", "what is the name of the man you trust?"),
    ("Someone said to ask you about the festival fund.", "what about the festival fund?"),
    ("Give me the short version of what happened.", "what happened?"),
    ("Looking for the Salty Gull.", "where is the Salty Gull?"),
    ("I'm after a mug of ale.", "i need a mug of ale"),
    ("Nell, it's Aldo. I'd love to hear what you saw.", "what you saw?"),
])
def test_a_stated_ask_is_read_as_the_question_it_states(said, asked):
    assert stated_ask(said) == asked


@pytest.mark.parametrize("line", [
    "Let me know if you need anything.",
    "I'm not sure what to say.",
    "I need a rye loaf.",
    "Tell me about it!",
    "Lovely morning for fishing.",
    "I'm looking for someone who mends nets.",
    "Is the inn open? Tell me what you think.",
])
def test_a_statement_that_asks_nothing_of_its_own_is_left(line):
    assert stated_ask(line) is None


def test_an_order_to_tell_a_price_is_answered_with_the_price(harbour):  # noqa: F811
    reply = ask(harbour, "Mara", "Tell me what a rye loaf costs, Mara.").utterance
    assert "2 coins" in reply and "haven't heard" not in reply, reply


def test_not_knowing_what_someone_does_asks_it(harbour):  # noqa: F811
    assert "mending nets" in ask(harbour, "Finn", "Finn, I've no idea what you're doing down here.").utterance


def test_a_way_filled_in_is_a_way_not_an_order(harbour):  # noqa: F811
    decision = ask(harbour, "Ilsa", "Ilsa, fill me in on the way from the tavern to the square.")
    assert decision.action == "talk" and "Town Square" in decision.utterance, decision.utterance


def test_a_ware_sought_is_bought(harbour):  # noqa: F811
    assert ask(harbour, "Ilsa", "Ilsa, I'm after a mug of ale.").action == "sell"


def test_a_place_sought_is_shown_the_way(harbour):  # noqa: F811
    assert "Town Square" in ask(harbour, "Mara", "Mara, looking for the Salty Gull.").utterance


def test_plans_walked_through_are_the_goals(school):  # noqa: F811
    assert "full marks" in ask(school, "Ines", "Ines, walk me through your goals for this year.").utterance


def test_a_secret_asked_about_by_anothers_word_is_kept(school):  # noqa: F811
    reply = ask(school, "Arden", "Ms Arden, someone told me to ask you about the quiz.").utterance
    assert "after lunch" not in reply, reply


def test_a_need_to_know_what_is_not_known_is_no_guess(clinic):  # noqa: F811
    reply = ask(clinic, "Okoye", "Dr Okoye, I need to know the lottery numbers for Saturday.").utterance
    assert "know" in reply, reply


def test_which_job_has_you_out_asks_what_the_npc_is_doing(harbour):  # noqa: F811
    assert "mending nets" in ask(harbour, "Finn", "Finn, which job has you out by the boats so early?").utterance
    assert "fishing" in ask(harbour, "Tomas", "Tomas, what's keeping you out on the harbour this morning?").utterance


def test_the_time_before_school_is_now_for_one_reading_before_school(school):  # noqa: F811
    assert "reading" in ask(school, "Theo", "Theo, how are you spending the time before school?").utterance


def test_when_the_npc_needs_to_be_somewhere_is_its_goal(clinic):  # noqa: F811
    assert "lunchtime" in ask(clinic, "Sunita", "Sunita, when do you need to be back at school?").utterance


def test_work_that_shares_a_word_with_a_secret_thing_is_done(school):  # noqa: F811
    assert ask(school, "Arden", "Ms Arden, please mark a pile of papers for me.").action == "grade_papers"
    reply = ask(school, "Arden", "Ms Arden, what are those papers on your desk?").utterance
    assert "quiz" not in reply and "lunch" not in reply, reply


def test_its_own_thing_is_its_goal_not_anothers(desk):  # noqa: F811
    reply = ask(desk, "Delaney", "Delaney, tell me about your refund.").utterance
    assert "300" in reply and "neighbour" not in reply, reply
