"""Questions asked in other words than the world's: what the NPC is after (its goals), how
it stands with a person it names, whom it gets on with, who does something (by meaning,
against the roles), and "come along to X" as a walk there. An invented mill world and a
toy encoder whose concepts are listed below."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from simverse.agents.player import ask
from simverse.core.loader import parse_world
from simverse.llm.dialogue.doers import deed_asked
from simverse.llm.dialogue.reading import read
from simverse.world.model import World
from tests.dialogue.word_groups import WordGroups


def _meanings() -> WordGroups:
    """The words of one group are one concept ("grind", "flour" and "miller"; "weave", "cloth" and
    "weaver")."""
    return WordGroups({"grind", "grinds", "flour", "miller"}, {"weave", "weaves", "cloth", "weaver"})


def mill() -> dict[str, Any]:
    npc = {"traits": ["calm"], "sociability": 0.0, "start_place": "yard"}
    return {
        "format_version": 1, "name": "mill", "title": "Mill",
        "environment": {"start": "08:00", "minutes_per_step": 60},
        "settings": {"conversation_turns": 4, "hunger_per_step": 0.0, "embedder": "hashing"},
        "places": [{"id": "yard", "name": "Mill Yard", "connections": ["loft"]},
                   {"id": "loft", "name": "Grain Loft", "connections": ["yard"]},
                   {"id": "creek", "name": "Cold Creek", "connections": []}],
        "npcs": [
            {**npc, "name": "Odile", "persona": "A carter who hauls sacks.",
             "goals": ["deliver forty sacks by dusk", "buy a second mule"],
             "relationships": {"Pell": {"kind": "cousin", "affinity": 0.6},
                               "Ruth": {"kind": "neighbour", "affinity": -0.3}}},
            {**npc, "name": "Pell", "persona": "The miller: runs the mill.", "goals": ["mend the wheel"]},
            {**npc, "name": "Ruth", "persona": "The weaver: sells cloth.", "goals": ["sell cloth"]},
        ],
    }


def mill_world() -> Iterator[World]:
    """The mill hamlet, its NPCs hearing with the word-group encoder (shared with other test files)."""
    w = World(parse_world(mill()), seed=0, embedder="hashing")
    w.brain.hear_with(_meanings())
    yield w
    w.close()


world = pytest.fixture(mill_world, name="world")


@pytest.mark.parametrize("line", ["Odile, what brings you out to the yard so early?",
                                  "what are you hoping to get done today?",
                                  "what would make the day worth it for you?"])
def test_what_the_npc_is_after_is_answered_from_its_goals(world, line):
    answer = ask(world, "Odile", line).utterance
    assert "forty sacks" in answer and "mule" in answer, answer


@pytest.mark.parametrize("line", ["Odile, what did you have for breakfast?",
                                  "what did you hope for last year, Odile?"])
def test_questions_not_about_its_aims_now_get_no_goals(world, line):
    assert "forty sacks" not in ask(world, "Odile", line).utterance


def test_how_it_stands_with_a_named_person_is_its_relationship(world):
    assert "Pell is my cousin" in ask(world, "Odile", "are you and Pell close?").utterance
    answer = ask(world, "Odile", "how are you getting on with Ruth these days?").utterance
    assert "Ruth is my neighbour" in answer and "don't much care" in answer, answer


def test_whom_it_gets_on_with_is_the_one_it_likes_best(world):
    answer = ask(world, "Odile", "who do you still get on with around here?").utterance
    assert "Pell" in answer and "Ruth" not in answer, answer


def test_who_does_something_is_matched_to_the_role_by_meaning(world):
    assert ask(world, "Odile", "who grinds the flour?").utterance == "That's Pell, the miller."
    assert ask(world, "Odile", "who's the one that weaves the cloth?").utterance == "That's Ruth, the weaver."


def test_a_deed_close_to_no_role_is_no_answer(world):
    answer = ask(world, "Odile", "who stole the lantern?").utterance
    assert "Pell" not in answer and "Ruth" not in answer, answer


def test_coming_along_to_a_neighbouring_place_is_a_walk_there(world):
    decision = ask(world, "Odile", "Odile, keep me company on the way to the Grain Loft?")
    assert (decision.action, decision.args) == ("move", {"place": "loft"})
    decision = ask(world, "Odile", "pop through to the grain loft with me")
    assert (decision.action, decision.args) == ("move", {"place": "loft"})


def test_coming_along_to_a_place_with_no_way_is_refused(world):
    decision = ask(world, "Odile", "keep me company on the way to Cold Creek?")
    assert decision.action == "talk" and "Cold Creek" in decision.utterance


def test_who_did_something_once_is_no_role_question(world):
    answer = ask(world, "Odile", "who spoiled the cloth on the cart?").utterance
    assert "Ruth" not in answer, answer


def test_who_is_a_role_noun_is_no_deed(world):
    assert deed_asked(read("who is the flour man here?"), False) == ""
    assert "Pell" not in ask(world, "Odile", "who is the new man here?").utterance
    assert ask(world, "Odile", "who is the one that grinds the flour?").utterance == "That's Pell, the miller."


def test_a_yes_no_question_prefers_a_fitting_belief_unless_a_goal_is_closer():
    from simverse.llm.dialogue.aims import goal_first
    from simverse.llm.dialogue.reading import read

    yes_no = read("are you planning any tests today?")
    assert not goal_first(yes_no, [0.2, 0.3], [0.6])
    assert goal_first(yes_no, [0.7], [0.6])
    assert goal_first(yes_no, [], [])
    assert goal_first(read("what are you planning today?"), [0.1], [0.9])
