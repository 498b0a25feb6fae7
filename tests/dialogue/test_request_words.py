"""Requests named by light verbs, by the NPC's own work, by a verb without its "re", after the
name of the one asked, and asked softly ("mind mending...?"), and lines asking to be told
about the work, which are none, in a world of invented people and actions."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from simverse.agents.player import ask
from simverse.core.loader import parse_world
from simverse.world.model import World


def ferry() -> dict[str, Any]:
    """A ferry landing: Tobin mends nets there all day; a token he could hand over if he
    had it; a hull that can be recaulked only in the boatshed."""
    npc = {"traits": ["calm"], "sociability": 0.0}
    return {
        "format_version": 1, "name": "ferry", "title": "Ferry",
        "environment": {"start": "08:00", "minutes_per_step": 60},
        "settings": {"conversation_turns": 4, "hunger_per_step": 0.0, "embedder": "hashing"},
        "places": [
            {"id": "landing", "name": "Ferry Landing", "connections": ["boatshed"]},
            {"id": "boatshed", "name": "Boatshed", "connections": ["landing"]},
        ],
        "items": [{"id": "token", "name": "brass token", "place": "boatshed", "quantity": 1}],
        "npcs": [
            {**npc, "name": "Tobin", "persona": "The ferryman: slow, kind, forever mending.", "start_place": "landing",
             "schedule": [{"start": "00:00", "place": "landing", "activity": "mending the nets",
                           "action": "mend_nets"}]},
            {**npc, "name": "Wenna", "persona": "A traveller waiting for the boat.", "start_place": "landing"},
        ],
        "actions": [
            {"name": "mend_nets", "description": "Mend torn fishing nets.",
             "preconditions": ["actor.place == landing"], "effects": []},
            {"name": "hand_token", "description": "Give the brass token to someone who needs it.",
             "preconditions": ["token.place == actor"], "effects": []},
            {"name": "recaulk", "description": "Recaulk the hull of the ferry.",
             "preconditions": ["actor.place == boatshed"], "effects": []},
            {"name": "ring_bell", "description": "Ring the landing bell for the next crossing.", "effects": []},
        ],
    }


@pytest.fixture
def world() -> Iterator[World]:
    w = World(parse_world(ferry()), seed=0, embedder="hashing")
    yield w
    w.close()


@pytest.mark.parametrize("line", ["Could you keep at it for a while?", "Tobin, would you give us a hand with the net?",
                                  "please carry on, don't mind me"])
def test_a_request_about_the_npcs_own_work_is_that_work(world, line):
    assert ask(world, "Tobin", line).action == "mend_nets"


def test_a_verb_asked_without_its_re_names_the_action_and_is_refused_when_not_allowed(world):
    decision = ask(world, "Tobin", "Could you caulk the hull again, please?")
    assert decision.action == "talk" and "recaulk" in decision.utterance.lower(), decision.utterance


def test_an_order_after_the_name_of_the_one_asked_is_checked_against_the_rules(world):
    assert ask(world, "Tobin", "Tobin, could you ring the bell?").action == "ring_bell"


@pytest.mark.parametrize("line", ["could you tell me about the torn nets?", "can you explain how you mend nets?"])
def test_asking_to_be_told_about_the_work_is_no_order_to_do_it(world, line):
    assert ask(world, "Tobin", line).action == "talk"


@pytest.mark.parametrize("line", ["mind mending the nets for me?", "would you mind mending the nets?"])
def test_mind_doing_it_is_asked_softly(world, line):
    assert ask(world, "Tobin", line).action == "mend_nets"


@pytest.mark.parametrize("line", ["come over to the boatshed", "Tobin, come through to the boatshed"])
def test_coming_to_a_place_is_a_walk_there(world, line):
    decision = ask(world, "Tobin", line)
    assert (decision.action, decision.args) == ("move", {"place": "boatshed"})


def test_asking_whether_it_came_to_a_place_is_a_question(world):
    assert ask(world, "Tobin", "did you come over to the boatshed?").action == "talk"
