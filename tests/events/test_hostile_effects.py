"""Values no state can hold, from a model's JSON, an injected event or a world-file rule, are
refused with the property named, and the run goes on: a clock of ``'noon'`` broke the next
step's clock, a NaN purse broke the step's SQLite write (NOT NULL), a place in an
inventory broke perception, and a rule setting ``place`` to a non-place broke the next
step. Every change passes :meth:`WorldState.apply`, so the one check covers them all."""

from __future__ import annotations

import pytest
from event_helpers import CannedBackend, make_port, new_port
from sqlalchemy import select

from simverse.core.state import Effect
from simverse.events.resolver import ActionCall
from simverse.store.models import EventRow
from simverse.store.run_store import open_read_only

HOSTILE = [
    (["world", "time", "set", "noon"], "world.time", "HH:MM"),
    (["world", "time", "set", "25:99"], "world.time", "HH:MM"),
    (["world", "day", "set", -1], "world.day", "whole number"),
    (["world", "day", "add", 10**30], "world.day", "too large"),
    (["world", "day", "set", 2.5], "world.day", "whole number"),
    (["Cid", "coins", "set", float("nan")], "Cid.coins", "number"),
    (["Cid", "coins", "add", 1e308 * 10], "Cid.coins", "number"),
    (["Cid", "hunger", "set", float("nan")], "Cid.hunger", "number"),
    (["bread", "quantity", "set", 2**70], "bread.quantity", "too large"),
    (["Ann", "inventory", "add", "market"], "Ann.inventory", "items only"),
    (["Ann", "inventory", "add", "Bob"], "Ann.inventory", "items only"),
    (["Ann", "mood", "set", None], "Ann.mood", "not text"),
]


def _answer(effect: list) -> dict:
    return {"success": True, "narration": "Something happens.", "confidence": 0.8,
            "effects": [dict(zip(("entity", "property", "op", "value"), effect, strict=True))]}


@pytest.mark.parametrize(("effect", "field", "why"), HOSTILE)
def test_a_model_effect_the_state_cannot_hold_is_rejected_naming_the_property(effect, field, why):
    world = make_port(new_port())
    before = world.state.copy().entities
    world.resolver.set_backend(CannedBackend(_answer(effect)))  # NaN travels as JSON NaN, as a model may write it
    outcome, = world.resolver.resolve_sequence(world.state, [ActionCall("Cid", "improvise", {"text": "meddles"})])
    assert outcome.effects == []
    assert any(n.startswith("rejected") and field in n and why in n for n in outcome.notes), outcome.notes
    assert world.state.entities == before


def test_an_injected_nan_is_refused_and_the_step_is_stored(tmp_path):
    db = tmp_path / "run.db"
    world = make_port(new_port(), db=str(db))
    world.inject("coins rain from the sky", effects=[Effect("Cid", "coins", "set", float("nan"))])
    world.run(2)
    world.close()
    store = open_read_only(db)
    try:
        assert store.step_row(1, 2) is not None
    finally:
        store.close()


def test_a_world_file_rule_that_breaks_the_clock_fails_its_event_and_the_run_goes_on():
    port = new_port()
    port["environment"]["properties"] = {"label": "noon"}
    port["events"] = [
        {"at_step": 1, "description": "The clock is set by the label.", "effects": ["world.time = world.label"]},
        {"at_step": 2, "description": "Ann is sent to the label.", "effects": ["Ann.place = world.label"]},
    ]
    world = make_port(port)
    world.run(3)
    with world.store.session() as session:
        query = select(EventRow).where(EventRow.run_id == world.run_id, EventRow.action == "event")
        rows = session.scalars(query).all()
    reasons = [r.reason for r in rows if not r.success]
    assert any("world.time cannot be 'noon'" in r for r in reasons), reasons
    assert any("cannot move NPC 'Ann' to 'noon'" in r for r in reasons), reasons
    assert world.state.entities["world"]["time"] == "11:00" and world.state.entities["Ann"]["place"] == "bakery"
