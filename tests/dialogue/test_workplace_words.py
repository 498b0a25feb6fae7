"""Lines in the words of office, business and IT talk ("debrief me on", "the routing to the
chapel", "which milestone...", "accompany me to the canteen facility"): read as the plain
question or order they put, and answered as it is."""

from __future__ import annotations

import pytest

from simverse.agents.player import ask
from simverse.llm.dialogue.reading import read
from simverse.llm.dialogue.stated import briefed_plainly
from tests.dialogue.test_late_questions import harbour  # noqa: F401  (MiniLM)
from tests.dialogue.test_said_in_passing import clinic, desk, school  # noqa: F401  (MiniLM)


@pytest.mark.parametrize(("line", "plain"), [
    ("can you debrief me on the deal?", "can you tell me about the deal?"),
    ("Could I get a quick status update on the festival?", "can you tell me about the festival?"),
    ("Give me visibility into the budget, please.", "tell me about the budget, please."),
    ("loop me in on the rota", "tell me about the rota"),
    ("give me a herring, please", "give me a herring, please"),  # a ware, not an account
    ("update the rota", "update the rota"),
    ("can you walk me through the route to the square?", "can you tell me about the route to the square?"),
    ("walk me through to the back", "walk me through to the back"),  # a walk
    ("walk me through getting from the chapel to the tavern", "how do i get from the chapel to the tavern"),
])
def test_an_ask_to_be_briefed_is_an_ask_to_be_told(line, plain):
    assert briefed_plainly(line) == plain


@pytest.mark.parametrize(("said", "plain"), [
    ("what's the routing to the chapel", "what is the route to the chapel"),
    ("monetise your catch", "sell your catch"),
    ("procure a loaf", "buy a loaf"),
])
def test_office_words_are_read_as_plain_words(said, plain):
    assert read(said).text == plain


def test_a_briefing_asked_of_a_witness_tells_what_she_saw(harbour):  # noqa: F811
    said = ask(harbour, "Nell", "Nell, it's Aldo. Can you brief me on the deal you saw the mayor make?", "Aldo")
    assert "smuggler" in said.utterance, said.utterance


def test_a_walk_in_office_words_goes_next_door(school, clinic):  # noqa: F811
    walk = ask(school, "Zara", "Zara, please accompany me to the canteen facility right away.")
    assert (walk.action, walk.args) == ("move", {"place": "cafeteria"}), walk.utterance
    went = ask(clinic, "Marco", "Marco, please make your way to the waiting room.")
    assert (went.action, went.args) == ("move", {"place": "waiting_room"}), went.utterance


def test_a_milestone_or_position_aimed_at_is_a_goal(desk, school):  # noqa: F811
    assert "probation" in ask(desk, "Bea", "Which milestone are you working towards?").utterance
    assert "class representative" in ask(school, "Ines", "Which position are you putting yourself forward for?"
                                          ).utterance


def test_a_job_title_or_current_assignment_is_the_role_or_activity(desk):  # noqa: F811
    assert ask(desk, "Bea", "What's your job title?").utterance == "I'm a trainee agent on her third day."
    assert "shadowing Rosa" in ask(desk, "Bea", "What's your current assignment?").utterance


def test_a_way_asked_as_routing_is_told(harbour):  # noqa: F811
    assert "Town Square" in ask(harbour, "Tomas", "What's the best routing from here to the chapel?").utterance
