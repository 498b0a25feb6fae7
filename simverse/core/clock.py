"""Simulated time: each step advances the clock by the world's minutes per step.

The time of day lives in the world's state (``world.time``, ``world.day``), so a scene
command can move it; the world then re-bases its :class:`Clock` on the state
(:meth:`Clock.rebased`), and every label, schedule and plan follows. Elapsed time
(``sim_hours``, which drives memory recency) counts steps and never jumps."""

from __future__ import annotations

from dataclasses import dataclass

MAX_STEPS = 1_000_000
"""The most steps one command or sweep may run (``run --steps``, ``fork --steps``, a sweep's
``steps``, ``stress``'s days). A million steps is 57 years of simulated time at the default
30 minutes a step, far past any study; a larger count is a slip that would run for days
before anything said so. Checked before anything is written."""


@dataclass(frozen=True)
class Clock:
    """Maps a step number to a day and time of day."""

    start_minutes: int
    minutes_per_step: int

    @classmethod
    def from_hhmm(cls, start: str, minutes_per_step: int) -> Clock:
        hours, minutes = start.split(":")
        return cls(int(hours) * 60 + int(minutes), minutes_per_step)

    def minutes(self, step: int) -> int:
        """Minutes since midnight of day 1."""
        return self.start_minutes + step * self.minutes_per_step

    def rebased(self, step: int, minutes: int) -> Clock:
        """The same clock, moved so that ``step`` shows ``minutes`` (since day 1's midnight)."""
        return Clock(minutes - step * self.minutes_per_step, self.minutes_per_step)

    def sim_hours(self, step: int) -> float:
        """Hours elapsed since step 0 (drives memory recency)."""
        return step * self.minutes_per_step / 60.0

    def hour(self, step: int) -> float:
        """Hour of the day, 0 <= hour < 24."""
        return (self.minutes(step) % 1440) / 60.0

    def hhmm(self, step: int) -> str:
        total = self.minutes(step) % 1440
        return f"{total // 60:02d}:{total % 60:02d}"

    def day(self, step: int) -> int:
        return self.minutes(step) // 1440 + 1

    def time_of_day(self, step: int) -> str:
        hour = self.hour(step)
        if 5 <= hour < 12:
            return "morning"
        if 12 <= hour < 17:
            return "afternoon"
        if 17 <= hour < 22:
            return "evening"
        return "night"

    def label(self, step: int) -> str:
        """``Day 1, 08:30 (morning)``."""
        return f"Day {self.day(step)}, {self.hhmm(step)} ({self.time_of_day(step)})"
