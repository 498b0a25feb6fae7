"""Lines typed fast and carelessly: words typed as they sound ("the best weigh up", "to no
whether", "and by a cuppa", "must of been", "your saving up", "in you're bread"), names with two
letters swapped or a rare word for a name ("hael" is Hale, not the hall), a guess to confirm ("I
bet your saving up for something"), "you got any...", a last clause that asks without its
question mark; and what such lines ask: when the NPC is due back, what is top of its list, when
something of its own is, and how long it has been at something its persona does not say."""

from __future__ import annotations

import pytest

from simverse.agents.player import ask
from simverse.core.spelling import misspelt_one_of
from simverse.llm.dialogue.learner import in_usual_order
from simverse.llm.dialogue.reading import read
from tests.dialogue.test_asked_in_passing import harbour, museum  # noqa: F401  (MiniLM)
from tests.dialogue.test_hints_and_sketches import valley  # noqa: F401  (Quest Valley with MiniLM)
from tests.dialogue.test_said_in_passing import clinic, desk, school  # noqa: F401  (MiniLM)


@pytest.mark.parametrize(("typed", "read_as"), [
    ("which weigh to the quay", "which way to the quay"),
    ("you'd best weigh it first", "you would best weigh it first"),  # a verb with its object stays
    ("i want to no where the mill is", "i want to know where the mill is"),
    ("no where is it", "no where is it"),
    ("can i by a loaf", "can i buy a loaf"),
    ("stand by a window", "stand by a window"),
    ("he must of left early", "he must have left early"),
    ("i bet your saving for a boat", "i bet you are saving for a boat"),
    ("how do you earn your living", "how do you earn your living"),
    ("it is on your right", "it is on your right"),
    ("whats in you're basket", "what is in your basket"),
    ("it looks like you're busy", "it looks like you are busy"),
])
def test_words_typed_as_they_sound(typed, read_as):
    assert " ".join(read(typed).words) == read_as


def test_two_letters_swapped_name_the_person_before_a_place():
    assert misspelt_one_of("hael", frozenset({"hale", "hall"})) == "hale"
    assert misspelt_one_of("macro", frozenset({"marco"})) == "marco"  # a rare word may be a slip
    assert misspelt_one_of("bake", frozenset({"lake"})) is None  # an everyday word is not


def test_a_swapped_name_at_the_start_is_the_one_spoken_to(museum):  # noqa: F811
    reply = ask(museum, "Hale", "hael tell me about that journalist, whats her game").utterance
    assert "Lena" in reply and "Sculpture Hall" not in reply, reply


def test_guesses_and_dropped_words_ask(valley, desk, school):  # noqa: F811
    assert "lute" in ask(valley, "Pip", "i bet your saving up for somthing big").utterance
    assert "account" in ask(desk, "Yuki", "you're here about the recall as well i guess").utterance
    reply = ask(school, "Zara", "zara you got any cousins in town").utterance
    assert "know" in reply.lower() or "heard" in reply.lower() or "idea" in reply.lower(), reply


def test_a_last_clause_that_asks_without_its_mark():
    said = "long queue today, who is it your waiting for"
    assert in_usual_order(said) == "long queue today, who are you waiting for?"
    assert in_usual_order("It is lovely, what a day.") == "It is lovely, what a day."


def test_when_the_npc_is_due_and_what_is_top_of_its_list(clinic):  # noqa: F811
    assert "lunchtime" in ask(clinic, "Sunita", "you look at the clock a lot, when are you due back").utterance
    assert "booked patient" in ask(clinic, "Okoye", "Doctor, what's top of your list this morning?").utterance


def test_when_something_of_the_npcs_own_is(clinic):  # noqa: F811
    assert "Sunday" in ask(clinic, "Marco", "When is your race?").utterance
    assert "Sunday" not in ask(clinic, "Marco", "When is your appointment?").utterance


def test_how_long_unsaid_by_the_persona_is_not_known(desk):  # noqa: F811
    reply = ask(desk, "Rosa", "you must of been answering phones here for ages, since when").utterance
    assert "K7" not in reply and ("idea" in reply.lower() or "know" in reply.lower()), reply


def test_the_way_typed_as_it_sounds(harbour):  # noqa: F811
    reply = ask(harbour, "Finn", "whats the quickest weigh up to the chapel from here").utterance
    assert "Chapel of the Tides" in reply and "Market Street" in reply, reply
