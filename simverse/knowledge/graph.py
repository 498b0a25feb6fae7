"""The shared knowledge graph: world truth and every NPC's beliefs, with provenance.

Facts are ``(subject, predicate, object)`` triples held by ``"world"`` (truth) or by an
NPC (a belief), each with a confidence, a source (``world_file``, ``event:ID``,
``dialogue:ID``), the teller for beliefs learnt in conversation, and a validity interval
of steps. A fact that stops holding is closed (``valid_to`` set), never deleted.
The graph lives in a networkx ``MultiDiGraph`` (subject -> object, one edge per fact);
SQLite holds the same facts, written incrementally at each step's commit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, fields

import networkx as nx

WORLD = "world"


def fact_key(subject: str, predicate: str, obj: str) -> str:
    """The identity of a statement, shared by the truth and all beliefs in it."""
    return f"{subject}|{predicate}|{obj}"


@dataclass
class Fact:
    id: int
    subject: str
    predicate: str
    object: str
    holder: str
    source: str
    valid_from: int
    valid_to: int | None = None
    confidence: float = 1.0
    told_by: str | None = None
    value: str | None = None
    text: str = ""
    secret: bool = False
    tracked: bool = False

    @property
    def key(self) -> str:
        return fact_key(self.subject, self.predicate, self.object)

    def holds_at(self, step: int) -> bool:
        return self.valid_from <= step and (self.valid_to is None or step < self.valid_to)

    def describe(self) -> str:
        return self.text or f"{self.subject} {self.predicate.replace('_', ' ')} {self.object}"


FACT_FIELDS = tuple(f.name for f in fields(Fact))


@dataclass
class KnowledgeGraph:
    """Facts in a MultiDiGraph plus indexes by holder; ``drain()`` yields what to persist."""

    graph: nx.MultiDiGraph = field(default_factory=nx.MultiDiGraph)
    facts: dict[int, Fact] = field(default_factory=dict)
    next_id: int = 1
    _current: dict[str, dict[str, int]] = field(default_factory=dict)
    _new: list[Fact] = field(default_factory=list)
    _closed: list[Fact] = field(default_factory=list)
    _tracked: set[str] = field(default_factory=set)

    @classmethod
    def from_facts(cls, facts: Iterable[Fact]) -> KnowledgeGraph:
        """Rebuild from stored facts (in id order), e.g. when a run is reopened."""
        kg = cls()
        for fact in sorted(facts, key=lambda f: f.id):
            kg._index(fact)
            kg.next_id = max(kg.next_id, fact.id + 1)
        return kg

    def _index(self, fact: Fact) -> None:
        self.facts[fact.id] = fact
        self.graph.add_edge(fact.subject, fact.object, key=fact.id, predicate=fact.predicate, holder=fact.holder)
        if fact.valid_to is None:
            self._current.setdefault(fact.holder, {})[fact.key] = fact.id
        if fact.tracked:
            self._tracked.add(fact.key)

    def assert_fact(
        self,
        holder: str,
        subject: str,
        predicate: str,
        obj: str,
        *,
        source: str,
        step: int,
        confidence: float = 1.0,
        told_by: str | None = None,
        text: str = "",
        secret: bool = False,
        tracked: bool = False,
    ) -> Fact | None:
        """Record that ``holder`` now holds the fact; ``None`` if it already did."""
        key = fact_key(subject, predicate, obj)
        if key in self._current.get(holder, {}):
            return None
        fact = Fact(
            id=self.next_id, subject=subject, predicate=predicate, object=obj, holder=holder,
            source=source, valid_from=step, confidence=confidence, told_by=told_by, text=text,
            secret=secret, tracked=tracked,
        )
        self.next_id += 1
        self._index(fact)
        self._new.append(fact)
        return fact

    def close(self, holder: str, key: str, step: int) -> Fact | None:
        """Stop a fact holding for ``holder`` from ``step`` on; ``None`` if it did not hold."""
        fact_id = self._current.get(holder, {}).pop(key, None)
        if fact_id is None:
            return None
        fact = self.facts[fact_id]
        fact.valid_to = step
        if fact not in self._new:
            self._closed.append(fact)
        return fact

    def beliefs(self, holder: str, step: int | None = None) -> list[Fact]:
        """What ``holder`` holds now, or at ``step``, oldest first."""
        if step is None:  # insertion order is id order: ids only grow
            return [self.facts[i] for i in self._current.get(holder, {}).values()]
        return sorted(
            (f for f in self.facts.values() if f.holder == holder and f.holds_at(step)),
            key=lambda f: f.id,
        )

    def believes(self, holder: str, key: str) -> bool:
        return key in self._current.get(holder, {})

    def current(self, holder: str, key: str) -> Fact | None:
        fact_id = self._current.get(holder, {}).get(key)
        return None if fact_id is None else self.facts[fact_id]

    def holders(self, key: str) -> list[str]:
        """Who holds the fact now (the world included when it is true)."""
        return sorted(h for h, current in self._current.items() if key in current)

    def tracked_keys(self) -> list[str]:
        """Keys of facts marked ``tracked`` (whose spread the metrics follow), sorted."""
        return sorted(self._tracked)

    def drain(self) -> tuple[list[Fact], list[Fact]]:
        """Facts created and facts closed since the last drain, for the step's commit."""
        new, closed = self._new, self._closed
        self._new, self._closed = [], []
        return new, closed
