"""World format 2 at load time: names, strict types, one-line errors with the entity's name
and the TOML line, declared properties with a did-you-mean, and/or/not rules, triggers."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
import tomli_w

from simverse.core.loader import WorldFileError, WorldFormatHint, load_world, parse_world
from simverse.core.rules import RuleSyntaxError, evaluate, parse_condition


def _v2(tiny: dict) -> dict:
    tiny["format_version"] = 2
    tiny["events"][0]["effects"] = []  # square.bell is declared nowhere
    return tiny


def _error(data: dict) -> str:
    with pytest.raises(WorldFileError) as info:
        parse_world(data, source="w.toml")
    return str(info.value)


def _file_error(tmp_path: Path, data: dict) -> str:
    path = tmp_path / "world.toml"
    path.write_text(tomli_w.dumps(data))
    with pytest.raises(WorldFileError) as info:
        load_world(path)
    return str(info.value)


@pytest.mark.parametrize("name", ["../evil", "a/b", "Upper", "with space", "", "x" * 80])
def test_a_world_name_must_be_a_slug(tiny, name):
    tiny["name"] = name
    assert "name:" in _error(tiny) and "database" in _error(tiny)


def test_names_are_unique_without_case_across_places_items_and_npcs(tiny):
    tiny["npcs"][1]["name"] = "ANN"
    assert "npcs[1] (ANN).name: 'ANN' is already used by npc 'Ann'" in _error(tiny)
    tiny["npcs"][1]["name"] = "Well"
    assert "already used by place 'well'" in _error(tiny)


@pytest.mark.parametrize("field,value,kind", [("coins", "1", "integer"), ("sociability", "0.5", "number"),
                                              ("coins", 1.5, "integer"), ("coins", True, "integer")])
def test_types_are_strict(tiny, field, value, kind):
    tiny["npcs"][0][field] = value
    assert f"npcs[0] (Ann).{field}:" in _error(tiny) and kind in _error(tiny)


def test_an_error_names_the_entity_and_the_toml_line(tmp_path, tiny):
    tiny["npcs"][2]["schedule"] = [{"start": "08:00", "place": "square", "activity": "a"},
                                   {"start": "25:00", "place": "square", "activity": "b"}]
    message = _file_error(tmp_path, tiny)
    text = (tmp_path / "world.toml").read_text().splitlines()
    line = int(message.split(":")[1])
    assert "npcs[2] (Cid).schedule[1].start: '25:00' is not a time of day HH:MM" in message
    assert "25:00" in text[line - 1]


def test_a_misspelt_property_is_refused_with_a_did_you_mean(tmp_path, tiny):
    _v2(tiny)
    tiny["npcs"][0]["properties"] = {"height": 3}
    tiny["actions"][0]["preconditions"].append("actor.heigth > 2")
    message = _file_error(tmp_path, tiny)
    assert "actions[0] (buy).preconditions[3]: unknown property 'heigth' of actor (an NPC); did you mean 'height'?" \
        in message
    line = int(message.split(":")[1])
    assert "heigth" in (tmp_path / "world.toml").read_text().splitlines()[line - 1]


def test_format_1_loads_without_property_checks_and_hints_once(tmp_path, tiny):
    tiny["actions"][0]["preconditions"].append("actor.heigth > 2")
    (tmp_path / "world.toml").write_text(tomli_w.dumps(tiny))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        load_world(tmp_path)
    hints = [w for w in caught if issubclass(w.category, WorldFormatHint)]
    assert len(hints) == 1 and "format_version = 2" in str(hints[0].message)
    assert "\n" not in str(hints[0].message)


def test_an_effect_of_the_wrong_type_is_refused(tiny):
    _v2(tiny)
    tiny["actions"][0]["effects"].append("actor.coins = 'lots'")
    assert "actor.coins is number, not text 'lots'" in _error(tiny)


def test_preconditions_combine_with_and_or_not_and_parentheses():
    rule = parse_condition("not (a.x == 1 or a.y == 2) and a.z >= 3", ["a"])
    values = {"x": 0, "y": 0, "z": 3}
    assert evaluate(rule.expr, lambda o: values[o.prop] if o.role else o.literal)
    values["y"] = 2
    assert not evaluate(rule.expr, lambda o: values[o.prop] if o.role else o.literal)
    with pytest.raises(RuleSyntaxError, match="ends too soon"):
        parse_condition("a.x == 1 and", ["a"])


def test_times_compare_as_times_of_day():
    rule = parse_condition("world.time >= '18:00'", ["world"])
    assert evaluate(rule.expr, lambda o: "18:30" if o.role else o.literal)
    assert not evaluate(rule.expr, lambda o: "09:00" if o.role else o.literal)


def test_a_grammar_error_names_the_file_entity_and_line(tmp_path, tiny):
    tiny["actions"][0]["preconditions"][1] = "item.quantity > 0 and (actor.coins > 1"
    message = _file_error(tmp_path, tiny)
    assert "actions[0] (buy).preconditions[1]: cannot read" in message and "ends too soon" in message
    line = int(message.split(":")[1])
    assert "(actor.coins > 1" in (tmp_path / "world.toml").read_text().splitlines()[line - 1]


def test_schedule_arguments_must_fit_the_action(tiny):
    tiny["npcs"][0]["schedule"] = [{"start": "08:00", "place": "bakery", "activity": "shopping", "action": "buy",
                                    "args": {"item": "Bob"}}]
    assert "npcs[0] (Ann).schedule[0].args.item: 'Bob' is not an item" in _error(tiny)
    tiny["npcs"][0]["schedule"][0]["args"] = {"thing": "bread"}
    assert "action 'buy' has no argument 'thing' (its arguments: item)" in _error(tiny)


def test_an_event_needs_exactly_a_sensible_trigger(tiny):
    tiny["events"].append({"description": "nothing triggers me"})
    assert "needs a trigger" in _error(tiny)
    tiny["events"][-1] = {"description": "x", "at_step": 3, "at": "10:00"}
    assert "cannot be combined" in _error(tiny)
    tiny["events"][-1] = {"description": "x", "when": "world.weather == 'storm' and", "chance": 0.5}
    assert "events[1].when: cannot read" in _error(tiny)


@pytest.mark.parametrize("content,expected", [
    (b"\x00\x01\x02binary", "a binary file"),
    (b"name = \"caf\xe9\"\n", "not UTF-8 text"),
    (b"a = " + b"[" * 5000 + b"]" * 5000 + b"\n", "not valid TOML"),
])
def test_unreadable_files_are_one_line_errors(tmp_path, content, expected):
    path = tmp_path / "world.toml"
    path.write_bytes(content)
    with pytest.raises(WorldFileError) as info:
        load_world(path)
    assert expected in str(info.value) and "\n" not in str(info.value)


def test_connections_are_two_way_even_when_listed_once(tiny):
    from simverse.world.model import World

    tiny["places"][1]["connections"] = []  # the bakery lists nothing; the square lists the bakery
    world = World(parse_world(tiny), seed=0)
    assert world.places.has_edge("bakery", "square") and world.places.has_edge("square", "bakery")
