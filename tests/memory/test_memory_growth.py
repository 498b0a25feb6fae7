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


def test_bound_holds_when_memories_are_mostly_talk(session):
    cfg = MemoryConfig(max_memories=50, compact_target=30)
    stream = MemoryStream(1, HashingEmbedder(dim=32), cfg)
    stream.add_many(session, [NewMemory("Mara", "plan", "work at the pier all day", 0, 0)])
    for step in range(40):
        heard = [f'Ines said to Mara: "storm {step} {i}"' for i in range(3)]
        stream.add_many(session, [NewMemory("Mara", "dialogue", t, step, step) for t in heard])
        compact(session, stream, step, float(step))
        assert stream.count("Mara") <= 50
    kept = stream.memories_of("Mara")
    summaries = [m for m in kept if m.kind == "summary"]
    assert summaries and all("older memories" in m.text for m in summaries)
    assert any(m.kind == "plan" for m in kept)  # the latest plan is never folded
    assert kept[-1].text == 'Ines said to Mara: "storm 39 2"'  # the newest stay

    loaded = MemoryStream.load(session, 1, stream.embedder, cfg)
    assert loaded.memories_of("Mara") == kept
