"""Questions put as an investigator puts them: what the answer is for ("for my notes", "for
the inquiry"), how exact or routine it means to be ("to be precise", "purely routine"), a
statement asked for ("I'll need you to state ..."), a job asked by its post ("what post do
you hold?"), the room crossed on the way to someone's office, a thing of a person's place
("the walls of the manager's office"), a deed done with prices, what the NPC is keen to do,
and work walked through by doing it."""

from __future__ import annotations

import pytest

from simverse.agents.player import ask
from simverse.llm.dialogue.framing import framed_plainly
from simverse.llm.dialogue.sketched import sketch_in
from tests.dialogue.test_asked_by_description import museum  # noqa: F401  (MiniLM)
from tests.dialogue.test_asked_in_passing import harbour  # noqa: F401
from tests.dialogue.test_said_in_passing import clinic, desk, school  # noqa: F401  (MiniLM)


@pytest.mark.parametrize(("said", "plain"), [
    ("For my notes, Tomas, where do you fish?", "Tomas, where do you fish?"),
    ("Purely routine, Greta, what time do you open, just the facts?", "Greta, what time do you open?"),
    ("To be exact, which road did you take, for the investigation?", "which road did you take?"),
    ("I'll need you to state where you keep the keys.", "tell me where you keep the keys."),
    ("I need to establish who runs the tavern, Ilsa.", "tell me who runs the tavern, Ilsa."),
    ("According to my notes the mayor was out late, so who saw him?", "the mayor was out late, so who saw him?"),
    ("To clarify, what do you sell?", "what do you sell?"),
    ("I have reason to believe the mayor left, so where did he go?", "I believe the mayor left, so where did he go?"),
    ("Would you show me exactly how you mend a net?", "Would you mend a net?"),
    ("Walk me through sorting the post by doing some now.", "show me sorting the post by doing some now."),
    ("What's the best time to be sure of a table?", "What's the best time to be sure of a table?"),  # mid-clause
    ("Walk me through the gallery.", "Walk me through the gallery."),  # a walk
])
def test_an_investigators_framing_is_said_plainly(said, plain):
    assert framed_plainly(said) == plain


@pytest.mark.parametrize(("npc", "line", "job"), [
    ("Otto", "Otto, what post do you hold here?", "guard"),
    ("Bram", "Bram, what line of work brings you to the museum?", "retired schoolteacher"),
])
def test_a_job_asked_by_its_post_is_the_npcs_role(museum, npc, line, job):  # noqa: F811
    assert job in ask(museum, npc, line).utterance


def test_the_room_crossed_on_the_way_from_a_place_left(school):  # noqa: F811
    answer = ask(school, "Kofi", "Kofi, when you leave the Library for the Staff Room, what do you walk along?")
    assert "Main Hallway" in answer.utterance, answer.utterance


def test_the_room_crossed_on_the_way_to_a_persons_office(desk):  # noqa: F811
    answer = ask(desk, "Rosa", "Rosa, if you left your chair to see Mr Okafor, which room would you cross?").utterance
    assert "Front Desk" in answer and "Manager's Office" in answer, answer


def test_a_thing_of_a_persons_place_is_about_the_place(desk):  # noqa: F811
    answer = ask(desk, "Rosa", "Rosa, what colour are the walls of the Manager's Office?").utterance
    assert "glass-walled" in answer, answer


def test_a_deed_done_with_prices_is_no_price_asked(harbour):  # noqa: F811
    answer = ask(harbour, "Tomas", "Tomas, what does Jonas do with his herring prices?").utterance
    assert "below the fair price" in answer, answer


@pytest.mark.parametrize(("line", "said"), [
    ("Greta, what are you eager to sell before the festival?", "sell lanterns"),
    ("Greta, what do you sell?", "for 1 coin"),  # the wares
])
def test_what_the_npc_is_keen_to_do_is_a_goal_where_one_says_it(harbour, line, said):  # noqa: F811
    assert said in ask(harbour, "Greta", line).utterance


def test_work_walked_through_by_doing_it_is_done(clinic):  # noqa: F811
    assert ask(clinic, "Iris", "Iris, walk me through filling prescriptions by doing one now.").action == "dispense"
    assert ask(clinic, "Iris", "Iris, walk me through filling prescriptions.").action != "dispense"


def test_a_name_said_last_is_not_what_is_asked(harbour):  # noqa: F811
    assert "Don't know" in ask(harbour, "Tomas", "What name does your fishing boat carry, Tomas?").utterance


def test_what_anyone_up_a_named_place_would_see_is_its_description(harbour):  # noqa: F811
    answer = ask(harbour, "Greta", "Greta, what would a person up at the top of the Lighthouse see?").utterance
    assert "every boat" in answer, answer


@pytest.mark.parametrize(("line", "said"), [
    ("Mara, tell me who you are.", "I'm Mara"),
    ("Tomas, how would you describe your way of life?", "I'm a"),
])
def test_who_the_npc_is_asked_as_a_statement_or_its_way_of_life(harbour, line, said):  # noqa: F811
    npc = line.split(",")[0]
    assert ask(harbour, npc, line).utterance.startswith(said)


@pytest.mark.parametrize(("text", "sketch"), [
    ("what are the walls of the manager's office made of?", ""),
    ("the rope seller's always saving you a seat", "the rope seller"),
])
def test_a_persons_place_is_no_sketch_of_them_but_a_contraction_is(text, sketch):
    assert sketch_in(text) == sketch
