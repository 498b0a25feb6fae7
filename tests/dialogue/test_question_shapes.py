"""Questions read by their shape: who is asked about, who did something, how big, where to
eat, what a place sells, which relationship a question asks for, and roles that name one
person."""

from __future__ import annotations

from simverse.agents.names import _role_names, _roles
from simverse.agents.player import ask
from simverse.experiments.dialogue_eval import DONT_KNOW as SAYS_DONT_KNOW
from simverse.llm.dialogue.people import relation_question
from simverse.llm.dialogue.reading import asks_identity, read
from simverse.llm.dialogue.telling import tells_news

DONT_KNOW = ("don't know", "no idea", "not sure", "couldn't say", "haven't heard", "can't say", "wish i knew")


def test_a_question_word_after_anyone_starts_a_relative_clause():
    assert read("Do you know anyone who got their money back?").wh is None
    assert read("who got their money back?").wh == "who"
    assert read("any idea where the key is?").wh == "where"


def test_who_someone_is_is_not_who_did_something():
    assert asks_identity(read("who is the mayor?")) and asks_identity(read("Greta, who's the baker?"))
    assert not asks_identity(read("who saw the mayor last night?"))


def test_asking_what_someone_does_is_not_passing_news_on():
    assert not tells_news(read("do you know what Tomas does for the festival?"))
    assert tells_news(read("you know what, the mill burned down last night"))


def test_words_the_npc_uses_are_not_corrected_as_typos():
    assert "deskmate" in read("who is your deskmate?", frozenset({"deskmate"})).words


def test_who_did_something_is_not_answered_with_who_someone_is(world):
    answer = ask(world, "Kit", "who saw the reeve last night?").utterance.lower()
    assert any(p in answer for p in DONT_KNOW), answer


def test_a_how_big_question_needs_a_number(world):
    answer = ask(world, "Hilde", "how big is the spring fair?").utterance.lower()
    first = answer.split(".")[0]  # then, as an aside, what it does know of the fair
    assert SAYS_DONT_KNOW.search(first) and "noon" not in first, answer


def test_where_to_eat_from_the_wares_everyone_knows(world):
    answer = ask(world, "Kit", "where can I get something to eat?").utterance
    assert "barley loaf" in answer and "Hilde's Bakery" in answer
    eaten = ask(world, "Kit", "what did the reeve have for breakfast?").utterance
    assert "barley loaf" not in eaten, eaten
    drink = ask(world, "Kit", "where can I get a drink?").utterance.lower()
    assert "barley" not in drink and any(p in drink for p in DONT_KNOW), drink


def test_what_a_named_place_sells(world):
    answer = ask(world, "Wulf", "what do they sell at the bakery?").utterance
    assert "barley loaf" in answer and "2 coins" in answer


def test_the_question_that_asks_for_each_relationship():
    assert relation_question("rival") == "who is your rival?"
    assert relation_question("admires") == "who do you admire?"
    assert relation_question("wary of") == "who are you wary of?"


def test_a_role_another_persona_only_mentions_still_names_its_owner():
    roles = _role_names([("Okoye", ["doctor"]), ("Nadia", ["advisor", "doctor"]), ("Ilsa", ["keeper"]),
                         ("Nell", ["keeper", "lighthouse keeper"])])
    assert roles["Okoye"] == ["doctor"] and roles["Nadia"] == ["advisor"]
    assert "keeper" not in roles.get("Ilsa", []) and roles["Nell"] == ["lighthouse keeper"]
    assert _roles("The lighthouse keeper: solitary, observant.") == ["keeper", "lighthouse keeper"]
