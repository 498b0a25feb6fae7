"""A walk asked after what leads into it ("the Front Desk is free now. Could you go over
there?") is a walk to the place the line names, not the work done there; asked to walk
where it already stands, with a title ("Ms Arden, walk with me to the staff room"), the
NPC says it is there already rather than doing that place's work."""

from __future__ import annotations

import pytest

from simverse.agents.player import ask
from tests.dialogue.test_said_in_passing import desk, school  # noqa: F401  (MiniLM)


@pytest.mark.parametrize("line", [
    "Hugo, the Front Desk is free now. Could you go over there?",
    "Hugo, we'd like to finish this chat at the Front Desk, could you move up there with us?",
])
def test_a_walk_asked_after_a_lead_in_goes_to_the_place_named(desk, line):  # noqa: F811
    decision = ask(desk, "Hugo", line)
    assert (decision.action, dict(decision.args)) == ("move", {"place": "front_desk"}), decision.utterance


@pytest.mark.parametrize("line", ["Ms Arden, walk with me to the staff room", "Arden, follow me to the staff room"])
def test_a_walk_to_where_the_npc_stands_is_answered_as_a_walk(school, line):  # noqa: F811
    decision = ask(school, "Arden", line)
    assert decision.action == "talk" and "already" in decision.utterance, decision.utterance


def test_work_asked_where_the_npc_stands_is_still_done(school):  # noqa: F811
    assert ask(school, "Arden", "Ms Arden, could you mark papers here in the staff room?").action == "grade_papers"
