"""Plug-in cognition: custom brains, metrics and action resolvers named in a world file,
loaded from the examples/ package, and what they change in a real run."""

from __future__ import annotations

import pytest

from simverse.core.loader import load_world, parse_world
from simverse.core.plugins import PluginError, load_plugin
from simverse.events.resolver import ActionCall
from simverse.experiments.metrics import final_plugin_metrics, merged_series
from simverse.llm.spec import make_brain
from simverse.world import World
from tests.hamlet import hamlet_world


def test_a_plugin_brain_is_built_from_its_spec():
    brain = make_brain("plugin:examples.cautious_brain:CautiousBrain")
    assert type(brain).__name__ == "CautiousBrain" and brain.name == "cautious"


@pytest.mark.parametrize(("name", "why"), [
    ("no_such_module:X", "cannot import"),
    ("examples.cautious_brain:Nope", "no attribute"),
    ("not-an-entry-point", "no entry point"),
])
def test_a_bad_plugin_name_says_why(name, why):
    with pytest.raises(PluginError, match=why):
        load_plugin(name, "simverse.brains")


def test_a_plugin_that_is_not_a_brain_is_refused():
    with pytest.raises(PluginError, match="not a brain"):  # a function of the world, not a Brain class
        make_brain("plugin:examples.metrics:hungry_share")


def test_a_plugin_metric_is_collected_every_step_and_reported_by_sweeps():
    world_file = hamlet_world()
    world_file["settings"].update(hunger_per_step=0.3, metrics=["examples.metrics:hungry_share"])
    world = World(parse_world(world_file), seed=1, memory=False)
    world.run(3)
    collected = world.datacollector.get_model_vars_dataframe()["hungry_share"].tolist()
    assert collected[0] == 0.0 and collected[-1] > 0.0
    assert final_plugin_metrics(world) == {"hungry_share": collected[-1]}
    assert [row["hungry_share"] for row in merged_series(world)][-1] == collected[-1]


def harbor(tide: str):
    data = load_world("harbor_town").model_dump(mode="json")
    data["environment"]["properties"]["tide"] = tide
    for action in data["actions"]:
        if action["name"] == "fish":
            action["resolver"] = "examples.lucky_fishing:resolve_fish"
    return parse_world(data)


def test_a_plugin_resolver_decides_its_action_and_its_effects_apply():
    low = World(harbor("low"), seed=1, memory=False)
    state, actor = low.state, "Tomas"
    state.entities[actor]["place"] = "harbour"
    coins, fish = state.get(actor, "coins"), state.get("fish", "quantity")
    [outcome] = low.resolver.resolve_sequence(state, [ActionCall(actor, "fish", {})])
    assert outcome.success and outcome.source == "plugin" and "sprat" in outcome.narration
    assert state.get(actor, "coins") == coins + 1 and state.get("fish", "quantity") == fish


def test_a_plugin_resolver_returning_none_leaves_the_rules_in_charge():
    high = World(harbor("high"), seed=1, memory=False)
    high.state.entities["Tomas"]["place"] = "harbour"
    [outcome] = high.resolver.resolve_sequence(high.state, [ActionCall("Tomas", "fish", {})])
    assert outcome.source == "rule"
