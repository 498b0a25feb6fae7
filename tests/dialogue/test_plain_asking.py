"""Questions said with what people add around them: an apology before ("sorry, where's...?"),
a need after ("where's the quay? I need to see Wulf"), a sentence after ("who runs this place?
I ought to say hello"), prices asked in coins or as what is owed, slang for the boss, and two
words that together name one of several like wares ("honey snacks")."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from dialogue_helpers import shipped

from simverse.agents.player import ask
from simverse.core.loader import parse_world
from simverse.llm.dialogue.charge import charge_asked
from simverse.llm.dialogue.reading import read
from simverse.world.model import World
from tests.dialogue.test_charge import reserve
from tests.dialogue.test_wares import teahouse
from tests.dialogue.word_groups import WordGroups


@pytest.mark.parametrize("line", ["sorry, where is the well?", "excuse me, where is the well?",
                                  "erm where is the well"])
def test_an_apology_before_a_question_is_not_its_body(line):
    r = read(line)
    assert r.body[:2] == ("where", "is") and r.opens and r.wh == "where"


def test_whereabouts_asks_where_unless_it_is_someone_s():
    assert read("whereabouts do I go for a flu jab?").wh == "where"
    assert read("his whereabouts are a mystery").wh is None


@pytest.mark.parametrize("line", ["how many coins is a loaf?", "what do I owe you for one?",
                                  "how many gold pieces for the rope?", "what's that going to be, then?"])
def test_money_asked_for_is_a_price(line):
    assert read(line).wh == "how much"


def test_going_somewhere_for_something_is_no_price():
    assert read("where do I go for the flu jab?").wh == "where"
    assert read("what does a loaf go for?").wh == "how much"


def test_a_need_said_after_a_question_makes_no_order(world):
    decision = ask(world, "Kit", "where's the quay? I need to see Wulf")
    assert decision.action == "talk"
    assert "Quay" in decision.utterance


def test_a_price_in_coins_is_answered_with_the_need_before_it(world):
    assert "2 coins" in ask(world, "Kit", "do you know how many coins I need for a barley loaf").utterance
    assert "2 coins" in ask(world, "Kit", "I want a barley loaf, what do I owe?").utterance


def test_an_apology_does_not_turn_a_question_into_a_farewell(world):
    assert "Quay" in ask(world, "Kit", "sorry, how do I get to the quay again? I'm rubbish with directions").utterance


@pytest.fixture
def reserve_world():
    w = World(parse_world(reserve()), seed=0, embedder="hashing")
    yield w
    w.close()


@pytest.mark.parametrize("line", ["who's the head honcho round here, any idea?", "who's the top dog?",
                                  "who runs this whole outfit? I ought to say hello"])
def test_the_boss_in_slang_or_before_another_sentence_heads_the_place(reserve_world, line):
    assert "Oona" in ask(reserve_world, "Rhys", line).utterance


def test_the_charge_ends_with_its_sentence():
    assert charge_asked(read("who runs the lodge? I have a parcel for them")) == "the lodge"


@pytest.fixture
def tea_world():
    w = World(parse_world(teahouse()), seed=0, embedder="hashing")
    w.brain.hear_with(WordGroups({"snack", "bun", "cake"}))
    yield w
    w.close()


def test_two_words_together_pick_one_of_like_wares(tea_world):
    assert "3 coins" in ask(tea_world, "Mei", "how many coins for one of your honey snacks?").utterance
    assert "1 coin" in ask(tea_world, "Mei", "how many coins for one of your sesame snacks?").utterance


def test_a_word_of_a_ware_s_name_alone_does_not_make_a_pair_name_it(tea_world):
    answer = ask(tea_world, "Mei", "how much honey is in the river?").utterance
    assert "coin" not in answer, answer



@pytest.fixture(scope="module")
def museum() -> Iterator[World]:
    with shipped("museum_tour", "minilm") as w:
        yield w


def test_a_word_read_as_a_place_names_no_ware(museum):
    answer = ask(museum, "Priya", "how much is a slice of cheesecake in the caff?").utterance
    assert "coin" not in answer, answer
    assert "coffee" in ask(museum, "Priya", "what's a mug of coffee in the caff?").utterance
