"""A person plays an NPC from the dashboard: the live world's step waits for their answer,
the Talk & direct page shows the question as text, and the answer becomes the decision."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

import pytest
from dashboard_helpers import fresh_hub, open_app, texts  # noqa: F401  (fixture)

from simverse.dashboard import context
from simverse.dashboard.hub import LiveHub
from simverse.dashboard.live import LiveRun
from simverse.llm.human import answer_question, pending_question


def wait_for_question(folder: Path, timeout: float = 120) -> Path:
    deadline = time.monotonic() + timeout
    while (ask := pending_question(folder)) is None:
        assert time.monotonic() < deadline, f"no question for the player in {folder}"
        time.sleep(0.05)
    return ask


def test_start_refuses_a_player_who_is_not_in_the_world(tmp_path):
    with pytest.raises(ValueError, match="no NPC named 'Nobody'"):
        LiveRun.start("harbor_town", db=str(tmp_path / "live.db"), embedder="hashing", player="Nobody")
    assert not (tmp_path / "live.db").exists()


def test_the_step_waits_for_the_player_and_their_answer_is_the_decision(tmp_path):
    hub = LiveHub(idle_pause_s=30)
    try:
        live = hub.open(lambda: LiveRun.start("harbor_town", seed=1, db=str(tmp_path / "live.db"),
                                              embedder="hashing", player="Finn"))
        assert list(live.players) == ["Finn"]
        hub.step(1)
        ask = wait_for_question(live.players["Finn"])
        assert hub.status().stepping, "the step waits for the person"
        for meanwhile in (lambda: hub.talk("Pieter", "hello"), lambda: hub.inject("A gull cries.")):
            started = time.monotonic()
            with pytest.raises(RuntimeError, match="waiting for the person playing Finn"):
                meanwhile()
            assert time.monotonic() - started < 5, "said at once, not after the person answers"
        decision = answer_question(ask, "go market")  # Finn starts at the harbour, next to the market
        assert decision == {"action": "move", "args": {"place": "market"}}
        assert hub.wait_idle(120) and not hub.status().error
        with sqlite3.connect(tmp_path / "live.db") as db:
            acted = db.execute("SELECT action, status FROM decisions WHERE npc = 'Finn' AND step = 1").fetchall()
        assert acted == [("move", "valid")]
        assert live.world.npcs["Finn"].place == "market"
    finally:
        hub.close()


def test_the_talk_page_shows_the_question_and_sends_the_answer(monkeypatch, tmp_path, fresh_hub):  # noqa: F811
    hub = context.hub()
    live = hub.open(lambda: LiveRun.start("harbor_town", seed=1, db=str(tmp_path / "live.db"),
                                          embedder="hashing", player="Finn"))
    hub.step(1)
    ask = wait_for_question(live.players["Finn"])
    app = open_app("talk", monkeypatch, tmp_path / "live.db")
    situation = json.loads(ask.read_text(encoding="utf-8"))["messages"][-1][1]
    assert situation in texts(app), "the NPC's situation is shown as text"
    assert app.selectbox(key="play_npc").value == "Finn"
    app.text_input(key=f"line_{ask.stem}").input("wait")
    app.button[-1].click().run()
    assert not app.exception, [e.value for e in app.exception]
    assert hub.wait_idle(120) and not hub.status().error
    assert pending_question(live.players["Finn"]) is None


def test_closing_the_world_does_not_wait_for_the_player(tmp_path):
    hub = LiveHub(idle_pause_s=30)
    live = hub.open(lambda: LiveRun.start("harbor_town", seed=1, db=str(tmp_path / "live.db"),
                                          embedder="hashing", player="Finn"))
    hub.step(1)
    wait_for_question(live.players["Finn"])
    started = time.monotonic()
    hub.close()
    assert time.monotonic() - started < 60, "the player's NPC waits; the step ends"
    with sqlite3.connect(tmp_path / "live.db") as db:
        assert db.execute("SELECT action FROM decisions WHERE npc = 'Finn' AND step = 1").fetchall() == [("wait",)]
