"""People asked about by how they are described ("the boat lady down by the water"), found
by how everyone knows them and their role, of the sex the description says; a description
of something done once, or one that fits no one clearly, names no one."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from simverse.agents.names import pronoun_of
from simverse.agents.player import ask
from simverse.core.loader import parse_world
from simverse.llm.dialogue.sketched import sketch_in
from simverse.world.model import World
from tests.dialogue.word_groups import WordGroups


def ford() -> dict[str, Any]:
    """A river ford: a ferry keeper, a stable lad, and Osk, whose cousin the lad is."""
    npc = {"traits": ["calm"], "sociability": 0.0}
    return {
        "format_version": 1, "name": "ford", "title": "Ford",
        "environment": {"start": "08:00", "minutes_per_step": 60},
        "settings": {"conversation_turns": 4, "hunger_per_step": 0.0, "embedder": "hashing"},
        "places": [{"id": "bank", "name": "River Bank", "connections": ["yard"]},
                   {"id": "yard", "name": "Stable Yard", "connections": ["bank"]}],
        "npcs": [
            {**npc, "name": "Tilda", "persona": "The ferry keeper, who rows the ferry; she never smiles.",
             "start_place": "bank"},
            {**npc, "name": "Bren", "persona": "A young groom who feeds the horses; his boots are muddy.",
             "start_place": "yard"},
            {**npc, "name": "Osk", "persona": "A tinker passing through.", "start_place": "bank",
             "relationships": {"Bren": {"kind": "cousin", "affinity": 0.5}}},
        ],
    }


@pytest.fixture
def world() -> Iterator[World]:
    w = World(parse_world(ford()), seed=0, embedder="hashing")
    w.brain.hear_with(WordGroups({"ferry", "boat", "boats"}, {"horses", "ponies", "nags"}))
    yield w
    w.close()


def test_a_person_described_by_what_they_do_is_named(world):
    assert "Tilda" in ask(world, "Osk", "who's the woman who rows the boats?").utterance
    assert "Tilda" in ask(world, "Osk", "what's the name of the boat lady who rows people over?").utterance


def test_a_described_person_s_tie_to_the_npc_is_told(world):
    answer = ask(world, "Osk", "that lad who feeds the ponies, what is he to you?").utterance
    assert "cousin" in answer, answer


def test_a_described_person_asked_with_you_two_is_about_them(world):
    answer = ask(world, "Osk", "do you two work together much, you and the lad who feeds the ponies?").utterance
    assert "cousin" in answer, answer


def test_which_of_several_is_the_one_described(world):
    assert "Tilda" in ask(world, "Osk", "which of them is the woman who rows the boats?").utterance


def test_a_description_of_the_other_sex_names_no_one(world):
    answer = ask(world, "Osk", "who's the man who rows the boats?").utterance
    assert "Tilda" not in answer, answer


def test_something_done_once_names_no_one(world):
    answer = ask(world, "Osk", "who's the woman who rowed the boats away last night?").utterance
    assert "Tilda" not in answer, answer


def test_where_a_described_person_is_does_not_make_them_one_who_works_there(world):
    answer = ask(world, "Osk", "the woman who sings at the ferry every night, what is she to you?").utterance
    assert "Tilda" not in answer, answer


def test_a_description_that_fits_no_one_gets_no_guess(world):
    answer = ask(world, "Osk", "who's the old man in the red cloak?").utterance
    assert not any(n in answer for n in ("Tilda", "Bren")), answer


@pytest.mark.parametrize(("persona", "pronoun"), [("A hard-working girl who skips breakfast.", "she"),
                                                  ("Father Aldo, the priest.", "he"),
                                                  ("The pharmacy assistant: precise.", ""),
                                                  ("A mother who lost her son.", "")])
def test_a_persona_says_a_pronoun_only_when_it_says_one_sex(persona, pronoun):
    assert pronoun_of(persona) == pronoun


def test_a_sketch_needs_something_that_tells_the_person_apart():
    assert sketch_in("who's the man?") == ""
    assert sketch_in("who's the old man?") == "the old man"
    assert sketch_in("the lady at the stalls, who is she?") == "the lady at the stalls"
