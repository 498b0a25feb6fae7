"""People found by the work they alone are seen doing (their schedule's actions, as the
world's rules describe them), and who heads a place as a whole, on an invented boatyard
and its toy encoder."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from simverse.agents.names import world_names
from simverse.agents.player import ask
from simverse.core.loader import parse_world
from simverse.llm.dialogue.doers import deed_asked
from simverse.llm.dialogue.reading import read
from simverse.world.model import World
from tests.dialogue.word_groups import WordGroups
from tests.hamlet import hamlet_world


def _action(name: str, description: str, place: str) -> dict[str, Any]:
    return {"name": name, "description": description, "preconditions": [f"actor.place == {place}"],
            "effects": [], "narration": "{actor} works."}


def boatyard() -> dict[str, Any]:
    """Tam mends the hulls (no role word says so), Bran keeps watch from the cove, Wenna is
    the mayor and Kit the village cook; everyone eats at the quay."""
    npc = {"traits": ["calm"], "sociability": 0.0, "start_place": "quay"}

    def day(work: str, place: str) -> list[dict[str, Any]]:
        return [{"start": "08:00", "place": place, "activity": "working", "action": work},
                {"start": "12:00", "place": "quay", "activity": "lunch", "action": "eat"}]

    return {
        **hamlet_world(), "name": "boatyard", "title": "Boatyard", "items": [], "knowledge": [],
        "places": [
            {"id": "quay", "name": "Stone Quay", "connections": ["yard", "cove"]},
            {"id": "yard", "name": "Boat Yard", "connections": ["quay"]},
            {"id": "cove", "name": "Gull Cove", "connections": ["quay"]},
        ],
        "actions": [_action("caulk", "Caulk and patch the hulls of the fishing boats.", "yard"),
                    _action("keep_watch", "Climb to the cove and look out for sails.", "cove"),
                    _action("eat", "Eat a bowl of chowder.", "quay")],
        "npcs": [
            {**npc, "name": "Tam", "persona": "Old Tam: quiet, fond of his pipe.", "schedule": day("caulk", "yard")},
            {**npc, "name": "Bran", "persona": "A young lad, all elbows.", "schedule": day("keep_watch", "cove")},
            {**npc, "name": "Wenna", "persona": "The mayor: brisk and fair.", "schedule": day("eat", "quay")},
            {**npc, "name": "Kit", "persona": "The village cook: cheerful.", "schedule": day("eat", "quay")},
        ],
    }


@pytest.fixture
def world() -> Iterator[World]:
    w = World(parse_world(boatyard()), seed=0, embedder="hashing")
    w.brain.hear_with(WordGroups({"mends", "mending", "patch", "caulk", "hulls", "boats"},
                                 {"lives", "cove", "climb", "sails"}))
    yield w
    w.close()


def test_a_person_s_work_is_what_their_day_alone_has_them_do():
    names = world_names(parse_world(boatyard()))
    assert names["Tam"].works == ("Caulk and patch the hulls of the fishing boats.",)
    assert names["Wenna"].works == ()  # eating is everyone's, no one's work


def test_a_person_no_role_word_names_is_found_by_the_work_they_are_seen_doing(world):
    answer = ask(world, "Kit", "who mends the boats round here?").utterance
    assert answer.startswith("That's Tam"), answer


def test_which_adult_asks_who_as_much_as_who_does():
    assert deed_asked(read("which adult teaches this lot?"), False) == "teaches this lot"
    assert deed_asked(read("which one of the staff mends the hulls?"), False) == "mends the hulls"
    assert deed_asked(read("which boat is the oldest?"), False) == ""


def test_where_someone_lives_is_not_asked_by_the_work_done_there(world):
    for line in ("who lives in the cove?", "who sleeps at gull cove?"):
        answer = ask(world, "Kit", line).utterance
        assert "Bran" not in answer, answer


@pytest.mark.parametrize("line", ["who's top dog in this village?",
                                  "just got off the boat. who's top dog in this village?"])
def test_the_head_of_a_whole_place_is_no_role_named_after_it(world, line):
    answer = ask(world, "Tam", line).utterance
    assert answer.startswith("That's Wenna"), answer
