"""Stored vectors in whole runs: a replay embeds nothing, older databases resume, logs as set."""

from __future__ import annotations

import sqlite3

import numpy as np
from sqlalchemy import func, select

from simverse.agents.conversation import line_heard, line_remembered, remembered_as
from simverse.core.loader import parse_world
from simverse.memory.vectors import referenced_key, text_key
from simverse.store.digest import run_digest
from simverse.store.memory_models import MemoryAccess, RetrievalLog
from simverse.world.model import World
from tests.hamlet import hamlet_world


def _world(**settings):
    spec = hamlet_world()
    spec["settings"].update(settings)
    return parse_world(spec)


def test_a_replay_reads_every_vector_from_the_recording_and_stores_the_same_run(tmp_path):
    live = World(_world(), seed=4, db=str(tmp_path / "live.db"))
    live.run(5)
    assert live.minds.stream.book.embedded > 0
    replayed = World(_world(), seed=4, db=str(tmp_path / "replay.db"), replay=str(tmp_path / "live.db"))
    replayed.run(5)
    assert replayed.minds.stream.book.embedded == 0, "the embedder is never asked"
    assert run_digest(replayed.store, replayed.run_id) == run_digest(live.store, live.run_id)
    live.close()
    replayed.close()


def test_a_database_written_before_the_embeddings_table_still_resumes(tmp_path):
    db = tmp_path / "old.db"
    world = World(_world(), seed=2, db=str(db))
    world.run(3)
    stream, run_id = world.minds.stream, world.run_id
    world.close()
    with sqlite3.connect(db) as con:  # the older layout: each memory row holds its float32 vector
        for memory_id, text, ref in con.execute("SELECT id, text, embedding FROM memories").fetchall():
            vector = stream.book.get(referenced_key(ref) or text_key(text))
            con.execute("UPDATE memories SET embedding = ? WHERE id = ?",
                        (np.asarray(vector, "<f4").tobytes(), memory_id))
        con.execute("DROP TABLE embeddings")
        con.execute("DROP TABLE memory_accesses")
        before = con.execute("SELECT count(*) FROM memories").fetchone()[0]
    resumed = World.resume(str(db))
    resumed.run(2)
    assert resumed.step_index == 5
    with sqlite3.connect(db) as con:
        assert con.execute("SELECT count(*) FROM memories").fetchone()[0] > before
        assert con.execute("SELECT count(*) FROM memory_accesses WHERE step > 3").fetchone()[0] > 0
    assert resumed.run_id == run_id
    resumed.close()


def _without_gists(db) -> None:
    """The run as one made before gists: its config has no ``memory_gists``."""
    with sqlite3.connect(db) as con:
        con.execute("UPDATE runs SET config = json_remove(config, '$.memory_gists')")


def test_a_run_made_before_gists_keeps_embedding_whole_texts_when_it_resumes(tmp_path):
    new = World(_world(), seed=2, db=str(tmp_path / "new.db"))
    new.run(4)
    old = World(_world(), seed=2, db=str(tmp_path / "old.db"))
    old.close()
    _without_gists(tmp_path / "old.db")
    old = World.resume(str(tmp_path / "old.db"))
    old.run(4)
    with sqlite3.connect(tmp_path / "old.db") as con:
        rows = con.execute("SELECT text, embedding FROM memories").fetchall()
    assert rows and all(ref == b"" and old.minds.stream.book.get(text_key(t)) is not None for t, ref in rows)
    assert old.minds.stream.book.embedded > new.minds.stream.book.embedded
    heard_new, heard_old = (_lines_heard_with_a_vector(tmp_path / f"{name}.db") for name in ("new", "old"))
    assert heard_new == 0 < heard_old, "a new run cues a line heard by its memory, an old one by the words"
    new.close()
    old.close()


def test_a_run_made_before_gists_resumed_midway_equals_it_uninterrupted(tmp_path):
    runs = {}
    for name, legs in (("whole", (6,)), ("resumed", (3, 3))):
        world = World(_world(), seed=3, db=str(tmp_path / f"{name}.db"))
        world.close()
        _without_gists(tmp_path / f"{name}.db")
        for steps in legs:
            world = World.resume(str(tmp_path / f"{name}.db"))
            world.run(steps)
            runs[name] = run_digest(world.store, world.run_id)
            world.close()
    assert runs["resumed"] == runs["whole"]


def test_minilm_computes_in_the_precision_its_run_recorded_wherever_it_resumes_or_replays(tmp_path, monkeypatch):
    """The machine's precision is chosen once, when a run starts: resuming it (or replaying
    it) where another would be chosen keeps the recorded one, and a run made before
    precisions were recorded computes float32, as it did."""
    monkeypatch.setenv("SIMVERSE_EMBEDDER_PRECISION", "float32")
    World(_world(embedder="minilm"), seed=1, db=str(tmp_path / "live.db")).close()
    monkeypatch.setenv("SIMVERSE_EMBEDDER_PRECISION", "bfloat16")
    resumed = World.resume(str(tmp_path / "live.db"))
    replayed = World(_world(embedder="minilm"), seed=1, db=str(tmp_path / "replay.db"),
                     replay=str(tmp_path / "live.db"))
    fresh = World(_world(embedder="minilm"), seed=1, db=str(tmp_path / "fresh.db"))
    for world, precision in ((resumed, "float32"), (replayed, "float32"), (fresh, "bfloat16")):
        assert world.store.run(world.run_id).config["embedder_precision"] == precision
        assert world.minds.stream.embedder.precision == precision
        memory, understood = world.minds.stream.embedder, world.brain.intents.encoder
        assert understood.precision == "float32", "talk is understood as its thresholds were calibrated"
        assert getattr(understood, "base", understood) is memory, "one model serves memory and talk"
        world.close()
    with sqlite3.connect(tmp_path / "fresh.db") as con:
        con.execute("UPDATE runs SET config = json_remove(config, '$.embedder_precision')")
    older = World.resume(str(tmp_path / "fresh.db"))
    assert older.minds.stream.embedder.precision == "float32"
    older.close()


def _lines_heard_with_a_vector(db) -> int:
    """How many dialogue lines have a vector of the words their listener perceived."""
    with sqlite3.connect(db) as con:
        keys = {bytes(k) for (k,) in con.execute("SELECT key FROM embeddings")}
        lines = con.execute("SELECT speaker, text FROM dialogue").fetchall()
    assert lines, "the hamlet's NPCs talk"
    return sum(text_key(line_heard(speaker, text)) in keys for speaker, text in lines)


def test_a_line_heard_reads_back_as_the_memory_its_listener_made():
    assert remembered_as(line_heard("Tom", 'fresh "bread": yes'), "Mara") == line_remembered(
        "Tom", "Mara", 'fresh "bread": yes')
    assert remembered_as("Tom walks from A to B.", "Mara") is None


def test_a_replay_of_a_run_made_before_gists_stores_the_same_run(tmp_path):
    live = World(_world(), seed=4, db=str(tmp_path / "live.db"))
    live.close()
    _without_gists(tmp_path / "live.db")
    live = World.resume(str(tmp_path / "live.db"))
    live.run(5)
    replayed = World(_world(), seed=4, db=str(tmp_path / "replay.db"), replay=str(tmp_path / "live.db"))
    replayed.run(5)
    assert replayed.minds.stream.book.embedded == 0
    assert run_digest(replayed.store, replayed.run_id) == run_digest(live.store, live.run_id)
    live.close()
    replayed.close()


def test_retrieval_logs_are_compact_unless_the_world_asks_for_full(tmp_path):
    compact = World(_world(), seed=1, db=str(tmp_path / "c.db"))
    compact.run(2)
    full = World(_world(retrieval_log="full"), seed=1, db=str(tmp_path / "f.db"))
    full.run(2)
    for world, logs in ((compact, 0), (full, None)):
        with world.store.session() as s:
            assert s.scalar(select(func.count()).select_from(MemoryAccess)) > 0
            count = s.scalar(select(func.count()).select_from(RetrievalLog))
        assert count == logs if logs is not None else count > 0
    compact.close()
    full.close()
