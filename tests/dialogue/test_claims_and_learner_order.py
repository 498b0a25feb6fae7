"""Lines that ask in other shapes than a question: a claim with a tag asking to confirm it
("bread's 7 coins, isn't it?"), a question in a learner's word order ("you can sell me a
loaf?"), a fragment asking for something near ("fresh bread nearby?"), a name written as
two words ("the light house"), the place a way starts from ("from the front counter"), "2"
for "to", "=" for "is", "wots", being escorted somewhere and who pours a ware."""

from __future__ import annotations

import pytest
from dialogue_helpers import shipped

from simverse.agents.player import ask
from simverse.llm.dialogue.claims import as_checked
from simverse.llm.dialogue.learner import in_usual_order
from simverse.llm.dialogue.reading import read
from simverse.llm.dialogue.reported import as_question
from simverse.llm.dialogue.roles import other_time
from tests.dialogue.test_said_in_passing import school  # noqa: F401  (the classroom with MiniLM)

PEOPLE = {"hilde", "wulf", "odo", "kit"}


@pytest.mark.parametrize(("line", "asked"), [
    ("the barley loaf's 5 coins, right?", "how much is the barley loaf?"),
    ("bread is like 9 gold yeah", "how much is bread?"),
    ("so candles cost 4 coins each, don't they?", "how much is candles?"),
    ("Wulf is the reeve, isn't he?", "who is the reeve?"),
    ("hi! the baker here is Kit, no?", "who is the baker here?"),
    ("Odo's in charge of the market, correct?", "who is in charge of the market?"),
])
def test_a_claim_with_a_tag_is_asked_as_what_it_checks(line, asked):
    assert as_checked(line, PEOPLE) == asked


@pytest.mark.parametrize("line", [
    "cold morning, isn't it?",  # small talk
    "Kit is a good lad, right?",  # no role, no price
    "it's 3 coins, right?",  # no thing priced
    "the stranger is the reeve's cousin, yeah?",  # no one of the world named
    "bread is 2 coins",  # no tag: news, not a question
    "odo, is the bread cheap or what",  # a question already
])
def test_other_tagged_lines_stay_as_they_are(line):
    assert as_checked(line, PEOPLE) == line


def test_a_wrong_price_is_corrected_and_a_wrong_role_answered_with_the_right_one(world):
    assert "2 coins" in ask(world, "Hilde", "a barley loaf's 7 coins, isn't it?").utterance
    said = ask(world, "Kit", "Wulf's the baker round here, right?").utterance
    assert "Hilde" in said, said


@pytest.mark.parametrize(("line", "usual"), [
    ("you can sell me one loaf?", "can you sell me one loaf?"),
    ("Hilde, you will come with me to the square?", "Hilde, will you come with me to the square?"),
    ("where I can find the reeve?", "where can i find the reeve?"),
    ("please, what you are baking?", "please, what are you baking?"),
    ("you can go now", "you can go now"),  # no question mark: a statement
    ("what I want is bread", "what I want is bread"),
    ("where can I find the reeve?", "where can I find the reeve?"),
])
def test_a_learners_word_order_is_put_the_usual_way(line, usual):
    assert in_usual_order(line) == usual


def test_a_request_in_a_learners_word_order_is_done(world):
    reply = ask(world, "Hilde", "you can sell me one barley loaf?")
    assert reply.action == "sell", reply


@pytest.mark.parametrize(("line", "asked"), [
    ("Fresh bread nearby? I'm starving", "where is fresh bread nearby?"),
    ("any chemist round here?", "where is chemist nearby?"),
    ("anything happening round here?", "anything happening round here?"),  # news asked for
    ("any news around here?", "any news around here?"),
    ("is there a well nearby?", "is there a well nearby?"),  # already a question
    ("i'm not from round here. when's the fair?", "i'm not from round here. when's the fair?"),
    ("kit who's the reeve round here, any idea?", "kit who's the reeve round here, any idea?"),
])
def test_a_fragment_asking_for_something_near_is_a_where_question(line, asked):
    assert as_question(line) == asked


def test_a_name_written_as_two_words_is_found():
    with shipped("harbor_town") as town:
        said = ask(town, "Finn", "sorry, the tall light house on the point, how I go there?").utterance
    assert "Lighthouse" in said and "Cottages" not in said, said


def test_where_a_way_starts_is_not_taken_for_its_goal():
    with shipped("clinic") as clinic:
        said = ask(clinic, "Walter", "where do they give jabs, going from the front counter?").utterance
    assert "Pharmacy" not in said, said


@pytest.mark.parametrize(("line", "start"), [
    ("walk me 2 the square", "walk me to the square"),
    ("a seat 4 my gran please", "a seat for my gran"),
    ("i need 2 loaves", "i need 2 loaves"),  # a number of things
    ("wots that ur mending", "what is that you are mending"),
    ("a half = two quarters, right?", "a half is two quarters"),  # "=" read as "is", no order to "half"
])
def test_typed_shorthand_is_read_as_meant(line, start):
    assert read(line).text.startswith(start)


def test_being_escorted_somewhere_said_otherwise_is_a_walk_there(school):  # noqa: F811
    reply = ask(school, "Milo", "escort me 2 the canteen, would you")
    assert reply.action == "move" and reply.args == {"place": "cafeteria"}, reply


@pytest.mark.parametrize("line", ["who serves ale?", "who's pouring the ale these days?"])
def test_who_hands_a_ware_over_is_whoever_sells_it(line):
    with shipped("harbor_town") as town:
        assert "Ilsa" in ask(town, "Finn", line).utterance


def test_a_ware_the_world_names_nowhere_is_said_not_known_before_the_wares_here(world):
    said = ask(world, "Hilde", "u sell candles?").utterance
    assert said.startswith("I don't know of any candles for sale here.") and "barley loaf" in said, said
    for line in ("do you sell barley loaves?", "do you sell anything to eat?", "what do you sell here?"):
        assert "don't know of any" not in ask(world, "Hilde", line).utterance


def test_tomorrows_is_another_time():
    assert other_time(read("whats on tomorrows baking list"))


def test_who_makes_a_ware_is_not_taken_for_who_sells_it():
    with shipped("harbor_town") as town:
        said = ask(town, "Ilsa", "who brews the ale you pour?").utterance
    assert "I do" not in said, said
