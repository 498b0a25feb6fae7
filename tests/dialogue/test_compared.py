"""Things weighed against each other, answered from what the world lists: the cheapest or
dearest ware of a place and which of two costs more, the places between two and which of
two is nearer, the person regarded most or least by degree ("whose company means the most
to you?"); and a request whose action the NPC cannot do now refused, not turned into
another deed it can; "who sits next to you?" asks for a deskmate or a neighbour."""

from __future__ import annotations

import pytest

from simverse.agents.player import ask
from tests.dialogue.test_asked_in_passing import harbour  # noqa: F401  (MiniLM)
from tests.dialogue.test_described_places import classroom  # noqa: F401
from tests.dialogue.test_hints_and_sketches import valley  # noqa: F401
from tests.dialogue.test_said_in_passing import clinic, desk  # noqa: F401


@pytest.mark.parametrize(("world", "npc", "said", "wanted"), [
    ("valley", "Brakka", "What's the cheapest thing you sell?", "The cheapest here is a travel loaf, 1 coin."),
    ("valley", "Brakka", "Which of your wares costs the most?", "The dearest is a dragon-ward charm, 4 coins."),
    ("harbour", "Nell", "What's the least a body can spend at Market Street?",
     "The cheapest at Market Street is a paper lantern, 1 coin."),
    ("classroom", "Milo", "What's the cheapest bite to eat in the cafeteria?", "The cheapest at Cafeteria is an apple"),
])
def test_the_cheapest_or_dearest_ware_of_a_place(request, world, npc, said, wanted):
    reply = ask(request.getfixturevalue(world), npc, said).utterance
    assert wanted in reply, reply


def test_a_place_the_world_does_not_call_so_is_not_taken_for_here(valley):  # noqa: F811
    reply = ask(valley, "Brakka", "What's the cheapest thing at the bathhouse?").utterance
    assert "loaf" not in reply, reply


def test_two_prices_weighed(valley):  # noqa: F811
    reply = ask(valley, "Pip", "Which is cheaper, the rope or the stew?").utterance
    assert "3 coins" in reply and "2 coins" in reply and reply.endswith("So the bowl of mutton stew costs less."), reply


@pytest.mark.parametrize(("world", "npc", "said", "wanted"), [
    ("harbour", "Finn", "What lies between the lighthouse and the bakery?",
     "Between The Lighthouse and Mara's Bakery lie The Harbour and Market Street."),
    ("clinic", "Ben", "Going from the pharmacy to the nurse station, which rooms do I pass through?",
     "Between Pharmacy Counter and Nurse Station lie Reception and Waiting Room."),
    ("harbour", "Finn", "What's between the harbour and the market?", "Nothing: The Harbour and Market Street"),
])
def test_the_places_between_two(request, world, npc, said, wanted):
    reply = ask(request.getfixturevalue(world), npc, said).utterance
    assert wanted in reply, reply


def test_between_you_and_me_asks_no_way(harbour):  # noqa: F811
    reply = ask(harbour, "Finn", "Between you and me, who do you trust?").utterance
    assert "lie" not in reply and "Between" not in reply, reply


@pytest.mark.parametrize(("said", "wanted"), [
    ("Which is nearer, the chapel or the bakery?", "Mara's Bakery is nearer: it's right next door; Chapel of"),
    ("Which is closer from here, the tavern or the lighthouse?", "Neither: The Salty Gull and The Lighthouse are both"),
])
def test_which_of_two_places_is_nearer(harbour, said, wanted):  # noqa: F811
    reply = ask(harbour, "Greta", said).utterance
    assert wanted in reply, reply


@pytest.mark.parametrize(("world", "npc", "said", "wanted", "not_wanted"), [
    ("harbour", "Ilsa", "Whose company matters the most to you?", "Mara", "Pieter"),
    ("desk", "Bea", "Of your two mentors, who are you closer to?", "Sam", None),
    ("harbour", "Tomas", "Who would you be slower to trust, Finn or Jonas?", "Jonas", "Finn"),
])
def test_the_person_regarded_most_or_least(request, world, npc, said, wanted, not_wanted):
    reply = ask(request.getfixturevalue(world), npc, said).utterance
    assert wanted in reply and (not_wanted is None or not_wanted not in reply), reply


def test_a_request_the_npc_cannot_do_now_is_refused_not_swapped(clinic):  # noqa: F811
    said = ask(clinic, "Nadia", "Nadia, vaccinate me here at the desk.")  # far closer to a jab than to booking
    assert said.action in (None, "talk") and "can't give a flu vaccine" in said.utterance, said


def test_where_to_go_for_a_thing_a_place_describes(clinic):  # noqa: F811
    reply = ask(clinic, "Ben", "Where do I go for the flu vaccine?").utterance  # "Where the flu vaccines are given"
    assert reply == "To get to Nurse Station, go by Waiting Room.", reply


@pytest.mark.parametrize(("world", "npc", "said", "wanted"), [
    ("classroom", "Ines", "Who sits next to you?", "Zara is my deskmate."),
    ("clinic", "Walter", "Who lives next door to you?", "Sunita is my neighbour."),
])
def test_who_is_next_to_the_npc(request, world, npc, said, wanted):
    assert ask(request.getfixturevalue(world), npc, said).utterance == wanted
