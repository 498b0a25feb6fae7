"""Words typed with their final "g" dropped; "which of the old hands..." asking for a person;
an outing that says "go for" without a price; "whose job is it to..."; a question passed on
after "asked me to check whether"; "can't see you" of being seen, no goodbye; what a place
is called; a bare participle asked ("Shopping for something?"); a description's clause before a
semicolon told as a sentence; on the shipped worlds."""

from __future__ import annotations

import pytest

from simverse.agents.player import ask
from simverse.core.spelling import spelled
from simverse.llm.dialogue.called import place_name_asked
from simverse.llm.dialogue.details import place_details
from simverse.llm.dialogue.doers import deed_asked
from simverse.llm.dialogue.greetings import is_farewell, says_farewell
from simverse.llm.dialogue.participles import participle_asked
from simverse.llm.dialogue.people import asks_for_person
from simverse.llm.dialogue.reading import asks_price, read
from simverse.llm.dialogue.reported import as_question
from tests.dialogue.test_asked_by_description import museum  # noqa: F401  (the museum with MiniLM)
from tests.dialogue.test_late_questions import harbour  # noqa: F401  (Harbor Town with MiniLM)
from tests.dialogue.test_said_in_passing import clinic, desk, school  # noqa: F401  (MiniLM)


@pytest.mark.parametrize(("typed", "meant"), [
    ("doin", "doing"), ("learnin", "learning"), ("goin", "going"), ("nothin", "nothing"), ("sayin", "saying"),
    ("cabin", "cabin"), ("muffin", "muffin"), ("raisin", "raisin"),  # words of their own stay
])
def test_a_dropped_final_g_is_put_back(typed, meant):
    assert spelled(typed) == meant


def test_what_are_you_doin_asks_the_activity(harbour):  # noqa: F811
    said = ask(harbour, "Jonas", "mornin jonas wot u doin down here at this hour").utterance
    assert "fishing" in said, said


@pytest.mark.parametrize(("line", "person"), [
    ("which of the old hands are looking after you?", True),
    ("which of your workmates do you trust?", True),
    ("which of the fishermen taught you?", True),
    ("which of the paintings do you like?", False),
    ("which hand do you write with?", False),
    ("which of your wares sells best?", False),
])
def test_which_of_the_people_asks_for_a_person(line, person):
    assert asks_for_person(read(line)) is person


def test_which_fisherman_you_learn_from_is_the_mentor(harbour):  # noqa: F811
    said = ask(harbour, "Finn", "yo finn which of the fishermen r u learnin the trade off").utterance
    assert "Tomas" in said, said


def test_going_for_a_coffee_with_someone_is_no_price(museum):  # noqa: F811
    assert not asks_price(read("which of your workmates would you go for a coffee with?"))
    assert not asks_price(read("fancy going for a walk later?"))
    assert asks_price(read("what does a coffee go for?"))
    assert asks_price(read("oi whats a length of that thick cord go for"))  # seven words between
    said = ask(museum, "Camille", "Camille, which of your workmates would you actually go for a coffee with?").utterance
    assert "Ada" in said and "coins" not in said, said


@pytest.mark.parametrize(("line", "deed"), [
    ("whose job is it to look after the paintings?", "look after the paintings"),
    ("whose task is it to mend the nets round here?", "mend the nets"),
    ("whose job is it to help you?", ""),  # about the one asked
])
def test_whose_job_is_it_asks_who_does_it(line, deed):
    assert deed_asked(read(line), people_named=False) == deed


def test_whose_job_finds_the_one_who_does_it(museum):  # noqa: F811
    said = ask(museum, "Ada", "whose job is it to look after the paintings?").utterance
    assert "Camille" in said, said


@pytest.mark.parametrize(("line", "question"), [
    ("My dad works mornings. He asked me to check whether Dr Okoye has any gaps later in the day.",
     "is it true Dr Okoye has any gaps later in the day?"),
    ("Mum asked me to find out when the market opens.", "when the market opens?"),
    ("My sister asked me to ask you if the shop is open.", "is it true the shop is open?"),
])
def test_a_question_passed_on_to_check_is_asked(line, question):
    assert as_question(line) == question


def test_a_question_passed_on_after_a_sentence_is_answered(clinic):  # noqa: F811
    said = ask(clinic, "Nadia", "My dad works mornings. He asked me to check whether Dr Okoye has any gaps "
                                "later in the day.").utterance
    assert "afternoon" in said, said


@pytest.mark.parametrize(("line", "farewell"), [
    ("the receptionist can't see you till you've registered", False),
    ("the doctor will see you now", False),
    ("see you later", True),
    ("I'll see you tomorrow then", True),
    ("bye, see you", True),
])
def test_being_seen_is_no_goodbye(line, farewell):
    assert says_farewell(read(line)) is farewell
    assert is_farewell(read(line)) is farewell


def test_an_order_after_being_seen_is_done(clinic):  # noqa: F811
    said = ask(clinic, "Walter", "Walter, the receptionist can't see you till you've registered on that screen. "
                                 "Do it now, please.")
    assert said.action == "check_in", said


@pytest.mark.parametrize(("line", "asked"), [
    ("what's the tavern by the harbour called?", True),
    ("what's the name of the pub?", True),
    ("what do they call the square?", True),
    ("what's the name of the smugglers boat?", False),  # a name, not a place's
    ("what's the tavern like?", False),
    ("who called you?", False),
])
def test_a_place_name_asked(line, asked):
    assert place_name_asked(read(line)) is asked


@pytest.mark.parametrize(("line", "name"), [
    ("what's the tavern by the harbour called?", "The Salty Gull"),
    ("what do they call the big tower on the cliff?", "The Lighthouse"),
])
def test_what_a_place_is_called_is_its_name(harbour, line, name):  # noqa: F811
    said = ask(harbour, "Mara", line).utterance
    assert said == f"That's {name}.", said


@pytest.mark.parametrize("line", ["what's the bread at the bakery called?", "what's the name of the smugglers boat?"])
def test_a_thing_asked_the_name_of_is_no_place(harbour, line):  # noqa: F811
    said = ask(harbour, "Mara", line).utterance
    assert "That's" not in said and "To get to" not in said, said


@pytest.mark.parametrize(("line", "asked"), [
    ("Shopping for something?", True),
    ("Priya, you're hovering by the ticket desk. Shopping for something?", True),
    ("Working hard?", True),
    ("Coming?", False),  # asks it along
    ("Something wrong?", False),
    ("Anything interesting happening?", False),
    ("shopping for something", False),  # no question
    ("Shopping for something nice to take home for my little sister tomorrow?", False),  # more than a guess
    ("Which halls do we pass through on the way, starting from these doors?", False),  # asks "which"
])
def test_a_bare_participle_asks_what_the_npc_is_doing(line, asked):
    assert participle_asked(read(line)) is asked


def test_a_bare_participle_is_answered_with_the_activity(school):  # noqa: F811
    said = ask(school, "Ines", "ines, already at your desk. sorting something out?").utterance
    assert "arranging my pencils" in said, said


def test_a_clause_before_a_semicolon_is_told_as_a_sentence():
    said = [piece for piece, _ in place_details("A stone tower on the point; from the top you see every boat.")]
    assert said == ["A stone tower on the point.", "from the top you see every boat."]
