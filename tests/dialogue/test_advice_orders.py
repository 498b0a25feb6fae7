"""Orders said as advice or a suggestion ("why not sell it to her?", "you'd best sign in",
"you'll want to take a number"), lines that only sound like them, and a sale to the person
the line names, in an invented market."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from simverse.agents.player import ask
from simverse.core.loader import parse_world
from simverse.llm.dialogue.reading import read
from simverse.llm.dialogue.requesting import polite_request
from simverse.world.model import World

_VERBS = frozenset({"weigh", "sell", "ring"})


def market() -> dict[str, Any]:
    """Osric carries a clay jug he may sell to anyone here with the coins; Hedda and Ulla
    stand beside him; the scales can be used only at the stall."""
    npc = {"traits": ["calm"], "sociability": 0.0, "start_place": "stall", "coins": 10}
    return {
        "format_version": 1, "name": "market", "title": "Market",
        "environment": {"start": "08:00", "minutes_per_step": 60},
        "settings": {"conversation_turns": 4, "hunger_per_step": 0.0, "embedder": "hashing"},
        "places": [{"id": "stall", "name": "Pot Stall", "connections": ["lane"]},
                   {"id": "lane", "name": "Back Lane", "connections": ["stall"]}],
        "items": [{"id": "jug", "name": "clay jug", "place": "Osric", "price": 3,
                   "properties": {"portable": True}}],
        "npcs": [
            {**npc, "name": "Osric", "persona": "A potter who sells jugs."},
            {**npc, "name": "Hedda", "persona": "A weigher of grain."},
            {**npc, "name": "Ulla", "persona": "A fishwife."},
        ],
        "actions": [
            {"name": "weigh_grain", "description": "Weigh a sack of grain on the scales.",
             "preconditions": ["actor.place == stall"], "effects": []},
            {"name": "trade", "description": "Sell something you carry to someone here for its price.",
             "args": {"item": "item", "npc": "npc"},
             "preconditions": ["actor.inventory has item", "npc.place == actor.place", "npc.coins >= item.price"],
             "effects": ["actor.inventory -= item", "npc.inventory += item", "npc.coins -= item.price",
                         "actor.coins += item.price"]},
        ],
    }


@pytest.fixture
def world() -> Iterator[World]:
    w = World(parse_world(market()), seed=0, embedder="hashing")
    yield w
    w.close()


@pytest.mark.parametrize(("line", "verb"), [
    ("why not weigh the sack now?", "weigh"),
    ("you'd best weigh it before the rush", "weigh"),
    ("you'll want to ring the bell soon", "ring"),
    ("Hedda, best weigh the sack before noon", "weigh"),
    ("you should sell that jug while you can", "sell"),
])
def test_advice_to_do_something_asks_it_done(line, verb):
    assert polite_request(read(line, frozenset(), frozenset({"hedda"})), _VERBS) == verb


@pytest.mark.parametrize("line", [
    "you should know the fair starts at noon", "you should have seen the storm", "you'd better believe it",
    "best day of the year, isn't it", "best of luck with the sale", "better late than never", "why not?",
    "why not Hedda?", "why not ask Ulla about it?",
    "why don't you weigh the grain yourself?", "best bakery in the lane, that one",
])
def test_lines_that_only_sound_like_advice_ask_nothing_done(line):
    assert polite_request(read(line, frozenset(), frozenset({"hedda", "ulla"})), _VERBS) is None


def test_advice_is_agreed_as_the_action_it_names(world):
    assert ask(world, "Hedda", "Hedda, you'd best weigh that sack of grain before noon").action == "weigh_grain"


def test_a_sale_goes_to_the_person_the_line_names(world):
    decision = ask(world, "Osric", "Osric, why not sell that clay jug to Ulla? She's right there.")
    assert (decision.action, decision.args) == ("trade", {"item": "jug", "npc": "Ulla"})
    decision = ask(world, "Osric", "sell the clay jug to Hedda")
    assert (decision.action, decision.args) == ("trade", {"item": "jug", "npc": "Hedda"})
