"""Helpers of the core tests: a tiny world and a run-database dump for comparisons.

(A module of its own, not ``conftest``: several test folders have a conftest, and only a
uniquely named module can be imported from tests.)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, inspect, text

VOLATILE = {
    "runs": {"created_at", "config", "versions", "status"},
    "steps": {"committed_at", "wall_time_s"},
    "llm_calls": {"latency_s"},
}

TINY: dict[str, Any] = {
    "format_version": 1,
    "name": "tiny",
    "title": "Tiny Hamlet",
    "environment": {"start": "08:00", "minutes_per_step": 60},
    "settings": {"conversation_turns": 4, "hunger_per_step": 0.0, "embedder": "hashing"},
    "places": [
        {"id": "square", "name": "Square", "connections": ["bakery", "well"]},
        {"id": "bakery", "name": "Bakery", "connections": ["square"]},
        {"id": "well", "name": "Well", "connections": ["square"]},
    ],
    "items": [{"id": "bread", "name": "loaf", "place": "bakery", "quantity": 1, "price": 1,
               "properties": {"edible": True}}],
    "npcs": [
        {"name": "Ann", "persona": "the baker", "start_place": "bakery", "sociability": 1.0,
         "knowledge": [{"subject": "well", "predicate": "is", "object": "dry",
                        "text": "the well is dry", "tracked": True}]},
        {"name": "Bob", "persona": "a farmer", "start_place": "bakery", "sociability": 1.0},
        {"name": "Cid", "persona": "a child", "start_place": "square", "sociability": 1.0},
    ],
    "actions": [{
        "name": "buy", "description": "buy an item here", "args": {"item": "item"},
        "preconditions": ["item.place == actor.place", "item.quantity > 0", "actor.coins >= item.price"],
        "effects": ["item.quantity -= 1", "actor.coins -= item.price", "actor.inventory += item"],
        "narration": "{actor} buys a {item_name}.",
    }],
    "events": [{"at_step": 2, "description": "A bell rings.", "effects": ["square.bell = true"]}],
    "knowledge": [{"subject": "well", "predicate": "is", "object": "dry", "tracked": True}],
}


def dump_db(path: Path | str) -> dict[str, list[tuple]]:
    """Every table's rows, ordered, without timestamps and other volatile columns."""
    engine = create_engine(f"sqlite:///{path}")
    out = {}
    with engine.connect() as conn:
        for table in sorted(inspect(engine).get_table_names()):
            columns = [c["name"] for c in inspect(engine).get_columns(table)
                       if c["name"] not in VOLATILE.get(table, set())]
            keys = ", ".join(f'"{c}"' for c in columns)
            rows = conn.execute(text(f'SELECT {keys} FROM "{table}" ORDER BY {keys}')).all()
            out[table] = [tuple(r) for r in rows]
    engine.dispose()
    return out
