"""Benchmark: agent count vs wall time and brain/LLM calls, scripted brain, generated worlds.

Reads ``experiments/scaling.toml`` (prompt, NPC counts, steps, seed), builds each world from
the template generator's world for the prompt with its NPCs cloned up to the count, runs it
into a temporary SQLite file and prints one row per size: wall time, agent-steps/s, batched
brain calls (``decide_batch`` calls: one per step for actions plus one per conversation
round), decision requests inside them (what a one-call-per-agent design would send as
separate LLM calls), conversations, and recorded ``llm_calls`` rows (0 for the scripted
brain). Numbers are printed, never asserted.

    python experiments/bench/bench_scaling.py [--config experiments/scaling.toml] [--npcs 10 50]
"""

from __future__ import annotations

import argparse
import copy
import tempfile
import time
import tomllib
from collections.abc import Sequence
from pathlib import Path

from simverse.authoring.generator import generate_world
from simverse.core.decisions import Decision, DecisionRequest
from simverse.core.loader import parse_world
from simverse.experiments.metrics import run_metrics
from simverse.llm.scripted import ScriptedBrain
from simverse.world.model import World

CONFIG = Path(__file__).resolve().parents[1] / "scaling.toml"


class CountingBrain:
    """The scripted brain, counting batched calls and the requests in them."""

    name = "scripted"

    def __init__(self) -> None:
        self.inner = ScriptedBrain()
        self.calls = 0
        self.requests = 0

    def decide_batch(self, requests: Sequence[DecisionRequest]) -> list[Decision]:
        self.calls += 1
        self.requests += len(requests)
        return self.inner.decide_batch(requests)


def scaled_world(base: dict, npcs: int) -> dict:
    """``base`` with its NPCs cloned (``Name 2``, ``Name 3``...) or cut to exactly ``npcs``."""
    world = copy.deepcopy(base)
    originals = world["npcs"]
    people = []
    for i in range(npcs):
        npc = copy.deepcopy(originals[i % len(originals)])
        copies = i // len(originals)
        if copies:
            npc["name"] = f"{npc['name']} {copies + 1}"
            npc["relationships"] = {}
        people.append(npc)
    world["npcs"] = people
    names = {p["name"] for p in people}
    for item in world.get("items", []):
        if item["place"] not in names and item["place"] not in {p["id"] for p in world["places"]}:
            item["place"] = world["places"][0]["id"]
    world["name"] = f"{base['name']}_{npcs}"
    return world


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", default=str(CONFIG))
    parser.add_argument("--npcs", type=int, nargs="*", help="override the config's NPC counts")
    parser.add_argument("--steps", type=int, help="override the config's steps")
    args = parser.parse_args(argv)
    config = tomllib.loads(Path(args.config).read_text(encoding="utf-8"))
    sizes = args.npcs or config["npcs"]
    steps = args.steps or config["steps"]
    base = generate_world(config["prompt"], config.get("seed", 0))
    print(f"world: template for {config['prompt']!r} ({len(base['npcs'])} NPCs, {len(base['places'])} places), "
          f"{steps} steps, scripted brain, memory {config.get('memory', False)}")
    header = ("npcs", "wall_s", "agent-steps/s", "brain calls", "requests", "conversations", "llm_calls rows")
    print(" | ".join(f"{h:>14}" for h in header))
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            spec = parse_world(scaled_world(base, n), source=f"scaled world of {n}")
            brain = CountingBrain()
            world = World(spec, seed=config.get("seed", 0), db=str(Path(tmp) / f"scale{n}.db"), brain=brain,
                          embedder=config.get("embedder", "hashing"), memory=config.get("memory", False))
            started = time.perf_counter()
            world.run(steps)
            wall = time.perf_counter() - started
            metrics = run_metrics(world.store, world.run_id)
            world.close()
            row = (n, f"{wall:.2f}", f"{n * steps / wall:,.0f}", brain.calls, brain.requests,
                   metrics["conversations"], metrics["llm_calls"])
            print(" | ".join(f"{v!s:>14}" for v in row), flush=True)


if __name__ == "__main__":
    main()
