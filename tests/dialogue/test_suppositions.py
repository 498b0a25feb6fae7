"""Questions asked after a supposition or condition ("should I need a nurse, who's on?"),
read without it, while a wish asked through a supposition stays a wish; plans and spending
asked of the NPC ("what have you got planned for the weekend?", "what would you spend the
money on?") are no question about wares; "would it at all be possible to..." wraps an order;
a walk together put as a supposition ("what if we wandered over to the square?"); "tell me
the batch that's been recalled" asks which one; a speaker who says who they are to the NPC
("it's your neighbour Sunita") is not asked about."""

from __future__ import annotations

import pytest

from simverse.agents.player import ask
from simverse.llm.dialogue.greetings import introduces
from simverse.llm.dialogue.reported import as_question
from simverse.llm.dialogue.suppositions import without_condition
from simverse.llm.dialogue.wrapped_orders import bare_order
from tests.dialogue.test_asked_in_passing import harbour  # noqa: F401  (MiniLM)
from tests.dialogue.test_said_in_passing import clinic, desk  # noqa: F401  (MiniLM)


@pytest.mark.parametrize(("said", "asked"), [
    ("Should I need a nurse, who is on today?", "who is on today?"),
    ("Greta, supposing the fog rolls in, where will you shelter?", "Greta, where will you shelter?"),
    ("Thanks. In case I get lost; how do I reach the chapel?", "Thanks. how do I reach the chapel?"),
    ("If you could change one thing here, what would it be?",
     "If you could change one thing here, what would it be?"),  # a wish stays a wish
    ("Had you stayed at sea, what would you do now?", "Had you stayed at sea, what would you do now?"),  # another life
    ("If the bread is ready, would you wrap a loaf?", "If the bread is ready, would you wrap a loaf?"),  # the object
    ("Say I buy ten, would the price come down then?", "Say I buy ten, would the price come down then?"),  # leans on it
    ("Supposing it goes well, what would you call a win?", "Supposing it goes well, what would you call a win?"),
    ("If the bell rings, run to the door.", "If the bell rings, run to the door."),  # an order, not a question
])
def test_a_question_after_a_condition_is_read_without_it(said, asked):
    assert without_condition(said) == asked


def test_an_aim_asked_after_a_supposition(clinic):  # noqa: F811
    reply = ask(clinic, "Walter", "Supposing the doctor has time for you, what are you going to push for?").utterance
    assert "change my pills" in reply, reply


@pytest.mark.parametrize(("world", "npc", "said", "wanted"), [
    ("clinic", "Marco", "What have you got planned for the weekend?", "Sunday"),
    ("harbour", "Finn", "What would you spend the money on?", "boat"),
])
def test_plans_and_spending_are_no_question_about_wares(request, world, npc, said, wanted):
    reply = ask(request.getfixturevalue(world), npc, said).utterance
    assert wanted in reply and "sell" not in reply, reply


def test_what_is_sold_is_still_asked_as_wares(harbour):  # noqa: F811
    assert "herring" in ask(harbour, "Greta", "What have you got?").utterance.lower()


@pytest.mark.parametrize(("said", "order"), [
    ("Would it at all be possible to walk me to the square?", "walk me to the square."),
    ("Might it perhaps be okay to fetch the ladder?", "fetch the ladder."),
])
def test_orders_wrapped_in_a_possibility(said, order):
    assert bare_order(said) == order


def test_a_walk_together_put_as_a_supposition(harbour):  # noqa: F811
    walk = ask(harbour, "Greta", "What if you and I wandered over to the square?")
    assert walk.action == "move" and walk.args.get("place") == "square", walk


def test_tell_me_the_one_that_asks_which(desk):  # noqa: F811
    assert as_question("So, tell me the batch that has been recalled.") == "which batch is it that has been recalled?"
    reply = ask(desk, "Rosa", "Just so I know, tell me the batch that's been recalled.").utterance
    assert "K7" in reply, reply


@pytest.mark.parametrize(("said", "name", "said_who"), [
    ("Walter, it's your neighbour Sunita. How are you?", "Sunita", True),
    ("It's your old pal Aldo here.", "Aldo", True),
    ("Is Sunita your neighbour?", "Sunita", False),
])
def test_a_speaker_saying_who_they_are_to_the_npc(said, name, said_who):
    assert introduces(said, name) is said_who
