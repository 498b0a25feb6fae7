"""Orders said the everyday way: after a lead-in ("go and...", "be a dear and...", "don't
forget to..."), with a tag ("..., would you"), with a particle or pronoun after the verb
("pick up", "grab yourself"), or after a story in another clause; and an order that names
no action but the person or thing it is done to."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from dialogue_helpers import shipped, village

from simverse.agents.player import ask
from simverse.core.loader import parse_world
from simverse.llm.dialogue.imperatives import led_in, plain_order, untagged
from simverse.llm.dialogue.parts import request_clause
from simverse.llm.dialogue.reading import read
from simverse.llm.dialogue.requesting import polite_request
from simverse.world.model import World


@pytest.mark.parametrize(("line", "verb"), [
    ("go and bake a few more for the fair", "bake"),
    ("be a darling and bake us another batch", "bake"),
    ("don't forget to lock up the shed tonight", "lock"),
    ("fetch them some water, will you", "fetch"),
    ("come on, pick up the pace", "pick"),
    ("wrap yourself a loaf for later", "wrap"),
])
def test_an_everyday_order_names_its_verb(line, verb):
    assert polite_request(read(line)) == verb


@pytest.mark.parametrize("line", [
    "lovely morning for it", "love that old bakery", "bless them both", "go to the quay with me",
    "do not worry yourself", "what a busy square this is", "have a good one",
])
def test_a_remark_or_a_walk_is_no_everyday_order(line):
    assert plain_order(list(read(line).words)) is None


def test_a_lead_in_and_a_tag_are_left_out_of_the_order():
    assert untagged(["go", "on", "give", "it", "a", "stir", "would", "you"]) == ["give", "it", "a", "stir"]
    assert led_in(["go", "and", "stir", "the", "pot"]) == ["stir", "the", "pot"]
    assert led_in(["go", "to", "the", "pot"]) == ["go", "to", "the", "pot"]


def test_the_clause_that_orders_is_found_after_a_story():
    verbs = frozenset({"bake"})
    assert request_clause("the fair's at noon and we're short, bake another batch would you", verbs) \
        == "bake another batch would you"
    assert request_clause("now that the rain has stopped can you sweep the step", verbs) == "can you sweep the step"
    assert request_clause("bake another batch, the fair's at noon", verbs) is None  # it opens with its order
    assert request_clause("the fair's at noon, where can I sit?", verbs) is None  # a question
    assert request_clause("the fair's at noon, go on", verbs) is None  # a word or two ask nothing
    assert request_clause("if you won the fair's prize what would you buy first", verbs) is None  # asks what


def test_an_order_after_a_story_is_agreed_to(world):
    assert ask(world, "Hilde", "the square's packed and the shelves are bare, bake a few more would you").action \
        == "bake"


def test_the_story_before_an_order_names_no_action(world):
    said = ask(world, "Hilde", "the reeve says you should sell it all, bake another batch would you")
    assert said.action == "bake"  # not "sell", which the story says


@pytest.fixture
def reading_room() -> Iterator[World]:
    """The village with a psalter on the square and an action that takes a thing as its argument."""
    spec = village()
    spec["items"].append({"id": "psalter", "name": "old psalter", "place": "square", "quantity": 1,
                          "properties": {"readable": True}})
    spec["actions"].append({"name": "study", "description": "Study a book closely.", "args": {"item": "item"},
                            "preconditions": ["item.place == actor.place", "item.readable == true"],
                            "effects": []})
    w = World(parse_world(spec), seed=0, embedder="hashing")
    yield w
    w.close()


def test_an_order_naming_only_the_thing_is_the_action_that_takes_it(reading_room):
    said = ask(reading_room, "Kit", "kit, leaf through that old psalter and tell me what's in it")
    assert (said.action, said.args) == ("study", {"item": "psalter"})


def test_an_order_for_a_thing_not_here_is_not_done_with_another(reading_room):
    said = ask(reading_room, "Hilde", "hilde, leaf through that old psalter for me")
    assert said.action == "talk"  # the psalter is on the square, Hilde in her bakery


def test_a_walk_to_a_place_described_by_what_is_there_names_it():
    with shipped("museum_tour", "minilm") as w:
        said = ask(w, "Bram", "bram, come with me to see the mummy cases and the old amulets")
        nowhere = ask(w, "Bram", "bram, come with me to the swimming pool")
    assert "Ancient Wing" in said.utterance and "as far as Sculpture Hall" in said.utterance, said.utterance  # 2 away
    assert nowhere.action == "talk"  # close to no place: "where to?"
