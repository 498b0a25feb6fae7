"""Benchmark: writing a step's recorded LLM calls, one ORM object per call vs one bulk insert.

Builds a step's worth of ``llm_calls`` rows as :class:`~simverse.llm.recording.RecordingBackend`
drains them (a ~1,700-character request and a short answer each), and writes them into a
fresh SQLite file (WAL, as a run does) both ways, alternating, in one process:

* ``orm``: an ``LLMCall`` object per call, ``session.add_all`` and commit (what recording did);
* ``bulk``: :func:`~simverse.llm.recording.store_calls`, one ``INSERT`` for the step's rows.

Prints microseconds per call for each and their ratio (the figure for ``docs/scale.md``).

    python experiments/bench/bench_call_rows.py [--calls 10000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from simverse.llm.recording import store_calls
from simverse.store.llm_models import LLMCall
from simverse.store.run_store import RunStore


def step_rows(count: int, first_id: int) -> list[dict]:
    """``count`` call rows shaped like a step's decision calls."""
    prompt = "You are an NPC of a generated world. " * 45
    answer = '{"action": "wait", "args": {}, "utterance": null}'
    return [{"run_id": 1, "id": first_id + i, "step": 1, "tag": f"step 1 npc N{i} act", "key": f"{i:064x}",
             "backend": "openai", "model": "instant", "request_json": prompt + str(i), "response_text": answer,
             "prompt_tokens": 420, "completion_tokens": 12, "latency_s": 0.001, "error": None}
            for i in range(count)]


def write(store: RunStore, rows: list[dict], how: str) -> float:
    """Seconds to write ``rows`` in one transaction, ``how`` = ``orm`` or ``bulk``."""
    started = time.perf_counter()
    with store.session() as session, session.begin():
        if how == "orm":
            session.add_all(LLMCall(**row) for row in rows)
        else:
            store_calls(session, rows)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    store = RunStore(f"sqlite:///{Path(tempfile.mkdtemp()) / 'calls.db'}")
    times: dict[str, list[float]] = {"orm": [], "bulk": []}
    next_id = 1
    for _ in range(args.rounds):
        for how in ("orm", "bulk"):
            times[how].append(write(store, step_rows(args.calls, next_id), how))
            next_id += args.calls
    store.close()
    per = {how: 1e6 * statistics.median(t) / args.calls for how, t in times.items()}
    print(f"{args.calls:,} calls per step, median of {args.rounds} rounds each, alternating:")
    print(f"  one ORM object per call: {per['orm']:7.1f} µs per call")
    print(f"  one bulk INSERT:         {per['bulk']:7.1f} µs per call   ({per['orm'] / per['bulk']:.1f}x faster)")


if __name__ == "__main__":
    main()
