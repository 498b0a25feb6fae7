"""The step pipeline: batched decisions, conversations that pass on news, events, storage."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from sqlalchemy import func, select

from simverse.core.decisions import Decision, DecisionRequest
from simverse.core.loader import parse_world
from simverse.llm.scripted import ScriptedBrain
from simverse.store.models import DecisionRow, DialogueRow, EventRow, NPCStateRow, StepRow
from simverse.world.model import World


class CountingBrain(ScriptedBrain):
    """The scripted brain, counting how it is called."""

    def __init__(self) -> None:
        self.batches: list[tuple[str, int]] = []

    def decide_batch(self, requests: Sequence[DecisionRequest]) -> list[Decision]:
        self.batches.append((requests[0].mode, len(requests)))
        return super().decide_batch(requests)


def test_one_decide_call_for_all_npcs_per_step(tiny):
    brain = CountingBrain()
    world = World(parse_world(tiny), seed=3, brain=brain)
    world.step()
    acts = [n for mode, n in brain.batches if mode == "act"]
    assert acts == [3]
    assert all(mode == "reply" for mode, _ in brain.batches[1:])


def test_conversation_has_several_turns_and_news_spreads(tiny):
    world = World(parse_world(tiny), seed=1)
    world.run(6)
    with world.store.session() as s:
        lines = s.scalars(select(DialogueRow).order_by(DialogueRow.id)).all()
    assert lines, "NPCs who like to talk met and talked"
    by_conversation: dict[int, list[DialogueRow]] = {}
    for line in lines:
        by_conversation.setdefault(line.conversation, []).append(line)
    assert max(len(v) for v in by_conversation.values()) >= 3
    assert all([ln.turn for ln in v] == list(range(len(v))) for v in by_conversation.values())
    key = "well|is|dry"
    told = [ln for ln in lines if key in ln.told_facts]
    assert told, "Ann passed on what she knows"
    learner = told[0].listener
    belief = world.knowledge.current(learner, key) if learner != "Ann" else None
    if belief is not None:
        assert belief.told_by == told[0].speaker and belief.source.startswith("dialogue:")
    assert len(world.knowledge.holders(key)) >= 3  # world, Ann and at least one listener


def test_several_conversations_in_one_step():
    world = World("harbor_town", seed=3, embedder="hashing")
    world.run(20)
    with world.store.session() as s:
        per_step = s.execute(
            select(DialogueRow.step, func.count(func.distinct(DialogueRow.conversation))).group_by(DialogueRow.step)
        ).all()
    assert max(n for _, n in per_step) >= 2


def test_scheduled_event_fires_and_is_seen(tiny):
    world = World(parse_world(tiny), seed=0)
    world.run(2)
    assert world.state.entities["square"]["bell"] is True
    with world.store.session() as s:
        event = s.scalars(select(EventRow).where(EventRow.kind == "scheduled")).one()
    assert event.step == 2 and event.effects == [["square", "bell", "set", True]]
    assert sorted(event.observers) == ["Ann", "Bob", "Cid"]


def test_every_step_is_stored(tiny):
    world = World(parse_world(tiny), seed=0)
    world.run(3)
    with world.store.session() as s:
        assert s.scalar(select(func.count()).select_from(StepRow)) == 4  # step 0 + 3
        assert s.scalar(select(func.count()).select_from(NPCStateRow)) == 4 * 3
        decisions = s.scalars(select(DecisionRow).where(DecisionRow.mode == "act")).all()
    assert len(decisions) == 9
    assert {d.status for d in decisions} == {"valid"}


def test_brain_asking_for_impossible_things_gets_wait(tiny):
    class Reckless(ScriptedBrain):
        def decide_batch(self, requests):
            return [Decision(r.npc, "move", {"place": "moon"}) if r.mode == "act" else Decision(r.npc, "talk", {}, "hm")
                    for r in requests]

    world = World(parse_world(tiny), seed=0, brain=Reckless())
    world.step()
    with world.store.session() as s:
        rows = s.scalars(select(DecisionRow)).all()
    assert {r.action for r in rows} == {"wait"}
    assert all(r.status == "defaulted" and "'moon' is not a place reachable" in r.note for r in rows)


def test_datacollector_has_model_and_agent_series(tiny):
    world = World(parse_world(tiny), seed=0)
    world.run(3)
    model = world.datacollector.get_model_vars_dataframe()
    agents = world.datacollector.get_agent_vars_dataframe()
    assert list(model["step"]) == [0, 1, 2, 3]
    assert model["tracked_fact_spread"].iloc[0] > 0
    assert set(agents.columns) >= {"place", "hunger", "coins", "mood"}
    assert len(agents) == 4 * 3


def test_npcs_are_mesa_agents_on_the_place_network(tiny):
    world = World(parse_world(tiny), seed=0)
    world.run(2)
    for npc in world.agents:
        assert npc.cell.coordinate == npc.place


def test_mesa_batch_run_works_on_world(tiny):
    import mesa

    results = mesa.batch_run(
        World, parameters={"world": "harbor_town", "seed": [1, 2], "embedder": "hashing"}, iterations=1, max_steps=3,
        number_processes=1, display_progress=False,
    )
    assert {r["seed"] for r in results} == {1, 2}
    assert all(r["step"] == 3 for r in results if "AgentID" in r)


class Blunt(ScriptedBrain):
    """Starts every conversation with a diagnosis, whatever the world's policies say."""

    def decide_batch(self, requests):
        out = []
        for r in requests:
            if r.mode == "act" and r.people_here:
                line = "You probably have the flu, you bastard."
                out.append(Decision(r.npc, "talk", {"npc": sorted(r.people_here)[0]}, line))
            else:
                out.append(super().decide(r))
        return out


def test_policy_violations_and_blocked_words_are_recorded_not_dropped(tiny):
    tiny["policies"] = [{"name": "refer", "description": "no diagnosis", "forbid": ["you (probably )?have"]}]
    world = World(parse_world(tiny), seed=0, brain=Blunt())
    world.step()
    with world.store.session() as s:
        kinds = [e.kind for e in s.scalars(select(EventRow).where(EventRow.kind.in_(["policy", "filtered"])))]
        lines = [d.text for d in s.scalars(select(DialogueRow).where(DialogueRow.turn == 0))]
    assert kinds.count("policy") == len(lines) > 0
    assert kinds.count("filtered") == len(lines)
    assert all("bastard" not in line for line in lines), "the blocked word is not repeated"
    assert world.last_stats["policy_violations"] == len(lines)


def test_decisions_see_retrieved_memories(tiny):
    seen = []

    class Looking(ScriptedBrain):
        def decide_batch(self, requests):
            seen.extend(r for r in requests if r.mode == "act")
            return super().decide_batch(requests)

    world = World(parse_world(tiny), seed=1, brain=Looking())
    world.run(4)
    late = [r for r in seen if r.step == 4]
    assert any(r.memories for r in late)
    assert all(m.score >= 0 for r in late for m in r.memories)


def test_an_event_can_close_a_fact_for_the_world_and_its_witnesses(tiny):
    tiny["events"].append({"at_step": 3, "description": "Rain fills the well.",
                           "facts": [{"subject": "well", "predicate": "is", "object": "dry", "holds": False}]})
    world = World(parse_world(tiny), seed=0)
    world.run(3)
    key = "well|is|dry"
    assert world.knowledge.current("world", key) is None
    closed = [f for f in world.knowledge.facts.values() if f.key == key and f.holder == "world"]
    assert closed and closed[0].valid_to == 3, "closed at step 3, not deleted"


def test_a_failed_step_rolls_back_and_the_run_resumes_from_the_database(tiny, tmp_path):
    class Flaky(ScriptedBrain):
        def decide_batch(self, requests):
            if requests[0].step == 2:
                raise ConnectionError("model server went away")
            return super().decide_batch(requests)

    db = str(tmp_path / "r.db")
    world = World(parse_world(tiny), seed=0, db=db, brain=Flaky())
    with pytest.raises(ConnectionError):
        world.run(5)
    assert world.step_index == 1
    with pytest.raises(RuntimeError, match=r"World\.resume"):
        world.step()
    resumed = World.resume(db)
    assert resumed.step_index == 1, "nothing of the failed step was kept"
    resumed.run(2)
    assert resumed.step_index == 3
