"""A question said after a lead-in, with or without a question mark ("tomas, you look beat,
what's bugging you", "if you won a purse of gold what would you do with it"), is read from
the clause that asks: its question word, a price it asks, the topics and meaning of that
clause, and what a description in it names; a remark that only holds a question word
("I know what you did") stays a remark."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from dialogue_helpers import shipped

from simverse.agents.player import ask
from simverse.llm.dialogue.clausal import asked_late, described_phrase, late_question
from simverse.llm.dialogue.intents import Cues, by_cues
from simverse.llm.dialogue.reading import read
from simverse.llm.dialogue.requesting import polite_request
from simverse.world.model import World


@pytest.mark.parametrize(("line", "wh"), [
    ("you're out early with the carts, what has you hauling sacks already", "what"),
    ("sorry to interrupt you while you're busy but where do the wagons leave from", "where"),
    ("if you found a chest of silver what would you buy first", "what"),
    ("if i walk on past the mill which way gets me to the river", "which"),
    ("i'm new in town and a bit lost, from the gate where is the smithy", "where"),
])
def test_the_clause_after_a_lead_in_asks(line, wh):
    r = asked_late(read(line))
    assert r.question and r.wh == wh, (r.question, r.wh)


@pytest.mark.parametrize("line", ["i know what you did at the mill", "that is the place where we met",
                                  "tell him what you told me", "the bread was lovely, thanks"])
def test_a_remark_holding_a_question_word_stays_a_remark(line):
    r = asked_late(read(line))
    assert not r.question and r.wh == read(line).wh


@pytest.mark.parametrize("line", ["i need candles for the vigil, how much for a box",
                                  "if i buy a lamp later, what will it set me back",
                                  "if i pick up a pie on the way what'll that run me"])
def test_a_price_after_a_need_is_asked_not_ordered(line):
    r = asked_late(read(line))
    assert r.wh == "how much" and r.question
    assert polite_request(r) is None


def test_carrying_on_and_asking_where_is_no_order_to_carry_on():
    r = asked_late(read("if i carry on along this lane where will i come out"))
    assert r.wh == "where" and polite_request(r) is None


def test_who_tells_you_what_is_wrong_asks_for_someone_not_for_confidences():
    r = read("who's the person here that tells you what's wrong with your knee?")
    assert by_cues(r, Cues()) != "confide"


def test_the_asked_clause_alone_is_compared_with_what_drives_the_npc():
    assert late_question(read("you look beat today, what's bugging you")) == "what is bugging you"
    assert late_question(read("what's bugging you?")) == ""


@pytest.mark.parametrize(("line", "described"), [
    ("how do i get to where the sick dogs get looked after", "the sick dogs get looked after"),
    ("what's the quickest way from here to the hall with the painted ceiling?", "hall with the painted ceiling"),
    ("where's the shop with the red door from here, i've a parcel to fetch", "shop with the red door"),
])
def test_the_description_a_question_names_a_place_by(line, described):
    assert described_phrase(asked_late(read(line))) == described


@pytest.fixture(scope="module")
def harbour() -> Iterator[World]:
    with shipped("harbor_town", "minilm") as w:
        yield w


def test_a_price_after_a_need_is_answered(harbour):
    answer = ask(harbour, "Tomas", "tomas i fancy a fish supper tonight, how much for a herring").utterance
    assert "3 coins" in answer, answer


def test_a_wish_asked_as_a_supposition_is_answered_from_the_goals(harbour):
    answer = ask(harbour, "Tomas", "tomas if you won a purse of gold what would you do with it").utterance
    assert "Jonas" in answer or "customers" in answer, answer


def test_what_is_going_on_with_the_things_of_its_work_is_its_activity(harbour):
    answer = ask(harbour, "Finn", "finn what's going on with all those nets in front of you").utterance
    assert "mending nets" in answer, answer


def test_what_a_lead_in_names_does_not_turn_the_question_into_a_way(harbour):
    line = "finn you're up with the gulls, what keeps you busy at the harbour so early"
    answer = ask(harbour, "Finn", line).utterance
    assert "mending nets" in answer, answer


def test_a_place_described_after_a_lead_in_is_not_where_the_npc_stands():
    with shipped("museum_tour", "minilm") as w:
        answer = ask(w, "Bram", "bram i'm a bit turned around, how do i reach the rooms with the papyri and the "
                                "painted coffin").utterance
    assert "Ancient Wing" in answer, answer

