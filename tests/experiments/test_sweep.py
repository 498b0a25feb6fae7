"""Sweeps: a grid x seeds becomes recorded cells; restarts skip finished cells; failures are kept."""

from __future__ import annotations

import json
import sqlite3

import pytest
from sweep_helpers import simverse_cli, write_sweep_file

from simverse.experiments.sweep import run_sweep
from simverse.experiments.sweep_config import SweepConfigError, load_sweep, parse_sweep
from simverse.experiments.world_overrides import OverrideError, apply_overrides


def cells_of(db) -> dict[str, tuple]:
    con = sqlite3.connect(db)
    rows = con.execute(
        "SELECT cell_key, status, run_id, attempts, finished_at, error, metrics FROM sweep_cells").fetchall()
    con.close()
    return {r[0]: r[1:] for r in rows}


def test_grid_of_two_by_two_runs_four_cells_each_a_run_in_the_results_db(tmp_path, hamlet_file):
    config = load_sweep(write_sweep_file(tmp_path / "grid.toml", hamlet_file, {
        "npcs.*.sociability": [0.0, 1.0], "settings.conversation_turns": [2, 4]}))
    outcome = run_sweep(config, root=tmp_path / "sweeps", workers=2)
    assert outcome.total == 4 and len(outcome.finished) == 4 and not outcome.failed
    db = tmp_path / "sweeps" / "grid.db"
    cells = cells_of(db)
    assert {c[0] for c in cells.values()} == {"finished"}
    con = sqlite3.connect(db)
    runs = dict(con.execute("SELECT id, last_step FROM runs").fetchall())
    assert sorted(runs) == sorted(c[1] for c in cells.values()) and set(runs.values()) == {4}
    spec = con.execute("SELECT world_spec FROM runs r JOIN sweep_cells c ON c.run_id = r.id "
                       "WHERE c.cell_key LIKE '%\"npcs.*.sociability\":0.0%' LIMIT 1").fetchone()[0]
    assert {npc["sociability"] for npc in json.loads(spec)["npcs"]} == {0.0}
    con.close()
    assert len(list((tmp_path / "sweeps" / "grid").glob("cell-*.db"))) == 4
    quiet = [c for c in cells.values() if json.loads(c[5])["conversations"] == 0]
    assert len(quiet) == 2, "sociability 0 means no conversations, in both conversation_turns settings"


def test_restart_with_a_larger_grid_skips_finished_cells(tmp_path, hamlet_file):
    small = load_sweep(write_sweep_file(tmp_path / "grow.toml", hamlet_file, {"npcs.*.sociability": [0.5]}))
    run_sweep(small, root=tmp_path, workers=1)
    before = cells_of(tmp_path / "grow.db")
    large = load_sweep(write_sweep_file(tmp_path / "grow.toml", hamlet_file, {"npcs.*.sociability": [0.5, 0.9]}))
    outcome = run_sweep(large, root=tmp_path, workers=1)
    after = cells_of(tmp_path / "grow.db")
    assert outcome.skipped == 1 and len(outcome.finished) == 1
    (key, old), = before.items()
    assert after[key] == old, "the finished cell was not run again (same run id, attempts, finish time)"
    assert len(after) == 2 and {c[0] for c in after.values()} == {"finished"}


def test_failed_cell_is_recorded_reported_and_retried_on_restart(tmp_path, hamlet_file):
    path = write_sweep_file(tmp_path / "bad.toml", hamlet_file, {"settings.conversation_turns": [2, 99]})
    db = tmp_path / "bad.db"
    first = simverse_cli("sweep", str(path), "--results", str(db), "--workers", "1", "--quiet")
    assert first.returncode == 1
    assert "1 failed" in first.stdout and "conversation_turns" in first.stdout
    cells = cells_of(db)
    failed = next(c for k, c in cells.items() if '"settings.conversation_turns":99' in k)
    finished = next(c for k, c in cells.items() if '"settings.conversation_turns":2' in k)
    assert failed[0] == "failed" and failed[2] == 1 and "conversation_turns" in failed[4] and failed[1] is None
    assert finished[0] == "finished"
    run_sweep(load_sweep(path), results=db, workers=1)
    again = cells_of(db)
    retried = next(c for k, c in again.items() if '"settings.conversation_turns":99' in k)
    assert retried[2] == 2, "a failed cell runs again on restart"
    assert next(c for k, c in again.items() if '"settings.conversation_turns":2' in k) == finished


def test_sweep_on_a_local_ray_instance_runs_cells_as_ray_tasks(tmp_path, hamlet_file):
    ray = pytest.importorskip("ray")
    try:
        ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    except Exception as exc:  # only an environment that cannot start Ray skips this test
        pytest.skip(f"ray cannot start on this machine: {exc!r}")
    try:
        config = load_sweep(write_sweep_file(tmp_path / "onray.toml", hamlet_file,
                                             {"npcs.*.sociability": [0.2, 0.8]}, seeds=2))
        outcome = run_sweep(config, root=tmp_path, ray="auto")
        assert ray.is_initialized(), "a Ray instance started by the caller is left running"
    finally:
        ray.shutdown()
    assert len(outcome.finished) == 4 and not outcome.failed
    assert {c[0] for c in cells_of(tmp_path / "onray.db").values()} == {"finished"}


def test_injections_fire_before_their_step_with_effects_and_facts(tmp_path, hamlet_file):
    config = load_sweep(write_sweep_file(tmp_path / "inj.toml", hamlet_file, {}, inject=[{
        "step": 2, "text": "The well floods.", "place": "well", "effects": ["well.flooded = true"],
        "facts": [{"subject": "well", "predicate": "is", "object": "flooded", "tracked": True}]}]))
    outcome = run_sweep(config, root=tmp_path, workers=1)
    assert len(outcome.finished) == 1
    con = sqlite3.connect(tmp_path / "inj.db")
    events = con.execute("SELECT step, narration, success FROM events WHERE kind = 'injected'").fetchall()
    truth = con.execute("SELECT valid_from FROM facts WHERE holder = 'world' AND object = 'flooded'").fetchall()
    state = con.execute("SELECT json_extract(state, '$.entities.well.flooded') FROM steps WHERE step = 2").fetchone()
    con.close()
    assert events == [(2, "The well floods.", 1)] and truth == [(2,)] and state == (1,)


def test_grid_paths_set_every_npc_or_a_named_one(hamlet):
    changed = apply_overrides(hamlet, {"npcs.*.sociability": 0.3, "npcs.Bob.coins": 99,
                                       "environment.weather": "storm"})
    assert [n["sociability"] for n in changed["npcs"]] == [0.3, 0.3, 0.3]
    assert [n.get("coins") for n in changed["npcs"]] == [None, 99, None]
    assert changed["environment"]["weather"] == "storm" and hamlet["npcs"][0]["sociability"] == 1.0


def test_grid_path_to_an_unknown_npc_names_the_path(hamlet):
    with pytest.raises(OverrideError, match=r"npcs\.Zed.*have: Ann, Bob, Cid"):
        apply_overrides(hamlet, {"npcs.Zed.sociability": 0.1})


def test_sweep_file_errors_name_the_file_and_field(tmp_path):
    with pytest.raises(SweepConfigError, match=r"x\.toml: steps"):
        parse_sweep({"world": "harbor_town", "steps": 0}, tmp_path / "x.toml")
    config = parse_sweep({"world": "harbor_town", "steps": 2, "seeds": 2, "grid": {"llm": ["scripted"]}}, "s.toml")
    assert [c.seed for c in config.cells()] == [0, 1] and config.name == "s"
