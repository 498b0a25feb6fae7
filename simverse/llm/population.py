"""``Population``: several brains in one world, each NPC decided by its own.

The world still makes one ``decide_batch`` call per phase; the population splits that
batch by brain and makes one call per brain (so one batched model call per model per
phase), then puts the answers back in request order. Every brain records its own LLM
calls (they share the run's call ids), so recording, replay and resume work as with one
brain; the counters are kept per brain, so a run can compare models or agent designs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import fields
from typing import Any

from simverse.core.decisions import Brain, Decision, DecisionRequest
from simverse.llm.brain import BrainStats


class Population:
    """Route each NPC's requests to its brain: ``brains`` by label, ``by_npc`` NPC -> label."""

    name = "population"

    def __init__(self, brains: Mapping[str, Brain], by_npc: Mapping[str, str]) -> None:
        unknown = sorted(set(by_npc.values()) - set(brains))
        if unknown:
            raise ValueError(f"no brain labelled {unknown[0]!r}")
        self.brains = dict(brains)
        self.by_npc = dict(by_npc)
        self._counts: dict[str, BrainStats] = {label: BrainStats() for label in self.brains}

    def label_of(self, npc: str) -> str:
        """The label of the brain that drives ``npc``."""
        return self.by_npc[npc]

    def decide_batch(self, requests: Sequence[DecisionRequest]) -> list[Decision]:
        """One ``decide_batch`` per brain over its NPCs' requests; answers in request order."""
        groups: dict[str, list[int]] = {}
        for i, request in enumerate(requests):
            groups.setdefault(self.by_npc[request.npc], []).append(i)
        answers: list[Decision | None] = [None] * len(requests)
        for label, indexes in groups.items():
            decided = self.brains[label].decide_batch([requests[i] for i in indexes])
            if len(decided) != len(indexes):
                raise RuntimeError(f"brain {label!r} answered {len(decided)} of {len(indexes)} requests")
            for i, decision in zip(indexes, decided, strict=True):
                answers[i] = decision
            if not hasattr(self.brains[label], "take_stats"):  # rule brains: count their decisions here
                self._counts[label].decisions += len(decided)
                self._counts[label].valid += len(decided)
        return [a for a in answers if a is not None]

    def take_stats_by_brain(self) -> dict[str, BrainStats]:
        """Each brain's counters since the last call (and start new ones)."""
        out = {}
        for label, brain in self.brains.items():
            take = getattr(brain, "take_stats", None)
            out[label] = take() if take is not None else self._counts[label]
        self._counts = {label: BrainStats() for label in self.brains}
        return out

    def take_stats(self) -> BrainStats:
        """All brains' counters added up (see :meth:`take_stats_by_brain` for each)."""
        return merged(self.take_stats_by_brain().values())

    def drain_calls(self) -> list[Any]:
        """Every brain's recorded call rows since the last drain, in call-id order."""
        calls = [c for brain in self.brains.values() for c in getattr(brain, "drain_calls", list)()]
        return sorted(calls, key=lambda c: c["id"])


def merged(stats: Sequence[BrainStats] | Any) -> BrainStats:
    """The sum of several brains' counters."""
    total = BrainStats()
    for one in stats:
        for f in fields(BrainStats):
            setattr(total, f.name, getattr(total, f.name) + getattr(one, f.name))
    return total
