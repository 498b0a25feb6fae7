"""A way guessed and put to be checked ("from the counter I can step straight into the
waiting room, yes?"), answered with the way as the map has it; walks asked with other
verbs or to a place said by what it shows or whose door it is; requests asked as negative
questions ("couldn't you...?", "won't you...?"), also after a remark; aims asked with an
adverb inside ("what are you really chasing?") and spans asked as a guess ("you're fairly
new here", "with years behind you")."""

from __future__ import annotations

import pytest

from simverse.agents.player import ask
from simverse.llm.dialogue.wrapped_orders import bare_order
from tests.dialogue.test_asked_in_passing import harbour  # noqa: F401  (MiniLM)
from tests.dialogue.test_hints_and_sketches import valley  # noqa: F401  (Quest Valley with MiniLM)
from tests.dialogue.test_said_in_passing import clinic, desk, school  # noqa: F401  (MiniLM)


@pytest.mark.parametrize(("world", "npc", "said", "named"), [
    ("clinic", "Iris", "From this counter I can walk straight into the waiting room, right?", "Reception"),
    ("harbour", "Pieter", "From the cottages the chapel's the next place along, isn't it?", "Town Square"),
    ("desk", "Okafor", "Just to be clear: the Waiting Area is right outside your door?", "Front Desk"),
    ("school", "Milo", "To get to the playground I must go through the classroom first, yes?", "Main Hallway"),
])
def test_a_guessed_way_is_answered_with_the_way_as_it_is(request, world, npc, said, named):
    reply = ask(request.getfixturevalue(world), npc, said)
    assert reply.action == "talk" and named in reply.utterance, reply


def test_a_walk_is_not_taken_for_a_guessed_way(harbour):  # noqa: F811
    walk = ask(harbour, "Jonas", "Can you walk me straight to the market?")
    assert walk.action == "move" and walk.args.get("place") == "market", walk


def test_a_question_of_what_happened_on_the_way_is_no_way_guessed(valley):  # noqa: F811
    reply = ask(valley, "Wren", "Did a dragon really come through the pass?").utterance
    assert "the way is" not in reply and "go by" not in reply, reply


@pytest.mark.parametrize(("world", "npc", "said", "place"), [
    ("clinic", "Marco", "Hop along beside me to the room with the fish tank.", "waiting_room"),
    ("desk", "Sam", "See me through to the Returns Room, would you?", "returns_room"),
    ("valley", "Cobb", "Come with me as far as Elder Maud's red door.", "village"),
])
def test_walks_said_in_other_ways(request, world, npc, said, place):
    walk = ask(request.getfixturevalue(world), npc, said)
    assert walk.action == "move" and walk.args.get("place") == place, walk


def test_a_walk_to_where_the_npc_stands_is_no_work_done_there(school):  # noqa: F811
    """Arden stands in the Staff Room, whose work's description names it: a walk there is
    answered as a walk (she is there already), not by marking papers."""
    said = ask(school, "Arden", "walk with me to the staff room")
    assert said.action == "talk" and "already" in said.utterance, said
    raced = ask(school, "Kofi", "do a lap with me, race ya to the climbing frame!")
    assert raced.action == "play", raced  # a walk that says what to do there: that work


@pytest.mark.parametrize(("said", "order"), [
    ("Couldn't you fetch the ladder?", "fetch the ladder."),
    ("The queue is long; won't you open another till?", "The queue is long; open another till."),
    ("Can't you see I'm busy?", "Can't you see I'm busy?"),  # a complaint, no deed asked
])
def test_requests_asked_as_negative_questions(said, order):
    assert bare_order(said) == order


def test_a_booking_asked_after_a_remark(clinic):  # noqa: F811
    booked = ask(clinic, "Nadia", "Sunita has no appointment yet; couldn't you fix one up for her?")
    assert booked.action == "book_appointment" and booked.args.get("npc") == "Sunita", booked


def test_aims_and_spans_asked_as_guesses(harbour, desk):  # noqa: F811
    assert "fish" in ask(harbour, "Jonas", "What is it you're actually chasing these days?").utterance
    assert "third day" in ask(desk, "Bea", "You've got years behind you in this job, I suppose?").utterance
