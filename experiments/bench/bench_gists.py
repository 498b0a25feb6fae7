"""Recall with memory gists and stable cues against recall as runs made before them did.

A run of the benchmark town (or a shipped world) records every call its memory stream
gets: the memories added, the recall queries (with their cues) and the archiving. The
calls are then played into two fresh streams with the same embedder (MiniLM by default):
one as runs made before gists (``gists`` off: a memory is embedded by its whole text, a
line heard is cued by the words perceived, ``A said: "..."``), the other as new runs
(``gists`` on: a plan by its text without the day, a line heard by the memory the listener
made of it, ``A said to B: "..."``, whose vector the run already has). Printed for both:
the distinct texts each needed a vector for (what the embedder costs), and for the queries:

* **top-k shared**: the mean share of the old top k that the new stream recalls too,
  and how often the first memory recalled is the same;
* **names someone present**: the share of recalled memories whose text names a person
  among the query's cues (what a recall in company is for), for both streams;
* **mean rank of the old first**: where the new stream ranks the memory that the old one
  recalls first (1 = first; k + 1 when it is not in the new top k).

The second stream's state (last access) follows its own recalls, as a run's would.

    python experiments/bench/bench_gists.py --npcs 100 --steps 60
    python experiments/bench/bench_gists.py --world harbor_town --steps 48
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy as np
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

sys.path.insert(0, str(Path(__file__).parent))

from bench_scripted import generated_world

from simverse.agents.conversation import line_heard
from simverse.core.loader import load_world, parse_world
from simverse.memory import MemoryConfig, MemoryStream, RetrievalQuery, make_embedder
from simverse.store import Base
from simverse.world.model import World


class SharedVectors:
    """One embedder for both streams: each distinct text is embedded once for both."""

    def __init__(self, inner) -> None:
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self.known: dict[str, np.ndarray] = {}

    def embed(self, texts: list[str]) -> np.ndarray:
        todo = sorted({t for t in texts if t not in self.known}, key=len)
        if todo:
            self.known.update(zip(todo, self.inner.embed(todo), strict=True))
        return np.stack([self.known[t] for t in texts]) if texts else np.zeros((0, self.dim), np.float32)


def record_calls(spec, steps: int) -> list[tuple]:
    """Run ``spec`` with hashing memory and gists on; every stream call in order."""
    calls: list[tuple] = []
    with tempfile.TemporaryDirectory() as tmp:
        world = World(spec, seed=1, db=str(Path(tmp) / "r.db"), embedder="hashing")
        stream = world.minds.stream
        for name in ("add_many", "retrieve_batch", "archive"):
            original = getattr(stream, name)

            def wrapper(session, *args, _name=name, _original=original):
                calls.append((_name, args))
                return _original(session, *args)
            setattr(stream, name, wrapper)
        world.run(steps)
        world.close()
    return calls


def play(calls: list[tuple], embedder, gists: bool) -> tuple[list[list], int]:
    """The calls into a fresh stream; the recalled memories of every query, and how many
    distinct texts it asked vectors for."""
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    stream = MemoryStream(1, embedder, MemoryConfig(gists=gists))
    recalled: list[list] = []
    with Session(engine) as session:
        for name, args in calls:
            if name == "add_many":
                stream.add_many(session, *args)
            elif name == "archive":
                stream.archive(session, *args)
            else:
                queries = args[0] if gists else [_perceived_cues(q) for q in args[0]]
                hits = stream.retrieve_batch(session, queries, *args[1:])
                recalled.extend((q, h) for q, h in zip(queries, hits, strict=True))
    return recalled, len(stream.book)


_TOLD = re.compile(r'(?P<speaker>[^"]+?) said to (?P<listener>[^":]+): "(?P<text>.*)"', re.DOTALL)


def _perceived_cues(query: RetrievalQuery) -> RetrievalQuery:
    """The query as a run without gists cues it: a line heard by the words perceived
    (``A said: "..."``), not by the memory the listener made of it."""
    parts = []
    for part in query.parts:
        m = _TOLD.fullmatch(part)
        parts.append(line_heard(m["speaker"], m["text"]) if m and m["listener"] == query.npc else part)
    return replace(query, parts=tuple(parts))


def compare(whole: list, gist: list, people: set[str]) -> dict[str, float]:
    """Agreement of the two streams' recalls, and how often each recalls people present."""
    shared, first, present_w, present_g, rank = [], [], [], [], []
    for (q, hw), (_, hg) in zip(whole, gist, strict=True):
        if not hw:
            continue
        ids_w, ids_g = [h.memory.id for h in hw], [h.memory.id for h in hg]
        shared.append(len(set(ids_w) & set(ids_g)) / len(ids_w))
        first.append(ids_w[0] == ids_g[0])
        rank.append(ids_g.index(ids_w[0]) + 1 if ids_w[0] in ids_g else len(ids_g) + 1)
        here = [p for p in q.parts if p in people]
        if here:
            present_w.append(np.mean([any(p in h.memory.text for p in here) for h in hw]))
            present_g.append(np.mean([any(p in h.memory.text for p in here) for h in hg]))
    return {"queries": len(shared), "shared": float(np.mean(shared)), "first": float(np.mean(first)),
            "rank": float(np.mean(rank)), "present_whole": float(np.mean(present_w)),
            "present_gist": float(np.mean(present_g)), "with_people": len(present_w)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--world", default="", help="a shipped world (default: the benchmark town)")
    parser.add_argument("--npcs", type=int, default=100)
    parser.add_argument("--places", type=int, default=50)
    parser.add_argument("--steps", type=int, default=60)
    parser.add_argument("--embedder", default="minilm", choices=["minilm", "hashing"])
    args = parser.parse_args()
    spec = load_world(args.world) if args.world else parse_world(generated_world(args.npcs, args.places))
    people = {n.name for n in spec.npcs}
    t0 = time.perf_counter()
    calls = record_calls(spec, args.steps)
    print(f"{args.world or f'benchmark town, {args.npcs} NPCs'}, {args.steps} steps: {len(calls)} stream calls "
          f"recorded in {time.perf_counter() - t0:.1f} s")
    embedder = SharedVectors(make_embedder(args.embedder))
    whole, n_whole = play(calls, embedder, gists=False)
    gist, n_gist = play(calls, embedder, gists=True)
    agent_steps = len(people) * args.steps
    r = compare(whole, gist, people)
    print(f"distinct texts with a vector: before {n_whole:,} ({n_whole / agent_steps:.3f} per agent-step), "
          f"gists {n_gist:,} ({n_gist / agent_steps:.3f}), ratio {n_gist / n_whole:.2f}")
    print(f"{r['queries']:,} queries ({args.embedder}): top-k shared {r['shared']:.1%}, same first "
          f"{r['first']:.1%}, old first at new rank {r['rank']:.2f} (mean)")
    print(f"{r['with_people']:,} queries in company: recalled memories naming someone present: "
          f"before {r['present_whole']:.1%}, gists {r['present_gist']:.1%}")


if __name__ == "__main__":
    main()
