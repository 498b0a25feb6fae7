"""Growth policy: active memories per NPC stay bounded; folded ones stay in SQLite."""

from sqlalchemy import func, select

from simverse.memory import HashingEmbedder, MemoryConfig, MemoryStream, NewMemory, compact
from simverse.store.memory_models import Memory


def test_compaction_bounds_active_memories_and_archives_with_evidence(session):
    cfg = MemoryConfig(max_memories=100, compact_target=60)
    stream = MemoryStream(1, HashingEmbedder(dim=32), cfg)
    for step in range(60):
        stream.add_many(
            session,
            [
                NewMemory("Mara", "observation", f"Tom is at the pier {step % 4}", step, step),
                NewMemory("Mara", "observation", f"crate {step}", step, step, importance=2),
                NewMemory("Mara", "dialogue", f"Ines: the storm {step}", step, step),
            ],
        )
        compact(session, stream, step, float(step))
        assert stream.count("Mara") <= 100
    total = session.scalar(select(func.count()).select_from(Memory))
    assert total == 180 + len([m for m in stream.memories_of("Mara") if m.kind == "summary"])
    summaries = [m for m in stream.memories_of("Mara") if m.kind == "summary"]
    assert summaries and summaries[0].text.startswith("Summary of ")
    archived = set(session.scalars(select(Memory.id).where(Memory.archived.is_(True))))
    assert set(summaries[0].evidence) <= archived
    dialogues = [m for m in stream.memories_of("Mara") if m.kind == "dialogue"]
    assert len(dialogues) == 60  # only routine observations are folded

    loaded = MemoryStream.load(session, 1, stream.embedder, cfg)
    assert loaded.memories_of("Mara") == stream.memories_of("Mara")
    assert loaded.importance_since_reflection("Mara") == stream.importance_since_reflection("Mara")


def test_summary_keeps_old_recency(session):
    cfg = MemoryConfig(max_memories=10, compact_target=5)
    stream = MemoryStream(1, HashingEmbedder(dim=32), cfg)
    stream.add_many(session, [NewMemory("Mara", "observation", "a gull", i, i) for i in range(12)])
    report = compact(session, stream, 100, 100.0)
    assert report.archived == {"Mara": 8}
    summary_id = report.summaries["Mara"]
    assert stream.last_access_hours("Mara")[summary_id] == 7.0
    assert stream.count("Mara") == 5
