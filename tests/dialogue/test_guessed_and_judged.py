"""Questions said as a guess that the NPC knows ("surely you'd know who..."), deeds asked
with "allowed to", a boss asked with "do you know?" after it, prices asked by what a thing
is like ("pricey?", "coin-wise?") and wares by an adjective of them ("the cheesy ones") or a
word of their name ("the rye"), a way "out of" a room to a place the lead-in named, "where
is the X room" for the place where X is, the NPC's morning or afternoon "looking like", what
it is "chasing", its ideal day, the reason for what it keeps doing, "last night", and typing:
"y r u", "wat's", "ur evening", a shortened name."""

from __future__ import annotations

import pytest

from simverse.agents.names import known_as
from simverse.agents.player import ask
from simverse.llm.dialogue.reading import read
from tests.dialogue.test_late_questions import harbour  # noqa: F401  (Harbor Town with MiniLM)
from tests.dialogue.test_said_in_passing import clinic, desk, school  # noqa: F401  (with MiniLM)


@pytest.mark.parametrize(("npc", "line", "said"), [
    ("Jonas", "Surely you'd know who bakes the bread round here", "Mara"),  # a guess that the NPC knows asks
    ("Jonas", "I bet you can tell me who blesses the boats", "Aldo"),
    ("Ilsa", "who's allowed to bless the boats?", "Aldo"),  # a deed one is allowed to do
    ("Mara", "what's your afternoon looking like?", "baking bread"),  # the NPC's day
    ("Jonas", "so what are you chasing, then?", "best fisherman"),  # what drives it
    ("Greta", "you've been pacing round your stall all morning, how come?", "nervous"),
])
def test_asked_in_other_words_the_npc_answers_what_it_knows(harbour, npc, line, said):  # noqa: F811
    assert said in ask(harbour, npc, line).utterance


def test_what_follows_the_question_asks_nothing_of_it(desk):  # noqa: F811
    assert "Okafor" in ask(desk, "Hugo", "who's the head honcho here, do you know?").utterance


def test_a_price_asked_by_what_it_is_like_names_the_ware_in_other_words(harbour, school):  # noqa: F811
    assert "1 coin" in ask(harbour, "Ilsa", "the paper things, coin-wise?").utterance
    assert "2 coins" in ask(harbour, "Jonas", "how much for the rye?").utterance  # the rye loaf
    said = ask(school, "Kofi", "the cheesy ones at lunch, what do they cost?").utterance
    assert "cheese sandwich" in said and "2 coins" in said, said


def test_the_way_out_of_here_goes_to_the_place_the_lead_in_named(school):  # noqa: F811
    assert "To get to Cafeteria" in ask(school, "Arden", "the canteen, sir - fastest route out of here?").utterance


def test_where_the_room_for_a_thing_is_is_the_way_to_the_place_of_that_thing(clinic):  # noqa: F811
    assert "Nurse Station" in ask(clinic, "Ben", "where is the vaccine room from here?").utterance


def test_an_ideal_day_asked_about_is_what_the_npc_hopes_for(desk):  # noqa: F811
    said = ask(desk, "Okafor", "if the day went smoothly, what would that look like?").utterance
    assert "recall" in said or "refunds" in said, said


@pytest.mark.parametrize(("line", "plain"), [
    ("y r u late", "why are you late"),
    ("wat's the plan", "what is the plan"),
    ("how was ur evening", "how was your evening"),
    ("ur looking well", "you are looking well"),
])
def test_typed_question_words_and_your_before_a_noun_in_ing(line, plain):
    assert read(line).text == plain


def test_a_shortened_name_of_the_one_spoken_to_is_their_name_but_an_english_word_stays():
    assert read("walt, you ok?", names=frozenset({"walter"})).words[0] == "walter"
    assert read("sun is out", names=frozenset({"sunita"})).words[0] == "sun"


def test_what_a_person_does_for_others_is_known_but_a_private_worry_is_not():
    assert known_as("Dr Okoye, the clinic's doctor: unhurried, thorough, the only one here who diagnoses.") \
        == "Dr Okoye, the clinic's doctor, the only one here who diagnoses"
    worried = "The restorer: meticulous, private, a little guilty about skipping the paperwork."
    assert known_as(worried) == "The restorer"


def test_what_was_on_the_npcs_plate_last_night_is_no_question_about_its_aims(school):  # noqa: F811
    assert "I mean to" not in ask(school, "Milo", "milo what was on ur plate last night").utterance
