"""Daily plans: from the schedule, decomposed to now, revised on important news, durable."""

import json

import pytest

from simverse.memory import (
    LLMPlanner,
    MemoryConfig,
    MemoryStream,
    NewMemory,
    PlanInput,
    RulePlanner,
    ScheduleEntry,
    plan_step,
)
from simverse.memory.planning import as_schedule

SCHEDULE = [
    {"start": "06:00", "place": "bakery", "activity": "bake bread"},
    {"start": "12:00", "place": "square", "activity": "sell bread"},
    {"start": "21:00", "place": "home", "activity": "sleep"},
]


def tom(**kw):
    return PlanInput("Tom", "A baker.", as_schedule(SCHEDULE), places=("pier",), **kw)


def test_schedule_entries_validate_time():
    assert ScheduleEntry.from_dict(SCHEDULE[0]).minutes == 360
    with pytest.raises(ValueError, match="HH:MM"):
        ScheduleEntry("6am", "bakery", "bake")


def test_first_step_of_a_day_plans_and_says_what_to_do_now(session, stream):
    report = plan_step(
        session, stream, RulePlanner(), [tom()], step=0, sim_hours=1.0, start_hour=6.0
    )
    assert len(report.new_plan_ids) == 1
    now = report.now["Tom"]
    assert (now.entry.place, now.entry.activity) == ("bakery", "bake bread")
    memory = stream.latest_plan("Tom")
    assert memory.kind == "plan" and memory.text.startswith("My plan for day 1: 06:00 bake bread")
    later = plan_step(session, stream, RulePlanner(), [tom()], 1, 17.0, start_hour=6.0)
    assert later.new_plan_ids == [] and later.now["Tom"].entry.activity == "sleep"
    early = plan_step(session, stream, RulePlanner(), [tom()], 2, 22.0, start_hour=6.0)
    assert early.new_plan_ids and early.now["Tom"].plan.day == 1  # new day, new plan
    assert early.now["Tom"].entry.activity == "sleep"  # 04:00: last night's entry carries on


def test_important_observation_revises_the_plan_with_evidence(session, stream):
    plan_step(session, stream, RulePlanner(), [tom()], 0, 1.0, start_hour=6.0)
    [fire] = stream.add_many(
        session, [NewMemory("Tom", "observation", "The mill is on fire", 1, 3.5, importance=9)]
    )
    stream.add_many(session, [NewMemory("Tom", "observation", "a gull", 1, 3.5, importance=2)])
    report = plan_step(session, stream, RulePlanner(), [tom()], 1, 3.5, start_hour=6.0)
    assert report.revised == ["Tom"]
    memory = stream.latest_plan("Tom")
    assert memory.evidence == (fire,) and "(revised)" in memory.text
    assert report.now["Tom"].entry == ScheduleEntry(
        "09:30", "bakery", "respond to the news that the mill is on fire"
    )
    assert stream.revision_triggers("Tom") == []
    again = plan_step(session, stream, RulePlanner(), [tom()], 2, 4.0, start_hour=6.0)
    assert again.revised == [] and again.new_plan_ids == []


def test_plans_survive_reload(session, stream):
    plan_step(session, stream, RulePlanner(), [tom()], 0, 7.0, start_hour=6.0)
    loaded = MemoryStream.load(session, 1, stream.embedder)
    report = plan_step(session, loaded, RulePlanner(), [tom()], 1, 7.5, start_hour=6.0)
    assert report.new_plan_ids == [] and report.now["Tom"].entry.activity == "sell bread"


def test_llm_planner_validates_entries_and_falls_back(session, stream, make_backend):
    answers = {
        "Tom": json.dumps(
            [
                {"start": "07:00", "place": "pier", "activity": "buy flour"},
                {"start": "25:00", "place": "pier", "activity": "bad time"},
                {"start": "08:00", "place": "moon", "activity": "bad place"},
            ]
        ),
        "Ines": "I will improvise.",
    }
    backend = make_backend(lambda req: answers[req.tag.split()[1]])
    ines = PlanInput("Ines", "A fisher.", as_schedule(SCHEDULE[:1]))
    report = plan_step(session, stream, LLMPlanner(backend), [tom(), ines], 0, 2.0, 6.0)
    assert len(backend.batches) == 1 and len(backend.batches[0]) == 2
    assert report.now["Tom"].plan.entries == (ScheduleEntry("07:00", "pier", "buy flour"),)
    assert report.now["Ines"].plan.entries == as_schedule(SCHEDULE[:1])
    assert len(report.notes) == 1 and "Ines" in report.notes[0] and "rule" in report.notes[0]


def test_with_gists_the_same_plan_on_another_day_needs_no_new_vector(session, embedder):
    stream = MemoryStream(1, embedder, MemoryConfig(gists=True))
    plan_step(session, stream, RulePlanner(), [tom()], 0, 1.0, start_hour=6.0)
    calls = len(embedder.calls)
    plan_step(session, stream, RulePlanner(), [tom()], 2, 22.0, start_hour=6.0)
    assert stream.latest_plan("Tom").text.startswith("My plan for day 2: 06:00 bake bread")
    assert len(embedder.calls) == calls, "day 2's plan is day 1's gist"


def test_a_plan_memory_is_parsed_once_per_memory_object():
    from dataclasses import replace

    from simverse.memory.planning import DailyPlan, plan_of
    from simverse.memory.types import MemoryRecord

    data = {"day": 2, "revision": 1, "entries": SCHEDULE}
    memory = MemoryRecord(7, "Tom", "plan", "Tom's plan", 3, 1.0, 5, data=data)
    first = plan_of(memory)
    assert first == DailyPlan.from_memory(memory) and first.day == 2 and len(first.entries) == 3
    assert plan_of(memory) is first
    changed = replace(memory, data={**data, "day": 3})  # another object, e.g. a revision
    assert plan_of(changed).day == 3 and plan_of(memory) is first
