"""Places asked for by what is done there, which their names say ("where do I wait?" ->
Waiting Room), on an invented service desk; a word several places' names share ("room"),
no name has, a person's name ("Juno's Nook") or where the asker is ("in this depot")
names none."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from simverse.agents.player import ask
from simverse.core.loader import parse_world
from simverse.world.model import World


def desk() -> dict[str, Any]:
    return {
        "format_version": 1, "name": "desk", "title": "Desk",
        "environment": {"start": "08:00", "minutes_per_step": 60},
        "settings": {"conversation_turns": 4, "hunger_per_step": 0.0, "embedder": "hashing"},
        "places": [{"id": "desk", "name": "Front Desk", "connections": ["waiting", "returns"]},
                   {"id": "waiting", "name": "Waiting Room", "connections": ["desk"]},
                   {"id": "returns", "name": "Returns Room", "connections": ["desk", "lounge"]},
                   {"id": "lounge", "name": "Staff Lounge", "connections": ["returns", "nook", "annex"]},
                   {"id": "nook", "name": "Juno's Nook", "connections": ["lounge"]},
                   {"id": "annex", "name": "Depot Annex", "connections": ["lounge"]}],
        "npcs": [{"name": "Juno", "persona": "A desk clerk: brisk.", "traits": ["brisk"], "sociability": 0.0,
                  "start_place": "desk"}],
    }


@pytest.fixture(scope="module")
def world() -> Iterator[World]:
    w = World(parse_world(desk()), seed=0, embedder="hashing")
    yield w
    w.close()


@pytest.mark.parametrize(("line", "place"), [("where do I wait?", "Waiting Room"),
                                             ("where can I return this?", "Returns Room"),
                                             ("where do returns go?", "Returns Room")])
def test_a_place_named_for_what_is_done_there_is_found_by_it(world, line, place):
    assert place in ask(world, "Juno", line).utterance


@pytest.mark.parametrize("line", ["where can I get a room?", "where do I swim?",
                                  "juno, where would I find a doctor?", "where's the toilet in this depot?"])
def test_a_word_several_names_share_none_has_a_persons_name_or_where_one_is_names_no_place(world, line):
    said = ask(world, "Juno", line).utterance
    assert not any(p in said for p in ("Waiting Room", "Returns Room", "Staff Lounge", "Juno's Nook", "Depot Annex"))
