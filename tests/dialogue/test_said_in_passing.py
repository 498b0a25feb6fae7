"""Lines whose question or order comes in passing, after something else: "forgot my lunch :(
u reckon the canteen gives anything away free", "first day in 4B. who's our form teacher",
"you look fit to burst. what have u heard", "that board is glowing red, pick one up", "the
trading post is just through there, wander across with me"; questions typed without their
"do" ("u follow the footy?", "got a target or summat"); "lets", "n", "footy" and
"tonite" as typed; a person described in a request that names another ("the young mum with
the toddler needs the doctor, book her in"); a ware said in other words to whoever sells it
("who's selling them paper lights"); a walk "pop over to"; on the shipped worlds."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from dialogue_helpers import shipped

from simverse.agents.player import ask
from simverse.experiments.dialogue_eval import DONT_KNOW
from simverse.llm.dialogue.reading import read
from simverse.world.model import World
from tests.dialogue.test_hints_and_sketches import valley  # noqa: F401  (Quest Valley with MiniLM)
from tests.dialogue.test_late_questions import harbour  # noqa: F401  (Harbor Town with MiniLM)


@pytest.fixture(scope="module")
def school() -> Iterator[World]:
    with shipped("classroom", "minilm") as w:
        yield w


@pytest.fixture(scope="module")
def clinic() -> Iterator[World]:
    with shipped("clinic", "minilm") as w:
        yield w


@pytest.fixture(scope="module")
def desk() -> Iterator[World]:
    with shipped("service_desk", "minilm") as w:
        yield w


@pytest.mark.parametrize(("line", "said"), [
    ("lets both head off", "let us both head off"),
    ("she lets me in early", "she lets me in early"),
    ("come out n help", "come out and help"),
    ("any footy on tonite", "any football on tonight"),
])
def test_words_as_typed_are_read_as_meant(line, said):
    assert read(line).text == said


def test_lets_both_go_is_a_walk_together(school):
    decision = ask(school, "Zara", "lets both head to the canteen")
    assert (decision.action, decision.args) == ("move", {"place": "cafeteria"})


def test_a_question_after_an_emoticon_and_you_reckon_is_asked(school):
    said = ask(school, "Zara", "forgot my lunch :( u reckon the canteen gives anything away free before the bell")
    assert "free apples" in said.utterance and said.action == "talk", said.utterance


def test_who_holds_a_role_asked_in_a_clause_after_a_sentence(school):
    said = ask(school, "Milo", "first day in 4B. who's our form teacher, what's she called?").utterance
    assert "Arden" in said, said


def test_a_call_for_news_in_a_second_sentence(school):
    said = ask(school, "Kofi", "you look fit to burst. what have u heard").utterance
    assert "quiz" in said, said


@pytest.mark.parametrize(("world", "npc", "line", "goal"), [
    ("classroom", "Ines", "word is ur going for some role this year, speaking for the class. which one",
     "class representative"),
    ("clinic", "Sunita", "you keep looking at the clock, late for something?", "back at school"),
    ("service_desk", "Sam", "you're flying through the queue today, got a target or summat", "twenty tickets"),
])
def test_goals_asked_in_passing(world, npc, line, goal, request):
    w = request.getfixturevalue({"classroom": "school", "clinic": "clinic", "service_desk": "desk"}[world])
    said = ask(w, npc, line).utterance
    assert goal in said, said


def test_a_question_without_its_do_is_no_order(desk):
    decision = ask(desk, "Hugo", "u follow the footy?")
    assert decision.action == "talk", decision.utterance


def test_an_order_after_what_the_workplace_shows_is_the_work_there(desk):
    decision = ask(desk, "Bea", "that board is glowing red, pick one up")
    assert decision.action == "answer_ticket", decision.utterance


def test_a_person_described_in_a_request_that_names_another_is_whom_it_is_for(clinic):
    decision = ask(clinic, "Ben", "the young mum with the toddler needs seeing by the doctor, book her in")
    assert (decision.action, decision.args) == ("book_appointment", {"npc": "Leah"}), decision.utterance


def test_popping_over_to_a_place_is_a_walk_and_popping_a_name_down_is_not(clinic):
    decision = ask(clinic, "Okoye", "could you pop over to the waiting room a moment")
    assert (decision.action, decision.args) == ("move", {"place": "waiting_room"})
    assert ask(clinic, "Walter", "pop your name down at the desk for me").action != "move"


def test_where_the_npc_did_something_is_no_way_asked(clinic):
    said = ask(clinic, "Iris", "where'd u study pharmacy").utterance
    assert "We're at" not in said, said


def test_a_walk_together_after_a_clause_that_names_the_place(valley):  # noqa: F811
    decision = ask(valley, "Rowan", "the trading post is just through there, wander across with me")
    assert (decision.action, decision.args) == ("move", {"place": "market"}), decision.utterance


def test_a_price_asked_as_what_one_would_pay(harbour):  # noqa: F811
    said = ask(harbour, "Tomas", "if i bought a loaf of rye, what would i be paying").utterance
    assert "2 coins" in said, said


def test_a_ware_in_other_words_asked_of_whoever_sells_it(harbour):  # noqa: F811
    said = ask(harbour, "Finn", "the kids want them paper lights for the festival tonite, who's selling").utterance
    assert said.startswith("That's Greta: paper lantern"), said


def test_what_the_npc_has_been_up_to_after_a_greeting_sentence(harbour):  # noqa: F811
    said = ask(harbour, "Aldo", "hope i'm not intruding. what have you been up to this morning").utterance
    assert said == "I'm busy with morning prayers at Chapel of the Tides.", said


def test_which_direction_asks_the_way(harbour):  # noqa: F811
    said = ask(harbour, "Pieter", "i'm after fresh bread. from here which direction should i head").utterance
    assert "To get to Mara's Bakery, go by Town Square" in said, said


def test_a_ware_named_before_get_one_is_bought():
    with shipped("museum_tour", "minilm") as museum:
        decision = ask(museum, "Lena", "stop asking me about the rooms. guidebooks are sold at the entrance, grab one")
    assert (decision.action, decision.args) == ("buy", {"item": "guidebook"}), decision.utterance


def test_a_count_is_not_answered_by_a_belief_without_a_number():
    with shipped("museum_tour", "minilm") as museum:
        said = ask(museum, "Ada", "how many paintings does the museum own").utterance
    assert DONT_KNOW.search(said.split(".")[0]), said  # not "I know that the Girl... was painted in 1665."


def test_what_the_npc_is_bent_over_is_its_activity(desk):
    assert read("ur hunched over it").text == "you are hunched over it"
    said = ask(desk, "Okafor", "what's that pile of letters ur stooped over").utterance
    assert said == "I'm reviewing refund requests at Manager's Office.", said


def test_a_person_described_by_what_they_run_is_the_one_in_charge():
    with shipped("museum_tour", "minilm") as museum:
        line = "the bloke in the nice jacket who runs this whole place, how do you two get on?"
        said = ask(museum, "Camille", line).utterance
    assert "Hale" in said and "boss" in said, said


@pytest.mark.parametrize(("npc", "line", "price"), [
    ("Tomas", "tomas mate how much u flogging them herrings for", "3 coins"),
    ("Greta", "greta love, whats the damage for one of them lanterns", "1 coin"),
])
def test_a_price_asked_after_a_form_of_address_or_as_the_damage(harbour, npc, line, price):  # noqa: F811
    said = ask(harbour, npc, line).utterance
    assert price in said, said


def test_on_purpose_asks_no_goal(harbour):  # noqa: F811
    said = ask(harbour, "Tomas", "tomas u reckon jonas is undercutting u on purpose?").utterance
    assert "below the fair price" in said and "I mean to" not in said, said


def test_a_yes_no_question_about_a_place_is_not_answered_with_the_way(harbour):  # noqa: F811
    said = ask(harbour, "Finn", "you look tired, is everything all right down at the chapel?").utterance
    assert "go by" not in said and "walk over" not in said, said
    assert "go by" in ask(harbour, "Finn", "the chapel?").utterance
