"""Questions about an NPC's own life that nothing it is given answers (its family, where it
grew up, its age, its earlier work, how long it has been at it) get an honest "I couldn't
say", not its activity, wares or a way somewhere; what kind of person it is gets its role
and traits; relationships asked for in other words ("which boy are you always with?") find
the relationship; a person is found by a place described in three words ("the tall lamp
tower"); the way to a thing on show leads to the place that shows it; a learner's question
without its auxiliary ("what you do?") is read with one."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from dialogue_helpers import shipped

from simverse.agents.player import ask
from simverse.core.decisions import FactView
from simverse.experiments.dialogue_eval import DONT_KNOW
from simverse.llm.dialogue.character import character_asked
from simverse.llm.dialogue.learner import in_usual_order
from simverse.llm.dialogue.own_life import own_life_asked, own_life_unknown
from simverse.llm.dialogue.people import asks_for_person, relation_texts
from simverse.llm.dialogue.reading import read
from tests.dialogue.test_said_in_passing import desk, school  # noqa: F401  (the classroom, the desk, MiniLM)


@pytest.mark.parametrize(("line", "part"), [
    ("got any kids?", "family"),
    ("Mr Wulf, any kiddies at home? Just curious.", "family"),
    ("did your dad fish these waters too?", "family"),
    ("do you have any children?", "family"),
    ("any kids of your own?", "family"),
    ("are you married?", "family"),
    ("got any pets at yours?", "pets"),
    ("where are you from originally?", "origin"),
    ("My husband wonders which country you were raised in.", "origin"),
    ("whereabouts is home for you, is it far?", "origin"),
    ("what job did you do before this one?", "before"),
    ("previous job? bet it was quieter", "before"),
    ("which university did you go to?", "schooling"),
    ("how old might you be, if I may?", "age"),
    ("how many yrs u been doing this", "span"),
    ("been behind that counter a while, have you?", "span"),
])
def test_a_question_about_the_npcs_own_life_is_known_by_its_part(line, part):
    assert own_life_asked(read(line)) == part


@pytest.mark.parametrize("line", [
    "how is your mum?",  # asking after someone: small talk
    "I've got my mum's prescription to collect, where is the counter?",  # the speaker's own family
    "I have got a son, where is the school?",
    "You've been clutching that ticket for ages. What do you need?",  # a remark before the question
    "did you see anyone before the theft?",  # no work asked about
    "say hello to your father for me",  # no question
    "how long has the museum been open?",  # not the NPC's own span
    "where is the bakery?",
    "Do you have any children's books?",  # a family word as what something is for or whose it is
    "have you got a family ticket?",
    "got any dad jokes?",
    "Is your father's boat in the harbour?",
    "any parents waiting?",  # people here, not the NPC's own
])
def test_other_lines_ask_nothing_of_the_npcs_own_life(line):
    assert own_life_asked(read(line)) is None


def _mind(persona: str, kinds: dict[str, str] | None = None, facts: list[FactView] | None = None) -> SimpleNamespace:
    return SimpleNamespace(npc="Wulf", persona=persona, goals=["keep the quay tidy"], relation_kinds=kinds or {},
                           facts=facts or [])


def test_what_the_npc_is_given_about_its_life_lets_the_other_answers_speak():
    assert own_life_unknown(_mind("The quay keeper: quiet and watchful."), "before")
    assert not own_life_unknown(_mind("A retired sailor who keeps the quay."), "before")
    assert not own_life_unknown(_mind("A quay keeper born in the marsh."), "origin")
    assert not own_life_unknown(_mind("A keeper.", {"Kit": "son"}), "family")
    own = FactView("k1", "Wulf's wife sells eels", "Wulf", "married_to", "Ada", False, None, 1.0)
    assert not own_life_unknown(_mind("A keeper.", facts=[own]), "family")
    assert own_life_unknown(_mind("A 40-year-old keeper."), "span")  # a span is the persona's span of time alone
    assert not own_life_unknown(_mind("A 40-year-old keeper."), "age")


@pytest.mark.parametrize("line", [
    "got any kids?",
    "where did you grow up?",
    "how old are you?",
    "what did you do for a living before this job?",
    "been doing this long?",
])
def test_the_npc_cannot_say_what_nothing_it_is_given_holds(world, line):
    said = ask(world, "Hilde", line).utterance or ""
    assert DONT_KNOW.search(said) and said.count(".") + said.count("!") <= 1, said  # nothing added after


def test_a_relationship_asked_for_in_other_words_is_found(school):  # noqa: F811
    assert "Kofi" in ask(school, "Milo", "Milo, you and which boy are always together?").utterance
    with shipped("harbor_town", "minilm") as town:
        assert "Tomas" in ask(town, "Finn", "who do you learn your trade from, the old salts?").utterance


def test_a_relationship_is_not_answered_by_its_other_end(desk):  # noqa: F811
    """Okafor's relationship to Sam is "employee": close in meaning to "boss", but the other
    end of it, so "who is your boss?" is not told "Sam is my employee"."""
    said = ask(desk, "Okafor", "who is your boss?").utterance
    assert DONT_KNOW.search(said) and not said.startswith("Sam is my employee"), said
    assert "Okafor" in ask(desk, "Sam", "who do you work for?").utterance  # the relationship's own end


def test_a_relationship_is_asked_by_its_word_and_in_other_words():
    assert relation_texts("rival")[0] == "who is your rival?"
    assert len(relation_texts("mentor")) > 1
    assert relation_texts("third cousin") == ["who is your third cousin?"]  # no gloss: its word alone


@pytest.mark.parametrize(("line", "asked"), [
    ("who is your boss?", True),
    ("you and which boy are always together?", True),
    ("which colleagues are teaching you?", True),
    ("anyone here you know from your street?", True),
    ("which way is the inn?", False),
    ("what time is it?", False),
    ("is anyone selling bread?", False),
])
def test_a_person_is_asked_for_by_who_which_person_or_anyone(line, asked):
    assert asks_for_person(read(line)) is asked


@pytest.mark.parametrize(("line", "usual"), [
    ("what you do so early?", "what do you do so early?"),
    ("Good morning! what you do so early?", "Good morning! what do you do so early?"),
    ("where she work?", "where does she work?"),
    ("where you going?", "where are you going?"),
    ("Mara, what you sell?", "Mara, what do you sell?"),
    ("what you did before?", "what you did before?"),  # a past tense: left as it is
    ("what I want is bread", "what I want is bread"),  # no question mark: a statement
    ("Nice day. Where is the inn?", "Nice day. Where is the inn?"),
])
def test_a_question_without_its_auxiliary_is_asked_with_one(line, usual):
    assert in_usual_order(line) == usual


@pytest.mark.parametrize(("line", "asked"), [
    ("How would you describe yourself?", True),
    ("what sort of man are you?", True),
    ("what kind of teacher are you?", True),
    ("what are you like?", True),
    ("what are you like at swordplay?", False),  # a skill, not a character
    ("what kind of bread do you sell?", False),
    ("what is Pip like?", False),
])
def test_what_kind_of_person_the_npc_is_is_asked(line, asked):
    assert character_asked(read(line)) is asked


def test_the_npc_says_what_kind_of_person_it_is_by_its_role_and_traits():
    with shipped("quest_valley") as valley:
        said = ask(valley, "Rowan", "How would you describe yourself?").utterance
    assert said == "I'm a young knight errant: brave, honourable and vain.", said


def test_a_person_is_found_by_where_they_are_in_three_words():
    with shipped("harbor_town", "minilm") as town:
        assert "Nell" in ask(town, "Mara", "who is the lady in the tall lamp tower?").utterance


@pytest.mark.parametrize("line", ["which way to the bronze horse?", "From your studio, the bronze horse, which way?"])
def test_the_way_to_a_thing_on_show_is_the_way_to_where_it_is_shown(line):
    with shipped("museum_tour", "minilm") as museum:
        said = ask(museum, "Camille", line).utterance
    assert said.startswith("To get to Sculpture Hall") and "know" not in said, said
