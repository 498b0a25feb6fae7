"""Prediction on copies, injection by text (API and CLI) and its inferred outcome."""

from __future__ import annotations

import json

from event_helpers import CannedBackend, make_port, new_port
from typer.testing import CliRunner

from simverse.cli import app
from simverse.core.state import Effect
from simverse.events.resolver import ActionCall
from simverse.world.model import World


def test_predict_leaves_state_knowledge_and_pending_untouched():
    port = new_port()
    world = make_port(port)
    before = json.dumps(world.state.to_json(), sort_keys=True)
    facts = len(world.knowledge.facts)
    outcome = world.predict(ActionCall("Ann", "buy", {"item": "bread"}))
    assert outcome.success and outcome.effects
    event = world.predict("a storm rolls in over the harbour")
    assert [e.as_list() for e in event.effects] == [["harbour", "weather", "set", "storm"]]
    assert json.dumps(world.state.to_json(), sort_keys=True) == before
    assert len(world.knowledge.facts) == facts and world.pending == []


def test_predict_at_a_past_step_uses_the_stored_state():
    port = new_port()
    world = make_port(port)
    world.inject("the loaf is sold out", effects=[Effect("bread", "quantity", "set", 0)])
    world.step()
    now = world.predict(ActionCall("Ann", "buy", {"item": "bread"}))
    then = world.predict(ActionCall("Ann", "buy", {"item": "bread"}), at_step=0)
    assert not now.success and then.success


def test_model_predictions_are_not_recorded_or_counted():
    port = new_port()
    world = make_port(port)
    world.step()
    world.resolver.set_backend(CannedBackend({"success": True, "effects": []}))
    world.predict(ActionCall("Ann", "improvise", {"text": "hums"}))
    assert world.resolver.counts.outcomes == 0


def test_text_only_injection_is_inferred_and_explicit_effects_still_apply():
    port = new_port()
    world = make_port(port)
    world.inject("It starts to rain.")
    world.inject("Bob finds a coin.", effects=[Effect("Bob", "coins", "add", 1)])
    world.step()
    assert world.state.entities["world"]["weather"] == "rain"
    with world.store.session() as session:
        from sqlalchemy import select

        from simverse.store.models import EventRow

        rows = session.scalars(select(EventRow).where(EventRow.run_id == world.run_id, EventRow.step == 1,
                                                      EventRow.kind == "injected").order_by(EventRow.id)).all()
    assert [r.source for r in rows] == ["scene", "event"]
    assert rows[1].effects == [["Bob", "coins", "add", 1]]


def test_cli_inject_queues_into_the_stored_run_and_resume_applies_it(tmp_path):
    port = new_port()
    db = tmp_path / "run.db"
    world = make_port(port, db=str(db))
    world.step()
    world.close()
    result = CliRunner().invoke(app, ["inject", str(db), "a thick fog rolls in"])
    assert result.exit_code == 0, result.output
    resumed = World.resume(str(db), embedder="hashing")
    assert resumed.pending and resumed.pending[0].description == "a thick fog rolls in"
    resumed.step()
    assert resumed.state.entities["world"]["weather"] == "fog"
    resumed.close()


def test_cli_inject_rejects_an_unknown_place(tmp_path):
    port = new_port()
    db = tmp_path / "run.db"
    make_port(port, db=str(db)).close()
    result = CliRunner().invoke(app, ["inject", str(db), "fire!", "--place", "moon"])
    assert result.exit_code != 0 and "unknown place 'moon'" in str(result.exception or result.output)
