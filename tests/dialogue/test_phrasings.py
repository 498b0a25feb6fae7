"""Lines in other words than the rules were written with: a name ending in "s" before a
question, news or confidences asked for with a concept named in passing, requests and
invitations asked softly ("fancy a swim?", "would you mind sweeping...")."""

from __future__ import annotations

import pytest

from simverse.agents.player import ask
from simverse.core.names import word_forms
from simverse.experiments.dialogue_eval import DONT_KNOW
from simverse.llm.dialogue.intents import Cues, by_cues
from simverse.llm.dialogue.reading import read
from simverse.llm.dialogue.requesting import polite_request
from simverse.llm.dialogue.telling import tells_news


def test_a_name_that_ends_in_s_before_a_question_is_no_part_of_it():
    names = frozenset(word_forms("Agnes Doris"))  # the name index writes them singular: agne, dori
    r = read("Agnes, do you know what they charge for a barley loaf?", names=names)
    assert r.body[:3] == ("do", "you", "know")
    assert not tells_news(r)
    assert by_cues(r, Cues(topic=True)) == "ask_price"


def test_a_concept_named_in_passing_does_not_turn_a_call_for_confidences_into_a_question_about_it():
    r = read("Is anything special happening this afternoon? You can tell me.")
    assert by_cues(r, Cues(topic=True, known_topic=False)) == "confide"
    assert by_cues(r, Cues(topic=True, known_topic=True)) != "confide"


def test_news_asked_for_with_a_word_that_names_an_unknown_concept_is_still_news():
    r = read("anything strange happen at the market lately?")
    assert by_cues(r, Cues(topic=True, known_topic=False)) == "ask_news"


@pytest.mark.parametrize(("line", "verb"), [
    ("Wren, fancy a swim in the tarn?", "swim"),
    ("would you mind sweeping the porch?", "sweep"),
    ("shall we row across to the island?", "row"),
    ("any chance you could mend my kite?", "mend"),
    ("I was wondering if you could carve a spoon", "carve"),
])
def test_requests_and_invitations_asked_softly_say_what_is_asked(line, verb):
    assert polite_request(read(line, names=frozenset({"wren"}))) == verb


@pytest.mark.parametrize("line", ["would you mind telling me where the mill is?", "do you want to hear a joke?",
                                  "would you like to explain the rules?", "why don't you trust the new pills?"])
def test_a_soft_lead_in_to_being_told_something_or_a_why_is_no_request(line):
    assert polite_request(read(line)) is None


def test_an_exact_identifier_is_answered_only_by_a_belief_that_speaks_of_it(world):
    answer = ask(world, "Hilde", "What's the phone number for the spring fair?").utterance
    assert DONT_KNOW.search(answer.split(".")[0]), answer
    assert "noon" in ask(world, "Hilde", "When does the spring fair start?").utterance


@pytest.mark.parametrize("line", ["are you allowed to sell ale after midnight?", "Can you open the vault on your own?",
                                  "could you lend coins without asking the guild?"])
def test_asking_whether_something_may_be_done_is_a_question_about_a_rule(line):
    assert polite_request(read(line)) is None


def test_an_order_with_yourself_is_still_an_order():
    assert polite_request(read("Buy yourself a loaf"), frozenset({"buy"})) == "buy"
