"""Places asked for by what is there or done there, not by name: "where are the old
scrolls kept?" for a hall whose description shows them, "where can I get a tonic?"
for the place its seller works, the wares on sale; a place close to nothing the line
says, or two places as close, leave "I don't know". An invented abbey and a toy encoder."""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest

from simverse.agents.names import world_names
from simverse.agents.player import ask
from simverse.core.decisions import NameView
from simverse.core.loader import parse_world
from simverse.llm.dialogue.described import described_place, person_place, place_texts
from simverse.llm.dialogue.reading import read
from simverse.world.model import World
from tests.dialogue.word_groups import WordGroups


def _meanings() -> WordGroups:
    """"scrolls" are "papyri" and "manuscripts"; a "tonic" is a "remedy"; "brew" is "ale"."""
    return WordGroups({"scrolls", "papyri", "manuscripts"}, {"tonic", "remedy", "remedies", "potion"},
                      {"brew", "ale", "pint"})


def abbey() -> dict[str, Any]:
    npc = {"traits": ["calm"], "sociability": 0.0, "start_place": "gate"}
    return {
        "format_version": 1, "name": "abbey", "title": "Abbey",
        "environment": {"start": "08:00", "minutes_per_step": 60},
        "settings": {"conversation_turns": 4, "hunger_per_step": 0.0, "embedder": "hashing"},
        "places": [
            {"id": "gate", "name": "Abbey Gate", "description": "An arch of grey stone.",
             "connections": ["cloister"]},
            {"id": "cloister", "name": "Cloister", "description": "A quiet garden walk.",
             "connections": ["gate", "north_hall", "herbary", "cellar", "lodge"]},
            {"id": "lodge", "name": "Abbot's Lodge", "description": "A warm study.", "connections": ["cloister"]},
            {"id": "north_hall", "name": "North Hall", "description": "Shelves of old scrolls and manuscripts.",
             "connections": ["cloister"]},
            {"id": "herbary", "name": "Herbary", "description": "Drying racks and jars.",
             "connections": ["cloister"]},
            {"id": "cellar", "name": "Undercroft", "description": "Barrels in the dark.",
             "connections": ["cloister"]},
        ],
        "items": [{"id": "brew", "name": "mug of brew", "place": "cellar", "quantity": 5, "price": 2,
                   "properties": {"edible": True}},
                  {"id": "hall_key", "name": "North Hall key", "place": "cloister", "quantity": 1}],
        "npcs": [
            {**npc, "name": "Aude", "persona": "A porter who minds the gate."},
            {**npc, "name": "Gisla", "persona": "Gisla mixes remedies in the Herbary.",
             "start_place": "herbary"},
            {**npc, "name": "Anselm", "persona": "The abbot: stern but fair.", "start_place": "lodge"},
        ],
    }


@pytest.fixture
def world() -> Iterator[World]:
    w = World(parse_world(abbey()), seed=0, embedder="hashing")
    w.brain.hear_with(_meanings())
    yield w
    w.close()


@pytest.mark.parametrize(("line", "place"), [
    ("Aude, how do I get to the rooms with the old papyri?", "North Hall"),
    ("where do I get a tonic, a potion or a remedy?", "Herbary"),
    ("where can a thirsty man get a pint of ale?", "Undercroft"),
])
def test_a_place_asked_for_by_what_is_there_gets_its_way(world, line, place):
    answer = ask(world, "Aude", line).utterance
    assert f"To get to {place}, go by Cloister." in answer, answer


@pytest.mark.parametrize("line", ["how do I get through to the abbot?", "which way to Anselm's rooms?"])
def test_the_way_to_a_person_is_the_way_to_the_place_named_after_them(world, line):
    answer = ask(world, "Aude", line).utterance
    assert "To get to Abbot's Lodge, go by Cloister." in answer, answer


def test_the_way_starts_where_the_line_says(world):
    answer = ask(world, "Aude", "where can a thirsty man get a pint of ale from the cloister?").utterance
    assert "Undercroft is right next to Cloister" in answer, answer


@pytest.mark.parametrize("line", ["where is the swimming pool?", "how do I get to the blacksmith's forge?",
                                  "where is the North Hall key kept?"])
def test_a_place_close_to_nothing_in_the_world_is_not_guessed(world, line):
    answer = ask(world, "Aude", line).utterance.lower()
    assert "go by" not in answer and "next to" not in answer, answer


def test_what_everyone_knows_of_a_place_is_its_description_wares_and_workers():
    texts = place_texts(SimpleNamespace(names=world_names(parse_world(abbey()))))  # type: ignore[arg-type]
    assert texts["north_hall"] == ["North Hall: Shelves of old scrolls and manuscripts."]
    assert texts["cellar"] == ["Undercroft: Barrels in the dark.", "mug of brew"]
    assert any("Gisla" in t for t in texts["herbary"]), texts["herbary"]


@pytest.mark.parametrize(("scores", "chosen"), [
    ({"a": 0.7, "b": 0.3}, "a"),
    ({"a": 0.7, "b": 0.65}, None),  # two as close: no guess
    ({"a": 0.3, "b": 0.1}, None),  # nothing close enough
])
def test_only_a_place_clearly_closest_is_chosen(scores, chosen):
    assert described_place(scores) == chosen


@pytest.mark.parametrize(("line", "place"), [("how would I get through to the manager?", "office"),
                                             ("where does the manager live?", None)])
def test_a_role_said_as_a_word_is_its_one_person(line, place):
    names = {"manager": NameView("manager", "concept", "manager"),
             "Okafor": NameView("Okafor", "npc", "Okafor", ("service manager",)),
             "office": NameView("office", "place", "Manager's Office"),
             "hall": NameView("hall", "place", "Main Hall")}
    assert person_place(SimpleNamespace(names=names), "manager", read(line)) == place  # type: ignore[arg-type]
