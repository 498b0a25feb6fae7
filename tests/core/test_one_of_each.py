"""One type or table for each thing: schedule entries, number words."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from simverse.authoring.prompt_reading import read_prompt
from simverse.core.llm_protocol import LLMResponse
from simverse.core.number_words import NUMBER_WORDS, number_words
from simverse.core.schema import ScheduleEntry
from simverse.memory.importance import ImportanceParser
from simverse.memory.planning import LLMPlanner, PlanInput, as_schedule


def test_a_schedule_entry_is_written_positionally_or_by_keyword():
    entry = ScheduleEntry("07:30", "pier", "fish", "fish")
    assert entry == ScheduleEntry(start="07:30", place="pier", activity="fish", action="fish")
    assert entry.minutes == 450
    with pytest.raises(ValidationError, match="HH:MM"):
        ScheduleEntry("7am", "pier", "fish")


def test_stored_or_generated_entries_with_a_one_digit_hour_are_padded():
    assert ScheduleEntry.from_dict({"start": "7:05", "place": "pier", "activity": "fish"}).start == "07:05"


def test_a_plan_keeps_where_and_what_but_not_the_world_action():
    plan = as_schedule([ScheduleEntry("12:00", "square", "meet", "gather"), ScheduleEntry("06:00", "home", "wake")])
    assert [e.start for e in plan] == ["06:00", "12:00"]
    assert all(e.action is None for e in plan)
    assert plan[1].to_dict() == {"start": "12:00", "place": "square", "activity": "meet"}


def test_one_number_word_table_serves_prompts_and_ratings():
    assert number_words(1, 3) == {"one": 1, "two": 2, "three": 3}
    assert NUMBER_WORDS["twenty"] == 20
    assert read_prompt("a village with twelve fishers").groups == (("fisher", 12),)
    parser = ImportanceParser()
    assert parser.parse("I'd say seven") == 7
    assert parser.parse("eleven") == parser.default, "ratings are read in words from zero to ten only"
    assert parser.counts == {"parsed": 1, "clamped": 0, "defaulted": 1}


class _Answers:
    name = model = "answers"

    def __init__(self, text: str) -> None:
        self.text = text

    def generate_batch(self, requests):
        return [LLMResponse(text=self.text) for _ in requests]


def test_a_model_plan_with_one_digit_hours_becomes_world_schedule_entries():
    answer = ('[{"start": "7:00", "place": "pier", "activity": "fish"},'
              ' {"start": "9:30", "place": "home", "activity": "nap"}]')
    who = PlanInput("Tom", "A fisher.", as_schedule([ScheduleEntry("06:00", "home", "wake")]), places=("pier",))
    [result] = LLMPlanner(_Answers(answer)).plan_days([(who, 0)])
    assert result.note == ""
    assert [e.start for e in result.plan.entries] == ["07:00", "09:30"]
