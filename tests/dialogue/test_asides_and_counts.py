"""Which places lie next to one, asked in more ways ("what lies beside the chapel?", "from
the chapel, where could I wander to?") and with one set apart ("apart from the market");
leave asked to ask a question ("could I ask what you make of Aldo?"); "name me a friend of
yours"; a question after a dash read as a sentence of its own; more walk verbs ("usher me
over to"); a remark that opens with "the" and a word of a name ("the gulls are...") is no
question to the name; "how many" asked of what nothing the NPC holds counts (not an aim asked
as a count: "how many are you hoping to vaccinate?")."""

from __future__ import annotations

import pytest

from simverse.agents.player import ask
from simverse.experiments.dialogue_eval import DONT_KNOW
from simverse.llm.dialogue.claims import dash_as_stop
from simverse.llm.dialogue.reported import as_question
from tests.dialogue.test_asked_in_passing import harbour  # noqa: F401  (MiniLM)
from tests.dialogue.test_hints_and_sketches import valley  # noqa: F401  (Quest Valley with MiniLM)
from tests.dialogue.test_said_in_passing import clinic  # noqa: F401  (MiniLM)


@pytest.mark.parametrize(("npc", "said", "near"), [
    ("Aldo", "What lies beside the chapel?", ["Town Square"]),
    ("Aldo", "From the chapel, where could I wander to?", ["Town Square"]),
    ("Tomas", "What's next to the harbour?", ["The Lighthouse", "Market Street", "The Salty Gull"]),
])
def test_neighbours_asked_in_more_ways(harbour, npc, said, near):  # noqa: F811
    reply = ask(harbour, npc, said).utterance
    assert "opens onto" in reply and all(n in reply for n in near), reply


@pytest.mark.parametrize(("said", "left_out", "kept"), [
    ("Apart from the market, what's next to the harbour?", "Market Street", "The Lighthouse"),
    ("Leaving out the tavern, where do the streets from the harbour lead?", "The Salty Gull", "Market Street"),
])
def test_a_place_set_apart_is_left_out_of_the_neighbours(harbour, said, left_out, kept):  # noqa: F811
    reply = ask(harbour, "Tomas", said).utterance
    assert kept in reply and left_out not in reply, reply


@pytest.mark.parametrize(("said", "asked"), [
    ("Could I ask what you make of Aldo?", "what do you make of Aldo?"),
    ("Mind if I ask where you're headed?", "where are you headed?"),
    ("May I ask whether the square is busy?", "is it true the square is busy?"),
    ("Could I ask you whether you could open the door?", "Could I ask you whether you could open the door?"),
    ("Name me a friend of yours.", "which is a friend of yours?"),
])
def test_leave_to_ask_is_no_order(said, asked):
    assert as_question(said) == asked


def test_a_friend_named_on_request(harbour):  # noqa: F811
    assert "Aldo" in ask(harbour, "Pieter", "Name me a friend of yours.").utterance


@pytest.mark.parametrize(("said", "read_as"), [
    ("You look worn out — what are you hoping to get done?", "You look worn out. what are you hoping to get done?"),
    ("The pier -- is it safe?", "The pier. is it safe?"),
    ("A pint — sorry, a mug — of ale?", "A pint — sorry, a mug — of ale?"),  # no question opens after the dash
    ("Is it late — or early?", "Is it late — or early?"),  # the question came before the dash
])
def test_a_dash_before_the_question_ends_a_sentence(said, read_as):
    assert dash_as_stop(said) == read_as


def test_the_question_after_a_remark_and_a_dash_is_answered(harbour):  # noqa: F811
    reply = ask(harbour, "Aldo", "You look worn out — what are you hoping to get done today?").utterance
    assert "bless the fleet" in reply, reply


def test_more_walk_verbs(harbour):  # noqa: F811
    walk = ask(harbour, "Aldo", "Usher me over to the square, would you?")
    assert walk.action == "move" and walk.args.get("place") == "square", walk


def test_a_remark_opening_with_a_word_of_a_name_asks_nothing_of_it(harbour):  # noqa: F811
    reply = ask(harbour, "Aldo", "The gulls are noisy this morning.").utterance
    assert "Salty Gull" not in reply and DONT_KNOW.search(reply) is None, reply


@pytest.mark.parametrize(("world", "npc", "said"), [
    ("harbour", "Aldo", "How many windows has your chapel got?"),
    ("harbour", "Nell", "How many ships have you guided in over the years?"),
    ("clinic", "Iris", "How many shelves of medicine are back there?"),
])
def test_a_count_nothing_it_holds_gives_is_not_known(request, world, npc, said):
    reply = ask(request.getfixturevalue(world), npc, said).utterance
    assert DONT_KNOW.search(reply), reply


def test_a_count_it_holds_is_told(valley):  # noqa: F811
    reply = ask(valley, "Cobb", "How many sheep did the dragon take?").utterance
    assert "five" in reply, reply


def test_a_count_asked_as_an_aim_is_answered_from_goals(clinic):  # noqa: F811
    reply = ask(clinic, "Nadia", "How many people are you hoping to vaccinate?").utterance
    assert "vaccinate as many" in reply, reply
