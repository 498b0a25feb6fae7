"""The knowledge graph inside a running World: tell-chains from real dialogue, restart
equality, metrics, and the facts a decision sees."""

from __future__ import annotations

from knowledge_fixtures import new_hamlet_world
from sqlalchemy import select

from simverse.agents.perception import build_requests
from simverse.core.loader import parse_world
from simverse.knowledge.entities import world_entities
from simverse.knowledge.export import graph_at
from simverse.knowledge.graph import WORLD
from simverse.knowledge.metrics import knowledge_metrics, knowledge_reporters
from simverse.knowledge.queries import contradictions, who_knows
from simverse.knowledge.store import load_knowledge
from simverse.store.models import DialogueRow
from simverse.world.model import World

DRY = "well|is|dry"


def _world(spec: dict, db: str | None = None) -> World:
    world = World(parse_world(spec, source="test"), seed=0, db=db, embedder="hashing")
    world.knowledge.register_entities(world_entities(world.spec))
    return world


def test_a_real_run_gives_bob_a_chain_back_to_ann_through_the_dialogue_line() -> None:
    hamlet_world = new_hamlet_world()
    world = _world(hamlet_world)
    world.run(3)
    chains = {c.holder: c for c in who_knows(world.knowledge, DRY, 1)}
    assert chains["Ann"].hops == () and chains["Ann"].origin_source == "world_file"
    (hop,) = chains["Bob"].hops
    assert (hop.teller, hop.listener, hop.step, chains["Bob"].origin) == ("Ann", "Bob", 1, "Ann")
    with world.store.session() as session:
        line = session.get(DialogueRow, (world.run_id, hop.line_id))
    assert (line.speaker, line.listener, line.step) == ("Ann", "Bob", 1)
    assert DRY in line.told_facts


def test_bobs_heard_rumour_conflicts_once_the_world_holds_only_the_news() -> None:
    hamlet_world = new_hamlet_world()
    world = _world(hamlet_world)
    world.run(3)
    assert world.knowledge.believes("Bob", DRY)
    assert contradictions(world.knowledge, "Bob", 3) == [], "rain added 'full'; 'dry' still holds"
    world.knowledge.close(WORLD, DRY, 3)  # what an event change with holds=False does
    (found,) = contradictions(world.knowledge, "Bob", 3)
    assert (found.kind, [t.key for t in found.truths]) == ("conflict", ["well|is|full"])
    assert contradictions(world.knowledge, "Bob", 2) == []


def test_a_resumed_world_has_the_same_graph_and_answers(tmp_path) -> None:
    hamlet_world = new_hamlet_world()
    db = str(tmp_path / "run.db")
    world = _world(hamlet_world, db)
    world.run(4)
    before = world.knowledge
    world.close()
    resumed = World.resume(db)
    after = resumed.knowledge
    assert after.facts == before.facts
    assert after.next_id == before.next_id
    for step in range(5):
        assert who_knows(after, DRY, step) == who_knows(before, DRY, step)
        for npc in resumed.npc_names:
            assert contradictions(after, npc, step) == contradictions(before, npc, step)
        assert knowledge_metrics(after, resumed.npc_names, step) == knowledge_metrics(before, world.npc_names, step)
    assert sorted(graph_at(after, 4).edges(keys=True)) == sorted(graph_at(before, 4).edges(keys=True))
    with resumed.store.engine.connect() as conn:
        assert load_knowledge(conn, resumed.run_id).facts == before.facts
    resumed.close()


def test_metrics_count_facts_contradictions_and_tracked_share() -> None:
    hamlet_world = new_hamlet_world()
    world = _world(hamlet_world)
    world.run(3)
    world.knowledge.close(WORLD, DRY, 3)
    figures = knowledge_metrics(world.knowledge, world.npc_names, world.step_index)
    assert figures["facts"] == len([f for f in world.knowledge.facts.values() if f.valid_to is None])
    holders = [n for n in world.npc_names if world.knowledge.believes(n, DRY)]
    assert figures["tracked_share"] == {DRY: len(holders) / 3}
    assert figures["tracked_share_mean"] == len(holders) / 3
    wrong = sum(len(contradictions(world.knowledge, n)) for n in world.npc_names)
    assert figures["contradictions"] == wrong >= 1
    assert knowledge_metrics(world.knowledge, world.npc_names, 0)["contradictions"] == 0


def test_knowledge_reporters_give_one_column_per_figure() -> None:
    hamlet_world = new_hamlet_world()
    import mesa

    world = _world(hamlet_world)
    collector = mesa.DataCollector(model_reporters=knowledge_reporters())
    collector.collect(world)
    world.run(3)
    collector.collect(world)
    frame = collector.get_model_vars_dataframe()
    assert list(frame["kg_tracked_share_mean"]) == [1 / 3, knowledge_metrics(world.knowledge, world.npc_names)
                                                    ["tracked_share_mean"]]
    assert {"kg_facts", "kg_contradictions", "kg_contradictions_unfounded", "kg_tracked_share"} <= set(frame)


def test_a_decision_sees_the_belief_about_its_place_among_many_newer_ones() -> None:
    hamlet_world = new_hamlet_world()
    for i in range(20):
        hamlet_world["knowledge"].append({"subject": f"rumour{i}", "predicate": "is", "object": "idle"})
        hamlet_world["npcs"][1].setdefault("knowledge", []).append(
            {"subject": f"rumour{i}", "predicate": "is", "object": "idle", "text": f"rumour {i} is idle talk"})
    hamlet_world["npcs"][1]["knowledge"].insert(0, {"subject": "bakery", "predicate": "sells", "object": "bread",
                                                    "text": "the bakery sells bread"})
    world = _world(hamlet_world)
    (request,) = build_requests(world, [world.npcs["Bob"]], 1, "act")
    keys = [f.key for f in request.facts]
    assert "bakery|sells|bread" in keys, "Bob is at the bakery"
    assert len(keys) <= 8
    ids = [world.knowledge.current("Bob", k).id for k in keys]
    assert ids == sorted(ids), "shown oldest first"
    with world.store.session() as session:
        assert session.scalars(select(DialogueRow)).all() == []
