"""Hostile world files: values TOML can hold but no world means (``nan``, a built-in property
of the wrong type) are refused at load with one line naming the file and the field, instead
of loading and failing mid-run (a NaN hunger broke the step's SQLite write; ``coins =
"lots"`` in an NPC's properties broke the step's record)."""

from __future__ import annotations

from pathlib import Path

import pytest
import tomli_w
from typer.testing import CliRunner

from simverse.cli.app import app
from simverse.core.loader import WorldFileError, load_world


def _refused(world: dict, tmp_path: Path) -> str:
    path = tmp_path / "world.toml"
    path.write_text(tomli_w.dumps(world), encoding="utf-8")
    with pytest.raises(WorldFileError) as info:
        load_world(path)
    message = str(info.value)
    assert message.startswith(f"{path}:") and "\n" not in message
    return message


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_a_property_that_is_not_a_finite_number_is_refused(tiny, tmp_path, value):
    tiny["npcs"][0]["properties"] = {"hunger": value}
    message = _refused(tiny, tmp_path)
    assert "npcs[0] (Ann).properties.hunger: " in message and "is not a finite number" in message


def test_nan_in_a_place_or_world_property_is_refused(tiny, tmp_path):
    tiny["places"][1]["properties"] = {"depth": float("nan")}
    assert "places[1] (bakery).properties.depth: nan is not a finite number" in _refused(tiny, tmp_path)
    tiny["places"][1]["properties"] = {}
    tiny["environment"]["properties"] = {"tide": float("inf")}
    assert "environment.properties.tide: inf is not a finite number" in _refused(tiny, tmp_path)


@pytest.mark.parametrize(("section", "prop", "value", "said"), [
    ("npcs", "coins", "lots", "of type number"), ("npcs", "inventory", 3, "a list of items"),
    ("npcs", "inventory", ["bakery"], "a list of items"), ("npcs", "place", "nowhere", "is not a place"),
    ("items", "quantity", "many", "of type number"), ("items", "place", "nowhere", "is not a place or NPC"),
])
def test_a_built_in_property_with_a_field_of_its_own_must_hold_what_the_field_holds(tiny, tmp_path, section, prop,
                                                                                     value, said):
    tiny[section][0]["properties"] = {prop: value}
    message = _refused(tiny, tmp_path)
    assert f"{section}[0] " in message and f".properties.{prop}: '{prop}' is a built-in" in message and said in message


def test_a_built_in_property_given_in_properties_with_a_value_the_engine_reads_still_loads(tiny, tmp_path):
    """Worlds that set ``coins`` or ``quantity`` in ``properties`` loaded and ran before, the
    property taking the field's place; they still do."""
    tiny["npcs"][0]["properties"] = {"coins": 7, "place": tiny["places"][1]["id"]}
    tiny["items"][0]["properties"] = {"quantity": 3, "price": 4}
    path = tmp_path / "world.toml"
    path.write_text(tomli_w.dumps(tiny), encoding="utf-8")
    assert load_world(path).npcs[0].properties["coins"] == 7


@pytest.mark.parametrize(("section", "prop", "value", "wanted"), [
    ("places", "closed", "yes", "bool"), ("npcs", "hunger", "very", "number"), ("npcs", "mood", 3, "text"),
    ("items", "locked", 1, "bool"),
])
def test_a_built_in_property_of_the_wrong_type_is_refused(tiny, tmp_path, section, prop, value, wanted):
    tiny[section][0]["properties"] = {prop: value}
    message = _refused(tiny, tmp_path)
    assert f".properties.{prop}: '{prop}' is a built-in" in message and f"of type {wanted}" in message


def test_built_in_properties_of_the_right_type_still_load(tiny, tmp_path):
    tiny["places"][0]["properties"] = {"locked": True, "light": "dim"}
    tiny["npcs"][0]["properties"] = {"hunger": 0.7, "mood": "merry"}
    path = tmp_path / "world.toml"
    path.write_text(tomli_w.dumps(tiny), encoding="utf-8")
    spec = load_world(path)
    assert spec.npcs[0].properties["hunger"] == 0.7


@pytest.mark.parametrize(("who", "problem"), [
    ("Nobody", "no NPC of that name"), ("tag:ghosts", "no NPC has the tag 'ghosts'"),
    ("share:2", "the share must be between 0 and 1"), ("share:lots", "the share must be a number"),
])
def test_a_brain_for_no_npc_is_refused_at_load_naming_the_field(tiny, tmp_path, who, problem):
    tiny["settings"]["brains"] = [{"who": "Ann", "llm": "scripted"}, {"who": who, "llm": "scripted"}]
    message = _refused(tiny, tmp_path)
    assert f"settings.brains[1].who: brain for {who!r}: {problem}" in message


@pytest.mark.parametrize(("effect", "problem"), [
    ("world.time = 'noon'", "world.time cannot be 'noon': the time of day is HH:MM"),
    ("world.time = '24:00'", "world.time cannot be '24:00': the time of day is HH:MM"),
    ("world.day = 0", "world.day cannot be 0: the day is a whole number"),
    ("Ann.place = 'moon'", "Ann.place: 'moon' is not a place"),
    ("bread.place = 'moon'", "bread.place: 'moon' is not a place or npc"),
])
def test_an_event_effect_the_state_could_never_hold_is_refused_at_load(tiny, tmp_path, effect, problem):
    tiny["events"] = [{"at_step": 2, "description": "Something odd.", "effects": [effect]}]
    assert f"events[0].effects[0]: {problem}" in _refused(tiny, tmp_path)


def test_an_action_effect_moving_the_actor_nowhere_is_refused_at_load(tiny, tmp_path):
    tiny["actions"][0]["effects"].append("actor.place = 'moon'")
    assert "actions[0] (buy).effects[3]: actor.place: 'moon' is not a place" in _refused(tiny, tmp_path)


@pytest.mark.parametrize("name", ["a\nb", "Ma\x1b[31mra", "\u202eMara"])
def test_a_bad_name_with_control_characters_keeps_the_error_on_one_escaped_line(tiny, tmp_path, name):
    tiny["npcs"][0]["name"] = name
    message = _refused(tiny, tmp_path)  # one line, starting with the file
    escaped = repr(name)[1:-1]
    assert f"npcs[0] ({escaped}).name: " in message and message.isprintable()


def test_a_table_key_with_a_newline_is_escaped_in_the_field_path(tiny, tmp_path):
    tiny["npcs"][0]["relationships"] = {"Bo\nb": {"kind": "friend", "affinity": 0.5}}
    message = _refused(tiny, tmp_path)
    assert "npcs[0] (Ann).relationships.Bo\\nb: unknown NPC 'Bo\\nb'" in message and message.isprintable()


@pytest.mark.parametrize("name", ["no_such_module_here:metric", "os.no_entry_point", "json:__doc__"])
def test_a_metric_plug_in_that_does_not_load_stores_no_run(tiny, tmp_path, name):
    from simverse.core.loader import parse_world
    from simverse.core.plugins import PluginError
    from simverse.world.model import World

    tiny["settings"]["metrics"] = [name]
    db = tmp_path / "run.db"
    with pytest.raises(PluginError, match=r"^tiny: settings\.metrics\[0\]: "):
        World(parse_world(tiny), db=str(db), embedder="hashing")
    assert not db.exists()


@pytest.mark.parametrize(("pattern", "said"), [(r"(\w+) \1", "invalid escape sequence: \\1"),
                                               ("refund(?! denied)", "invalid perl operator: (?!")])
def test_a_policy_pattern_re2_cannot_match_is_refused_at_load_naming_file_and_field(tiny, tmp_path, pattern, said):
    """Policies are searched with RE2 (linear time); what it cannot match fails here, not mid-run."""
    tiny["policies"] = [{"name": "polite", "description": "no refunds", "forbid": ["refund", pattern]}]
    message = _refused(tiny, tmp_path)
    assert "policies[0] (polite).forbid[1]: " in message and said in message and "not supported" in message


@pytest.mark.parametrize(("field", "value", "said"), [
    (("llm",), "evil:x", "settings.llm: bad LLM spec 'evil:x'"),
    (("llm_events",), "openai:http://h/v1", "settings.llm_events: bad LLM spec 'openai:http://h/v1'"),
    (("llm",), "npc=transformers:", "settings.llm: bad LLM spec 'transformers:'"),
    (("brains", 1, "llm"), "gpt", "settings.brains[1].llm: bad LLM spec 'gpt'"),
    (("embedder",), "nope", "settings.embedder: Input should be 'minilm' or 'hashing'"),
])
def test_a_bad_model_spec_in_settings_is_refused_at_load_naming_file_and_field(tiny, tmp_path, field, value, said):
    """Before, a bad ``settings.llm`` was refused by ``run`` naming the world, not the file, and
    a bad ``settings.brains[i].llm`` named nothing, after the run database was made."""
    tiny["settings"]["brains"] = [{"who": "Ann", "llm": "scripted"}, {"who": "*", "llm": "scripted"}]
    if field[0] == "brains":
        tiny["settings"]["brains"][1]["llm"] = value
    else:
        tiny["settings"][field[0]] = value
    assert said in _refused(tiny, tmp_path)
    db = tmp_path / "run.db"
    result = CliRunner().invoke(app, ["run", str(tmp_path / "world.toml"), "--db", str(db), "--quiet"])
    assert str(result.exception).startswith(f"{tmp_path / 'world.toml'}:") and said in str(result.exception)
    assert not db.exists()


@pytest.mark.parametrize(("section", "index", "key", "name", "taken"), [
    ("npcs", 2, "name", "World", "the world itself (weather, time, day)"),
    ("places", 2, "id", "world", "the world itself (weather, time, day)"),
    ("items", 0, "id", "WORLD", "the world itself (weather, time, day)"),
    ("npcs", 2, "name", "player", "the person who talks to NPCs"),
    ("npcs", 2, "name", "Actor", "the rules' role 'actor'"),
    ("places", 2, "id", "here", "the rules' role 'here'"),
])
def test_a_reserved_name_is_refused_at_load_naming_the_field(tiny, tmp_path, section, index, key, name, taken):
    """Before, an entity called ``world`` silently replaced the world's own state (no weather,
    time or day from step 0 on), and an NPC called ``Player`` was mixed up with the person."""
    old = tiny[section][index][key]
    tiny[section][index][key] = name
    if section == "places":
        for place in tiny["places"]:
            place["connections"] = [name if c == old else c for c in place["connections"]]
    message = _refused(tiny, tmp_path)
    assert f"{section}[{index}] ({name}).{key}: {name!r} is already used by {taken}" in message


@pytest.mark.parametrize(("edit", "where", "said"), [
    (lambda w: w["npcs"][1].update(persona="a farmer\x00 who lies"), "npcs[1] (Bob).persona",
     "a control character, U+0000 at character 9"),
    (lambda w: w["knowledge"].append({"subject": "well", "predicate": "is", "object": "wet\x1b[2J"}),
     "knowledge[1].object", "a control character, U+001B at character 4"),
    (lambda w: w["items"][0]["properties"].update({"label": ["fresh", "\u202egnirts"]}),
     "items[0] (bread).properties.label[1]", "a control character, U+202E at character 1"),
    (lambda w: w.update(description="line one\rline two"), "description", "a control character, U+000D at character 9"),
])
def test_text_with_a_nul_escape_or_control_character_anywhere_is_refused_at_load(tiny, tmp_path, edit, where, said):
    """Before, such text loaded and went into prompts and the run database, where a NUL cuts the
    text short in every SQLite reader."""
    edit(tiny)
    message = _refused(tiny, tmp_path)
    assert f"{where}: the text holds {said}; give plain text" in message and message.isprintable()


def test_newlines_tabs_crlf_and_right_to_left_text_still_load(tiny, tmp_path):
    tiny["description"] = "A hamlet.\r\n\tIts well is dry.\n\u05e9\u05dc\u05d5\u05dd \u200f(shalom)"
    path = tmp_path / "world.toml"
    path.write_text(tomli_w.dumps(tiny), encoding="utf-8")
    assert load_world(path).description == tiny["description"]


@pytest.mark.parametrize(("edit", "where"), [
    (lambda w: w["npcs"][0].update(properties={"luck": 10**23}), "npcs[0] (Ann).properties.luck: 10"),
    (lambda w: w["places"][0].update(properties={"depth": -(2**63)}), "places[0] (square).properties.depth: -"),
    (lambda w: w["npcs"][1].update(coins=2**63), "npcs[1] (Bob).coins: "),
    (lambda w: w["items"][0].update(price=2**64), "items[0] (bread).price: "),
])
def test_an_integer_past_what_sqlite_stores_is_refused_at_load(tiny, tmp_path, edit, where):
    """Before, Python's TOML reader kept it and the world loaded; every change to it was then
    refused mid-run as 'a number too large to store'."""
    edit(tiny)
    message = _refused(tiny, tmp_path)
    assert where in message and ("past the largest integer stored" in message or "less than or equal to" in message)
