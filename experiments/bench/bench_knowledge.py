"""Knowledge graph benchmark: 1,000,000 facts over 10,000 entities held by 500 NPCs and the world.

Synthetic facts (seeded): a tenth are world truth (a fifth of those closed at some step);
the rest are NPC beliefs: copies of a truth (half learnt in dialogue, with ``told_by``),
beliefs with the truth's subject and predicate but another object (conflicts), and
random statements (mostly unfounded). They are bulk-inserted into a temporary SQLite file
with Core ``executemany``, then measured:

* load time from SQLite into a :class:`KnowledgeGraph` (:func:`load_knowledge`) and the
  memory it takes (RSS delta; peak RSS of the process);
* median / p95 latency over random queries of "what does NPC A believe about X" (now and
  at a past step), "contradictions of A" (now and at a past step), ``who_knows`` and
  ``spread`` of a statement, ``rank_beliefs`` for a prompt;
* one-off costs: the knowledge metrics of all NPCs for one step, and the export graph at
  a step.

Run: ``python experiments/bench/bench_knowledge.py [--facts 1000000] [--entities 10000]
[--npcs 500] [--queries 200]``. Goal: "believes about X" median <= 5 ms at 1M facts.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine

from simverse.knowledge.export import graph_at
from simverse.knowledge.graph import WORLD
from simverse.knowledge.metrics import knowledge_metrics
from simverse.knowledge.prompts import rank_beliefs
from simverse.knowledge.queries import beliefs_about, contradictions, spread, who_knows
from simverse.knowledge.store import load_knowledge
from simverse.store import Base
from simverse.store.knowledge_models import FactRow

STEPS = 1000
PREDICATES = [f"rel{i}" for i in range(50)]


def rss_mb() -> float:
    """Resident set size of this process now, in MB (Linux /proc)."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3


def synthetic_rows(n_facts: int, n_entities: int, n_npcs: int, seed: int) -> Iterator[dict[str, Any]]:
    """Fact rows in id order (see the module doc for the mix)."""
    rng = random.Random(seed)
    entities = [f"e{i}" for i in range(n_entities)]
    npcs = [f"npc{i}" for i in range(n_npcs)]
    truths: list[tuple[str, str, str, int]] = []
    n_world = n_facts // 10
    for fid in range(1, n_facts + 1):
        row = {"run_id": 1, "id": fid, "value": None, "text": "", "secret": False, "tracked": fid % 1000 == 0,
               "confidence": 1.0, "told_by": None, "valid_to": None}
        if fid <= n_world:
            s, p, o = rng.choice(entities), rng.choice(PREDICATES), rng.choice(entities)
            start = rng.randrange(STEPS // 2)
            truths.append((s, p, o, start))
            row.update(subject=s, predicate=p, object=o, holder=WORLD, source="world_file", valid_from=start)
            if rng.random() < 0.2:
                row["valid_to"] = rng.randrange(start + 1, STEPS)
        else:
            holder = rng.choice(npcs)
            roll = rng.random()
            s, p, o, start = rng.choice(truths)
            if roll < 0.6:
                pass
            elif roll < 0.8:
                o = rng.choice(entities)
            else:
                s, p, o = rng.choice(entities), rng.choice(PREDICATES), rng.choice(entities)
            learnt = rng.randrange(start, STEPS)
            row.update(subject=s, predicate=p, object=o, holder=holder, valid_from=learnt,
                       source="world_file", confidence=round(rng.uniform(0.5, 1.0), 3))
            if roll < 0.3:
                row.update(source=f"dialogue:{fid}", told_by=rng.choice(npcs))
            if rng.random() < 0.1:
                row["valid_to"] = rng.randrange(learnt + 1, STEPS + 1)
        yield row


def insert(path: Path, rows: Iterator[dict[str, Any]], chunk: int = 50_000) -> None:
    engine = create_engine(f"sqlite:///{path}")
    Base.metadata.create_all(engine)
    batch: list[dict[str, Any]] = []
    with engine.begin() as conn:
        for row in rows:
            batch.append(row)
            if len(batch) == chunk:
                conn.execute(FactRow.__table__.insert(), batch)
                batch = []
        if batch:
            conn.execute(FactRow.__table__.insert(), batch)
    engine.dispose()


def timed(calls: list[Callable[[], Any]]) -> tuple[float, float]:
    """Median and p95 in ms of each call run once."""
    times = []
    for call in calls:
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1e3)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=1_000_000)
    parser.add_argument("--entities", type=int, default=10_000)
    parser.add_argument("--npcs", type=int, default=500)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "facts.db"
        started = time.perf_counter()
        insert(path, synthetic_rows(args.facts, args.entities, args.npcs, args.seed))
        insert_s = time.perf_counter() - started
        size_mb = path.stat().st_size / 1e6
        print(f"facts: {args.facts:,} over {args.entities:,} entities, {args.npcs} NPC holders + world")
        print(f"bulk insert (Core executemany): {insert_s:.1f} s, file {size_mb:.0f} MB")

        gc.collect()
        before = rss_mb()
        engine = create_engine(f"sqlite:///{path}")
        started = time.perf_counter()
        with engine.connect() as conn:
            kg = load_knowledge(conn, 1)
        load_s = time.perf_counter() - started
        engine.dispose()
        gc.collect()
        gc.freeze()  # a long-lived graph: keep the cyclic collector from rescanning 1M facts (as World.run does)
        graph_mb = rss_mb() - before
        print(f"load SQLite -> KnowledgeGraph: {load_s:.1f} s ({args.facts / load_s:,.0f} facts/s)")
        print(f"memory of the loaded graph (RSS delta): {graph_mb:,.0f} MB "
              f"({graph_mb * 1e6 / args.facts:,.0f} bytes/fact incl. MultiDiGraph and indexes)")

    rng = random.Random(args.seed + 1)
    npcs = kg.npc_holders()
    entities = [f"e{i}" for i in range(args.entities)]
    pairs = []
    for i in range(args.queries):
        npc = rng.choice(npcs)
        own = kg.held(npc)
        entity = rng.choice(own).subject if own and i % 2 == 0 else rng.choice(entities)
        pairs.append((npc, entity, rng.randrange(STEPS)))
    answers = [len(beliefs_about(kg, n, e)) for n, e, _ in pairs]
    print(f"\nqueries: {args.queries} random (NPC, entity) pairs, half about an entity the NPC has beliefs about "
          f"(mean answer {statistics.mean(answers):.2f} facts); NPCs hold ~{args.facts * 0.9 / len(npcs):,.0f} each")
    report = [
        ("A believes about X (now)", [lambda n=n, e=e: beliefs_about(kg, n, e) for n, e, _ in pairs]),
        ("A believes about X (at step t)", [lambda n=n, e=e, t=t: beliefs_about(kg, n, e, t) for n, e, t in pairs]),
        ("contradictions of A (now)", [lambda n=n: contradictions(kg, n) for n, _, _ in pairs]),
        ("contradictions of A (at step t)", [lambda n=n, t=t: contradictions(kg, n, t) for n, _, t in pairs]),
        ("rank_beliefs for A's prompt (now)",
         [lambda n=n, e=e: rank_beliefs(kg, n, e, [], "rel1 rel2", STEPS, 160) for n, e, _ in pairs]),
    ]
    keys = [f.key for f in (kg.facts[rng.randrange(1, args.facts // 10)] for _ in range(args.queries))]
    report += [
        ("who knows F (chains, at step t)", [lambda k=k: who_knows(kg, k, STEPS // 2) for k in keys]),
        ("spread of F over all steps", [lambda k=k: spread(kg, k, last=STEPS) for k in keys]),
    ]
    for name, calls in report:
        median, p95 = timed(calls)
        print(f"  {name:<36} median {median:8.3f} ms   p95 {p95:8.3f} ms")

    started = time.perf_counter()
    figures = knowledge_metrics(kg, npcs, None)
    metrics_s = time.perf_counter() - started
    print(f"\nknowledge_metrics for all {len(npcs)} NPCs (one DataCollector row): {metrics_s:.2f} s "
          f"({figures['contradictions']:,} contradictions: {figures['contradictions_conflict']:,} conflict, "
          f"{figures['contradictions_outdated']:,} outdated, {figures['contradictions_unfounded']:,} unfounded)")
    started = time.perf_counter()
    exported = graph_at(kg, STEPS // 2)
    print(f"export graph at step {STEPS // 2}: {exported.number_of_edges():,} facts in "
          f"{time.perf_counter() - started:.1f} s (before writing a file)")
    del exported
    print(f"peak RSS of the process: {peak_rss_mb():,.0f} MB")
    print(
        "\nnote: the per-entity / per-holder / truth-by-(subject, predicate) dict indexes answer the point queries;"
        "\nthe networkx MultiDiGraph only serves export and graph algorithms, and it is the biggest part of the"
        "\nmemory (a dict per edge plus nested adjacency dicts). Around 5-10M facts a process needs 5-10+ GB and"
        "\nminutes to load; past that, keep facts in SQLite and ask it (indexes on (run_id, holder), (run_id,"
        "\nsubject, predicate)) or a columnar store (Arrow/DuckDB) for history queries, and hold only current"
        "\nfacts in memory, building networkx graphs per query (one step, one neighbourhood) for export."
    )


if __name__ == "__main__":
    main()
