"""How a player asks whether someone is the NPC's kin or friend ("is she a mate?", "you two
pals?"), asks a price in other words ("what would that set me back", "per rivet"), asks
what the NPC means to do as a plan or a supposition ("say you struck it lucky...", "anything
else on your list?"), asks for a walk by a keeper's place or by what is done there, or a way
round a place, asks a favour, dictates something to write down, and asks for something for
a person it describes; mostly on the smithy lane of :mod:`.test_seen_as_and_not_asked`.
Lines close to each that ask something else keep their old answers."""

from __future__ import annotations

import pytest

from simverse.agents.hearing import doable_now
from simverse.agents.player import ask
from simverse.llm.dialogue.bonds import bond_asked
from simverse.llm.dialogue.clausal import asked_late
from simverse.llm.dialogue.parts import without_dictation
from simverse.llm.dialogue.reading import read
from simverse.llm.dialogue.requesting import polite_request
from simverse.llm.dialogue.sketched import sketch_in
from simverse.llm.dialogue.telling import tells_news
from tests.dialogue.test_everyday_orders import shipped
from tests.dialogue.test_seen_as_and_not_asked import world  # noqa: F401  (the smithy lane fixture)


@pytest.mark.parametrize("line", ["is he kin of yours?", "is she a mate or just someone from work?",
                                  "are you two an item?", "you two close?", "is Bea your boss?",
                                  "the big fella who runs the post, is he someone you owe?",
                                  "I saw you slip him a coin. Is he a friend of yours, or is it business?"])
def test_whether_someone_is_kin_or_a_friend_asks_how_the_npc_stands(line):
    assert bond_asked(asked_late(read(line))), line


@pytest.mark.parametrize("line", ["is Greta a friend of Tomas?", "are you two going to the market?",
                                  "is she a teacher?", "is the mayor related to the baker?", "is your boss in today?",
                                  "is there a friend of the family here?"])
def test_kin_words_about_others_or_about_going_ask_no_bond(line):
    assert not bond_asked(asked_late(read(line))), line


@pytest.mark.parametrize("line", ["I saw you share a pint with the tinker. You two pals?",
                                  "is Cade a mate, or just someone you drink with?"])
def test_a_bond_asked_as_kin_is_answered_from_the_relationship(world, line):  # noqa: F811
    assert "Cade is my friend" in ask(world, "Brann", line).utterance


def test_a_last_sentence_asking_the_npc_is_no_news():
    assert not tells_news(read("I saw you slip Cade a coin. Is he a friend of yours, or is it business?"))
    assert tells_news(read("I saw Cade slip a coin to the mayor behind the inn last night."))


@pytest.mark.parametrize("line", ["what would a copper rivet set a poor lad back?", "wot u asking per rivet"])
def test_a_price_in_other_words_is_the_price(world, line):  # noqa: F811
    assert "1 coin" in ask(world, "Brann", line).utterance


def test_a_rate_per_day_is_no_price():
    assert read("how many riders per day come through here?").wh != "how much"


@pytest.mark.parametrize("line", ["say you struck it lucky today, what's the first thing you'd do?",
                                  "when the day's done, which thing are you going to do first?",
                                  "is there anything else on your list?"])
def test_plans_and_suppositions_are_answered_from_goals(world, line):  # noqa: F811
    assert "guild hall" in ask(world, "Brann", line).utterance


def test_which_place_a_walk_asks_for_by_its_keeper_or_what_is_done_there():
    with shipped("harbor_town", "minilm") as town:
        tavern = ask(town, "Tomas", "Tomas, come along to Ilsa's place with me, the first round is on me")
        far = ask(town, "Pieter", "Pieter, walk me up to the bakery, I fancy a loaf")
    with shipped("service_desk", "minilm") as desk:
        returns = ask(desk, "Sam", "take me through to where returned appliances get tested and tagged")
    assert (tavern.action, tavern.args) == ("move", {"place": "tavern"}), tavern.utterance
    assert (returns.action, returns.args) == ("move", {"place": "returns_room"}), returns.utterance
    assert far.action == "talk" and "as far as Town Square" in far.utterance, far.utterance  # two places away


def test_a_persons_line_has_every_action_tried(world):  # noqa: F811
    line = "that pony of Tam's has been limping all morning"  # a hint: no word or cue of shoeing
    assert "shoe" not in doable_now(world.spec, world.places, world.state, "Brann", line)
    assert "shoe" in doable_now(world.spec, world.places, world.state, "Brann", line, every=True)


def test_an_item_sold_elsewhere_is_refused_with_where_and_its_price():
    with shipped("classroom", "minilm") as school:
        said = ask(school, "Milo", "can I get a cheese sandwich off you?").utterance
    assert "Cafeteria" in said and "2 coins" in said, said


def test_a_way_without_going_past_a_place_goes_round_it():
    with shipped("harbor_town", "hashing") as town:
        straight = ask(town, "Mara", "how do I get to the salty gull?").utterance
        round_it = ask(town, "Mara", "how do I get to the salty gull without going past the square?").utterance
        there = ask(town, "Mara", "I'm off to the Salty Gull. Can I get there from here avoiding the square?")
    assert "go by Town Square" in straight, straight
    assert "Market Street, then The Harbour" in round_it, round_it
    assert there.action == "talk" and "Market Street, then The Harbour" in there.utterance, there.utterance


@pytest.mark.parametrize(("line", "verb"), [("do me a favour and try the first riddle", "try"),
                                            ("be a love and fetch the brush", "fetch"),
                                            ("can you count out my tablets for me", "count"),
                                            ("can I get a loaf", "buy")])
def test_what_a_favour_or_a_count_asks_is_the_verb_after_it(line, verb):
    assert polite_request(read(line)) == verb


@pytest.mark.parametrize("line", ["would you count Cade as a friend?", "can I get there from here?"])
def test_counting_someone_as_kin_or_getting_somewhere_asks_nothing_done(line):
    assert polite_request(read(line)) is None


def test_an_item_is_handed_over_only_where_it_is():
    with shipped("clinic", "hashing") as clinic:
        said = ask(clinic, "Iris", "Iris, give Walter one of the dizziness leaflets, would you?")
    assert said.action == "talk" and "no leaflet" in said.utterance, said.utterance


@pytest.mark.parametrize(("line", "order"), [
    ("write this in your notebook: the café does the best croissants", "write this in your notebook"),
    ("tell him this from me: the cart is late", "tell him this from me"),
    ("Mara: sell me a loaf", "Mara: sell me a loaf")])
def test_what_a_line_dictates_is_no_part_of_the_order(line, order):
    assert without_dictation(line) == order


@pytest.mark.parametrize(("line", "sketch"), [
    ("the lad with the bad knee needs a slot with the doc", "the lad with the bad knee"),
    ("the woman shouting about her refund, what's her history with you?", "the woman shouting about her refund"),
    ("the woman who is always behind the counter", "the woman who is always behind the counter")])
def test_a_description_runs_to_where_the_sentence_goes_on(line, sketch):
    assert sketch_in(line) == sketch


def test_a_request_for_someone_described_is_for_them():
    with shipped("clinic", "minilm") as clinic:
        said = ask(clinic, "Ben", "Ben, the lad with the sore knee needs an appointment. Sort him out, would you?")
    with shipped("museum_tour", "minilm") as museum:
        noted = ask(museum, "Lena", "Lena, jot this down in your notebook: the gift shop shuts at five.")
    assert (said.action, said.args) == ("book_appointment", {"npc": "Marco"}), said.utterance
    assert noted.action == "take_notes", noted.utterance


def test_a_request_naming_nothing_is_the_one_thing_the_npc_can_do_when_close_enough():
    with shipped("service_desk", "minilm") as desk:
        phone = ask(desk, "Rosa", "rosa, that's your line lighting up, mind seeing to it?")
        wall = ask(desk, "Rosa", "rosa, could you paint the wall?")
    assert phone.action == "answer_ticket", phone.utterance  # all she can do at the phone bay
    assert wall.action == "talk", wall.utterance
