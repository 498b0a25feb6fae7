"""Helpers of the core tests: a tiny world and run-database fingerprints for comparisons.

(A module of its own, not ``conftest``: several test folders have a conftest, and only a
uniquely named module can be imported from tests.)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from simverse.store.digest import run_digest
from simverse.store.run_store import open_read_only
from tests.hamlet import hamlet_world


def tiny_world() -> dict[str, Any]:
    """The hamlet with a ``buy`` rule and a bell that rings at step 2."""
    world = hamlet_world()
    world["name"], world["title"] = "tiny", "Tiny Hamlet"
    world["actions"] = [{
        "name": "buy", "description": "buy an item here", "args": {"item": "item"},
        "preconditions": ["item.place == actor.place", "item.quantity > 0", "actor.coins >= item.price"],
        "effects": ["item.quantity -= 1", "actor.coins -= item.price", "actor.inventory += item"],
        "narration": "{actor} buys a {item_name}.",
    }]
    world["events"] = [{"at_step": 2, "description": "A bell rings.", "effects": ["square.bell = true"]}]
    return world


def same_run(a: Path | str, b: Path | str) -> bool:
    """Whether two single-run databases hold the same run (timestamps aside), by fingerprint."""
    return fingerprint(a) == fingerprint(b)


def fingerprint(path: Path | str) -> dict[str, str]:
    """Per-table fingerprints of the newest run in a database (see simverse.store.digest)."""
    store = open_read_only(path)
    try:
        return run_digest(store, store.run().id)
    finally:
        store.close()
