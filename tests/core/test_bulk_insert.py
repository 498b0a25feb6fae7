"""Rows written by the bulk path are stored exactly as SQLAlchemy's own insert stores them,
and rows it cannot take that way still go in (or fail) as before."""

from __future__ import annotations

import math
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import JSON, insert, null
from sqlalchemy.exc import StatementError

from simverse.store.bulk_insert import _plan, converted, insert_rows
from simverse.store.json_column import dumps_json
from simverse.store.llm_models import LLMCall
from simverse.store.models import EventRow
from simverse.store.run_store import RunStore


def _event(i: int, **extra: object) -> dict:
    row = {"run_id": 1, "id": i, "step": 0, "kind": "action", "actor": "Ann", "action": "say",
           "args": {"to": "Bo", "text": "é\u2028", "n": 2**70}, "success": i % 2 == 0, "reason": "",
           "narration": "Ann speaks.", "place": None, "effects": [{"x": 1.5e-05}], "kg_changes": [],
           "observers": ["Bo"], "social": None, "confidence": 0.25, "source": "rules", "importance": 3,
           "notes": [float("nan")] if i == 2 else []}
    row.update(extra)
    return row


def _raw_events(path: Path) -> list[tuple]:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT * FROM events ORDER BY id").fetchall()


def _store(tmp_path: Path, name: str) -> RunStore:
    return RunStore(f"sqlite:///{tmp_path / name}")


def test_bulk_rows_are_stored_as_sqlalchemy_stores_them(tmp_path: Path) -> None:
    rows = [_event(i) for i in range(1, 5)]
    rows[1] = dict(reversed(list(rows[1].items())))  # same columns in another order
    fast, slow = _store(tmp_path, "fast.db"), _store(tmp_path, "slow.db")
    with fast.session() as session, session.begin():
        insert_rows(session, EventRow.__table__, rows)
    with slow.session() as session, session.begin():
        session.execute(insert(EventRow.__table__), rows)
    fast.close()
    slow.close()
    assert _raw_events(tmp_path / "fast.db") == _raw_events(tmp_path / "slow.db")
    stored = _store(tmp_path, "fast.db")
    with stored.session() as session:
        back = {row.id: row for row in session.query(EventRow)}
    assert back[1].args == rows[0]["args"] and back[3].success is False and back[4].success is True
    assert math.isnan(back[2].notes[0])
    stored.close()


def test_rows_the_bulk_path_cannot_take_still_go_in(tmp_path: Path) -> None:
    store = _store(tmp_path, "calls.db")
    call = {"run_id": 1, "id": 1, "key": "k" * 64, "backend": "openai", "model": "m", "request_json": "{}"}
    with store.session() as session, session.begin():
        insert_rows(session, LLMCall.__table__, [call])  # columns with Python defaults left out
    with store.session() as session:
        row = session.get(LLMCall, (1, 1))
    assert (row.step, row.tag, row.response_text, row.error, row.latency_s) == (-1, "", "", None, 0.0)
    with pytest.raises(StatementError), store.session() as session, session.begin():
        insert_rows(session, EventRow.__table__, [_event(1), {k: v for k, v in _event(2).items() if k != "kind"}])
    store.close()


def test_json_text_reads_back_as_json_dumps_would() -> None:
    import json

    for value in ({"a": [1, 2.5, (3, 4)], "b": "é"}, {1: "x"}, 2**70, "\ud800", {"k": None}, [1e-05, -0.0]):
        assert json.loads(dumps_json(value)) == json.loads(json.dumps(value))
    assert dumps_json(float("nan")) == "NaN" and dumps_json({"a": float("inf")}) == '{"a": Infinity}'
    assert dumps_json({"a": [1, 2]}) == '{"a":[1,2]}'  # compact where orjson writes it
    with pytest.raises(TypeError):
        dumps_json({1, 2})


def test_rows_converted_column_by_column_as_each_row_through_its_processors(tmp_path: Path) -> None:
    """Lists and dicts in JSON columns skip the processor's checks: every value still
    comes out as the column's bind processor makes it, one row at a time."""
    store = _store(tmp_path, "plain.db")
    with store.session() as session:
        dialect = session.connection().dialect
    store.close()
    values = [None, JSON.NULL, null(), [], {}, [1, "a"], {"k": [1.5, None]}, "text", 3, (1, 2), [float("nan")],
              {1: "x"}, [2**70]]
    rows = [_event(i, effects=v, social=v, success=i % 3 == 0) for i, v in enumerate(values, 1)]
    plan = _plan(EventRow.__table__, tuple(rows[0]), dialect)
    assert plan is not None and any(serialize is not None for _, _, serialize in plan.processors)
    expected = []
    for row in rows:
        one = list(plan.values(row))
        for index, process, _ in plan.processors:
            one[index] = process(one[index])
        expected.append(tuple(one))
    assert converted(plan, rows) == expected
