"""Rule outcomes through the EventResolver: complete outcomes, preconditions, conflicts."""

from __future__ import annotations

from event_helpers import make_port, new_port

from simverse.core.loader import load_world, shipped_worlds
from simverse.events.resolution import EventResolver
from simverse.events.resolver import ActionCall
from simverse.world.model import World


def test_world_uses_the_event_resolver():
    port = new_port()
    world = make_port(port)
    assert isinstance(world.resolver, EventResolver)


def test_rule_outcome_is_complete_with_template_social():
    port = new_port()
    world = make_port(port)
    outcome = world.resolver.resolve(world.state, ActionCall("Ann", "buy", {"item": "bread"}))
    assert outcome.success and outcome.source == "rule"
    assert outcome.effects[0].as_list() == ["bread", "quantity", "remove", 1]
    assert outcome.observers == ["Ann", "Bob"]
    assert outcome.narration == "Ann buys a loaf."
    assert outcome.social is not None and outcome.social.actor_reaction == "satisfied"
    assert outcome.confidence == 1.0


def test_failed_precondition_changes_nothing():
    port = new_port()
    port["npcs"][0]["coins"] = 0
    world = make_port(port)
    before = world.state.copy()
    outcome, = world.resolver.resolve_sequence(world.state, [ActionCall("Ann", "buy", {"item": "bread"})])
    assert not outcome.success and "actor.coins >= item.price" in outcome.reason
    assert world.state.entities == before.entities


def test_last_loaf_goes_to_the_first_and_the_loser_names_the_winner():
    port = new_port()
    world = make_port(port)
    calls = [ActionCall("Bob", "buy", {"item": "bread"}), ActionCall("Ann", "buy", {"item": "bread"})]
    won, lost = world.resolver.resolve_sequence(world.state, calls)
    assert won.success and not lost.success
    assert "Bob got there first this step" in lost.reason
    assert world.state.entities["Bob"]["inventory"] == ["bread"]


def test_every_declared_action_of_every_shipped_world_resolves_by_rule():
    for path in shipped_worlds():
        spec = load_world(path)
        world = World(spec, seed=0, embedder="hashing", memory=False)
        for action in spec.actions:
            assert world.resolver.by_rule(action.name), f"{spec.name}: {action.name} needs a model"
        assert world.resolver.by_rule("move") and world.resolver.by_rule("wait")
        assert world.resolver.backend is None
        world.close()
