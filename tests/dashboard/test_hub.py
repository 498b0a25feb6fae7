"""The dashboard's one live world: stepped by a worker while someone watches, shared
controls, directions followed from queued to applied or refused, forks."""

from __future__ import annotations

import sqlite3
import time

import pytest

from simverse.dashboard.hub import LiveHub
from simverse.dashboard.live import LiveRun
from simverse.store.run_store import RunStore, db_url
from simverse.world.model import World


@pytest.fixture
def hub():
    live = LiveHub(idle_pause_s=30)
    yield live
    live.close()


def start(hub: LiveHub, db) -> LiveRun:
    return hub.open(lambda: LiveRun.start("harbor_town", seed=1, db=str(db), embedder="hashing"))


def committed(db) -> int:
    with sqlite3.connect(db) as connection:
        return connection.execute("SELECT max(step) FROM steps").fetchone()[0]


def test_queued_steps_are_run_by_the_worker_and_committed(hub, tmp_path):
    start(hub, tmp_path / "live.db")
    hub.step(3)
    assert hub.wait_idle(120)
    assert committed(tmp_path / "live.db") == 3
    assert hub.status().step == 3 and not hub.status().busy


def test_run_goes_on_until_paused_and_only_while_a_page_is_open(hub, tmp_path):
    start(hub, tmp_path / "live.db")
    hub.run()
    deadline = time.monotonic() + 120
    while hub.status().step < 2 and time.monotonic() < deadline:
        hub.touch()
        time.sleep(0.05)
    hub.pause()
    assert hub.wait_idle(120)
    paused_at = hub.status().step
    assert paused_at >= 2
    time.sleep(0.5)
    assert hub.status().step == paused_at, "paused: no more steps"

    hub.idle_pause_s = 0.2
    hub.run()
    time.sleep(0.5)  # nobody touches the hub: no page is open
    before = hub.status().step
    time.sleep(0.6)
    assert hub.status().step == before and hub.status().waiting_for_viewer
    hub.touch()
    deadline = time.monotonic() + 60
    while hub.status().step == before and time.monotonic() < deadline:
        hub.touch()
        time.sleep(0.05)
    assert hub.status().step > before, "a viewer came back: the worker runs again"


def test_directions_show_queued_then_applied_with_their_event(hub, tmp_path):
    start(hub, tmp_path / "live.db")
    storm = hub.scene("a storm rolls in over the harbour")
    whale = hub.inject("A whale is seen off the lighthouse.", "lighthouse")
    assert [d.status for d in hub.status().directives] == ["queued", "queued"]
    assert storm.fires_at == 1
    hub.step(1)
    assert hub.wait_idle(120)
    applied = {d.number: d for d in hub.status().directives}
    assert applied[storm.number].status == "applied" and applied[whale.number].status == "applied"
    with sqlite3.connect(tmp_path / "live.db") as connection:
        rows = connection.execute("SELECT id, kind, narration FROM events WHERE step = 1 AND kind IN "
                                  "('scene', 'injected') ORDER BY id").fetchall()
    assert [(r[0], r[1]) for r in rows] == [(applied[storm.number].event_id, "scene"),
                                           (applied[whale.number].event_id, "injected")]
    assert "storm" in applied[storm.number].narration.lower()


def test_a_direction_the_world_refuses_is_recorded_with_the_reason(hub, tmp_path):
    start(hub, tmp_path / "live.db")
    with pytest.raises(ValueError, match="unknown place"):
        hub.inject("A parade.", "atlantis")
    with pytest.raises(ValueError, match="empty"):
        hub.scene("   ")
    refused = hub.status().directives
    assert [d.status for d in refused] == ["refused", "refused"]
    assert "unknown place 'atlantis'" in refused[0].reason


def test_a_failing_step_stops_the_worker_and_says_why(hub, tmp_path):
    class Broken:
        name = "broken"

        def decide_batch(self, requests):
            raise RuntimeError("the model server went away")

    db = tmp_path / "live.db"
    hub.open(lambda: LiveRun(World("harbor_town", seed=1, db=str(db), brain=Broken(), embedder="hashing"),
                             str(db)))
    hub.step(2)
    assert hub.wait_idle(60)
    assert "step 1 failed" in hub.status().error and "the model server went away" in hub.status().error
    assert committed(db) == 0, "nothing of the failed step was committed"


def test_a_fork_with_an_event_becomes_the_live_world_and_runs_on(hub, tmp_path):
    db = tmp_path / "live.db"
    start(hub, db)
    hub.step(4)
    assert hub.wait_idle(120)
    fork_id = hub.fork(str(db), 1, 2, event="A storm rolls in over the harbour.", steps=2, embedder="hashing")
    assert hub.wait_idle(120)
    assert hub.status().run_id == fork_id == 2 and hub.status().step == 4
    store = RunStore(db_url(db))
    run = store.run(2)
    assert (run.parent_run_id, run.forked_at_step) == (1, 2)
    assert store.last_step(1) == 4, "the parent is kept as it was"
    store.close()
    with sqlite3.connect(db) as connection:
        fired = connection.execute("SELECT narration FROM events WHERE run_id = 2 AND step = 3 AND kind = 'injected'"
                                   ).fetchall()
    assert fired == [("A storm rolls in over the harbour.",)]
    assert hub.status().directives[0].status == "applied"


@pytest.mark.parametrize(("event", "place", "said"), [
    ("A whale is seen. " * 300, None, "inject: the event text has 5099 characters; the limit is 4000"),
    ("A parade.", "atlantis", "unknown place 'atlantis'"),
])
def test_a_fork_whose_event_is_refused_makes_no_fork_and_a_longer_direction_is_refused(hub, tmp_path, event, place,
                                                                                        said):
    db = tmp_path / "live.db"
    start(hub, db)
    hub.step(2)
    assert hub.wait_idle(120)
    with pytest.raises(ValueError, match=said):
        hub.fork(str(db), 1, 1, event=event, place=place, embedder="hashing")
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT count(*) FROM runs").fetchone() == (1,)
    assert hub.status().run_id == 1
    with pytest.raises(ValueError, match=said):
        hub.inject(event, place)
    assert hub.status().directives[-1].status == "refused"
