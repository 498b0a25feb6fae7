"""Questions after sentences that set the scene ("My boots are soaked. We agreed to meet by
the fountain. How do I get there?"), where what is sought is a thing seen in one place
("the fountain", "the elder's red door") or said only as where the way starts ("from the
quay", "out of your office"); someone described by a thing ("the herb-woman"); whom the
NPC dislikes; "point me to..." as a way asked; a cleft question ("what is it you'd like me
to do?"); an order with its reason after it; and a goal said in the first person."""

from __future__ import annotations

import pytest

from simverse.agents.player import ask
from simverse.llm.dialogue.aims import in_first_person
from simverse.llm.dialogue.learner import in_usual_order
from simverse.llm.dialogue.parts import without_reason
from tests.dialogue.test_asked_in_passing import harbour, museum  # noqa: F401  (MiniLM)
from tests.dialogue.test_hints_and_sketches import valley  # noqa: F401  (Quest Valley with MiniLM)
from tests.dialogue.test_said_in_passing import clinic, desk, school  # noqa: F401  (MiniLM)


def test_a_thing_seen_in_one_place_is_the_way_asked(harbour, valley):  # noqa: F811
    way = ask(harbour, "Greta", "My feet are sore. I'm meeting my sister at the fountain. Which way is it?").utterance
    assert "Town Square" in way, way
    walk = ask(valley, "Cobb", "Come with me to the cottage with the red door, would you?")
    assert walk.action == "move" and walk.args.get("place") == "village", walk


def test_where_a_way_starts_is_not_where_it_goes(harbour, desk):  # noqa: F811
    assert "Town Square" in ask(harbour, "Jonas", "How would I reach the fountain from the quay?").utterance
    shelves = ask(desk, "Okafor", "Which way to the room with all the shelves, going out of your office?").utterance
    assert "Returns Room" in shelves, shelves


def test_the_way_asked_after_the_scene_is_set(museum, valley):  # noqa: F811
    rooms = ask(museum, "Ada", "My aunt has come all this way for the mummy case. Which rooms do we walk through on "
                               "the way?").utterance
    assert "Ancient Wing" in rooms and "Sculpture Hall" in rooms, rooms
    wood = ask(valley, "Brakka", "My cart has lost a wheel. I'm after the herb-woman out in the wood. Which way?")
    assert "Whispering Wood" in wood.utterance and "herbs" not in wood.utterance, wood.utterance


@pytest.mark.parametrize("line", ["Who's the one person here you can't stand?", "Who don't you get along with?",
                                  "Is there anybody round here you really dislike?"])
def test_whom_the_npc_dislikes(harbour, line):  # noqa: F811
    reply = ask(harbour, "Tomas", line).utterance
    assert "Jonas" in reply and "Finn" not in reply, reply


def test_point_me_to_asks_the_way(harbour):  # noqa: F811
    reply = ask(harbour, "Greta", "Point me to the nearest ale, would you, since I've been on the boats all day?")
    assert reply.action == "talk" and "Salty Gull" in reply.utterance, reply


def test_a_cleft_question_is_asked_plainly():
    assert in_usual_order("What is it you'd like me to bring?") == "what would you like me to bring?"
    assert in_usual_order("where is it that you live?") == "where do you live?"
    assert in_usual_order("who was it you saw?") == "who was it you saw?"  # no "do" fits "saw"
    assert in_usual_order("what is it for?") == "what is it for?"


def test_a_question_after_a_scene_is_answered(school):  # noqa: F811
    reply = ask(school, "Arden", "Miss, it's Theo. I want to be brave this term. What is it you'd like me to do in "
                                 "class?", "Theo").utterance
    assert "speak up" in reply, reply


def test_an_order_without_its_reason(museum):  # noqa: F811
    assert without_reason("Note this down while I remember, because it matters.") == "Note this down"
    assert without_reason("Go before") == "Go before"
    notes = ask(museum, "Lena", "Jot this down while it's fresh, Lena, because I won't say it twice.")
    assert notes.action == "take_notes", notes


def test_a_goal_in_the_first_person():
    assert in_first_person("catch a thief before he retires") == "catch a thief before I retire"
    assert in_first_person("see that she watches the door") == "see that I watch the door"
    assert in_first_person("do as he was told") == "do as I was told"


def test_saving_up_to_buy_asks_the_aim(harbour):  # noqa: F811
    reply = ask(harbour, "Finn", "What are you saving up to buy, lad?").utterance
    assert "own boat" in reply, reply


def test_a_parent_says_who_is_speaking(school):  # noqa: F811
    reply = ask(school, "Milo", "Milo, love, it's your mum. Tell me what you're trying your hardest to dodge in class "
                                "today.").utterance
    assert reply.startswith("I mean to"), reply


def test_a_cleft_with_a_short_verb():
    assert in_usual_order("Who is it you're hoping to see?") == "who are you hoping to see?"
    assert in_usual_order("what is it you've lost?") == "what have you lost?"


@pytest.mark.parametrize("line", ["We're soaked through. Is there anywhere close that does hot drinks?",
                                  "Do you know of somewhere to get a warm drink?"])
def test_anywhere_asked_is_where(museum, line):  # noqa: F811
    reply = ask(museum, "Otto", line).utterance
    assert "Museum Café" in reply, reply


def test_a_goal_that_opens_with_an_adverb_is_said_whole(school):  # noqa: F811
    reply = ask(school, "Theo", "What are you hoping for today?").utterance
    assert "answer one question in class, secretly" in reply and "to secretly," not in reply, reply


@pytest.mark.parametrize("line", ["Hugo, your last job, what was it?", "What did you do for a living, Hugo?"])
def test_an_earlier_job_asked_plainly(desk, line):  # noqa: F811
    assert "retired plumber" in ask(desk, "Hugo", line).utterance


@pytest.mark.parametrize("line", ["Theo, busy already? Which book is it?", "what book r u reading"])
def test_the_thing_the_npc_is_using_now(school, line):  # noqa: F811
    reply = ask(school, "Theo", line).utterance
    assert reply.startswith("Fun with Fractions"), reply


def test_a_role_of_a_place_names_its_keeper(harbour):  # noqa: F811
    assert "Ilsa" in ask(harbour, "Pieter", "Who keeps the tavern by the quay, Mayor?").utterance
    assert "Nell" in ask(harbour, "Pieter", "And who keeps the lighthouse?").utterance


def test_what_keeps_the_npc_from_something(desk, clinic):  # noqa: F811
    locked = ask(desk, "Yuki", "The agent says you couldn't get through the checks. What's keeping you out of your "
                               "account?").utterance
    assert "forgot my security answers" in locked, locked
    assert "twisted my knee" in ask(clinic, "Marco", "Why can't you race on Sunday, then?").utterance
    assert "security answers" not in ask(desk, "Yuki", "Why can't you come for lunch?").utterance


def test_someone_asking_for_a_person_asks_no_price(harbour):  # noqa: F811
    walk = ask(harbour, "Pieter", "Mayor, folk by the fountain are asking for you, will you walk down there with me?")
    assert walk.action == "move" and walk.args.get("place") == "square", walk
    assert "3 coins" in ask(harbour, "Greta", "What are they asking for the herring these days?").utterance


def test_where_a_thing_it_carries_came_from_is_not_known(valley):  # noqa: F811
    reply = ask(valley, "Pip", "Where'd you come by that battered lute of yours, bard?").utterance
    assert "I have a battered lute" not in reply and "know" in reply, reply
    assert "I have a battered lute" in ask(valley, "Pip", "Is that a lute you have there?").utterance


def test_the_view_from_the_top(harbour):  # noqa: F811
    reply = ask(harbour, "Nell", "If I climbed your stairs, what might we see when we got to the top?").utterance
    assert "every boat" in reply, reply


def test_the_npcs_own_past_dealing_asks_no_wares(harbour):  # noqa: F811
    reply = ask(harbour, "Ilsa", "Was the tavern left to you, or did you buy the place yourself?").utterance
    assert "mug of ale" not in reply and ("know" in reply or "idea" in reply), reply
