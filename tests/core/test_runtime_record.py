"""The between-steps record (inbox, queued events, id counters) has one owner, StepRuntime,
and World's directing verbs go through it."""

from __future__ import annotations

import pytest

from simverse.core.loader import parse_world
from simverse.core.runtime import INBOX_KEPT, Injection, StepRuntime
from simverse.core.state import Effect
from simverse.store.pending import queue_injection
from simverse.world.model import World
from tests.hamlet import hamlet_world

STORED = {  # a step row's runtime as databases made before StepRuntime hold it
    "inbox": {"Ann": ["Bob said: \"hello\""]},
    "pending": [{"description": "A bell rings.", "effects": [], "place": None, "facts": None,
                 "importance": 6, "kind": "injected"}],
    "ids": {"event": 4, "decision": 9, "dialogue": 2, "conversation": 1},
}


def hamlet(tmp_path, **kw) -> World:
    return World(parse_world(hamlet_world(), source="hamlet"), seed=3, db=str(tmp_path / "h.db"), **kw)


def test_a_stored_runtime_record_reads_back_unchanged():
    runtime = StepRuntime.from_json(STORED)
    assert runtime.pending == [Injection("A bell rings.", [])]
    assert runtime.to_json() == STORED


def test_a_draft_changes_nothing_until_adopted():
    runtime = StepRuntime.from_json(STORED)
    draft = runtime.copy()
    assert draft.next_id("dialogue") == 3
    draft.observe("Bob", "Ann waved.")
    assert runtime.ids["dialogue"] == 2 and "Bob" not in runtime.inbox
    runtime.adopt(draft)
    assert runtime.ids["dialogue"] == 3 and runtime.inbox["Bob"] == ["Ann waved."]


def test_injections_are_committed_with_the_step_and_fire_at_the_next(tmp_path):
    world = hamlet(tmp_path)
    world.inject("The well fills with water.", [Effect("well", "full", "set", True)], place="well")
    assert [p.description for p in world.pending] == ["The well fills with water."]
    world.pending.clear()  # a copy: the world's queue is its own
    assert len(world.pending) == 1
    world.step()
    assert world.pending == [] and world.state.entities["well"]["full"] is True
    stored = world.store.step_row(world.run_id, 1).runtime
    assert stored["pending"] == [] and stored["ids"] == world.ids
    world.close()


def test_queueing_an_unknown_place_is_refused(tmp_path):
    world = hamlet(tmp_path)
    with pytest.raises(ValueError, match="scene: unknown place 'moon'"):
        world.scene("fog rolls in", place="moon")
    with pytest.raises(ValueError, match="inject: unknown place 'moon'"):
        world.queue(Injection("a comet", [], "moon"))
    assert world.pending == []
    world.close()


def test_facts_of_an_injected_event_become_true_for_those_who_see_it(tmp_path):
    world = hamlet(tmp_path)
    fact = {"subject": "well", "predicate": "is", "object": "dry", "text": "the well is dry"}
    assert not world.knowledge.believes("Cid", "well|is|dry")
    world.inject("The bucket comes up empty.", [], place="square", facts=[fact])
    world.step()
    assert world.knowledge.current("Cid", "well|is|dry").source.startswith("event:"), "Cid is in the square"
    bob = world.knowledge.current("Bob", "well|is|dry")
    assert bob is None or not bob.source.startswith("event:"), "Bob is in the bakery and cannot see it"
    world.close()


def test_an_event_queued_in_the_database_fires_after_resume(tmp_path):
    world = hamlet(tmp_path)
    world.run(2)
    world.close()
    assert queue_injection(world.store, world.run_id, "A bell rings.", place="square") == 2
    resumed = World.resume(str(tmp_path / "h.db"))
    assert [p.description for p in resumed.pending] == ["A bell rings."]
    resumed.step()
    events = resumed.store.step_row(resumed.run_id, 3).stats["events"]
    assert events == 1 and resumed.pending == []
    resumed.close()


def test_fork_copies_the_history_and_the_fork_resumes_from_it(tmp_path):
    world = hamlet(tmp_path)
    world.run(3)
    child = world.fork(2)
    world.close()
    forked = World.resume(str(tmp_path / "h.db"), run_id=child)
    assert forked.run_id == child and forked.step_index == 2
    assert forked.store.run(child).parent_run_id == world.run_id
    forked.step()
    assert forked.step_index == 3
    forked.close()


def test_an_inbox_keeps_the_observations_a_decision_is_shown() -> None:
    runtime = StepRuntime()
    for i in range(INBOX_KEPT + 5):
        runtime.observe("Ann", f"seen {i}")
    assert runtime.inbox["Ann"] == [f"seen {i}" for i in range(5, INBOX_KEPT + 5)]
    assert StepRuntime.from_json(runtime.to_json()).inbox == runtime.inbox


def test_everyone_at_a_place_but_the_actor_observes_an_action() -> None:
    runtime = StepRuntime()
    runtime.observe("Bob", "earlier")
    runtime.observe_all(["Ann", "Bob", "Cid"], "Ann baked bread.", but="Ann")
    assert runtime.inbox == {"Bob": ["earlier", "Ann baked bread."], "Cid": ["Ann baked bread."]}
