"""A world driven by a real (tiny, random-weight) model: junk handled, calls recorded,
the run summarised, and replayed with no model into an identical database."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from sqlalchemy import select

from simverse.core.loader import parse_world
from simverse.llm.recording import CacheMiss
from simverse.store.digest import run_digest
from simverse.store.llm_models import LLMCall
from simverse.store.models import DecisionRow
from simverse.world.model import World

HAMLET = {
    "format_version": 1, "name": "hamlet", "title": "Hamlet",
    "environment": {"start": "08:00", "minutes_per_step": 60},
    "settings": {"conversation_turns": 2, "embedder": "hashing"},
    "places": [{"id": "square", "name": "Square", "connections": ["bakery"]},
               {"id": "bakery", "name": "Bakery", "connections": ["square"]}],
    "npcs": [{"name": "Ann", "persona": "the baker", "start_place": "bakery"},
             {"name": "Bob", "persona": "a farmer", "start_place": "bakery"}],
    "events": [{"at_step": 1, "description": "A bell rings."},  # something new: NPCs ask their model
               {"at_step": 2, "description": "A cart rattles past."}],
}


def _run(db: Path, model_dir: Path, steps: int = 2) -> World:
    world = World(parse_world(HAMLET), seed=5, db=str(db), llm=f"transformers:{model_dir}")
    world.run(steps)
    return world


def test_junk_from_a_random_model_becomes_recorded_safe_decisions(tmp_path, tiny_model_dir):
    world = _run(tmp_path / "live.db", tiny_model_dir)
    with world.store.session() as s:
        decisions = s.scalars(select(DecisionRow)).all()
        calls = s.scalars(select(LLMCall)).all()
    assert calls, "every model call is stored"
    assert {d.status for d in decisions} <= {"valid", "repaired", "retried", "defaulted"}
    assert all(d.note for d in decisions if d.status == "defaulted"), "a default says why"
    called = {i for d in decisions for i in d.llm_call_ids}
    assert called <= {c.id for c in calls}
    assert world.last_stats["llm"]["llm_calls"] > 0
    world.close()


def test_replay_without_a_model_gives_an_identical_database(tmp_path, tiny_model_dir):
    live = _run(tmp_path / "live.db", tiny_model_dir)
    replayed = World(parse_world(HAMLET), seed=5, db=str(tmp_path / "replay.db"),
                     llm=f"transformers:{tiny_model_dir}", replay=str(tmp_path / "live.db"))
    assert "transformers" not in type(replayed.brain.backend.inner).__name__.lower()
    replayed.run(2)
    assert run_digest(replayed.store, replayed.run_id) == run_digest(live.store, live.run_id)


def test_replay_cli_reports_identical_and_a_cache_miss_names_step_and_npc(tmp_path, tiny_model_dir):
    _run(tmp_path / "live.db", tiny_model_dir).close()
    ok = subprocess.run([sys.executable, "-m", "simverse.cli", "replay", str(tmp_path / "live.db")],
                        capture_output=True, text=True, timeout=300)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "identical" in ok.stdout
    with sqlite3.connect(tmp_path / "live.db") as conn:
        conn.execute("DELETE FROM llm_calls WHERE step = 2")
    missed = subprocess.run([sys.executable, "-m", "simverse.cli", "replay", str(tmp_path / "live.db"),
                             "--out", str(tmp_path / "again.db")], capture_output=True, text=True, timeout=300)
    assert missed.returncode == 2
    assert "step 2 npc" in missed.stdout.replace("\n", " ")
    assert "Traceback" not in missed.stdout + missed.stderr


def test_a_cache_miss_is_an_error_not_a_silent_default(tmp_path, tiny_model_dir):
    _run(tmp_path / "live.db", tiny_model_dir, steps=1).close()
    other_seed = World(parse_world(HAMLET), seed=6, db=str(tmp_path / "other.db"),
                       llm=f"transformers:{tiny_model_dir}", replay=str(tmp_path / "live.db"))
    try:
        other_seed.step()
    except CacheMiss as exc:
        assert "step 1 npc" in str(exc)
    else:
        raise AssertionError("a request that was never recorded must not be answered")
