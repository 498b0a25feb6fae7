"""Memory stream benchmark: one NPC with 100,000 memories of 384-d embeddings.

Measures, on a file SQLite database:

* insert throughput of :meth:`MemoryStream.add_many` with precomputed embeddings
  (an embedder stub hands back the prepared vectors), committed per batch like a step;
* load time of the index from SQLite (:meth:`MemoryStream.load`);
* retrieval latency of one top-10 query via :meth:`MemoryStream.retrieve_batch` (scoring +
  last-access update + retrieval log, flushed), median and p95; and the scoring alone.

Run: ``python experiments/bench/bench_memory.py [--n 100000] [--queries 200]``.
Goal: median top-10 retrieval <= 20 ms at 100,000 memories.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from simverse.memory import MemoryConfig, MemoryStream, NewMemory, RetrievalQuery
from simverse.memory.embedder import normalise_rows
from simverse.memory.scoring import score_memories, top_k
from simverse.store import Base

DIM = 384


class PrecomputedEmbedder:
    """Returns prepared vectors in order for memories, random unit vectors for queries."""

    name = "precomputed"
    dim = DIM

    def __init__(self, vectors: np.ndarray, seed: int = 1) -> None:
        self.vectors = vectors
        self.next = 0
        self.rng = np.random.default_rng(seed)
        self.queries = False

    def embed(self, texts: list[str]) -> np.ndarray:
        if self.queries:
            return normalise_rows(self.rng.standard_normal((len(texts), DIM)))
        out = self.vectors[self.next : self.next + len(texts)]
        self.next += len(texts)
        return out


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--batch", type=int, default=5_000, help="memories per add_many/commit")
    ap.add_argument("--queries", type=int, default=200)
    args = ap.parse_args()

    rng = np.random.default_rng(0)
    vectors = normalise_rows(rng.standard_normal((args.n, DIM)))
    importance = rng.integers(1, 11, size=args.n)
    config = MemoryConfig(max_memories=args.n * 2, compact_target=args.n)
    embedder = PrecomputedEmbedder(vectors)

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        engine = create_engine(f"sqlite:///{db}")
        Base.metadata.create_all(engine)
        stream = MemoryStream(1, embedder, config)

        t0 = time.perf_counter()
        for start in range(0, args.n, args.batch):
            stop = min(args.n, start + args.batch)
            batch = [
                NewMemory(
                    "Mara",
                    "observation",
                    f"memory {i} about topic {i % 97}",
                    i // 10,
                    i / 10.0,
                    importance=int(importance[i]),
                )
                for i in range(start, stop)
            ]
            with Session(engine) as s:
                stream.add_many(s, batch)
                s.commit()
        insert_s = time.perf_counter() - t0
        print(f"memories                 {args.n:,} x {DIM}-d (one NPC), file SQLite")
        print(f"insert (add_many+commit) {args.n / insert_s:,.0f} rows/s ({insert_s:.2f} s total)")
        print(f"database size            {db.stat().st_size / 2**20:.1f} MiB")

        t0 = time.perf_counter()
        with Session(engine) as s:
            loaded = MemoryStream.load(s, 1, embedder, config)
        load_s = time.perf_counter() - t0
        assert loaded.count("Mara") == args.n
        print(f"load index from SQLite   {load_s:.2f} s")

        embedder.queries = True
        now = args.n / 10.0
        latencies = []
        with Session(engine) as s:
            for q in range(args.queries):
                t0 = time.perf_counter()
                [hits] = loaded.retrieve_batch(
                    s, [RetrievalQuery("Mara", f"query {q}", k=10)], args.n, now + q
                )
                s.flush()
                latencies.append(time.perf_counter() - t0)
                assert len(hits) == 10
            s.commit()
        lat = sorted(latencies)
        print(
            f"retrieve top-10 (+DB)    median {_ms(statistics.median(lat))}, "
            f"p95 {_ms(lat[int(0.95 * len(lat)) - 1])}  (goal <= 20 ms)"
        )

        index = loaded._index["Mara"]
        scoring = []
        for _ in range(args.queries):
            qv = normalise_rows(rng.standard_normal((1, DIM)))[0]
            t0 = time.perf_counter()
            parts = score_memories(
                index.embeddings, index.importance, index.last_access_hours, qv, now, config.decay
            )
            top_k(parts.score, index.ids, 10)
            scoring.append(time.perf_counter() - t0)
        print(f"scoring + top-10 only    median {_ms(statistics.median(scoring))}")

        with Session(engine) as s:
            t0 = time.perf_counter()
            loaded.retrieve_batch(
                s, [RetrievalQuery("Mara", f"b {q}", k=10) for q in range(16)], args.n + 1, now
            )
            s.flush()
            batch_s = time.perf_counter() - t0
        print(f"retrieve 16 queries/batch {_ms(batch_s / 16)} per query")
        engine.dispose()


if __name__ == "__main__":
    main()
