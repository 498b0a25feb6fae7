"""Scene commands read offline: weather, time of day, routes, places, fuzzy place names."""

from __future__ import annotations

import pytest
from event_helpers import make_port, new_port
from sqlalchemy import select

from simverse.events.inference import EventQuery
from simverse.events.resolver import ActionCall
from simverse.events.scene import match_scene
from simverse.events.validation import InferenceCounts
from simverse.store.models import EventRow
from simverse.store.provenance import effects_of_event
from simverse.world.model import World


@pytest.fixture(scope="module")
def harbor() -> World:
    return World("harbor_town", seed=0, embedder="hashing", memory=False)


def read(world: World, text: str, place: str | None = None):
    return match_scene(EventQuery("scene", text, None, place), world.state, world.places, InferenceCounts())


def changes(outcome):
    return [e.as_list() for e in outcome.effects]


def test_storm_over_a_named_place_sets_that_places_weather(harbor):
    outcome = read(harbor, "a storm rolls in over the harbour")
    assert changes(outcome) == [["harbour", "weather", "set", "storm"]]
    assert outcome.place == "harbour" and "Nell" in outcome.observers  # the lighthouse sees the harbour


def test_it_is_night_now_overrides_the_time_of_day(harbor):
    assert changes(read(harbor, "it is night now")) == [["world", "time_of_day", "set", "night"]]


def test_closing_the_bridge_to_the_market_closes_its_connections(harbor):
    keys = [e.value for e in read(harbor, "close the bridge to the market").effects]
    assert sorted(keys) == ["bakery|market", "harbour|market", "market|square"]


def test_a_misspelt_place_is_still_found(harbor):
    assert changes(read(harbor, "make it rain over the harbor")) == [["harbour", "weather", "set", "rain"]]


def test_text_without_a_rule_is_told_but_changes_nothing(harbor):
    outcome = read(harbor, "a choir sings somewhere")
    assert outcome.success and outcome.effects == [] and outcome.confidence < 0.5
    assert "no scene rule matched" in outcome.notes


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


def test_a_closed_route_blocks_moves():
    port = new_port()
    world = make_port(port)
    world.scene("close the road between the harbour and the market")
    world.step()
    outcome = world.resolver.resolve(world.state, ActionCall("Cid", "move", {"place": "harbour"}))
    assert not outcome.success and "closed" in outcome.reason
