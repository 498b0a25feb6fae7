"""Benchmark: simverse's own cost per LLM request, against a server that answers at once.

Starts ``instant_server.py`` on 127.0.0.1 (its answers cost next to nothing), runs a
generated world of 1,000 and 10,000 NPCs with every NPC asking the model every step (skip
rule off), memory off and on, each configuration in a fresh process, and prints side by
side: agent-steps/s, client ms per LLM request, LLM calls per agent-step, peak memory per
NPC, database bytes per agent-step, and the share of a step's prompt text in the longest
prefix that all its requests share (what vLLM's prefix caching / SGLang's RadixAttention
can reuse). Goals (issue 18): <= 0.5 ms per request, >= 2,000 agent-steps/s at 1,000 and
10,000 NPCs on 2 cores, prefix share >= 50%.

    python experiments/bench/bench_llm_scale.py [--npcs 1000 10000] [--steps 5] [--servers 1]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import text

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_servers(count: int) -> tuple[list[subprocess.Popen], str]:
    """``count`` instant servers; the ``--llm`` spec that names them all."""
    procs, urls = [], []
    for _ in range(count):
        port = free_port()
        procs.append(subprocess.Popen([sys.executable, str(HERE / "instant_server.py"), "--port", str(port)],
                                      stdout=subprocess.PIPE, text=True))
        procs[-1].stdout.readline()  # "instant server on ..." once it listens
        urls.append(f"http://127.0.0.1:{port}/v1")
    return procs, f"openai:{','.join(urls)}#instant"


def common_prefix_share(prompts: list[str]) -> float:
    """Length of the longest prefix shared by all prompts over their mean length."""
    if len(prompts) < 2:
        return 1.0
    first, last = min(prompts), max(prompts)  # the common prefix of all = that of the extremes
    n = next((i for i, (a, b) in enumerate(zip(first, last, strict=False)) if a != b), min(len(first), len(last)))
    return n / (sum(map(len, prompts)) / len(prompts))


def step_prompts(db: Path, step: int) -> list[str]:
    """The rendered chats of one step's decision requests, from the recorded calls."""
    from simverse.store.prompt_texts import full_requests
    from simverse.store.run_store import RunStore

    store = RunStore(f"sqlite:///{db}", read_only=True)
    try:
        with store.session() as session:
            raws = session.execute(text("SELECT request_json FROM llm_calls WHERE step = :step AND tag LIKE '%act%'"),
                                   {"step": step}).scalars().all()
            return ["\n".join(m[1] for m in p["messages"]) for p in full_requests(session, raws)]
    finally:
        store.close()


def recorded_calls(db: Path, after_step: int) -> int:
    import sqlite3

    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM llm_calls WHERE step > ?", (after_step,)).fetchone()[0]


def one(npcs: int, steps: int, memory: str, llm: str) -> dict:
    """Run one configuration in this process and return its figures."""
    from bench_scripted import generated_world

    from simverse.core.loader import parse_world
    from simverse.world.model import World

    db = Path(tempfile.mkdtemp()) / "scale.db"
    world = World(parse_world(generated_world(npcs, max(50, npcs // 20))), seed=1, db=str(db), llm=llm,
                  memory=memory != "off", embedder=None if memory in ("off", "minilm") else memory)
    world.brain.skip_idle = False
    world.step()  # step 1 warms connections and caches; timed steps follow
    started, cpu_started = time.perf_counter(), time.process_time()
    for _ in range(steps):
        world.step()
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    world.close()
    calls = recorded_calls(db, after_step=1)
    return {
        "npcs": npcs, "memory": memory, "agent_steps_s": npcs * steps / wall,
        "ms_per_request": 1000 * wall / max(1, calls), "cpu_ms_per_request": 1000 * cpu / max(1, calls),
        "calls_per_agent_step": calls / (npcs * steps),
        "peak_kb_per_npc": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / npcs,
        "db_bytes_per_agent_step": db.stat().st_size / (npcs * (steps + 1)),
        "prefix_share": common_prefix_share(step_prompts(db, 2)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--npcs", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--steps", type=int, default=5)
    parser.add_argument("--memory", nargs="+", default=["off", "hashing"], help="off, hashing or minilm")
    parser.add_argument("--servers", type=int, default=1)
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        spec = json.loads(args.one)
        print(json.dumps(one(**spec)))
        return
    procs, llm = start_servers(args.servers)
    try:
        print(f"{'NPCs':>6} {'memory':>8} {'agent-steps/s':>14} {'ms/request':>11} {'CPU ms/request':>15} "
              f"{'calls/agent-step':>17} "
              f"{'peak KB/NPC':>12} {'DB B/agent-step':>16} {'prefix share':>13}")
        for npcs in args.npcs:
            for memory in args.memory:
                spec = json.dumps({"npcs": npcs, "steps": args.steps, "memory": memory, "llm": llm})
                out = subprocess.run([sys.executable, __file__, "--one", spec], capture_output=True, text=True,
                                     env={**os.environ, "PYTHONUNBUFFERED": "1"})
                if out.returncode:
                    print(out.stderr[-2000:])
                    continue
                r = json.loads(out.stdout.strip().splitlines()[-1])
                print(f"{r['npcs']:>6} {r['memory']:>8} {r['agent_steps_s']:>14,.0f} {r['ms_per_request']:>11.3f} "
                      f"{r['cpu_ms_per_request']:>15.3f} "
                      f"{r['calls_per_agent_step']:>17.2f} {r['peak_kb_per_npc']:>12,.0f} "
                      f"{r['db_bytes_per_agent_step']:>16,.0f} {r['prefix_share']:>13.0%}")
    finally:
        for proc in procs:
            proc.kill()


if __name__ == "__main__":
    main()
