"""Benchmark: the scripted brain with 1,000 NPCs over ~50 places for 100 steps, stored in SQLite.

Prints agent-steps per second and the share of wall time spent committing to the store.
Goal (issue 2): >= 5,000 agent-steps/s on a 2-core machine.

    python experiments/bench/bench_scripted.py [--npcs 1000] [--places 50] [--steps 100]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from sqlalchemy.orm import Session

from simverse.core.loader import parse_world
from simverse.store.run_store import RunStore
from simverse.world.model import World


def generated_world(npcs: int, places: int, seed: int = 0) -> dict:
    """A town of ``places`` places (a ring with shortcuts) and ``npcs`` scheduled NPCs."""
    rng = random.Random(seed)
    ids = [f"p{i}" for i in range(places)]
    links = {i: {(i + 1) % places, (i - 1) % places} for i in range(places)}
    for i in range(0, places, 5):
        j = rng.randrange(places)
        if j != i:
            links[i].add(j)
            links[j].add(i)
    world_places = [
        {"id": pid, "name": f"Place {i}", "connections": [ids[j] for j in sorted(links[i])],
         "properties": {"market": i % 3 == 0}}
        for i, pid in enumerate(ids)
    ]
    items = [{"id": f"bread{i}", "name": "loaf", "place": ids[i], "quantity": 50, "price": 1,
              "properties": {"edible": True}} for i in range(0, places, 2)]
    people = []
    for n in range(npcs):
        home, work = rng.sample(ids, 2)
        people.append({
            "name": f"N{n}", "persona": "a villager", "start_place": home,
            "sociability": round(rng.uniform(0.1, 0.9), 2), "coins": 20,
            "schedule": [
                {"start": "06:00", "place": work, "activity": "working", "action": "work"},
                {"start": "18:00", "place": home, "activity": "resting"},
            ],
            "knowledge": [{"subject": f"N{n}", "predicate": "likes", "object": rng.choice(ids),
                           "text": f"N{n} likes a place", "tracked": n % 100 == 0}],
        })
    actions = [
        {"name": "work", "description": "work here", "effects": ["actor.coins += 1"]},
        {"name": "buy", "description": "buy", "args": {"item": "item"},
         "preconditions": ["item.place == actor.place", "item.quantity > 0", "actor.coins >= item.price"],
         "effects": ["item.quantity -= 1", "actor.coins -= item.price", "actor.inventory += item"]},
        {"name": "eat", "description": "eat", "args": {"item": "item"},
         "preconditions": ["actor.inventory has item"], "effects": ["actor.inventory -= item", "actor.hunger = 0"]},
    ]
    return {
        "format_version": 1, "name": "bench_town", "title": "Bench Town", "places": world_places,
        "items": items, "npcs": people, "actions": actions,
        "settings": {"conversation_turns": 4, "hunger_per_step": 0.02},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--npcs", type=int, default=1000)
    parser.add_argument("--places", type=int, default=50)
    parser.add_argument("--steps", type=int, default=100)
    parser.add_argument("--memory", choices=["off", "hashing", "minilm"], default="off",
                        help="memory stream (off: the issue-2 setting, world state and dialogue only)")
    args = parser.parse_args()

    spec = parse_world(generated_world(args.npcs, args.places), source="generated")
    store_time = 0.0
    original_write, original_commit = RunStore.write_step, Session.commit

    def timed(original):
        def wrapper(self, *a, **kw):
            nonlocal store_time
            t0 = time.perf_counter()
            original(self, *a, **kw)
            store_time += time.perf_counter() - t0
        return wrapper

    RunStore.write_step, Session.commit = timed(original_write), timed(original_commit)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        t0 = time.perf_counter()
        world = World(spec, seed=1, db=str(db), memory=args.memory != "off",
                      embedder=None if args.memory == "off" else args.memory)
        setup = time.perf_counter() - t0
        store_time = 0.0
        t0 = time.perf_counter()
        world.run(args.steps)
        wall = time.perf_counter() - t0
        size = db.stat().st_size / 1e6
        world.close()
    RunStore.write_step, Session.commit = original_write, original_commit
    agent_steps = args.npcs * args.steps
    print(f"scripted brain: {args.npcs} NPCs x {args.steps} steps over {args.places} places, "
          f"SQLite file, memory {args.memory}")
    print(f"  setup (world + step 0 commit): {setup:.2f} s")
    print(f"  wall time:                     {wall:.2f} s")
    print(f"  agent-steps/s:                 {agent_steps / wall:,.0f}   (goal >= 5,000)")
    print(f"  share of time in the store:    {store_time / wall:.1%}   (writing rows + committing)")
    print(f"  database size:                 {size:.1f} MB")


if __name__ == "__main__":
    main()
