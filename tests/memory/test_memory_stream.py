"""MemoryStream: ids, batching, last access, retrieval logs, caller-owned transactions."""

import numpy as np
import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from simverse.memory import HashingEmbedder, MemoryConfig, MemoryStream, NewMemory, RetrievalQuery
from simverse.store import Base
from simverse.store.memory_models import Memory, RetrievalLog


def obs(npc, text, step=0, hours=0.0, **kw):
    return NewMemory(npc, kw.pop("kind", "observation"), text, step, hours, **kw)


def test_ids_follow_input_order_and_continue_across_batches(session, stream):
    first = stream.add_many(session, [obs("Mara", "a"), obs("Tom", "b"), obs("Mara", "c")])
    second = stream.add_many(session, [obs("Tom", "d")])
    assert first == [1, 2, 3] and second == [4]
    assert [m.id for m in stream.memories_of("Mara")] == [1, 3]
    rows = session.execute(select(Memory.id, Memory.npc).order_by(Memory.id)).all()
    assert [tuple(r) for r in rows] == [(1, "Mara"), (2, "Tom"), (3, "Mara"), (4, "Tom")]


def test_one_embedder_call_per_add_many_and_per_retrieve_batch_each_text_once(
    session, stream, embedder
):
    stream.add_many(session, [obs(n, f"{n} sees the harbour {i}") for n in "ABC" for i in range(5)])
    assert len(embedder.calls) == 1 and len(embedder.calls[0]) == 15
    queries = [RetrievalQuery(n, "harbour") for n in "ABCD"]  # D has no memories
    results = stream.retrieve_batch(session, queries, step=1, sim_hours=1.0)
    assert len(embedder.calls) == 2 and embedder.calls[1] == ["harbour"]
    assert [len(r) for r in results] == [5, 5, 5, 0]
    stream.retrieve_batch(session, queries, step=2, sim_hours=2.0)
    stream.add_many(session, [obs("D", "A sees the harbour 0", 2, 2.0)])
    assert len(embedder.calls) == 2, "texts the run has seen are never embedded again"


def test_retrieval_ranks_relevant_memory_first_and_logs_scores_in_full_mode(session, embedder):
    stream = MemoryStream(1, embedder, MemoryConfig(retrieval_log="full"))
    stream.add_many(
        session,
        [
            obs("Mara", "the baker sells fresh bread", importance=3),
            obs("Mara", "a gull sits on the pier", importance=3),
            obs("Mara", "the mill wheel creaks", importance=3),
        ],
    )
    [hits] = stream.retrieve_batch(session, [RetrievalQuery("Mara", "fresh bread", k=2)], 5, 2.0)
    assert hits[0].memory.text == "the baker sells fresh bread"
    assert [h.rank for h in hits] == [0, 1]
    logs = session.execute(select(RetrievalLog).order_by(RetrievalLog.rank)).scalars().all()
    assert [(lg.step, lg.npc, lg.query, lg.memory_id) for lg in logs] == [
        (5, "Mara", "fresh bread", hits[0].memory.id),
        (5, "Mara", "fresh bread", hits[1].memory.id),
    ]
    assert logs[0].score == pytest.approx(hits[0].score)
    assert logs[0].relevance == pytest.approx(1.0)


def test_retrieval_refreshes_last_access_in_index_and_db(session, stream):
    stream.add_many(session, [obs("Mara", "bread"), obs("Mara", "fish"), obs("Mara", "rope")])
    [hits] = stream.retrieve_batch(session, [RetrievalQuery("Mara", "bread", k=1)], 7, 30.0)
    got = hits[0].memory.id
    assert stream.last_access_hours("Mara")[got] == 30.0
    assert sorted(v for k, v in stream.last_access_hours("Mara").items() if k != got) == [0.0, 0.0]
    row = session.execute(select(Memory).where(Memory.id == got)).scalar_one()
    assert (row.last_access_step, row.last_access_hours) == (7, 30.0)


def test_kinds_filter_restricts_candidates(session, stream):
    stream.add_many(
        session,
        [obs("Mara", "bread plan", kind="plan"), obs("Mara", "bread seen"), obs("Mara", "x")],
    )
    [hits] = stream.retrieve_batch(
        session, [RetrievalQuery("Mara", "bread", kinds=frozenset({"plan"}))], 1, 1.0
    )
    assert [h.memory.kind for h in hits] == ["plan"]


def test_writes_stay_in_the_callers_transaction(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'run.db'}")
    Base.metadata.create_all(engine)
    stream = MemoryStream(1, HashingEmbedder(dim=32))
    with Session(engine) as s:
        stream.add_many(s, [obs("Mara", "bread")])
        stream.retrieve_batch(s, [RetrievalQuery("Mara", "bread")], 1, 1.0)
        s.rollback()
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(Memory)) == 0
        assert s.scalar(select(func.count()).select_from(RetrievalLog)) == 0


def test_load_rebuilds_memories_counters_and_next_id(session, stream):
    stream.add_many(session, [obs("Mara", f"Tom is at the bakery {i}") for i in range(3)])
    stream.add_many(session, [obs("Mara", "Tom said he heard of a fire", kind="dialogue")])
    session.flush()
    loaded = MemoryStream.load(session, 1, stream.embedder)
    assert loaded.memories_of("Mara") == stream.memories_of("Mara")
    assert loaded.importance_since_reflection("Mara") == stream.importance_since_reflection("Mara")
    assert loaded.add_many(session, [obs("Tom", "new")]) == [5]
    assert MemoryStream.load(session, 2, stream.embedder).npcs == []  # other runs are separate


def test_load_with_an_embedder_of_another_dimension_fails_clearly(session, stream):
    stream.add_many(session, [obs("Mara", "bread")])
    with pytest.raises(ValueError, match="another embedder"):
        MemoryStream.load(session, 1, HashingEmbedder(dim=128))


def test_index_grows_without_losing_rows(session):
    stream = MemoryStream(1, HashingEmbedder(dim=16))
    for i in range(10):
        stream.add_many(session, [obs("Mara", f"item {i} {j}", i, float(i)) for j in range(30)])
    assert stream.count("Mara") == 300
    emb = HashingEmbedder(dim=16).embed([m.text for m in stream.memories_of("Mara")])
    emb = emb.astype("<f2").astype(np.float32)  # vectors are kept as float16
    index = stream._index["Mara"]
    np.testing.assert_array_equal(index.embeddings, emb)
    assert index.ids.tolist() == list(range(1, 301))


def test_a_memory_with_a_gist_is_scored_by_the_gists_vector_and_reloads_so(session, embedder):
    stream = MemoryStream(1, embedder, MemoryConfig(gists=True))
    stream.add_many(session, [
        obs("Mara", 'Tom said to Mara: "fresh bread"', kind="dialogue", gist='Tom said: "fresh bread"'),
        obs("Tom", 'Tom said to Mara: "fresh bread"', kind="dialogue", gist='Tom said: "fresh bread"'),
        obs("Mara", "a gull sits on the pier"),
    ])
    assert embedder.calls == [['Tom said: "fresh bread"', "a gull sits on the pier"]]
    stream.retrieve_batch(session, [RetrievalQuery("Mara", "q", parts=('Tom said: "fresh bread"',))], 1, 1.0)
    assert len(embedder.calls) == 1, "the line heard is the memory's gist: no new vector"
    refs = session.execute(select(Memory.embedding).order_by(Memory.id)).scalars().all()
    assert refs[0] == refs[1] != b"" and refs[2] == b""
    reloaded = MemoryStream.load(session, 1, embedder, MemoryConfig(gists=True))
    for npc in ("Mara", "Tom"):
        assert np.array_equal(reloaded._index[npc].embeddings, stream._index[npc].embeddings)
    assert len(embedder.calls) == 1


def test_without_gists_on_a_memory_is_its_texts_vector(session, embedder):
    stream = MemoryStream(1, embedder, MemoryConfig())
    stream.add_many(session, [obs("Mara", "My plan for day 2: sleep", kind="plan", gist="My plan: sleep")])
    assert embedder.calls == [["My plan for day 2: sleep"]]
    assert session.execute(select(Memory.embedding)).scalar() == b""


def test_recent_and_kinds_filters_pick_what_a_scan_of_the_records_picks(session, stream):
    """``recent`` and the kinds filter read a table of kind codes: the same memories, in the
    same order, as a scan of the NPC's records newest first."""
    kinds = ["observation", "dialogue", "plan", "reflection", "action", "summary"]
    stream.add_many(session, [obs("Mara", f"m{i}", i, kind=kinds[(i * 7) % 6]) for i in range(40)])
    records = stream.memories_of("Mara")
    for wanted in (None, frozenset({"plan"}), frozenset({"observation", "dialogue", "action", "reflection"})):
        for n in (0, 1, 5, 39, 100):
            scan = [r for r in records if wanted is None or r.kind in wanted]
            assert stream.recent("Mara", n, wanted) == (scan[-n:] if n else scan)
        index = stream._index["Mara"]
        mask = index.kind_mask(wanted)
        assert (mask is None) == (wanted is None)
        if wanted is not None:
            assert [r for r, m in zip(records, mask.tolist(), strict=True) if m] == scan
