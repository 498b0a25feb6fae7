"""What the NPC is after, asked by what it does a thing for, by its hurry, by what would
please it, by what has brought it here, or by what weighs on it when it keeps no secret;
lines of the same shape that ask something else keep their reading."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from simverse.agents.player import ask
from simverse.core.loader import parse_world
from simverse.llm.dialogue.aims import as_own, goal_asked
from simverse.llm.dialogue.reading import read
from simverse.world.model import World
from tests.dialogue.test_aims_bonds_deeds import mill_world

world = pytest.fixture(mill_world, name="world")


@pytest.mark.parametrize("line", ["what is it you're hauling so hard for, Odile?",
                                  "what's the big hurry with all those sacks?",
                                  "what would make you go home happy tonight?",
                                  "what's got you out on the road in this weather?",
                                  "you look tense, what's weighing on you?",
                                  "what'd make today a good one for you, Odile?",
                                  "you don't seem bothered by the rain, what are you actually after?",
                                  "you keep eyeing the door, where are you supposed to be?",
                                  "how much are you really asking the carter for?"])
def test_a_goal_asked_sideways_is_answered_from_the_goals(world, line):
    answer = ask(world, "Odile", line).utterance
    assert "forty sacks" in answer, answer


@pytest.mark.parametrize("line", ["what are you looking at?", "what do you use that rope for?",
                                  "who are you waiting for?", "what is the rush hour like?",
                                  "what made you happy last year?", "how much are you asking for the flour?",
                                  "where is the mill supposed to be?"])
def test_lines_of_the_same_shape_that_ask_no_goal(line):
    assert not goal_asked(read(line)), line


@pytest.mark.parametrize("line", ["Odile, did you always want to be a miller?",
                                  "what did you want to be as a girl?",
                                  "have you always hoped to run the mill yourself?",
                                  "what did you dream of when you were young?"])
def test_a_wish_of_its_past_is_not_answered_with_what_it_is_after_now(world, line):
    assert not goal_asked(read(line)), line
    assert "forty sacks" not in ask(world, "Odile", line).utterance



def test_a_goal_written_of_the_npc_is_said_as_its_own():
    spec = {
        "format_version": 1, "name": "slip", "title": "Slip",
        "environment": {"start": "08:00", "minutes_per_step": 60},
        "settings": {"conversation_turns": 4, "hunger_per_step": 0.0, "embedder": "hashing"},
        "places": [{"id": "slip", "name": "Boat Slip", "connections": []}],
        "npcs": [{"name": "Gus", "persona": "A boatwright.", "traits": ["calm"], "sociability": 0.0,
                  "start_place": "slip", "goals": ["mend his boat", "help Ada with her sail"]},
                 {"name": "Ada", "persona": "A sailor.", "traits": ["calm"], "sociability": 0.0,
                  "start_place": "slip"}],
    }
    w = World(parse_world(spec), seed=0, embedder="hashing")
    try:
        answer = ask(w, "Gus", "what are you hoping for today?").utterance
    finally:
        w.close()
    assert "mend my boat" in answer and "help Ada with her sail" in answer, answer


@pytest.mark.parametrize(("goal", "said"), [
    ("get her flu jab while she is here", "get my flu jab while I am here"),  # the verb agrees with "I"
    ("prove he has the best catch", "prove I have the best catch"),
    ("be told he can run on Sunday", "be told I can run on Sunday"),
])
def test_a_goal_written_of_the_npc_is_said_in_its_own_words(goal, said):
    assert as_own(goal, SimpleNamespace(names={}, npc="Leah")) == said
