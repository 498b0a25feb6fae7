"""A 10,000-NPC world against the instant server: it completes, resumes after ``kill -9``
and replays identically (issue 18). Prints each check and its time.

    python experiments/bench/scale_run.py [--npcs 10000] [--steps 3]
"""

from __future__ import annotations

import argparse
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import tomli_w

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_llm_scale import start_servers  # noqa: E402
from bench_scripted import generated_world  # noqa: E402


def simverse(*args: str, wait: bool = True) -> subprocess.Popen | subprocess.CompletedProcess:
    command = [sys.executable, "-m", "simverse.cli", *args]
    if not wait:
        return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return subprocess.run(command, capture_output=True, text=True, check=False)


def committed_steps(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
            return conn.execute("SELECT count(*) FROM steps").fetchone()[0]
    except sqlite3.Error:
        return 0


def digest(db: Path) -> dict[str, str]:
    from simverse.store.digest import run_digest
    from simverse.store.run_store import RunStore, db_url

    store = RunStore(db_url(str(db)))
    try:
        return run_digest(store, store.run().id)
    finally:
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--npcs", type=int, default=10_000)
    parser.add_argument("--steps", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="scale-"))
    (work / "town").mkdir()
    (work / "town" / "world.toml").write_text(tomli_w.dumps(generated_world(args.npcs, max(50, args.npcs // 20))))
    procs, llm = start_servers(1)
    common = ["--llm", llm, "--embedder", "hashing", "--steps", str(args.steps), "--seed", "1", "--quiet"]
    try:
        started = time.perf_counter()
        whole = simverse("run", str(work / "town"), "--db", str(work / "whole.db"), *common)
        print(f"uninterrupted run: exit {whole.returncode} in {time.perf_counter() - started:.0f} s "
              f"({args.npcs * args.steps / (time.perf_counter() - started):,.0f} agent-steps/s incl. start-up)")
        if whole.returncode:
            print(whole.stderr[-2000:])
            return
        killed = simverse("run", str(work / "town"), "--db", str(work / "killed.db"), *common, wait=False)
        while committed_steps(work / "killed.db") < 2 and killed.poll() is None:
            time.sleep(0.05)
        killed.send_signal(signal.SIGKILL)
        killed.wait()
        done = committed_steps(work / "killed.db") - 1
        print(f"killed with -9 after {done} committed step(s)")
        resumed = simverse("run", "--resume", str(work / "killed.db"), "--steps", str(args.steps - done),
                           "--llm", llm, "--quiet")
        same = resumed.returncode == 0 and digest(work / "killed.db") == digest(work / "whole.db")
        print(f"resumed: exit {resumed.returncode}; identical to the uninterrupted run: {same}")
        if resumed.returncode:
            print(resumed.stdout[-2000:], resumed.stderr[-2000:])
        replay = simverse("replay", str(work / "whole.db"), "--out", str(work / "replayed.db"))
        print(f"replay without a server: exit {replay.returncode}; {replay.stdout.strip().splitlines()[-1:]}")
    finally:
        for proc in procs:
            proc.kill()


if __name__ == "__main__":
    main()
