"""Hostile world files: values TOML can hold but no world means (``nan``, ``inf``) are
refused at load with one line naming the file and the field, instead of loading and failing
mid-run (a NaN hunger broke the step's SQLite write)."""

from __future__ import annotations

from pathlib import Path

import pytest
import tomli_w

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
