"""World files: shipped worlds load; bad files fail with one message naming file and field."""

from __future__ import annotations

from pathlib import Path

import pytest
import tomli_w

from simverse.core.loader import WorldFileError, load_world, parse_world


def test_harbor_town_has_the_story_it_promises():
    spec = load_world("harbor_town")
    assert len(spec.npcs) >= 8 and len(spec.places) >= 6 and len(spec.actions) >= 6
    assert spec.events, "scheduled events"
    assert any(k.secret for k in spec.knowledge), "a secret"
    assert any(r.kind == "rival" for n in spec.npcs for r in n.relationships.values()), "a rivalry"
    assert any("festival" in e.description for e in spec.events), "a festival"


def _error(data: dict, source: str = "w.toml") -> str:
    with pytest.raises(WorldFileError) as info:
        parse_world(data, source=source)
    return str(info.value)


def test_unknown_place_in_a_connection_names_the_field(tiny):
    tiny["places"][1]["connections"] = ["square", "mill"]
    assert _error(tiny) == "w.toml: places[1] (bakery).connections[1]: unknown place 'mill'"


def test_duplicate_npc_name_is_reported(tiny):
    tiny["npcs"][2]["name"] = "Ann"
    assert "npcs[2] (Ann).name: 'Ann' is already used by npc 'Ann'" in _error(tiny)


def test_bad_type_names_the_field_path(tiny):
    tiny["npcs"][0]["coins"] = "lots"
    message = _error(tiny)
    assert message.startswith("w.toml: npcs[0] (Ann).coins:")
    assert "integer" in message


def test_unknown_key_is_an_error_not_ignored(tiny):
    tiny["npcs"][0]["favourite_colour"] = "blue"
    assert "npcs[0] (Ann).favourite_colour: Extra inputs are not permitted" in _error(tiny)


def test_bad_rule_is_caught_at_load(tiny):
    tiny["actions"][0]["effects"][0] = "item.quantity ~= 1"
    assert "actions[0] (buy).effects[0]" in _error(tiny)


def test_rule_naming_unknown_role_is_caught(tiny):
    tiny["actions"][0]["preconditions"].append("ghost.place == actor.place")
    assert "actions[0] (buy).preconditions[3]: unknown name 'ghost'" in _error(tiny)


def test_unsupported_format_version(tiny):
    tiny["format_version"] = 9
    assert "format_version: format_version 9 is not supported" in _error(tiny)


def test_bad_toml_names_the_file(tmp_path: Path):
    path = tmp_path / "world.toml"
    path.write_text("name = [unclosed\n")
    with pytest.raises(WorldFileError, match=r"world.toml: not valid TOML"):
        load_world(path)


def test_world_loads_from_a_directory(tmp_path: Path, tiny):
    (tmp_path / "world.toml").write_text(tomli_w.dumps(tiny))
    assert load_world(tmp_path).name == "tiny"


def test_cli_reports_bad_world_without_traceback(tmp_path: Path, tiny):
    import subprocess
    import sys

    tiny["npcs"][0]["start_place"] = "moon"
    (tmp_path / "world.toml").write_text(tomli_w.dumps(tiny))
    result = subprocess.run(
        [sys.executable, "-m", "simverse.cli", "run", str(tmp_path), "--steps", "1", "--db", str(tmp_path / "r.db")],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 2
    assert "npcs[0] (Ann).start_place: unknown place 'moon'" in result.stdout.replace("\n", "")
    assert "Traceback" not in result.stdout + result.stderr
