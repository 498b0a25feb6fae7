"""Benchmark: the scripted brain over ~50 places, stored in a SQLite file, memory off, hashing
and MiniLM (the default configuration) side by side, for 100 and 1,000 NPCs.

Each configuration runs in a fresh process, one after the other, and prints agent-steps per
second of wall time and per CPU second of the process (less disturbed by other work on a
shared machine), its cost relative to memory off at the same size by both, the 1-minute
load average when it ended, the share of wall time in the store, the database size and
bytes per agent-step, the texts the embedder computed (per agent-step), the active memories
per NPC at the end (mean / max: the growth policy keeps them at most ``max_memories``), and
peak RSS with its growth over the timed steps. Figures from a shared machine are only
comparable side by side, and wall-time ratios only if the load stayed the same. Goals
(issue 14, 2 cores): 1,000 NPCs x 100 steps with MiniLM >= 1,000 agent-steps/s and at most
3x memory off; memory off >= 5,000.

    python experiments/bench/bench_scripted.py [--npcs 100,1000] [--steps 100]
        [--memory off,hashing,minilm] [--places 50]
    python experiments/bench/bench_scripted.py --npcs 1000 --steps 20 --memory minilm:float32,minilm

``minilm`` computes in the precision a run gets by default on this machine (bfloat16 where the
CPU has it natively); ``minilm:float32`` or ``minilm:bfloat16`` sets it (the ``prec`` column
says which each ran with).
    python experiments/bench/bench_scripted.py --growth 1000 --npcs 100 --memory minilm

``--growth N`` runs one configuration for N steps and prints, every N/10 steps, the active
memories per NPC, database size and RSS: whether memory stays bounded over a long run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import text
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


def run_one(npcs: int, places: int, steps: int, memory: str) -> dict:
    """One configuration in this process: the figures as a dict."""
    embedder = _embedder(memory)
    spec = parse_world(generated_world(npcs, places), source="generated")
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
        world = World(spec, seed=1, db=str(db), memory=memory != "off",
                      embedder=None if memory == "off" else embedder)
        precision = world.store.run(world.run_id).config["embedder_precision"] if embedder == "minilm" else "-"
        if world.minds is not None:  # MiniLM loads its weights on first use: count it as setup
            world.minds.stream.embedder.embed(["warm up"])
        setup = time.perf_counter() - t0
        rss_start = _rss_mb()
        store_time = 0.0
        cpu0 = _cpu_s()
        t0 = time.perf_counter()
        world.run(steps)
        wall = time.perf_counter() - t0
        cpu = _cpu_s() - cpu0
        embedded, active, threads = 0, [0], "-"
        if world.minds is not None:
            stream = world.minds.stream
            embedded, active = stream.book.embedded, [stream.count(n) for n in stream.npcs] or [0]
            threads = str(getattr(stream.embedder, "threads", None) or "-")
        world.close()
        size = sum(f.stat().st_size for f in Path(tmp).iterdir())
    RunStore.write_step, Session.commit = original_write, original_commit
    return {"npcs": npcs, "memory": memory, "steps": steps, "wall": wall, "cpu": cpu, "store": store_time,
            "setup": setup, "load": os.getloadavg()[0],
            "bytes": size, "embedded": embedded, "active_mean": sum(active) / len(active),
            "active_max": max(active), "threads": threads, "precision": precision, "rss_mb": _rss_mb(),
            "rss_growth_mb": _rss_mb() - rss_start}


def _embedder(memory: str) -> str:
    """The embedder of a ``--memory`` value (``minilm:float32``: MiniLM, with this process's
    runs made in float32)."""
    embedder, _, precision = memory.partition(":")
    if precision:
        os.environ["SIMVERSE_EMBEDDER_PRECISION"] = precision
    return embedder


def _cpu_s() -> float:
    """CPU seconds this process has used (all its threads): less disturbed than wall time
    by other work on a shared machine, as long as it does not oversubscribe the CPUs."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _rss_mb() -> float:
    """Peak resident memory of this process so far, MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def growth(npcs: int, places: int, steps: int, memory: str) -> None:
    """Active memories, database size and RSS every ``steps // 10`` steps of one long run."""
    spec = parse_world(generated_world(npcs, places), source="generated")
    every = max(1, steps // 10)
    print(f"growth: {npcs} NPCs x {steps} steps, memory {memory}")
    print(f"{'step':>6s} {'active/NPC mean':>16s} {'max':>6s} {'archived':>9s} {'DB MB':>8s} "
          f"{'RSS MB':>8s} {'s/step':>8s}")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "growth.db"
        world = World(spec, seed=1, db=str(db), memory=memory != "off", embedder=_embedder(memory))
        stream = world.minds.stream
        t0 = time.perf_counter()
        for done in range(every, steps + 1, every):
            world.run(every)
            counts = [stream.count(n) for n in stream.npcs] or [0]
            with world.store.session() as session:
                archived = session.execute(text(
                    "SELECT count(*) FROM memories WHERE run_id = :r AND archived"), {"r": world.run_id}).scalar()
            size = sum(f.stat().st_size for f in Path(tmp).iterdir()) / 1e6
            rss = _rss_mb()
            print(f"{done:6d} {sum(counts) / len(counts):16.0f} {max(counts):6d} {archived:9d} "
                  f"{size:8.1f} {rss:8.0f} {(time.perf_counter() - t0) / every:8.3f}", flush=True)
            t0 = time.perf_counter()
        world.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--npcs", default="100,1000", help="comma-separated NPC counts")
    parser.add_argument("--places", type=int, default=50)
    parser.add_argument("--steps", type=int, default=100)
    parser.add_argument("--memory", default="off,hashing,minilm",
                        help="comma-separated: off, hashing, minilm (the default configuration)")
    parser.add_argument("--growth", type=int, default=0, metavar="N",
                        help="run the first --npcs/--memory configuration N steps, reporting growth")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    sizes = [int(n) for n in args.npcs.split(",")]
    memories = args.memory.split(",")
    if args.growth:
        growth(sizes[0], args.places, args.growth, memories[0])
        return
    if args.one:
        print(json.dumps(run_one(sizes[0], args.places, args.steps, memories[0])))
        return
    results = []
    for npcs in sizes:
        for memory in memories:
            cmd = [sys.executable, __file__, "--one", "--npcs", str(npcs), "--places", str(args.places),
                   "--steps", str(args.steps), "--memory", memory]
            out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
            results.append(json.loads(out.strip().splitlines()[-1]))
            report(results[-1], results)
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\nside by side (one run of this command; each configuration in a fresh process; "
          f"load average now {load} on {os.cpu_count()} CPUs):")
    print(f"{'NPCs':>5s} {'memory':15s} {'agent-steps/s':>14s} {'x memory off':>13s} {'per CPU s':>10s} "
          f"{'x off (CPU)':>11s} {'load':>5s} {'store':>6s} "
          f"{'DB MB':>7s} {'B/agent-step':>13s} {'embedded':>9s} {'/agent-step':>11s} "
          f"{'mem/NPC':>8s} {'max':>5s} {'thr':>4s} {'prec':>8s} {'RSS MB':>7s} {'+RSS':>6s}")
    for r in results:
        print(row(r, results))


def _rate(r: dict) -> float:
    return r["npcs"] * r["steps"] / r["wall"]


def row(r: dict, results: list[dict]) -> str:
    off = next((o for o in results if o["npcs"] == r["npcs"] and o["memory"] == "off"), None)
    cost = f"{r['wall'] / off['wall']:.2f}" if off else "-"
    cpu_cost = f"{r['cpu'] / off['cpu']:.2f}" if off else "-"
    agent_steps = r["npcs"] * r["steps"]
    return (f"{r['npcs']:5d} {r['memory']:15s} {_rate(r):14,.0f} {cost:>13s} {agent_steps / r['cpu']:10,.0f} "
            f"{cpu_cost:>11s} {r['load']:5.1f} {r['store'] / r['wall']:6.0%} "
            f"{r['bytes'] / 1e6:7.1f} {r['bytes'] / agent_steps:13,.0f} {r['embedded']:9,d} "
            f"{r['embedded'] / agent_steps:11.2f} {r['active_mean']:8.0f} {r['active_max']:5d} "
            f"{r['threads']:>4s} {r.get('precision', '-'):>8s} {r['rss_mb']:7.0f} {r['rss_growth_mb']:6.0f}")


def report(r: dict, results: list[dict]) -> None:
    print(f"{r['npcs']} NPCs x {r['steps']} steps, memory {r['memory']}: setup {r['setup']:.1f} s, "
          f"steps {r['wall']:.1f} s  |" + row(r, results),
          flush=True)


if __name__ == "__main__":
    main()
