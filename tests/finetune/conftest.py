"""Fixtures for fine-tuning: a database of small scripted hamlet runs (two seeds and a fork
with an injected event), a dataset built from it, and a tiny random-weight model."""

from __future__ import annotations

from pathlib import Path

import pytest

from simverse.core.loader import parse_world
from simverse.store.fork import fork_run
from simverse.store.pending import queue_injection
from simverse.world.model import World
from tests.hamlet import hamlet_world

STEPS = 5
FORK_AT = 2


def hamlet_spec():
    """The hamlet with a schedule, so the scripted brain moves, buys and talks."""
    world = hamlet_world()
    world["npcs"][2]["schedule"] = [{"start": "08:00", "place": "bakery", "activity": "buying bread",
                                     "action": "buy"}]
    world["actions"] = [{"name": "buy", "description": "Buy one of an item sold here.", "args": {"item": "item"},
                         "preconditions": ["item.place == actor.place", "item.quantity > 0",
                                           "actor.coins >= item.price"],
                         "effects": ["item.quantity -= 1", "actor.coins -= item.price", "actor.inventory += item"]}]
    return parse_world(world)


def run_world(db: Path, seed: int, steps: int = STEPS) -> int:
    world = World(hamlet_spec(), seed=seed, db=str(db), memory=False)
    world.run(steps)
    world.close()
    return world.run_id


@pytest.fixture(scope="session")
def runs_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Runs 1 and 2 (seeds 1, 2) and run 3, a fork of run 1 at step 2 that an injected
    storm makes diverge."""
    db = tmp_path_factory.mktemp("runs") / "hamlet.db"
    first = run_world(db, 1)
    run_world(db, 2)
    world = World.resume(str(db), run_id=first)
    child = fork_run(world.store, first, FORK_AT)
    queue_injection(world.store, child, "a storm rolls in", kind="scene")
    world.close()
    forked = World.resume(str(db), run_id=child)
    forked.run(STEPS - FORK_AT)
    forked.close()
    return db


@pytest.fixture(scope="session")
def tiny_model_dir(runs_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A random-weight Llama whose BPE tokenizer was trained on the runs' prompts (so a
    prompt is a few hundred tokens, as with a real tokenizer), on disk."""
    from simverse.finetune.dataset import DatasetOptions, build_dataset
    from simverse.llm.tiny_model import build_tiny_model

    train, test, _ = build_dataset(str(runs_db), DatasetOptions(runs=[1]))
    corpus = [m["content"] for e in train + test for m in e["messages"]]
    return build_tiny_model(tmp_path_factory.mktemp("tiny-llama"), corpus=corpus, tokenizer_vocab=512)


@pytest.fixture(scope="module")
def dataset_dir(runs_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Runs 1 and 2 as a `simverse dataset` directory, run 2 held out for test."""
    from simverse.finetune.dataset import DatasetOptions, build_dataset, write_dataset

    train, test, meta = build_dataset(str(runs_db), DatasetOptions(runs=[1, 2], test_runs=[2]))
    return write_dataset(tmp_path_factory.mktemp("ds") / "hamlet", train, test, meta)
