"""Where a step's time goes: cProfile over the scripted benchmark world, summarised by phase.

Runs ``--warmup`` steps unprofiled (so the memory stream holds a run's worth of memories),
then profiles ``--steps`` steps and prints (1) the step's phases with their share of the
profiled time and (2) the functions with the most time of their own.

    python experiments/bench/profile_step.py --npcs 1000 --steps 5 --warmup 10 --memory minilm
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_scripted import generated_world

from simverse.core.loader import parse_world
from simverse.world.model import World

PHASES = [
    # (label, file suffix, function name): cumulative time of the function
    ("plan (memory.planning)", "memory/planning.py", "plan_step"),
    ("recall: retrieve_batch", "agents/minds.py", "recall"),
    ("decide (brain.decide_batch)", "", "decide_batch"),
    ("settle: add_many + reflect + compact", "agents/minds.py", "settle"),
    ("  of which: embedder (model / hashing)", "memory/embedder.py", "embed"),
    ("  of which: reflect_due", "memory/reflection.py", "reflect_due"),
    ("commit (store.write_step + commit)", "store/run_store.py", "write_step"),
    ("  session.commit", "orm/session.py", "commit"),
]


def _cumulative(stats: pstats.Stats, suffix: str, name: str) -> float:
    total = 0.0
    for (path, _line, func), (_cc, _nc, _tt, ct, _callers) in stats.stats.items():
        if func == name and path.endswith(suffix):
            total += ct
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--npcs", type=int, default=1000)
    parser.add_argument("--places", type=int, default=50)
    parser.add_argument("--steps", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--memory", choices=["off", "hashing", "minilm"], default="minilm")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    spec = parse_world(generated_world(args.npcs, args.places), source="generated")
    with tempfile.TemporaryDirectory() as tmp:
        world = World(spec, seed=1, db=str(Path(tmp) / "p.db"), memory=args.memory != "off",
                      embedder=None if args.memory == "off" else args.memory)
        world.run(args.warmup)
        profile = cProfile.Profile()
        t0 = time.perf_counter()
        profile.enable()
        world.run(args.steps)
        profile.disable()
        wall = time.perf_counter() - t0
        world.close()
    stats = pstats.Stats(profile)
    total = stats.total_tt
    print(f"{args.npcs} NPCs, memory {args.memory}: steps {args.warmup + 1}-{args.warmup + args.steps}, "
          f"{wall / args.steps:.3f} s/step wall ({args.npcs * args.steps / wall:,.0f} agent-steps/s, "
          f"profiler on)")
    print(f"{'phase':42s} {'s/step':>8s} {'share':>7s}")
    for label, suffix, name in PHASES:
        t = _cumulative(stats, suffix, name)
        print(f"{label:42s} {t / args.steps:8.3f} {t / total:7.1%}")
    print(f"\ntop {args.top} functions by own time:")
    stats.sort_stats("tottime").print_stats(args.top)


if __name__ == "__main__":
    main()
