"""What has the NPC absorbed or about at this hour, what it is itching to do, a question said
as something the speaker forgot, and a lead-in with "as" that orders nothing."""

from __future__ import annotations

import pytest

from simverse.agents.player import ask
from tests.dialogue.test_asked_in_passing import harbour, museum  # noqa: F401  (MiniLM)
from tests.dialogue.test_described_places import classroom  # noqa: F401
from tests.dialogue.test_said_in_passing import clinic, desk  # noqa: F401


@pytest.mark.parametrize(("world", "npc", "said", "wanted"), [
    ("classroom", "Theo", "Theo, what's got you so engrossed?", "reading"),
    ("harbour", "Aldo", "Father, what has you on your knees at this ungodly hour?", "prayers"),
    ("museum", "Bram", "Bram, which old treasure in the glass cases are you itching to show your grandchildren?",
     "sarcophagus"),
    ("harbour", "Tomas", "I've forgotten who bakes the bread round here, Tomas.", "Mara"),
])
def test_the_line_gets_what_it_asks(request, world, npc, said, wanted):
    reply = ask(request.getfixturevalue(world), npc, said).utterance
    assert wanted in reply, reply


def test_a_lead_in_with_as_orders_nothing(desk):  # noqa: F811
    """service_desk's approve_refund is described "As manager, approve ...": "as" is no deed."""
    said = "Bea, it's Sam. As the newest agent on the desk, which caller frightens you most?"
    decision = ask(desk, "Bea", said, "Sam")
    assert decision.action == "talk" and "can't" not in decision.utterance, decision.utterance


def test_eagerness_said_beside_another_question_asks_no_aim(clinic):  # noqa: F811
    said = "Sunita, what do you do for a living? You look like you're itching to get back to it."
    reply = ask(clinic, "Sunita", said).utterance
    assert "I mean to" not in reply, reply
