"""How a player asks how the NPC sees someone (also by their role), asks for something for
someone else, says who is speaking, asks where the NPC is due, describes a person in
passing, names a place by a code or in other words, asks the way for others, asks what
something is called or where the NPC gets it, asks to do something together where the NPC
is, and says what not to do, on the invented smithy lane: "would you call Cade a friend?",
"could Tam have a new set?", "Brann, it's Elsie.", "where is it you have to get back to?",
"The lady at the stable who...", "walk me to 3B", "how would they get from the stable to the
inn?", "come and wave at the riders with me", "no need to welcome anyone". Lines close to
each that ask something else keep their old answers."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from simverse.agents.hearing import names_of
from simverse.agents.player import ask
from simverse.core.loader import parse_world
from simverse.experiments.dialogue_eval import DONT_KNOW
from simverse.llm.dialogue.greetings import introduces
from simverse.llm.dialogue.reading import read
from simverse.llm.dialogue.requesting import bidden, polite_request
from simverse.llm.dialogue.sketched import sketch_in
from simverse.world.model import World
from tests.dialogue.test_said_around_the_question import lane as smithy_lane
from tests.dialogue.word_groups import WordGroups


def lane() -> dict[str, Any]:
    """The smithy lane of :mod:`.test_said_around_the_question`, with a stall named by a code,
    a secret ledger, a farmer at the forge and a smith with other beliefs, goals and friends."""
    world = smithy_lane()
    world["places"][1]["connections"].append("stall")
    world["places"].append({"id": "stall", "name": "Stall 3B", "description": "A trestle under an awning.",
                            "connections": ["lane"]})
    world["items"] = [world["items"][0], {"id": "ledger", "name": "order ledger", "place": "forge", "quantity": 1}]
    people = {npc["name"]: npc for npc in world["npcs"]}
    people["Brann"].update(
        goals=["be back at the guild hall by noon"],
        relationships={"Cade": {"kind": "friend", "affinity": 0.4}, "Elsie": {"kind": "neighbour", "affinity": 0.1}},
        knowledge=[*people["Brann"]["knowledge"][:2],
                   {"subject": "ledger", "predicate": "hidden_in", "object": "forge",
                    "text": "the order ledger is hidden under the anvil", "secret": True}])
    people["Cade"]["persona"] = "The tinker: nosy, hears everything."
    world["npcs"] = [people[n] for n in ("Brann", "Elsie", "Cade", "Wyn")] + [
        {"traits": ["calm"], "sociability": 0.0, "name": "Tam", "persona": "A farmer with a lame pony.",
         "start_place": "forge", "goals": ["get his pony shod before market"]}]
    world["actions"].append({"name": "shoe", "description": "Fit new horseshoes for someone here.",
                             "args": {"npc": "npc"}, "effects": [],
                             "preconditions": ["actor.place == forge", "npc.place == actor.place"]})
    return world


@pytest.fixture(scope="module")
def world() -> Iterator[World]:
    w = World(parse_world(lane()), seed=0, embedder="hashing")
    w.brain.hear_with(WordGroups({"boozer", "bell"}, {"wave", "greet"}))
    yield w
    w.close()


@pytest.mark.parametrize("line", ["would you call Cade a friend, or just someone you drink with?",
                                  "would you count Cade as one of your own?",
                                  "have you dealt with the tinker before, or is he new to you?"])
def test_how_the_npc_sees_someone_is_the_relationship(world, line):
    decision = ask(world, "Brann", line)
    assert decision.action == "talk" and "Cade is my friend" in decision.utterance


def test_a_person_called_by_a_word_of_their_role_is_the_one_asked_about():
    desk = World("service_desk", seed=0, embedder="hashing")
    try:
        said = ask(desk, "Delaney", "have you dealt with the manager before, or is this your first run-in?").utterance
    finally:
        desk.close()
    assert "Okafor is my adversary" in said


def test_calling_someone_for_the_speaker_is_still_a_request():
    assert polite_request(read("could you call Cade for me?")) == "call"


def test_something_asked_for_someone_else_is_a_request(world):
    decision = ask(world, "Brann", "could Tam have a new set for his pony? it's gone lame")
    assert decision.action == "shoe" and decision.args == {"npc": "Tam"}
    assert polite_request(read("could it have been Tam?")) is None


def test_who_is_speaking_is_not_what_is_asked(world):
    assert introduces("Brann, it's Elsie. What is the grey mare called?", "Elsie")
    assert not introduces("it's Elsie I worry about, is Elsie all right?", "Elsie")
    said = ask(world, "Brann", "Brann, it's Elsie. What is the grey mare called?", "Elsie").utterance
    assert "Thistle" in said and "Elsie" not in said


@pytest.mark.parametrize("line", ["where is it you have to get back to?", "is that really all you're after?"])
def test_where_the_npc_is_due_and_what_it_is_after_are_its_goals(world, line):
    assert "guild hall" in ask(world, "Brann", line).utterance


def test_where_a_place_is_is_still_the_way(world):
    assert "guild hall" not in ask(world, "Brann", "where is the stable?").utterance


@pytest.mark.parametrize("line", ["The boy at the back who turns pink whenever he's asked anything",
                                  "the girl next to you with all the colour-coded pens",
                                  "a woman who mends the old canvases in a back room"])
def test_a_person_described_in_passing_is_a_sketch(line):
    assert sketch_in(line)


@pytest.mark.parametrize("line", ["the man who stole the painting", "a woman that painted the chapel"])
def test_a_person_described_by_a_deed_done_once_is_no_sketch(line):
    assert not sketch_in(line)


def test_a_place_named_by_its_code_is_that_place(world):
    decision = ask(world, "Wyn", "would you walk over to 3B with me?")
    assert decision.action == "move" and decision.args == {"place": "stall"}


def test_the_way_asked_for_others_runs_from_the_first_place_to_the_second(world):
    said = ask(world, "Brann", "how would they get from the stable to the brass bell?").utterance
    assert "To get to The Brass Bell from The Stable, go by Smithy Lane" in said


def test_a_thing_it_keeps_secret_is_not_placed_by_the_world_for_an_untrusted_speaker(world):
    said = ask(world, "Brann", "where is the order ledger?").utterance
    assert "anvil" not in said and "right here" not in said


def test_a_trusted_speaker_hears_where_it_believes_a_thing_is(world):
    assert "under the anvil" in ask(world, "Brann", "where is the order ledger?", "Cade").utterance


def test_someone_is_doing_something_names_no_owner():
    assert read("someone's offering me rivets cheap, worth it?").owned == ()


def test_a_belief_about_the_owner_of_what_is_asked_follows_i_dont_know(world):
    said = ask(world, "Brann", "why does the grey mare's mane look so shiny?").utterance
    assert DONT_KNOW.search(said) and "Thistle" in said


def test_what_the_line_says_not_to_do_is_not_asked(world):
    assert "queue" not in bidden(read("just swap it here, no need to queue"))
    assert "welcome" in bidden(read("don't forget to welcome the riders"))
    assert ask(world, "Wyn", "no need to welcome anyone, just rest a bit").action != "welcome"
    assert ask(world, "Wyn", "don't forget to welcome the riders arriving, would you").action == "welcome"


def test_a_name_asked_as_what_it_is_called_needs_a_belief_that_names(world):
    said = ask(world, "Brann", "what do you call your grandfather?").utterance
    assert DONT_KNOW.search(said) and not said.startswith("My grandfather built")
    assert "Thistle" in ask(world, "Brann", "what do people call the grey mare?").utterance


def test_where_the_npc_gets_its_supplies_from_is_no_question_about_its_wares(world):
    assert DONT_KNOW.search(ask(world, "Brann", "where do you buy your iron from?").utterance)
    assert "rivet" in ask(world, "Brann", "what do you sell?").utterance


def test_a_persona_without_a_pronoun_takes_the_one_its_goals_say():
    names = names_of(parse_world(lane()))
    assert names["Tam"].pronoun == "he" and names["Wyn"].pronoun == ""


def test_a_walk_to_a_place_in_other_words_goes_there(world):
    decision = ask(world, "Wyn", "wyn walk over to the boozer with me, i hate drinking alone")
    assert decision.action == "move" and decision.args == {"place": "inn"}


def test_what_is_done_together_where_the_npc_is_is_that_action_not_a_walk(world):
    assert ask(world, "Wyn", "wyn come and wave at the riders with me").action == "welcome"
    assert ask(world, "Wyn", "come with me").action == "talk"  # where to is not said
