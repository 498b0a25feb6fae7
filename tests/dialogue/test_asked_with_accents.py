"""A line typed with accents ("the café") is read as the world's names are, accents dropped,
so no word is cut at an accented letter; asked the name of a place's person ("the café's
chef"), the NPC does not answer with the place's name."""

from __future__ import annotations

import pytest

from simverse.agents.player import ask
from simverse.llm.dialogue.reading import read
from tests.dialogue.test_asked_by_description import museum  # noqa: F401  (MiniLM)
from tests.dialogue.test_asked_in_passing import harbour  # noqa: F401


@pytest.mark.parametrize(("line", "words"), [
    ("What's on at the café?", ["what", "is", "on", "at", "the", "cafe"]),  # "cafe": a world's name word
    ("Naïve question: where's the rôtisserie?", ["naive", "question", "where", "is", "the", "rotisserie"]),
])
def test_accented_words_are_read_whole(line, words):
    assert list(read(line, frozenset({"cafe"})).words) == words


def test_a_place_named_with_its_accent_is_told_its_name(museum):  # noqa: F811
    assert ask(museum, "Ada", "Ada, what is the name of the café?").utterance == "That's Museum Café."


@pytest.mark.parametrize(("npc", "line", "place"), [
    ("Ada", "What's the name of the Museum Café's chef?", "That's Museum Café."),
    ("Pieter", "what's the name of the tavern's landlady, Pieter?", "That's The Salty Gull."),
])
def test_the_name_of_someone_at_a_place_is_not_the_place_name(request, npc, line, place):
    world = request.getfixturevalue("museum" if npc == "Ada" else "harbour")
    assert place not in ask(world, npc, line).utterance


def test_the_name_of_a_place_said_by_what_it_is_is_still_told(harbour):  # noqa: F811
    answer = ask(harbour, "Pieter", "Pieter, what's the tavern by the harbour called?").utterance
    assert answer == "That's The Salty Gull."


def test_a_name_asked_of_nothing_said_is_no_place_name(harbour):  # noqa: F811
    said = "Pieter, did you have a dog as a boy? What was its name?"  # no place said as what is named
    assert not ask(harbour, "Pieter", said).utterance.startswith("That's")
