"""Hostile sweep files: a file that cannot be read, and fixed fields no cell could run with,
are one error naming the file and the field before anything runs or is written. Before,
bytes that are not UTF-8 and TOML nested thousands deep were tracebacks, and a bad model
spec, injected effect or place, or a negative seed passed the load and then failed every
cell with the parser's words and no field. (A grid value the world refuses stays one
failed cell of the sweep, named by its setting.)"""

from __future__ import annotations

import pytest
from sweep_helpers import simverse_cli, write_sweep_file

from simverse.core.clock import MAX_STEPS
from simverse.experiments.sweep import run_sweep
from simverse.experiments.sweep_config import MAX_CELLS, SweepConfigError, load_sweep


def test_a_sweep_file_that_is_not_utf8_or_nested_too_deeply_is_one_error(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_bytes(b'world = "\xff"\nsteps = 1\n')
    with pytest.raises(SweepConfigError, match=r"bad\.toml: not UTF-8 text \(invalid byte at offset 9\)"):
        load_sweep(bad)
    deep = tmp_path / "deep.toml"
    deep.write_text("a = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    with pytest.raises(SweepConfigError, match=r"deep\.toml: not valid TOML: nested too deeply"):
        load_sweep(deep)


@pytest.mark.parametrize(("fields", "expected"), [
    ({"llm": "evil:x"}, r": llm: bad LLM spec 'evil:x'"),
    ({"embedder": "nope"}, r": embedder: unknown embedder 'nope'"),
    ({"inject": [{"step": 1, "text": "x", "effects": ["dragon.mood = 'x'"]}]},
     r"inject\[0\]\.effects\[0\]: unknown name 'dragon'"),
    ({"inject": [{"step": 1, "text": "x", "place": "moon"}]}, r"inject\[0\]\.place: unknown place 'moon'"),
])
def test_a_field_no_cell_could_run_with_is_refused_before_anything_runs(tmp_path, hamlet_file, fields, expected):
    config = load_sweep(write_sweep_file(tmp_path / "s.toml", hamlet_file, {}, **fields))
    results = tmp_path / "results.db"
    with pytest.raises(SweepConfigError, match=expected):
        run_sweep(config, results=results, workers=1)
    assert not results.exists()


def test_a_negative_seed_names_the_field(tmp_path, hamlet_file):
    with pytest.raises(SweepConfigError, match=r"s\.toml: seeds.*greater than or equal to 0"):
        load_sweep(write_sweep_file(tmp_path / "s.toml", hamlet_file, {}, seeds=[-1]))


def test_the_command_line_names_the_sweep_file_and_field(tmp_path, hamlet_file):
    path = write_sweep_file(tmp_path / "s.toml", hamlet_file, {}, inject=[{"step": 1, "text": "x", "place": "moon"}])
    result = simverse_cli("sweep", str(path), "--workers", "1", "--quiet", "--results", str(tmp_path / "r.db"))
    assert result.returncode == 2 and "Traceback" not in result.stdout + result.stderr
    assert f"{path}: inject[0].place: unknown place 'moon'" in result.stdout.replace("\n", "")


@pytest.mark.parametrize(("fields", "cells"), [
    ({"seeds": 1_000_000}, 1_000_000),
    ({"seeds": 11, "grid": {f"npcs.*.p{i}": list(range(100)) for i in range(3)}}, 11_000_000),
])
def test_a_sweep_of_more_cells_than_max_cells_is_refused_at_load_before_its_cells_are_listed(tmp_path, hamlet_file,
                                                                                             fields, cells):
    """Before, such a file loaded and ``run_sweep`` listed every cell first: gigabytes of memory
    (300 MB per million) before the first run."""
    grid = fields.pop("grid", {})
    path = write_sweep_file(tmp_path / "s.toml", hamlet_file, grid, **fields)
    with pytest.raises(SweepConfigError, match=rf"s\.toml: seeds x grid: {cells} cells; a sweep may have at most "
                                               rf"{MAX_CELLS} "):
        load_sweep(path)


def test_a_step_count_past_max_steps_is_refused_at_load_naming_the_field(tmp_path, hamlet_file):
    """Before, ``steps = 10**15`` loaded and every cell ran until someone killed it."""
    with pytest.raises(SweepConfigError, match=rf"s\.toml: steps: .*less than or equal to {MAX_STEPS}"):
        load_sweep(write_sweep_file(tmp_path / "s.toml", hamlet_file, {}, steps=10**15))
    assert load_sweep(write_sweep_file(tmp_path / "s.toml", hamlet_file, {}, steps=MAX_STEPS)).steps == MAX_STEPS


def test_an_event_after_the_last_step_is_refused_at_load_naming_the_field(tmp_path, hamlet_file):
    """Before, it was silently left out of every cell: a sweep about an event that never fired."""
    path = write_sweep_file(tmp_path / "s.toml", hamlet_file, {}, steps=4,
                            inject=[{"step": 4, "text": "a whale"}, {"step": 5, "text": "a storm"}])
    with pytest.raises(SweepConfigError, match=r"s\.toml: inject\[1\]\.step: 5 is after the last step \(steps = 4\)"):
        load_sweep(path)
