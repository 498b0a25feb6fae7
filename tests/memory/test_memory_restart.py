"""SQLite is the truth: a new process reloads the stream and retrieves exactly the same."""

import json
import subprocess
import sys
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from simverse.memory import HashingEmbedder, MemoryStream, NewMemory, RetrievalQuery
from simverse.store import Base

REPO = Path(__file__).resolve().parents[2]

RETRIEVE_SCRIPT = """
import json, sys
from sqlalchemy import create_engine
from sqlalchemy.orm import Session
from simverse.memory import HashingEmbedder, MemoryStream, RetrievalQuery

engine = create_engine(f"sqlite:///{sys.argv[1]}")
with Session(engine) as s:
    stream = MemoryStream.load(s, 7, HashingEmbedder(dim=64))
    queries = [RetrievalQuery(q["npc"], q["text"], k=q["k"]) for q in json.loads(sys.argv[2])]
    results = stream.retrieve_batch(s, queries, step=40, sim_hours=80.0)
    out = [[[h.memory.id, h.score, h.recency, h.importance, h.relevance] for h in r]
           for r in results]
    s.rollback()
print(json.dumps({"results": out, "since": stream.importance_since_reflection("Mara")}))
"""

TOPICS = ["bread", "fish", "the mill", "a storm", "Tom", "the festival", "rope", "gulls"]


def _memories():
    return [
        NewMemory(
            npc=("Mara", "Tom")[i % 2],
            kind=("observation", "dialogue", "action")[i % 3],
            text=f"{TOPICS[i % 8]} and {TOPICS[(i * 3) % 8]} near the harbour {i % 5}",
            step=i // 4,
            sim_hours=i * 0.5,
            importance=1 + (i * 7) % 10,
        )
        for i in range(120)
    ]


def _flat(results):
    return [
        [[h.memory.id, h.score, h.recency, h.importance, h.relevance] for h in r] for r in results
    ]


def test_reopened_run_in_new_process_retrieves_identical_ids_and_scores(tmp_path):
    db = tmp_path / "run.db"
    engine = create_engine(f"sqlite:///{db}")
    Base.metadata.create_all(engine)
    stream = MemoryStream(7, HashingEmbedder(dim=64))
    with Session(engine) as s:
        stream.add_many(s, _memories()[:60])
        stream.retrieve_batch(s, [RetrievalQuery("Mara", "bread by the mill")], 20, 40.0)
        stream.add_many(s, _memories()[60:])
        s.commit()
    engine.dispose()

    spec = [
        {"npc": "Mara", "text": "a storm over the harbour", "k": 10},
        {"npc": "Tom", "text": "bread", "k": 5},
        {"npc": "Mara", "text": "Tom at the festival", "k": 3},
    ]
    proc = subprocess.run(
        [sys.executable, "-c", RETRIEVE_SCRIPT, str(db), json.dumps(spec)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    other = json.loads(proc.stdout)

    engine = create_engine(f"sqlite:///{db}")
    with Session(engine) as s:
        queries = [RetrievalQuery(q["npc"], q["text"], k=q["k"]) for q in spec]
        here = _flat(stream.retrieve_batch(s, queries, step=40, sim_hours=80.0))
    engine.dispose()
    assert other["results"] == here
    assert [len(r) for r in here] == [10, 5, 3]
    assert other["since"] == stream.importance_since_reflection("Mara")
