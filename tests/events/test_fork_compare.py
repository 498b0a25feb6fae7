"""Forks share their parent's history, diverge after an injected event; compare finds where."""

from __future__ import annotations

from event_helpers import make_port, new_port
from sqlalchemy import func, select
from typer.testing import CliRunner

from simverse.cli import app
from simverse.store.compare import compare_runs
from simverse.store.fork import fork_run
from simverse.store.memory_models import Memory
from simverse.store.models import EventRow, StepRow
from simverse.world.model import World


def _run(port, db, steps=4):
    world = make_port(port, db=str(db))
    world.run(steps)
    world.close()
    return world.run_id


def test_fork_copies_history_up_to_the_step_and_resumes_identically(tmp_path):
    port = new_port()
    db = tmp_path / "run.db"
    parent = _run(port, db)
    world = World.resume(str(db), embedder="hashing")
    child = fork_run(world.store, parent, 2)
    run = world.store.run(child)
    assert (run.parent_run_id, run.forked_at_step, run.last_step) == (parent, 2, 2)
    with world.store.session() as session:
        steps = session.scalars(select(StepRow.step).where(StepRow.run_id == child)).all()
        parent_memories = session.scalar(select(func.count()).select_from(Memory).where(
            Memory.run_id == parent, Memory.step <= 2))
        child_memories = session.scalar(select(func.count()).select_from(Memory).where(Memory.run_id == child))
    assert sorted(steps) == [0, 1, 2] and child_memories == parent_memories
    forked = World.resume(str(db), run_id=child, embedder="hashing")
    forked.run(2)
    assert compare_runs(forked.store, parent, child).first_differing_step is None
    forked.close()
    world.close()


def test_fork_with_an_injected_event_diverges_and_compare_finds_the_step(tmp_path):
    port = new_port()
    db = tmp_path / "run.db"
    parent = _run(port, db)
    result = CliRunner().invoke(app, ["fork", str(db), "--at", "2", "--inject", "a storm rolls in", "--steps", "2"])
    assert result.exit_code == 0, result.output
    world = World.resume(str(db), run_id=parent, embedder="hashing")
    child = max(r.id for r in world.store.runs())
    comparison = compare_runs(world.store, parent, child)
    assert comparison.first_differing_step == 3
    assert any("storm" in e for e in comparison.events_only_b)
    assert "world.weather: 'clear' -> 'storm'" in comparison.state_differences
    with world.store.session() as session:
        shared = session.scalar(select(func.count()).select_from(EventRow).where(
            EventRow.run_id == child, EventRow.step <= 2))
    assert shared > 0
    printed = CliRunner().invoke(app, ["compare", str(db), str(parent), str(child)])
    assert printed.exit_code == 0 and "first differ at step 3" in printed.output
    world.close()
