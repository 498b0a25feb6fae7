"""A player who talks to NPCs as in a video game ("lf the route from this spawn", "what's your
main quest?", "years of XP", "pulled the most aggro") is read in plain words before any reader
sees the line, a world's own name words kept; a way asked after a condition that says where to
is asked to there; "do your job and ..., please" is an order; a question that echoes the NPC's
persona is told it; "years of experience" and "what day of your training" ask how long; "what
are your greatest strengths?" asks the NPC's traits; "the colleague you'd count as a friend"
asks no count."""

from __future__ import annotations

import pytest

from simverse.agents.player import ask
from simverse.llm.dialogue.courtly import said_plainly
from simverse.llm.dialogue.gamer import played_plainly
from simverse.llm.dialogue.reading import read
from simverse.llm.dialogue.suppositions import without_condition
from tests.dialogue.test_asked_by_description import museum  # noqa: F401  (MiniLM)
from tests.dialogue.test_said_in_passing import desk, school  # noqa: F401  (MiniLM)


@pytest.mark.parametrize(("said", "plain"), [
    ("lf the quickest route from this reception spawn to the snack vendor zone.",
     "looking for the quickest route from this reception to the snack vendor."),
    ("which quest has your character stuck in this help desk hub today?",
     "which goal has you stuck in this help desk today?"),
    ("Quick q, Rosa, which grind is your character running?", "Rosa, which work are you doing?"),
    ("what is in this zone?", "what is in this place?"),
    ("is there a boss fight spawning later, something to gear up for?",
     "is there a big test coming later, something to prepare for?"),
    ("which visitor pulled the most aggro off you?", "which visitor annoyed you the most?"),
    ("how many years of XP do you have?", "how many years of experience do you have?"),
    ("is your stall open?", "is your stall open?"),  # nothing of a game: unchanged
    ("I've a sack of grain to grind, who does that?", "I've a sack of grain to grind, who does that?"),
    ("who's doling out quests round here?", "who's doling out quests round here?"),  # quests in their plain sense
    ("what's your main quest, and your daily quest?", "what's your goal, and your daily job?"),
])
def test_game_talk_is_said_plainly(said, plain):
    assert played_plainly(said) == plain


def test_a_word_the_world_uses_in_a_name_is_kept():
    assert played_plainly("meet me at the hub", frozenset({"hub"})) == "meet me at the hub"
    assert played_plainly("meet me at the hub") == "meet me at the place"


def test_a_way_asked_after_a_condition_that_says_where_is_asked_to_there():
    assert without_condition("Otto, if I go toward the studio, what's the route?") == \
        "Otto, what's the route if I go toward the studio?"
    assert without_condition("if you were me, what would you do?") == "if you were me, what would you do?"


def test_do_your_job_please_is_an_order_and_do_your_parents_a_question():
    assert not read("do your job and take the next ticket, please.").question
    assert read("do your parents live nearby?").question


@pytest.mark.parametrize(("npc", "said", "answer"), [
    ("Hugo", "what's the thing weighing down your carrier bag?", "recalled kettle"),  # the persona echoed
    ("Bea", "what week of your training are you in?", "third day"),
    ("Sam", "do your job and take the next ticket, please.", None),
    ("Yuki", "what was your security answer again?", "don't know"),  # her persona says she forgot them
])
def test_the_desk_hears_game_talk_and_its_neighbours(desk, npc, said, answer):  # noqa: F811
    reply = ask(desk, npc, said)
    if answer is None:
        assert reply.action == "answer_ticket", reply
    else:
        assert answer in reply.utterance, reply


@pytest.mark.parametrize(("npc", "said", "answer"), [
    ("Otto", "how many years of experience have you got as a guard?", "Twenty years"),
    ("Otto", "supposing I walk from here toward the studio, what's the best way?", "East Gallery"),
    ("Hale", "which visitor pulled the most aggro off you?", "Lena"),
])
def test_the_museum_hears_game_talk(museum, npc, said, answer):  # noqa: F811
    assert answer in ask(museum, npc, said).utterance


def test_strengths_ask_the_traits_and_qualities_looked_for_do_not(school):  # noqa: F811
    assert "organised" in ask(school, "Ines", "what are your greatest strengths?").utterance
    assert "organised" in ask(school, "Ines", "what stats does your build max out?").utterance
    assert "observant" not in ask(school, "Arden", "what qualities do you look for in a pupil?").utterance


def test_a_count_word_in_a_clause_after_the_thing_asks_no_count():
    assert not said_plainly("name the colleague you'd count as your friend here.").startswith("how many")
    assert said_plainly("Kindly state the number of coins you require.").startswith("how many")
