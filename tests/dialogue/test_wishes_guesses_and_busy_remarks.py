"""A wish to know said as a statement ("my boy's desperate to know how...", "I would fain hear
who..."), a farewell that ends with a blessing ("may your hearth stay warm"), a guess at what
the NPC is doing ("are you queuing for something?") or why it is here ("are you here about
the kettle too?"), a remark that it looks busy, a place wanted ("I need somewhere to sit"),
"why don't you..." as a suggestion, and a few old or clipped forms ("thou askest", "'em",
"morn"); on the shipped worlds."""

from __future__ import annotations

import pytest

from simverse.agents.player import ask
from simverse.llm.dialogue.reading import read
from simverse.llm.dialogue.reported import as_question
from simverse.llm.dialogue.typed import plainly
from simverse.llm.dialogue.voice import PHRASES
from tests.dialogue.test_asked_in_passing import harbour, museum  # noqa: F401  (MiniLM)
from tests.dialogue.test_hints_and_sketches import valley  # noqa: F401  (Quest Valley with MiniLM)
from tests.dialogue.test_said_in_passing import clinic, desk, school  # noqa: F401  (MiniLM)


@pytest.mark.parametrize(("line", "wh"), [
    ("My boy's desperate to know how anyone made the bronze horse.", "how"),
    ("I'd be curious to know where you get your rope.", "where"),
    ("I would fain hear who dubbed thee.", "who"),
    ("We're itching to find out who painted it.", "who"),
    ("Good sir, I seek stout rope, and would know what thou askest for it.", "how much"),
])
def test_a_wish_to_know_asks(line, wh):
    reading = read(line)
    assert reading.question and reading.wh == wh, (reading.question, reading.wh)


def test_a_wish_to_know_is_answered(museum, valley):  # noqa: F811
    assert "single pour" in ask(museum, "Ada", "My boy's desperate to know how anyone made the bronze horse.").utterance
    price = ask(valley, "Brakka", "Good sir, I seek stout rope for the climb, and would know what thou askest for it.")
    assert price.action == "talk" and "3 coins" in price.utterance, price


def test_a_farewell_with_a_blessing_is_a_farewell(valley):  # noqa: F811
    assert not read("May your hearth stay ever warm.").question
    assert read("May I sit here?").question
    farewells = {option.format(name="").split("{")[0] for tone in PHRASES.values() for option in tone["farewell"]}
    reply = ask(valley, "Maud", "Fare thee well, good Elder. May thy hearth stay ever warm.").utterance
    assert reply in farewells, reply


def test_a_guess_at_what_the_npc_is_doing_is_answered_with_its_doing(museum, school, valley):  # noqa: F811
    assert "buying a guidebook" in ask(museum, "Priya", "Are you queuing for something, love?").utterance
    assert "guidebook" not in ask(museum, "Priya", "Are you going to the café?").utterance  # a plan, not the doing
    merry = ask(valley, "Pip", "Minstrel, what merry business occupies thee this morn?").utterance
    assert "playing for breakfast" in merry, merry
    busy = ask(school, "Ines", "Goodness, first one through the door! You look ever so busy over at your desk, dear.")
    assert "arranging" in busy.utterance and "pencils" in busy.utterance, busy.utterance


def test_being_here_about_something_asks_the_npcs_aim(desk, museum):  # noqa: F811
    kettle = ask(desk, "Yuki", "Excuse me, are you here about the kettle mess as well, or something else?").utterance
    assert kettle.startswith("I mean to") and "kettle" in kettle, kettle
    assert ask(museum, "Priya", "Are you here for the paintings?").utterance.startswith("I mean to")
    assert not ask(museum, "Priya", "Are you here for long?").utterance.startswith("I mean to")


def test_a_place_wanted_asks_where_it_is(clinic):  # noqa: F811
    assert as_question("I was hoping to find somewhere to sit and rest.") == "where can i sit and rest?"
    assert as_question("I need somewhere that does hot drinks.") == "where is somewhere that does hot drinks?"
    assert as_question("I need a doctor.") == "I need a doctor."
    reply = ask(clinic, "Ben", "I was hoping to find somewhere to sit and rest this bad hip while I wait, pet.")
    assert "Waiting Room" in reply.utterance and reply.action == "talk", reply


def test_why_dont_you_with_an_action_is_a_suggestion(school):  # noqa: F811
    read_book = ask(school, "Theo", "Why don't you read a puzzle book?")
    assert read_book.action == "read_book", read_book
    assert ask(school, "Theo", "Why don't you trust Arden?").action == "talk"


def test_old_and_clipped_forms(harbour, desk):  # noqa: F811
    assert read("what thou askest for it").text == "what you ask for it"
    assert plainly("this morn") == "this morning"
    nets = ask(harbour, "Finn", "Lad, them nets are in tatters. Stitch 'em up before the tide turns.")
    assert nets.action == "mend_nets", nets
    must = ask(desk, "Bea", "What have you got to get through before they sign you on properly?", "Sam").utterance
    assert "Nothing to sell" not in must and "Here you can get" not in must, must


def test_working_with_someone_described_asks_the_bond(clinic):  # noqa: F811
    line = "Doctor, it's Walter. The kind lady who does the health advice, does she work with you?"
    reply = ask(clinic, "Okoye", line, "Walter").utterance
    assert reply.startswith("Nadia is my colleague"), reply  # not "Walter is my patient": "who" only describes her
    assert ask(clinic, "Okoye", "Does the health advisor work with you?").utterance.startswith("Nadia is my colleague")


def test_what_was_caught_through_a_door_asks_for_news(school):  # noqa: F811
    assert "pop quiz" in ask(school, "Kofi", "Spill the beans: what did you catch through the gap in the door?",
                             "Milo").utterance


def test_someone_described_to_be_booked_in_is_the_one_booked(clinic):  # noqa: F811
    booked = ask(clinic, "Ben", "Ben, get the lad with the bad knee booked in to see the doctor.")
    assert booked.action == "book_appointment" and booked.args == {"npc": "Marco"}, booked


def test_trying_hard_to_dodge_asks_the_aim_and_planning_is_no_doing(school, desk):  # noqa: F811
    assert "told off" in ask(school, "Milo", "What are you trying your hardest to dodge in lessons today?").utterance
    assert "pop quiz" in ask(school, "Arden", "Ms Arden, are you planning any tests today?", "Theo").utterance
    ticket = ask(desk, "Hugo", "Mate, is that you getting a number from the machine, or just browsing?").utterance
    assert "taking a ticket" in ticket, ticket
