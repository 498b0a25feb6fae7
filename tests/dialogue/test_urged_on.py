"""Phrases that only urge on ("let's go", "come on", "no excuses", "give me your best") are
said as nothing where they stand as a clause of their own beside a longer ask; praise said
as a question's subject ("someone as clever as you") is "you"; being "the one to" do it and
giving a thing a deed ("give the counter a quick wipe") ask it done. Also: "what kind of
fighter are you, Rowan?" asks the NPC's nature with its name said last, "what do you do for
a living" its job, what a named place's part is made of its description, what "a sailor"
could spot from a place its description, "which room can we cut through from X to Y" the
way, and the world's own action said of others ("serve them") is done, not sold."""

from __future__ import annotations

import pytest

from simverse.agents.player import ask
from simverse.llm.dialogue.asides import said_without_asides
from simverse.llm.dialogue.wrapped_orders import bare_order
from tests.dialogue.test_asked_by_description import museum  # noqa: F401  (MiniLM)
from tests.dialogue.test_asked_in_passing import harbour  # noqa: F401
from tests.dialogue.test_hints_and_sketches import valley  # noqa: F401  (MiniLM)
from tests.dialogue.test_said_in_passing import clinic, school  # noqa: F401  (MiniLM)


@pytest.mark.parametrize(("said", "plain"), [
    ("Come on, Tomas, what time does the market open?", "Tomas, what time does the market open?"),
    ("Here we go, Mara, is the rye bread fresh today?", "Mara, is the rye bread fresh today?"),
    ("No excuses, give it your all, tell me who runs the chapel.", "tell me who runs the chapel."),
    ("Bram, let's go and see the horse.", "Bram, let's go and see the horse."),  # leads into the walk
    ("Where would someone as clever as you study, Kofi?", "Where would you study, Kofi?"),
    ("Let's go, Tomas.", "Let's go, Tomas."),  # the walk itself: nothing more is asked
    ("Come on in, Mara.", "Come on in, Mara."),  # inside a clause
    ("Let's go to the square, shall we?", "Let's go to the square, shall we?"),
])
def test_urging_is_said_as_nothing_beside_a_longer_ask(said, plain):
    assert said_without_asides(said) == plain


@pytest.mark.parametrize(("said", "order"), [
    ("give the counter a quick wipe, would you?", "wipe the counter, would you?"),
    ("Ada, would you be the one to greet them?", "Ada, would you greet them?"),
    ("give them a drink", "give them a drink"),  # what they get, not what is done to them
])
def test_a_deed_given_or_taken_on_is_the_order(said, order):
    assert bare_order(said) == order


def test_urging_asks_no_walk(school):  # noqa: F811
    decision = ask(school, "Arden", "Let's go, Ms Arden, is a quarter bigger than a half?")
    assert decision.action == "talk" and "two quarters" in decision.utterance, decision.utterance


def test_giving_your_best_asks_no_deed(clinic):  # noqa: F811
    decision = ask(clinic, "Okoye", "Give me your best, Dr Okoye, do the new blood-pressure pills make people dizzy?",
                   "Walter")
    assert decision.action == "talk" and "rarely" in decision.utterance, decision.utterance


def test_papers_given_a_marking_are_marked(school):  # noqa: F811
    assert ask(school, "Arden", "Ms Arden, give the papers on your desk a quick marking.").action == "grade_papers"


def test_the_nature_asked_with_the_name_last(valley):  # noqa: F811
    assert "knight errant" in ask(valley, "Rowan", "What sort of fighter are you, Rowan?").utterance


def test_what_a_place_is_made_of_is_its_description(valley):  # noqa: F811
    answer = ask(valley, "Wren", "Wren, what is the door of the Old Watchtower made of?").utterance
    assert "iron door" in answer and "know" not in answer, answer  # not "I don't know" before it


def test_a_material_the_description_does_not_say_is_not_told(harbour):  # noqa: F811
    answer = ask(harbour, "Greta", "Greta, what is the tarpaulin over your stall made of?").utterance
    assert not answer.startswith("Market Street?"), answer  # its description names no material


def test_a_living_asked_is_the_job(museum):  # noqa: F811
    answer = ask(museum, "Lena", "Lena, what do you do for a living that keeps you in the lobby?").utterance
    assert "journalist" in answer, answer


def test_being_the_one_to_do_it_asks_it_done(museum):  # noqa: F811
    assert ask(museum, "Ada", "Ada, would you be the one to greet the visitors as they arrive?").action == "welcome"
    assert ask(museum, "Ada", "Ada, a coach party just came in, could you give them a warm hello?").action == "welcome"


def test_what_anyone_could_spot_from_a_place(harbour):  # noqa: F811
    answer = ask(harbour, "Finn", "Finn, what could a sailor spot from up in the Lighthouse?").utterance
    assert "every boat" in answer, answer


def test_the_room_cut_through_is_on_the_way(school):  # noqa: F811
    line = "Kofi, which room can we cut through from the School Library to the Cafeteria?"
    answer = ask(school, "Kofi", line).utterance
    assert "Main Hallway" in answer or "Room 4B" in answer, answer


def test_where_the_npc_stands_asks_no_deed_of_its_own(school):  # noqa: F811
    line = "Theo, right here among the library shelves, put your hand up and answer a question."
    assert ask(school, "Theo", line).action != "read_book"  # raising a hand is for the classroom


def test_the_worlds_own_deed_said_of_others_is_done(harbour):  # noqa: F811
    line = "Ilsa, the sailors by the fire are waiting on their ale, so could you serve them now, friend?"
    assert ask(harbour, "Ilsa", line).action == "serve"
    assert ask(harbour, "Ilsa", "Ilsa, could you serve me an ale?").action == "sell"
