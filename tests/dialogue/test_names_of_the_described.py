"""A name asked of someone described by what they do, a deed asked in two parts, things
described by use, verbs that only describe what an order names, and action names whose
function words order nothing."""

from __future__ import annotations

import pytest

from simverse.agents.player import ask
from simverse.llm.dialogue.name_asked import name_of_described
from simverse.llm.dialogue.sketched import sketch_in
from tests.dialogue.test_asked_sideways import museum  # noqa: F401  (MiniLM)
from tests.dialogue.test_hints_and_sketches import valley  # noqa: F401
from tests.dialogue.test_late_questions import harbour  # noqa: F401  (MiniLM)


@pytest.mark.parametrize(("said", "asked"), [
    ("Ilsa, the lass who tends the lamp, what do folk call her?", "the lass who tends the lamp, what is her name?"),
    ("does the fellow who blesses the boats have a name?", "the fellow who blesses the boats, what is his name?"),
    ("the kid who's always running errands, I can't recall what he's called",
     "the kid who's always running errands, what is his name?"),
])
def test_a_name_asked_after_a_description_is_asked_plainly(said, asked):
    assert name_of_described(said) == asked


@pytest.mark.parametrize("said", [
    "what's the name of the woman who keeps the lighthouse?",  # plain already
    "the man who named the ship, where is he now?",  # the name is in the description
    "the woman who runs the inn, is she kind?",  # no name asked
])
def test_other_lines_are_left_as_they_are(said):
    assert name_of_described(said) is None


@pytest.mark.parametrize(("npc", "said", "wanted"), [
    ("Mara", "Mara, the lass who tends the lighthouse lamp, what do folk call her?", "Nell"),
    ("Ilsa", "does the fellow who blesses the boats have a name?", "Aldo"),
    ("Jonas", "the stall-keeper who sells rope and vegetables, what's she called?", "Greta"),
    ("Tomas", "Tomas, who mends your nets and dreams of a boat of his own?", "Finn"),  # two deeds, one known
])
def test_the_one_described_is_named(harbour, npc, said, wanted):  # noqa: F811
    reply = ask(harbour, npc, said).utterance
    assert wanted in reply, reply


def test_no_one_is_named_for_a_deed_no_one_is_known_by(harbour):  # noqa: F811
    reply = ask(harbour, "Mara", "does the woman who sells hats at the fair have a name?").utterance
    assert not any(name in reply for name in ("Jonas", "Greta", "Nell", "Ilsa")), reply


def test_a_thing_described_by_what_it_does_is_that_thing(museum):  # noqa: F811
    reply = ask(museum, "Priya", "Priya, the booklet that tells you about every exhibit, where do I get one?").utterance
    assert "guidebook" in reply, reply


def test_a_description_of_something_the_world_has_not_got_is_no_thing_of_it(harbour):  # noqa: F811
    reply = ask(harbour, "Aldo", "Father, is there some duty to the fishing fleet you've still to see to?").utterance
    assert "herring" not in reply, reply  # a fleet, however close "fishing" is to the herring


def test_a_hyphened_word_for_a_person_is_a_description():
    assert sketch_in("the blunt stall-keeper who sells rope, what's her name?") == \
        "the blunt stall keeper who sells rope"
    assert sketch_in("the itchy-rash mum, is she next?") == "the itchy-rash mum"  # "rash" is no person


def test_a_verb_that_describes_what_an_order_names_is_no_order(museum):  # noqa: F811
    decision = ask(museum, "Camille", "Camille, carry the painting you're restoring back to the gallery and hang it")
    assert decision.action != "restore", decision.utterance


def test_a_function_word_in_an_action_name_orders_nothing(valley):  # noqa: F811
    """quest_valley's turn_in action: "in which direction...?" asks the way."""
    decision = ask(valley, "Rowan", "Rowan, in which direction is the pass?")
    assert decision.action == "talk" and "can't" not in decision.utterance, decision.utterance
