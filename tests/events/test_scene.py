"""Scene commands read offline: grounded names, weather, time, light, places, connections,
items, people, negation, tense, and refusals that change nothing."""

from __future__ import annotations

import pytest
from event_helpers import make_port, new_port
from sqlalchemy import select

from simverse.core.state import WorldState
from simverse.events.inference import EventQuery
from simverse.events.resolver import ActionCall
from simverse.events.validation import InferenceCounts
from simverse.store.models import EventRow
from simverse.store.provenance import effects_of_event
from simverse.world.model import World


@pytest.fixture(scope="module")
def harbor() -> World:
    return World("harbor_town", seed=0, embedder="hashing", memory=False)


def read(world: World, text: str, place: str | None = None, state: WorldState | None = None):
    query = EventQuery("scene", text, None, place)
    return world.resolver.scene.read(query, state or world.state, InferenceCounts())


def changes(outcome):
    return sorted(e.as_list() for e in outcome.effects)


def test_storm_over_a_named_place_sets_that_places_weather(harbor):
    outcome = read(harbor, "a storm rolls in over the harbour")
    assert outcome.success and changes(outcome) == [["harbour", "weather", "set", "storm"]]
    assert outcome.place == "harbour" and "Nell" in outcome.observers  # the lighthouse sees the harbour


def test_a_negated_weather_command_ends_that_weather_only(harbor):
    snowy = harbor.state.copy()
    snowy.entities["world"]["weather"] = "snow"
    assert changes(read(harbor, "the snow has stopped", state=snowy)) == [["world", "weather", "set", "clear"]]
    rainy = harbor.state.copy()
    rainy.entities["world"]["weather"] = "rain"
    outcome = read(harbor, "the snow has stopped", state=rainy)
    assert outcome.success and outcome.effects == []


def test_clock_times_and_named_times_move_the_clock_forward(harbor):
    assert changes(read(harbor, "set the time to 18:30")) == [["world", "time", "set", "18:30"]]
    assert changes(read(harbor, "make it evening")) == [["world", "time", "set", "18:00"]]
    assert changes(read(harbor, "it's 5 am")) == [["world", "day", "add", 1], ["world", "time", "set", "05:00"]]
    assert changes(read(harbor, "three hours later")) == [["world", "time", "set", "09:00"]]


def test_closing_the_bridge_to_the_market_closes_its_connections(harbor):
    keys = sorted(e.value for e in read(harbor, "close the bridge to the market").effects)
    assert keys == ["bakery|market", "harbour|market", "market|square"]


def test_a_connection_between_places_that_are_not_connected_is_refused(harbor):
    outcome = read(harbor, "close the road between the chapel and the harbour")
    assert not outcome.success and outcome.effects == [] and "not connected" in outcome.reason


def test_names_are_found_by_alias_synonym_and_spelling_slip(harbor):
    assert changes(read(harbor, "the pub is closed")) == [["tavern", "closed", "set", True]]
    assert changes(read(harbor, "make it rain over the harbor")) == [["harbour", "weather", "set", "rain"]]
    assert changes(read(harbor, "the bakry is on fire")) == [["bakery", "burning", "set", True]]


def test_items_and_people_change_as_said(harbor):
    assert changes(read(harbor, "the bread is sold out")) == [["bread", "quantity", "set", 0]]
    assert changes(read(harbor, "give the ledger to Nell")) == [["ledger", "place", "move", "Nell"]]
    assert changes(read(harbor, "Pieter pays Mara 2 coins")) == [["Mara", "coins", "add", 2],
                                                                 ["Pieter", "coins", "remove", 2]]
    assert changes(read(harbor, "send Finn to the tavern")) == [["Finn", "place", "move", "tavern"]]


@pytest.mark.parametrize("text", [
    "a dragon lands in the square", "it will rain tomorrow", "don't close the bakery",
    "Mara falls in love with Tomas", "the casino is closed", "send Mara to Paris", "is it raining?",
    "Finn loses 5 coins",
])
def test_commands_that_cannot_be_mapped_are_refused_with_a_reason(harbor, text):
    outcome = read(harbor, text)
    assert not outcome.success and outcome.effects == [] and outcome.reason


def test_two_clauses_both_apply_or_none_does(harbor):
    both = read(harbor, "a storm hits the harbour and the road from the square to the chapel is closed")
    assert changes(both) == [["harbour", "weather", "set", "storm"], ["world", "closed_routes", "add", "chapel|square"]]
    half = read(harbor, "a storm hits the harbour and a dragon eats the mayor")
    assert not half.success and half.effects == []


def test_scene_command_applies_next_step_and_observers_remember_it():
    port = new_port()
    world = make_port(port)
    world.scene("close the road between the harbour and the market")
    assert world.state.closed_routes == []
    world.step()
    assert world.state.closed_routes == ["harbour|market"]
    assert world.route("bakery", "harbour") == []
    with world.store.session() as session:
        event = session.scalars(select(EventRow).where(EventRow.run_id == world.run_id, EventRow.kind == "scene")).one()
    assert event.effects == [["world", "closed_routes", "add", "harbour|market"]] and event.source == "scene"
    caused = effects_of_event(world.store, world.run_id, event.id)
    assert {m.npc for m in caused.memories} == {"Ann", "Bob", "Cid"}
    assert all("closed" in m.text for m in caused.memories)


def test_a_refused_scene_command_is_recorded_and_changes_nothing():
    world = make_port(new_port())
    before = world.state.copy()
    world.scene("a dragon sets the sky on fire")
    world.step()
    with world.store.session() as session:
        event = session.scalars(select(EventRow).where(EventRow.run_id == world.run_id, EventRow.kind == "scene")).one()
    assert not event.success and event.reason and event.effects == []
    assert world.state.closed_routes == before.closed_routes
    assert {p: world.state.entities[p] for p in ("harbour", "market", "bakery")} == \
        {p: before.entities[p] for p in ("harbour", "market", "bakery")}


def test_a_closed_route_blocks_moves():
    world = make_port(new_port())
    world.scene("close the road between the harbour and the market")
    world.step()
    outcome = world.resolver.resolve(world.state, ActionCall("Cid", "move", {"place": "harbour"}))
    assert not outcome.success and "closed" in outcome.reason
