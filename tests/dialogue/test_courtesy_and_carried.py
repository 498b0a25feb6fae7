"""Lines as visitors with another first language type them: thanks and please in their own
language ("danke", "bitte"), a state said as going on ("you are knowing...?"), "you have
seen...?" as a question, a question followed by a word about the speaker ("I have only two
coins."), "is it possible to...?" as a request, and a plea that ends a line ("Please, you
take one too."). Also: what the NPC carries, the trouble it came with, the way to a thing
seen in one place, the rule behind a refusal, and "busy with something?"."""

from __future__ import annotations

import pytest

from simverse.agents.player import ask
from simverse.llm.dialogue.learner import in_usual_order
from simverse.llm.dialogue.typed import plainly
from tests.dialogue.test_asked_in_passing import harbour  # noqa: F401  (MiniLM)
from tests.dialogue.test_hints_and_sketches import valley  # noqa: F401  (Quest Valley with MiniLM)
from tests.dialogue.test_said_in_passing import clinic, desk, school  # noqa: F401  (MiniLM)


def test_courtesy_words_of_other_languages_are_read_plainly():
    assert plainly("Danke, and bitte, one more") == "thanks, and please, one more"
    assert plainly("Grazie mille") == "thanks mille"


def test_thanks_after_a_price_question_leaves_the_price(valley):  # noqa: F811
    assert "3 coins" in ask(valley, "Brakka", "What do you charge for the rope? Danke.").utterance


def test_a_question_followed_by_what_the_speaker_has(clinic):  # noqa: F811
    reply = ask(clinic, "Sunita", "Is expensive the soup? I have only two coins.")
    assert reply.action == "talk" and "3 coins" in reply.utterance, reply


@pytest.mark.parametrize(("said", "asked"), [
    ("You are knowing the way to the mill?", "do you know the way to the mill?"),
    ("Mister guard, you are knowing the story?", "Mister guard, do you know the story?"),
    ("is he needing a doctor?", "does he need a doctor?"),
    ("You live in the forest, you have seen the tracks?", "You live in the forest, have you seen the tracks?"),
    ("you have a boat?", "you have a boat?"),  # "have" not before a past participle: left
    ("you are working today?", "you are working today?"),  # no state: left
])
def test_learner_questions_in_the_usual_order(said, asked):
    assert in_usual_order(said) == asked


def test_is_it_possible_to_asks_for_a_world_action(harbour):  # noqa: F811
    assert ask(harbour, "Mara", "Is it possible to bake a few more loaves?").action == "bake"
    assert ask(harbour, "Mara", "Oh dear, the loaves are gone. Would it be possible to bake more?").action == "bake"
    assert ask(harbour, "Mara", "Is it possible to get to the lighthouse from here?").action == "talk"


def test_a_plea_after_the_scene_is_set(desk):  # noqa: F811
    assert ask(desk, "Delaney", "The queue is long today. Please, you take a ticket too.").action == "take_ticket"
    walk = ask(desk, "Bea", "They are swamped at the front desk. Come quickly, please.")
    assert walk.action == "move" and walk.args.get("place") == "front_desk", walk


def test_a_walk_said_as_we_walk_together(clinic):  # noqa: F811
    walk = ask(clinic, "Marco", "We walk together to the waiting room.")
    assert walk.action == "move" and walk.args.get("place") == "waiting_room", walk


def test_what_the_npc_carries(desk):  # noqa: F811
    assert "kettle" in ask(desk, "Hugo", "What have you got in that carrier bag?").utterance
    assert "kettle" in ask(desk, "Hugo", "Your bag looks heavy. What is inside").utterance
    assert "I've got" not in ask(desk, "Sam", "What's in your pockets?").utterance  # it carries nothing


def test_the_trouble_a_customer_came_with(desk):  # noqa: F811
    assert "account" in ask(desk, "Yuki", "What's your issue today?").utterance


def test_a_refusal_says_the_rule_it_knows(desk):  # noqa: F811
    reply = ask(desk, "Sam", "I want all my money back, two hundred coins. You can give it to me now?")
    assert reply.action == "talk" and "manager" in reply.utterance, reply


def test_the_way_to_a_thing_seen_in_one_place(valley):  # noqa: F811
    assert "Mountain Pass" in ask(valley, "Maud", "Which way to the cave?").utterance


def test_what_the_npc_is_out_here_to_do(valley):  # noqa: F811
    reply = ask(valley, "Rowan", "After all that marching about, what are you really out here to do, friend?")
    assert reply.action == "talk" and "dragon" in reply.utterance, reply


def test_busy_with_something_asks_what_it_is_doing(harbour):  # noqa: F811
    assert "trimming" in ask(harbour, "Nell", "Soot on your hands again. Busy with something today?").utterance


def test_where_things_are_kept_asks_for_a_place(desk):  # noqa: F811
    assert "Returns Room" in ask(desk, "Sam", "Where do you keep the returned appliances?").utterance


def test_a_thing_described_where_the_npc_stands_is_no_way_to_walk(school):  # noqa: F811
    reply = ask(school, "Zara", "My stomach's growling and I forgot my lunch money. Is there any way to grab food "
                                "before the bell without paying?").utterance
    assert "apples" in reply and "right now" not in reply, reply
