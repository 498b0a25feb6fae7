"""Lines as players type them: contractions without apostrophes ("wasnt", "isnt"), informal
words ("tabs", "woozy", "sarnie"), "ur" for "you are" before what one is, "whatcha",
"d'you", questions without a question mark ("... are ya", "... or what", "anybody
seen...?"), how the NPC and someone stand asked in the last clause or in idioms ("what's
going on between you two", "sweet on her"), a person known by one word of the world's ("the
half-giant"), an order after a statement that holds a question word, verbs of two parts
around a pronoun ("pencil her in"), advice without its "you" ("might wanna..."), where a
ware is sold with the way there, a place asked for by its keeper's role ("the shepherd's
meadow"), two prices compared and "busy morning?", on the shipped worlds."""

from __future__ import annotations

import pytest
from dialogue_helpers import shipped

from simverse.agents.player import ask
from simverse.llm.dialogue.aims import goal_asked
from simverse.llm.dialogue.bonds import bond_asked
from simverse.llm.dialogue.reading import read
from simverse.llm.dialogue.requesting import polite_request
from simverse.llm.dialogue.typed import plainly
from tests.dialogue.test_hints_and_sketches import valley  # noqa: F401  (Quest Valley with MiniLM)
from tests.dialogue.test_late_questions import harbour  # noqa: F401  (Harbor Town with MiniLM)


@pytest.mark.parametrize(("line", "start"), [
    ("wasnt me who left the gate open", "was not me"),
    ("she isnt in today", "she is not in"),
    ("ur mad to miss the fair", "you are mad"),
    ("ur boat is leaking", "your boat"),
    ("whatcha making", "what are you making"),
    ("d'you fancy a walk", "do you fancy"),
    ("where'd ya find that shell", "where did you find"),
    ("how'd i get to the mill", "how would i get"),
    ("it ain't fair", "it is not fair"),
])
def test_text_speak_is_read_as_meant(line, start):
    assert read(line).text.startswith(start), read(line).text


def test_informal_words_are_read_as_the_plain_words_unless_the_world_names_them():
    assert read("my nan's on them bp tabs and feels woozy").text == \
        "my grandmother on them blood pressure tablets and feels dizzy"
    assert read("is the kitty fed", frozenset({"kitty"})).text == "is the kitty fed"  # a world's cat
    assert plainly("a cheese Sarnie and a cuppa") == "a cheese sandwich and a cup of tea"
    assert plainly("feed the kitty", frozenset({"kitty"})) == "feed the kitty"


def test_a_question_in_informal_words_is_answered_without_doubt():
    with shipped("clinic", "minilm") as clinic:
        said = ask(clinic, "Okoye", "doc, me gran's on the new bp tabs and keeps going woozy, is that normal?")
    assert said.utterance.startswith("I believe the new blood-pressure pills rarely cause dizziness")


@pytest.mark.parametrize("line", [
    "you two on speaking terms or what",
    "fancy a game of cards are ya",
    "you keen on him or is it just business",
    "the lamp's out again, anybody seen the oil",
    "my aunt wants to know whose cart that is",
    "hi there, is the inn open",
    "no offence but how old is that boat",
    "the pies, too dear or fair? how much",
])
def test_questions_without_a_question_mark_are_questions(line):
    assert read(line).question, line


@pytest.mark.parametrize("line", ["there's a fox in the hen house", "i told anybody who would listen",
                                  "so that is where you are"])
def test_statements_stay_statements(line):
    assert not read(line).question, line


@pytest.mark.parametrize("line", ["you went red when he waved, so what's going on between you two",
                                  "how d'you two get on", "you sweet on her or what"])
def test_how_two_stand_is_asked_in_the_last_clause_and_in_idioms(line):
    assert bond_asked(read(line)), line


def test_wanting_in_a_description_of_someone_else_asks_no_goal():
    assert not goal_asked(read("the girl at your desk who wants to be class rep, what is her name?"))
    assert goal_asked(read("what are you hoping for today?"))


@pytest.mark.parametrize(("line", "verb"), [
    ("pencil her in for the doctor", "pencil"),
    ("squeeze him in before lunch", "squeeze"),
    ("might wanna sweep the step", "sweep"),
    ("ur mad not to grab a loaf", "grab"),
])
def test_orders_said_sideways_are_requests(line, verb):
    assert polite_request(read(line)) == verb


def test_whats_going_on_between_the_npc_and_a_person_asks_the_bond(harbour):  # noqa: F811
    said = ask(harbour, "Tomas", "tomas u went quiet when finn waved from the boat, whats going on between u two")
    assert said.utterance.startswith("Finn is my apprentice")  # not "don't know about Finn" first


def test_advice_without_you_is_a_request_for_the_npcs_work(harbour):  # noqa: F811
    decision = ask(harbour, "Finn", "finn the nets by the boats are in tatters, might wanna mend them")
    assert decision.action == "mend_nets"


def test_a_person_known_by_one_word_of_the_worlds_is_meant(valley):  # noqa: F811
    said = ask(valley, "Sable", "sable the half-giant nodded at you on the way in, so how do you two get on")
    assert "Brakka is my fence" in said.utterance


@pytest.mark.parametrize("line", ["pip where's the shepherd's meadow",
                                  "pip where's the shepherd's field, i want a look at those sheep"])
def test_a_place_asked_for_by_its_keepers_role_gets_the_way(valley, line):  # noqa: F811
    said = ask(valley, "Pip", line)
    assert "Cobb's Pasture" in said.utterance and "Emberfall Village" in said.utterance


def test_two_prices_compared_are_both_told(harbour):  # noqa: F811
    said = ask(harbour, "Greta", "how much is the ale compared with the bread?").utterance
    assert "1 coin" in said and "2 coins" in said
    assert ask(harbour, "Greta", "how much is the ale").utterance.count("coin") == 1


def test_busy_day_asks_what_the_npc_is_doing(harbour):  # noqa: F811
    assert "baking" in ask(harbour, "Mara", "mara, busy morning?").utterance


def test_a_word_before_a_thing_is_no_person():
    with shipped("museum_tour", "minilm") as museum:
        said = ask(museum, "Bram", "bram, how do i get to the dutch paintings from the entrance here?").utterance
        order = ask(museum, "Priya", "priya, you keep wondering what each room holds, just buy one of the little "
                                     "guides at the front")
        where = ask(museum, "Camille", "camille where would a person find a coffee around here").utterance
    assert "East Gallery" in said and "Priya" not in said  # "Dutch" is in how Priya is known
    assert (order.action, order.args) == ("buy", {"item": "guidebook"})  # "what" was said, not asked
    assert "Museum Café" in where and "East Gallery" in where  # where it is sold, and the way from the archive


def test_a_pronoun_between_a_verb_and_its_particle_is_an_order_for_that_person():
    with shipped("clinic", "minilm") as clinic:
        decision = ask(clinic, "Nadia", "nadia the lady with the rash on her arm, pencil her in with the doc")
    assert (decision.action, decision.args) == ("book_appointment", {"npc": "Leah"})
