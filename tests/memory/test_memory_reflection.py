"""Reflection: triggered at the importance threshold, batched, evidence-linked."""

import json

from sqlalchemy import select

from simverse.memory import LLMReflector, NewMemory, RuleReflector, reflect_due
from simverse.store.memory_models import Memory

TEXTS = [
    "Tom sold Mara stale bread",
    "Tom argued with Ines at the harbour",
    "Ines said Tom owes her money",
    "Tom was late opening the bakery",
    "the gulls fought over fish",
]


def _fill(session, stream, npc, total_importance, step=0):
    """Add experiences of ``npc`` whose importance sums to exactly ``total_importance``."""
    items, left, i = [], total_importance, 0
    while left > 0:
        imp = min(10, left)
        items.append(
            NewMemory(npc, "observation", TEXTS[i % len(TEXTS)], step, step * 1.0, importance=imp)
        )
        left -= imp
        i += 1
    return stream.add_many(session, items)


def test_reflection_triggers_only_when_threshold_is_reached(session, stream):
    _fill(session, stream, "Mara", 149)
    assert stream.due_for_reflection() == []
    report = reflect_due(session, stream, RuleReflector(), step=1, sim_hours=1.0)
    assert report.npcs == [] and report.memory_ids == []
    stream.add_many(session, [NewMemory("Mara", "observation", "Tom is at the pier", 1, 1.0)])
    assert stream.importance_since_reflection("Mara") == 150
    assert stream.due_for_reflection() == ["Mara"]


def test_reflection_stores_insights_with_evidence_links_and_resets_counter(session, stream):
    mara_ids = set(_fill(session, stream, "Mara", 150))
    _fill(session, stream, "Ines", 40)
    report = reflect_due(session, stream, RuleReflector(), step=2, sim_hours=2.0)
    assert report.npcs == ["Mara"] and report.memory_ids
    rows = (
        session.execute(select(Memory).where(Memory.id.in_(report.memory_ids)).order_by(Memory.id))
        .scalars()
        .all()
    )
    assert {r.kind for r in rows} == {"reflection"} and {r.npc for r in rows} == {"Mara"}
    assert rows[0].text.startswith("Tom ") and rows[0].text.endswith(".") and '"' not in rows[0].text
    for r in rows:
        assert r.evidence and set(r.evidence) <= mara_ids
    assert stream.importance_since_reflection("Mara") == 0
    assert stream.importance_since_reflection("Ines") == 40
    assert stream.due_for_reflection() == []


def test_rule_reflection_is_deterministic(session, stream, embedder):
    from simverse.memory import MemoryStream

    other = MemoryStream(1, embedder)
    texts = []
    for s in (stream, other):
        _fill(session, s, "Mara", 160)
        ids = reflect_due(session, s, RuleReflector(), 3, 3.0).memory_ids
        texts.append([m.text for m in s.memories_of("Mara") if m.id in ids])
        session.rollback()
    assert texts[0] == texts[1] and texts[0]


def _llm_answer(req):
    if "reflect-focal" in req.tag:
        return json.dumps(["Why is Tom in trouble?", "Who can I trust?"])
    return 'Sure!\n```json\n[{"insight": "Tom is in debt", "because": [1, 2, 99]}]\n```'


def test_llm_reflection_makes_one_call_per_phase_for_all_npcs(session, stream, make_backend):
    _fill(session, stream, "Mara", 150)
    _fill(session, stream, "Ines", 160)
    backend = make_backend(_llm_answer)
    report = reflect_due(session, stream, LLMReflector(backend, seed=1), 4, 4.0)
    assert len(backend.batches) == 2
    assert [len(b) for b in backend.batches] == [2, 4]  # 2 NPCs; 2 questions each
    assert report.notes == []
    new = [m for n in ("Ines", "Mara") for m in stream.memories_of(n) if m.kind == "reflection"]
    assert [m.text for m in new] == ["Tom is in debt", "Tom is in debt"]  # deduped per NPC
    for m in new:
        assert len(m.evidence) == 2  # statement 99 does not exist and is dropped
        assert {e.npc for e in stream.memories_of(m.npc) if e.id in m.evidence} == {m.npc}


def test_malformed_llm_reflection_falls_back_to_rule_with_a_note(session, stream, make_backend):
    _fill(session, stream, "Mara", 150)
    backend = make_backend(lambda req: "I would rather not." if "focal" in req.tag else "[{]")
    report = reflect_due(session, stream, LLMReflector(backend), 5, 5.0)
    assert report.memory_ids
    assert any("unreadable focal questions" in n and "rule fallback" in n for n in report.notes)
    assert any("unreadable insights" in n for n in report.notes)
    texts = [m.text for m in stream.memories_of("Mara") if m.kind == "reflection"]
    assert texts and all(t.endswith(".") and '"' not in t for t in texts)


def test_rule_insights_are_sentences_about_people_and_places_never_quotes(session, stream):
    said = 'Nell said to Mara: "Hm, well. Between you and me, the mayor paid a smuggler last night."'
    earlier = 'Nell keeps coming up (3 of my memories); the most telling: "Nell said to Mara: ..."'
    stream.add_many(session, [
        NewMemory("Mara", "reflection", earlier, 1, 1.0, importance=6),
        *(NewMemory("Mara", "dialogue", said, 1, 1.0, importance=9) for _ in range(8)),
        *(NewMemory("Mara", "observation", "Tomas sells goods at the stall.", 1, 1.0, importance=6)
          for _ in range(10)),
        *(NewMemory("Mara", "observation", "Hm, the bell rings at Town Square.", 1, 1.0, importance=5)
          for _ in range(4)),
    ])
    ids = reflect_due(session, stream, RuleReflector(), 2, 2.0).memory_ids
    texts = [m.text for m in stream.memories_of("Mara") if m.id in ids]
    assert any(t.startswith("Nell told me that the mayor paid a smuggler last night.") for t in texts)
    assert "Tomas sells goods at the stall, again and again." in texts
    assert "A lot happens at Town Square: the bell rings at Town Square." in texts
    assert all('"' not in t and "keeps coming up" not in t and not t.startswith(("Hm", "Between")) for t in texts)
