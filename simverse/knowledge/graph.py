"""The shared knowledge graph: world truth and every NPC's beliefs, with provenance.

Facts are ``(subject, predicate, object)`` triples, with an optional literal ``value``,
held by ``"world"`` (truth) or by an NPC (a belief), each with a confidence, a source
(``world_file``, ``event:ID``, ``dialogue:ID``), the teller for beliefs learnt in
conversation, and a validity interval of steps ``[valid_from, valid_to)``. A fact that
stops holding is closed (``valid_to`` set), never deleted.

Subjects and objects are entities: NPCs, places, items and declared concepts. Once a
world registers its entities (:meth:`KnowledgeGraph.register_entities`), a fact naming
anything else raises :class:`UnknownEntity`; a graph with no registry accepts any name
(handy for tools and benchmarks).

The graph lives in a networkx ``MultiDiGraph`` (subject -> object, one edge per fact, key
= fact id) for export and graph queries. Lookups go through plain dict indexes kept
beside it (by holder, by entity, world truth by subject+predicate), because scanning the
MultiDiGraph does not scale to a million facts. SQLite holds the same facts, written
incrementally at each step's commit; :meth:`KnowledgeGraph.from_facts` rebuilds.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from typing import Any

import networkx as nx

WORLD = "world"
"""The holder of world truth."""


def fact_key(subject: str, predicate: str, obj: str) -> str:
    """The identity of a statement, shared by the truth and all beliefs in it."""
    return f"{subject}|{predicate}|{obj}"


def split_key(key: str) -> tuple[str, str, str]:
    """``"subject|predicate|object"`` back into its parts; ``ValueError`` if malformed."""
    parts = key.split("|")
    if len(parts) != 3 or not all(parts):
        raise ValueError(f"fact key {key!r}: expected 'subject|predicate|object'")
    return parts[0], parts[1], parts[2]


class UnknownEntity(ValueError):
    """A fact names an entity the world does not have (nor declares as a concept)."""

    def __init__(self, key: str, holder: str, source: str, entity: str, role: str) -> None:
        self.key, self.holder, self.source, self.entity, self.role = key, holder, source, entity, role
        super().__init__(
            f"fact {key!r} (held by {holder}, from {source}): unknown {role} entity {entity!r}; "
            "facts may only name NPCs, places, items and concepts declared in the world's knowledge"
        )


@dataclass(slots=True)
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
        text = self.text or f"{self.subject} {self.predicate.replace('_', ' ')} {self.object}"
        return text if self.value is None or self.text else f"{text}: {self.value}"


FACT_FIELDS = tuple(f.name for f in fields(Fact))


@dataclass
class KnowledgeGraph:
    """Facts in a MultiDiGraph plus indexes; ``drain()`` yields what to persist."""

    graph: nx.MultiDiGraph = field(default_factory=nx.MultiDiGraph)
    facts: dict[int, Fact] = field(default_factory=dict)
    next_id: int = 1
    latest_step: int = 0
    """The last step any fact was asserted or closed at: at or after it, "at step t" is "now"."""
    changes: int = 0
    """Counts asserts and closes, so caches of derived figures know when to recompute."""
    entity_kinds: dict[str, str] = field(default_factory=dict)
    prompt_cache: dict[int, tuple] = field(default_factory=dict, repr=False, compare=False)
    """Per-fact words and token counts for :mod:`simverse.knowledge.prompts` (facts' texts never change)."""
    view_cache: dict[int, Any] = field(default_factory=dict, repr=False, compare=False)
    """Per fact id, what a brain is shown of the fact (nothing a brain sees of a fact changes)."""
    derived_cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    """Per holder, what :mod:`simverse.knowledge.prompts` derives from its current beliefs
    (valid while :meth:`holder_version` is unchanged)."""
    rows_cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    """Per holder, its current beliefs as :mod:`simverse.knowledge.prompts` ranks a few one
    by one (likewise valid while :meth:`holder_version` is unchanged)."""
    ranking_cache: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)
    """Per holder, its current beliefs as :mod:`simverse.knowledge.batch_rank` ranks every
    NPC's at once (likewise valid while :meth:`holder_version` is unchanged)."""
    ranking_words: dict[str, int] = field(default_factory=dict, repr=False, compare=False)
    """A number per word of those beliefs (words only join), for their arrays."""
    counts_kept: tuple[tuple, dict[str, int]] | None = field(default=None, repr=False, compare=False)
    """The last :meth:`believer_counts`, with what it was asked and the graph's change counts."""
    _current: dict[str, dict[str, int]] = field(default_factory=dict)
    _by_holder: dict[str, list[int]] = field(default_factory=dict)
    _by_entity: dict[str, list[int]] = field(default_factory=dict)
    _world_sp: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    _new: list[Fact] = field(default_factory=list)
    _new_ids: set[int] = field(default_factory=set)
    _closed: list[Fact] = field(default_factory=list)
    _tracked: set[str] = field(default_factory=set)
    _believed: dict[tuple[str, str, str, str | None], list[int]] = field(default_factory=dict)
    """Per statement, the ids of the NPC beliefs in it that hold now (for whole-village counts)."""
    _holder_changes: dict[str, int] = field(default_factory=dict)
    """Per holder, how often what it holds now has changed (see :meth:`holder_version`)."""

    @classmethod
    def from_facts(cls, facts: Iterable[Fact], entities: Mapping[str, Iterable[str]] | None = None) -> KnowledgeGraph:
        """Rebuild from stored facts (in id order), e.g. when a run is reopened."""
        kg = cls()
        for fact in sorted(facts, key=lambda f: f.id):
            kg._index(fact)
            kg.next_id = max(kg.next_id, fact.id + 1)
        if entities is not None:
            kg.register_entities(entities)
        return kg

    # ------------------------------------------------------------------ entities
    def register_entities(self, entities: Mapping[str, Iterable[str]]) -> None:
        """Declare the entities facts may name, as ``kind -> ids`` (``npc``, ``place``,
        ``item``, ``concept``, ...). From now on facts naming anything else are rejected;
        facts already held are checked too, so registering after seeding still validates."""
        for kind, ids in entities.items():
            for entity in ids:
                self.entity_kinds.setdefault(entity, kind)
        for fact in self.facts.values():
            self._check(fact.holder, fact.subject, fact.predicate, fact.object, fact.source)

    def _check(self, holder: str, subject: str, predicate: str, obj: str, source: str) -> None:
        if not self.entity_kinds:
            return
        for role, entity in (("subject", subject), ("object", obj)):
            if entity not in self.entity_kinds:
                raise UnknownEntity(fact_key(subject, predicate, obj), holder, source, entity, role)

    # ------------------------------------------------------------------ changes
    def _index(self, fact: Fact) -> None:
        fid = fact.id
        self.facts[fid] = fact
        self.graph.add_edge(fact.subject, fact.object, key=fid, predicate=fact.predicate, holder=fact.holder)
        if fact.valid_to is None:
            self._current.setdefault(fact.holder, {})[fact.key] = fid
            self._holder_changes[fact.holder] = self._holder_changes.get(fact.holder, 0) + 1
            if fact.holder != WORLD:
                self._believed.setdefault(_statement(fact), []).append(fid)
        self._by_holder.setdefault(fact.holder, []).append(fid)
        self._by_entity.setdefault(fact.subject, []).append(fid)
        if fact.object != fact.subject:
            self._by_entity.setdefault(fact.object, []).append(fid)
        if fact.holder == WORLD:
            self._world_sp.setdefault((fact.subject, fact.predicate), []).append(fid)
        if fact.tracked:
            self._tracked.add(fact.key)
        last = fact.valid_from if fact.valid_to is None else max(fact.valid_from, fact.valid_to)
        if last > self.latest_step:
            self.latest_step = last

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
        value: str | None = None,
    ) -> Fact | None:
        """Record that ``holder`` now holds the fact; ``None`` if it already did.
        Raises :class:`UnknownEntity` when the subject or object is not a registered entity."""
        self._check(holder, subject, predicate, obj, source)
        key = fact_key(subject, predicate, obj)
        if key in self._current.get(holder, {}):
            return None
        fact = Fact(
            id=self.next_id, subject=subject, predicate=predicate, object=obj, holder=holder,
            source=source, valid_from=step, confidence=confidence, told_by=told_by, value=value, text=text,
            secret=secret, tracked=tracked,
        )
        self.next_id += 1
        self._index(fact)
        self._new.append(fact)
        self._new_ids.add(fact.id)
        self.changes += 1
        return fact

    def close(self, holder: str, key: str, step: int) -> Fact | None:
        """Stop a fact holding for ``holder`` from ``step`` on; ``None`` if it did not hold."""
        fact_id = self._current.get(holder, {}).pop(key, None)
        if fact_id is None:
            return None
        fact = self.facts[fact_id]
        fact.valid_to = step
        self._holder_changes[holder] += 1
        if holder != WORLD:
            self._believed[_statement(fact)].remove(fact_id)
        if fact_id not in self._new_ids:
            self._closed.append(fact)
        self.latest_step = max(self.latest_step, step)
        self.changes += 1
        return fact

    def drain(self) -> tuple[list[Fact], list[Fact]]:
        """Facts created and facts closed since the last drain, for the step's commit."""
        new, closed = self._new, self._closed
        self._new, self._closed, self._new_ids = [], [], set()
        return new, closed

    # ------------------------------------------------------------------ lookups
    def believed_statements(self) -> list[tuple[Fact, int]]:
        """Each statement some NPC believes now, as one of those beliefs and how many hold it."""
        return [(self.facts[ids[0]], len(ids)) for ids in self._believed.values() if ids]


    def is_now(self, step: int | None) -> bool:
        """Whether "at ``step``" means the current state (no later change is recorded)."""
        return step is None or step >= self.latest_step

    def beliefs(self, holder: str, step: int | None = None) -> list[Fact]:
        """What ``holder`` holds now, or at ``step``, oldest first."""
        if step is None:  # insertion order is id order: ids only grow
            return list(map(self.facts.__getitem__, self._current.get(holder, {}).values()))
        return [f for f in self.held(holder) if f.holds_at(step)]

    def belief_count(self, holder: str) -> int:
        """How many facts ``holder`` holds now."""
        return len(self._current.get(holder, {}))

    def holder_version(self, holder: str) -> int:
        """A number that changes whenever what ``holder`` holds now changes: what is derived
        from its current beliefs stays valid while it does not."""
        return self._holder_changes.get(holder, 0)

    def believes(self, holder: str, key: str) -> bool:
        return key in self._current.get(holder, {})

    def believer_counts(self, keys: Iterable[str], among: Iterable[str]) -> dict[str, int]:
        """How many of ``among`` hold each of ``keys`` now, in one pass over their beliefs
        (asking :meth:`believes` per NPC and key cost seconds a step at 10,000 NPCs); kept
        until the graph changes, as a step's figures ask it twice with the same arguments."""
        keys, among = tuple(keys), tuple(among)
        at = (self.changes, len(self.facts), keys, among)
        if self.counts_kept is not None and self.counts_kept[0] == at:
            return dict(self.counts_kept[1])
        counts = self._believer_counts(keys, among)
        self.counts_kept = (at, counts)
        return dict(counts)

    def _believer_counts(self, keys: tuple[str, ...], among: tuple[str, ...]) -> dict[str, int]:
        counts = dict.fromkeys(keys, 0)
        for holder in among:
            current = self._current.get(holder)
            if not current:
                continue
            small, big = (current, counts) if len(current) < len(counts) else (counts, current)
            for key in small:
                if key in big:
                    counts[key] += 1
        return counts

    def current(self, holder: str, key: str) -> Fact | None:
        fact_id = self._current.get(holder, {}).get(key)
        return None if fact_id is None else self.facts[fact_id]

    def holders(self, key: str) -> list[str]:
        """Who holds the fact now (the world included when it is true)."""
        return sorted(h for h, current in self._current.items() if key in current)

    def holders_now(self) -> list[str]:
        """The NPCs holding any belief now (the world left out)."""
        return [h for h, current in self._current.items() if h != WORLD and current]

    def tracked_keys(self) -> list[str]:
        """Keys of facts marked ``tracked`` (whose spread the metrics follow), sorted."""
        return sorted(self._tracked)

    def held(self, holder: str) -> list[Fact]:
        """Every fact ``holder`` ever held, open or closed, oldest first."""
        return [self.facts[i] for i in self._by_holder.get(holder, ())]

    def mentioning(self, entity: str, holder: str | None = None) -> list[Fact]:
        """Every fact (ever) with ``entity`` as subject or object, optionally of one holder."""
        facts = (self.facts[i] for i in self._by_entity.get(entity, ()))
        return [f for f in facts if holder is None or f.holder == holder]

    def statements(self, key: str) -> list[Fact]:
        """Every fact (ever, any holder) stating ``key``, oldest first."""
        subject, predicate, obj = split_key(key)
        return [
            f for f in (self.facts[i] for i in self._by_entity.get(subject, ()))
            if f.subject == subject and f.predicate == predicate and f.object == obj
        ]

    def truths_for(self, subject: str, predicate: str) -> list[Fact]:
        """World facts (ever) with this subject and predicate, oldest first."""
        return [self.facts[i] for i in self._world_sp.get((subject, predicate), ())]

    def count(self, step: int | None = None) -> int:
        """Number of facts (truth and beliefs) holding at ``step``, or now."""
        if self.is_now(step):
            return sum(len(current) for current in self._current.values())
        return sum(1 for f in self.facts.values() if f.holds_at(step))

    def npc_holders(self) -> list[str]:
        """Every holder other than the world that ever held a fact, sorted."""
        return sorted(h for h in self._by_holder if h != WORLD)


def _statement(fact: Fact) -> tuple[str, str, str, str | None]:
    return fact.subject, fact.predicate, fact.object, fact.value
