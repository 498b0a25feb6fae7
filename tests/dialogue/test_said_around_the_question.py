"""What a player says around a question, and questions asked without their usual words, on an
invented smithy lane: a question in a later clause with no question mark ("..., do you like her
or what"), a lead-in that must not choose what is asked ("you'd sell anything. what's the big
dream?"), a place of people named by what is there ("the grooms' den with the straw"), a walk
to where something is, feelings asked of a person ("would you be glad to see him?"), a name
asked for, a ware named by one word of its name, "the person over at" a place, a role a
belief names, and a later part of the day that is not now. Lines close to each that ask
something else keep their old answers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from simverse.agents.player import ask
from simverse.core.loader import parse_world
from simverse.experiments.dialogue_eval import DONT_KNOW
from simverse.llm.dialogue.clausal import asked_late
from simverse.llm.dialogue.reading import read
from simverse.world.model import World
from tests.dialogue.word_groups import WordGroups


def lane() -> dict[str, Any]:
    npc = {"traits": ["calm"], "sociability": 0.0}
    return {
        "format_version": 1, "name": "lane", "title": "Smithy Lane",
        "environment": {"start": "08:00", "minutes_per_step": 60},
        "settings": {"conversation_turns": 4, "hunger_per_step": 0.0, "embedder": "hashing"},
        "places": [
            {"id": "forge", "name": "The Forge", "description": "Anvils, bellows and a rack of horseshoes.",
             "connections": ["lane"], "properties": {"shop": True}},
            {"id": "lane", "name": "Smithy Lane", "description": "Cobbles and puddles.",
             "connections": ["forge", "stable", "inn"]},
            {"id": "stable", "name": "The Stable", "description": "Straw, saddles and a water trough.",
             "connections": ["lane"]},
            {"id": "inn", "name": "The Brass Bell", "description": "A low room with a fire.",
             "connections": ["lane"]},
        ],
        "items": [{"id": "rivet", "name": "copper rivet", "place": "forge", "quantity": 50, "price": 1},
                  {"id": "brush", "name": "horse brush", "place": "forge", "quantity": 5, "price": 4}],
        "npcs": [
            {**npc, "name": "Brann", "persona": "The smith: gruff.", "start_place": "forge",
             "goals": ["forge a sword for the mayor"],
             "schedule": [{"start": "00:00", "place": "forge", "activity": "hammering horseshoes"}],
             "relationships": {"Elsie": {"kind": "admires", "affinity": 0.5},
                               "Cade": {"kind": "source", "affinity": 0.4}},
             "knowledge": [
                 {"subject": "grandfather", "predicate": "built", "object": "forge",
                  "text": "my grandfather built the forge"},
                 {"subject": "mare", "predicate": "named", "object": "Thistle",
                  "text": "the grey mare at the stable is named Thistle"},
                 {"subject": "orders", "predicate": "need", "object": "mayor",
                  "text": "orders over ten coins need the mayor's approval"},
                 {"subject": "mayor", "predicate": "visits", "object": "forge",
                  "text": "the mayor comes to see his sword after supper"}]},
            {**npc, "name": "Elsie", "persona": "The groom: cheerful.", "start_place": "stable"},
            {**npc, "name": "Mags", "persona": "The stable hand: brisk.", "start_place": "stable"},
            {**npc, "name": "Cade", "persona": "A tinker who hears everything.", "start_place": "inn"},
            {**npc, "name": "Rolf", "persona": "The mayor: pompous.", "start_place": "inn"},
            {**npc, "name": "Wyn", "persona": "A carter passing through.", "start_place": "lane"},
        ],
        "actions": [{"name": "sell", "description": "Sell goods over the counter.",
                     "preconditions": ["here.shop == true"], "effects": ["actor.coins += 1"]},
                    {"name": "welcome", "description": "Greet the riders arriving on the lane.",
                     "preconditions": ["actor.place == lane"], "effects": []}],
    }


@pytest.fixture(scope="module")
def world() -> Iterator[World]:
    w = World(parse_world(lane()), seed=0, embedder="hashing")
    w.brain.hear_with(WordGroups({"den", "stable"}, {"trough", "drinking"}))
    yield w
    w.close()


@pytest.mark.parametrize("line", ["brann elsie waves at you every morning, do you like her or what",
                                  "you go red when elsie looks at you, do you like her"])
def test_a_later_clause_in_question_order_asks_without_a_mark(world, line):
    assert asked_late(read(line)).question
    assert "admire Elsie" in ask(world, "Brann", line).utterance


@pytest.mark.parametrize("line", ["elsie waves at you, you wave back", "elsie waves, do it now"])
def test_a_clause_in_statement_or_order_form_asks_nothing(line):
    assert not asked_late(read(line)).question


def test_a_lead_in_does_not_choose_what_about_the_npc_is_asked(world):
    said = ask(world, "Brann", "you'd sell anything, you. so what do you want most?").utterance
    assert "forge a sword" in said and "rivet" not in said


def test_what_it_sells_is_still_its_wares(world):
    assert "rivet" in ask(world, "Brann", "what do you sell?").utterance


def test_a_place_of_people_named_by_what_is_there_is_the_way_there(world):
    said = ask(world, "Wyn", "the grooms' den with all the straw and saddles, how do i find it").utterance
    assert "The Stable" in said


@pytest.mark.parametrize("line", ["wyn, walk me across to where the water trough is",
                                  "wyn bring the pony over to where the saddles and the trough are"])
def test_a_walk_to_where_something_is_goes_there(world, line):
    decision = ask(world, "Wyn", line)
    assert decision.action == "move" and decision.args == {"place": "stable"}


def test_an_errand_for_people_somewhere_is_no_walk(world):
    assert ask(world, "Wyn", "go round handing rivets to the people at the trough").action != "move"


@pytest.mark.parametrize("line", ["would you be glad to see Cade?", "would you trust Cade with your life?",
                                  "how did you get wind of it, did someone tip you off"])
def test_feelings_and_sources_asked_of_a_person_are_the_relationship(world, line):
    assert "Cade is my source" in ask(world, "Brann", line).utterance


@pytest.mark.parametrize("line", ["wyn go say hello to the riders arriving",
                                  "some riders are arriving, say hello to them would you"])
def test_greeting_others_for_the_speaker_is_something_done(world, line):
    assert ask(world, "Wyn", line).action == "welcome"


def test_would_you_be_able_to_is_still_a_request(world):
    assert ask(world, "Brann", "would you be able to sell me a rivet?").action == "sell"


@pytest.mark.parametrize("line", ["what dragged you in here?", "what brings you out this way?"])
def test_what_brought_it_here_is_what_it_is_after(world, line):
    assert "forge a sword" in ask(world, "Brann", line).utterance


@pytest.mark.parametrize("line", ["those copper rivets, what are you charging", "what're you charging for a rivet?"])
def test_what_it_is_charging_is_a_price(world, line):
    assert "1 coin" in ask(world, "Brann", line).utterance


def test_who_is_charging_somewhere_asks_no_price():
    assert read("who is charging at the gate?").wh == "who"


def test_a_ware_named_by_one_word_of_its_name_is_priced(world):
    assert "1 coin" in ask(world, "Brann", "how much for one of the copper ones?").utterance


@pytest.mark.parametrize("line", ["how much honey is in the river?", "what do the horse shoe nails go for?"])
def test_a_word_of_a_wares_name_inside_other_words_names_no_ware(world, line):
    assert "4 coins" not in ask(world, "Brann", line).utterance


def test_an_adverb_before_the_question_word_still_asks():
    assert read("roughly how many horses are in the stable").opens
    assert read("honestly do you think it will rain").opens


def test_a_name_asked_for_is_not_answered_by_a_belief_that_names_no_one(world):
    said = ask(world, "Brann", "what was your grandfather called?").utterance
    assert DONT_KNOW.search(said) and not said.startswith("My grandfather built")


def test_a_name_asked_for_is_answered_by_a_belief_that_says_it(world):
    assert "Thistle" in ask(world, "Brann", "what is the grey mare called?").utterance


@pytest.mark.parametrize("line", ["who's the person over at the stable?", "who is the lady in the stable"])
def test_the_person_at_a_place_is_who_works_there(world, line):
    assert "Mags" in ask(world, "Wyn", line).utterance


def test_a_role_a_belief_names_answers_who(world):
    said = ask(world, "Brann", "who signs off orders over ten coins?").utterance
    assert "mayor" in said and "wish I knew" not in said


def test_a_later_part_of_the_day_is_not_what_it_is_doing_now(world):
    said = ask(world, "Brann", "heard anything? are we doing anything after supper or just normal").utterance
    assert "after supper" in said and "hammering horseshoes" not in said
    assert "hammering horseshoes" in ask(world, "Brann", "what are you doing?").utterance


def test_a_belief_on_the_topic_that_does_not_say_what_is_asked_follows_i_dont_know(world):
    said = ask(world, "Brann", "what does the mare eat, exactly?").utterance
    assert DONT_KNOW.search(said) and "Thistle" in said


@pytest.mark.parametrize("line", ["what is the grey mare called?", "what about the grey mare?",
                                  "is the grey mare at the stable?", "when does the mayor come to the forge?"])
def test_a_belief_that_says_what_is_asked_is_told_plainly(world, line):
    assert not DONT_KNOW.search(ask(world, "Brann", line).utterance)
