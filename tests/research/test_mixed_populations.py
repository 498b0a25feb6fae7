"""Mixed populations: NPCs with brains of their own, batched per brain, recorded, resumed,
replayed and counted per brain."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import tomli_w

import simverse
from simverse.core.decisions import Decision
from simverse.core.loader import parse_world
from simverse.core.population import AssignmentError, assign_brains
from simverse.store.digest import run_digest
from simverse.world import World
from tests.hamlet import hamlet_world

NPCS = [("Ann", ["baker"]), ("Bob", ["farmer"]), ("Cid", []), ("Dora", ["farmer"])]


def test_selectors_assign_names_tags_shares_and_the_rest_in_order():
    got = assign_brains(NPCS, [("bob", "b"), ("tag:farmer", "f"), ("*", "rest")], "default", seed=1)
    assert got == {"Ann": "rest", "Bob": "b", "Cid": "rest", "Dora": "f"}
    shared = assign_brains(NPCS, [("share:0.5", "s")], "d", seed=7)
    assert sorted(shared.values()) == ["d", "d", "s", "s"]
    assert shared == assign_brains(NPCS, [("share:0.5", "s")], "d", seed=7), "the draw is seeded"


@pytest.mark.parametrize("who", ["Zed", "tag:pilot", "share:2", "share:half"])
def test_a_selector_that_names_nobody_is_a_clear_error(who):
    with pytest.raises(AssignmentError, match=who.split(":")[0]):
        assign_brains(NPCS, [(who, "x")], "d", seed=0)


class Counting:
    """A custom brain that waits, and remembers each batch it was given."""

    name = "counting"

    def __init__(self) -> None:
        self.batches: list[list[str]] = []

    def decide_batch(self, requests):
        self.batches.append([r.npc for r in requests])
        return [Decision(r.npc, "wait", utterance="Hm." if r.mode == "reply" else None) for r in requests]


def hamlet(**settings):
    world = hamlet_world()
    world["npcs"][1]["tags"] = ["farmer"]
    world["settings"].update(settings)
    return parse_world(world)


def test_each_brain_gets_one_batch_per_phase_and_decisions_name_their_brain(tmp_path: Path):
    counting = Counting()
    world = World(hamlet(), seed=2, db=str(tmp_path / "mix.db"), memory=False, brains={"tag:farmer": counting})
    world.run(3)
    act_batches = [b for b in counting.batches if b == ["Bob"]]
    assert len(act_batches) >= 3 and all(b == ["Bob"] for b in counting.batches)
    brains = world.last_stats["brains"]
    assert set(brains) == {"scripted", "python:Counting"}
    assert brains["python:Counting"]["decisions"] >= 1
    world.close()
    with simverse.open(tmp_path / "mix.db") as runs:
        decisions = runs.decisions()
    by_npc = {npc: set(part["brain"]) for npc, part in decisions.groupby("npc")}
    assert by_npc == {"Ann": {"scripted"}, "Bob": {"python:Counting"}, "Cid": {"scripted"}}
    assert set(decisions[decisions["npc"] == "Bob"]["action"]) == {"wait"}


def test_a_world_file_assignment_is_kept_by_resume(tmp_path: Path):
    db = str(tmp_path / "file.db")
    spec = hamlet(brains=[{"who": "Cid", "llm": "plugin:examples.cautious_brain:CautiousBrain"}])
    World(spec, seed=4, db=db, memory=False).run(2)
    again = World.resume(db)
    assert again.brain.label_of("Cid") == "plugin:examples.cautious_brain:CautiousBrain"
    assert again.brain.label_of("Ann") == "scripted"
    again.run(1)
    again.close()


def test_a_python_brain_must_be_passed_again_on_resume(tmp_path: Path):
    db = str(tmp_path / "obj.db")
    World(hamlet(), seed=4, db=db, memory=False, brains={"Ann": Counting()}).run(1)
    with pytest.raises(ValueError, match="python:Counting"):
        World.resume(db)
    World.resume(db, brains={"python:Counting": Counting()}).run(1)


def test_a_mixed_run_resumed_midway_equals_the_uninterrupted_one(tmp_path: Path):
    spec = hamlet(brains=[{"who": "share:0.5", "llm": "plugin:examples.cautious_brain:CautiousBrain"}])
    whole = World(spec, seed=9, db=str(tmp_path / "whole.db"), memory=False)
    whole.run(4)
    half = World(spec, seed=9, db=str(tmp_path / "half.db"), memory=False)
    half.run(2)
    half.close()
    rest = World.resume(str(tmp_path / "half.db"))
    rest.run(2)
    assert run_digest(rest.store, rest.run_id) == run_digest(whole.store, whole.run_id)


def test_the_run_summary_has_a_line_per_brain(tmp_path: Path):
    world_dir = tmp_path / "hamlet"
    world_dir.mkdir()
    world = hamlet_world()
    (world_dir / "world.toml").write_text(tomli_w.dumps(world))
    brain = "Bob=plugin:examples.cautious_brain:CautiousBrain"
    out = subprocess.run([sys.executable, "-m", "simverse.cli", "run", str(world_dir), "--steps", "2", "--quiet",
                          "--db", str(tmp_path / "s.db"), "--brain", brain],
                         capture_output=True, text=True, timeout=300, env={**os.environ, "COLUMNS": "200"})
    assert out.returncode == 0, out.stderr
    lines = [line for line in out.stdout.splitlines() if "brain " in line]
    with sqlite3.connect(tmp_path / "s.db") as db:
        bob, others = db.execute("SELECT sum(npc = 'Bob'), sum(npc != 'Bob') FROM decisions").fetchone()
    assert any("plugin:examples.cautious_brain:CautiousBrain" in line and f" {bob} decisions" in line for line in lines)
    assert any("brain scripted" in line and f" {others} decisions" in line for line in lines)
