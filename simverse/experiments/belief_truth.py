"""Which beliefs contradict the world's truth: the rule behind the coherence metrics.

A belief ``(subject, predicate, object)`` held by an NPC *contradicts* the truth at a step
when the world holds, at that step, a fact with the same subject and predicate but another
object, and does not hold the belief's own triple. A belief about something the world says
nothing of (no true fact with that subject and predicate) is unknown, not false.

``simverse.knowledge.queries`` (another package's, when present) answers the same question
on a live graph; this module answers it on stored fact rows, which is what the metrics read.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

WORLD = "world"


@dataclass(frozen=True)
class FactSpan:
    """A stored fact reduced to what the metrics need: who held which triple, from when to when."""

    holder: str
    subject: str
    predicate: str
    object: str
    valid_from: int
    valid_to: int | None
    tracked: bool = False

    @property
    def key(self) -> str:
        return f"{self.subject}|{self.predicate}|{self.object}"

    def holds_at(self, step: int) -> bool:
        return self.valid_from <= step and (self.valid_to is None or step < self.valid_to)


class Truth:
    """The world's facts at one step, indexed for the contradiction test."""

    def __init__(self, facts: Iterable[FactSpan], step: int) -> None:
        self.keys: set[str] = set()
        self.objects: dict[tuple[str, str], set[str]] = {}
        for fact in facts:
            if fact.holder == WORLD and fact.holds_at(step):
                self.keys.add(fact.key)
                self.objects.setdefault((fact.subject, fact.predicate), set()).add(fact.object)

    def contradicts(self, key: str) -> bool:
        """Whether a belief with this key (``subject|predicate|object``) is false now."""
        if key in self.keys:
            return False
        subject, _, rest = key.partition("|")
        predicate, _, obj = rest.partition("|")
        known = self.objects.get((subject, predicate))
        return bool(known) and obj not in known


def false_beliefs(facts: list[FactSpan], step: int) -> list[FactSpan]:
    """NPC beliefs holding at ``step`` that contradict the truth at ``step``."""
    truth = Truth(facts, step)
    return [f for f in facts if f.holder != WORLD and f.holds_at(step) and truth.contradicts(f.key)]
