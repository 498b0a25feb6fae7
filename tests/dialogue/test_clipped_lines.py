"""Clipped, hurried lines read in full: a question to the NPC with "you" left out ("here
why?", "at the desk doing what?", "main goal?"), the speaker's own name said after the one
spoken to, a walk bid after the place ("the square. lead on."), a bare order after the
scene ("nets out. go on, fish."); and answers the world's facts give: the places a way
passes, the doer of a deed asked with "who", a relation where a secret names nothing asked,
what savings are for, a price the NPC believes besides the listed one, the goal that says by
when (not for "when's the festival, do you know?"), a span asked by its unit alone."""

from __future__ import annotations

import pytest

from simverse.agents.player import ask
from simverse.llm.dialogue.terse import said_in_full
from tests.dialogue.test_asked_in_passing import harbour, museum  # noqa: F401  (MiniLM)
from tests.dialogue.test_described_places import classroom  # noqa: F401
from tests.dialogue.test_hints_and_sketches import valley  # noqa: F401
from tests.dialogue.test_said_in_passing import clinic, desk  # noqa: F401


@pytest.mark.parametrize(("line", "full"), [
    ("Greta - here why?", "Greta - why are you here?"),
    ("in here for what, friend?", "what are you in here for, friend?"),
    ("by the well doing what?", "what are you doing by the well?"),
    ("Pip, working on what now?", "Pip, what are you working on now?"),
    ("hey. up to what?", "hey. what are you up to?"),
    ("the pharmacy, how?", "how do i get to the pharmacy?"),
    ("the old mill - how from the square?", "how do i get to the old mill from the square?"),
])
def test_a_clipped_question_said_in_full(line, full):
    assert said_in_full(line) == full


@pytest.mark.parametrize("line", [
    "Bea doing what?",  # about someone else
    "Nell, how from here?",  # the clause before is only a name
    "what are you doing?",  # already in full
    "here for the festival.",  # no question
])
def test_other_lines_are_left_as_they_are(line):
    assert said_in_full(line) == line


@pytest.mark.parametrize(("world", "npc", "said", "wanted"), [
    ("desk", "Sam", "sam - by the counter doing what?", "serving walk-in customers"),
    ("valley", "Sable", "sable. here why?", "the map"),
    ("museum", "Priya", "priya, here for what?", "sketch"),
])
def test_what_the_npc_does_or_is_after_asked_without_you(request, world, npc, said, wanted):
    reply = ask(request.getfixturevalue(world), npc, said).utterance
    assert wanted in reply, reply


@pytest.mark.parametrize(("world", "npc", "said", "wanted"), [
    ("museum", "Otto", "otto, big goal today?", "catch a thief"),
    ("desk", "Rosa", "rosa - main target?", "call queue"),
])
def test_an_aim_asked_with_a_noun_alone(request, world, npc, said, wanted):
    reply = ask(request.getfixturevalue(world), npc, said).utterance
    assert wanted in reply, reply


def test_the_speakers_own_name_after_the_one_spoken_to_is_no_topic(clinic):  # noqa: F811
    reply = ask(clinic, "Okoye", "doctor - nadia. what are you hoping to get done today?", "Nadia").utterance
    assert "booked patient" in reply, reply


@pytest.mark.parametrize(("world", "npc", "said", "wanted"), [
    ("harbour", "Finn", "finn, the market. lead the way.", "I'll come with you to Market Street"),
    ("valley", "Rowan", "rowan. the village green. after you.", "I'll come with you to Emberfall Village"),
])
def test_a_walk_bid_after_the_place(request, world, npc, said, wanted):
    reply = ask(request.getfixturevalue(world), npc, said)
    assert wanted in reply.utterance and reply.action == "move", reply


def test_i_am_after_you_bids_no_walk(harbour):  # noqa: F811
    assert ask(harbour, "Finn", "I'm after you, Finn.").action != "move"


@pytest.mark.parametrize(("world", "npc", "said", "action"), [
    ("harbour", "Tomas", "tide's right, tomas. fish, go on.", "fish"),
    ("museum", "Hale", "visitors at the doors, director. welcome them, please.", "welcome"),
    ("desk", "Delaney", "delaney, queue's long. numbered ticket first. take one, please.", "take_ticket"),
])
def test_a_bare_order_after_the_scene(request, world, npc, said, action):
    reply = ask(request.getfixturevalue(world), npc, said)
    assert reply.action == action, reply


def test_now_please_after_the_scene_keeps_the_scene(harbour):  # noqa: F811
    assert ask(harbour, "Nell", "the light wants tending, nell. right away, please.").action == "tend_light"


@pytest.mark.parametrize(("world", "npc", "said", "wanted"), [
    ("harbour", "Nell", "If I leave the lighthouse for the bakery, which street do I go through?",
     "Between The Lighthouse and Mara's Bakery lie The Harbour and Market Street."),
    ("museum", "Ada", "To get to the studio, which room must I pass through?",
     "Between Entrance Lobby and Archive and Restoration Studio lies East Gallery."),
])
def test_the_places_a_way_passes(request, world, npc, said, wanted):
    reply = ask(request.getfixturevalue(world), npc, said).utterance
    assert wanted in reply, reply


def test_who_did_a_deed_is_answered_by_its_doer_whatever_it_is(valley):  # noqa: F811
    reply = ask(valley, "Cobb", "Cobb, who took those sheep of yours?").utterance
    assert "dragon" in reply and "sold" not in reply, reply


def test_a_secret_that_names_nothing_asked_does_not_silence_a_relation(harbour):  # noqa: F811
    assert "Aldo" in ask(harbour, "Pieter", "Mayor, who's your best pal?").utterance


def test_a_secret_asked_about_is_still_kept(harbour):  # noqa: F811
    reply = ask(harbour, "Pieter", "Mayor, what happened to the festival fund?").utterance
    assert "debts" not in reply and "spent" not in reply, reply


def test_what_savings_are_for(harbour):  # noqa: F811
    reply = ask(harbour, "Finn", "All those coins you're tucking away, what are they meant for?", "Tomas").utterance
    assert "boat" in reply, reply


def test_a_price_the_npc_believes_besides_the_listed_one(classroom):  # noqa: F811
    reply = ask(classroom, "Zara", "What does an apple cost at the cafeteria?", "Ines").utterance
    assert "1 coin" in reply and "free apples" in reply, reply


@pytest.mark.parametrize("said", ["When's the festival, do you know?", "When's the first frost due, would you say?"])
def test_a_time_asked_of_something_else_is_no_goal(harbour, said):  # noqa: F811
    assert "I mean to" not in ask(harbour, "Mara", said).utterance


def test_how_someone_deals_asked_yes_or_no_is_a_belief(harbour):  # noqa: F811
    reply = ask(harbour, "Tomas", "Does Jonas charge a fair price for his herring?").utterance
    assert "below the fair price" in reply, reply


@pytest.mark.parametrize(("said", "wanted"), [
    ("Lena, when's your piece due?", "file a story by evening"),
    ("Lena, Otto again. By what time have you got to hand your story in?", "file a story by evening"),
])
def test_the_goal_that_says_by_when(museum, said, wanted):  # noqa: F811
    assert wanted in ask(museum, "Lena", said, "Otto").utterance


def test_a_goal_said_before_someone_does_something_says_no_time(museum):  # noqa: F811
    assert "before anyone notices" not in ask(museum, "Camille", "Camille, when have you got to be done?").utterance


def test_a_span_asked_by_its_unit_alone(clinic):  # noqa: F811
    assert "three weeks" in ask(clinic, "Sunita", "sunita, that cough - weeks now?", "Walter").utterance


def test_a_question_is_no_thanks(museum):  # noqa: F811
    reply = ask(museum, "Priya", "priya - your sketchbook. brand?").utterance
    assert reply not in ("My pleasure!", "Any time!", "You're welcome!"), reply
