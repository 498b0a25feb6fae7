"""Questions asked of the knowledge graph, each at a step of the run.

Every function takes ``step``: the facts considered are those holding at that step
(``valid_from <= step < valid_to``); ``step=None`` means now (the current facts).

* :func:`facts_about` — world truth about an entity (as subject or object).
* :func:`beliefs_about` — what one NPC believes about an entity.
* :func:`contradictions` — where an NPC's beliefs disagree with world truth. A belief
  ``(s, p, o, value)`` held at ``step`` is checked against the world's facts with the
  same subject ``s`` and predicate ``p``:

  - ``conflict``: the world holds at ``step`` one or more facts ``(s, p, ...)`` and none
    of them has the belief's object and value (e.g. the NPC believes ``well|is|full``
    while the world holds ``well|is|dry``). The truths are attached.
  - ``outdated``: the world holds nothing ``(s, p, ...)`` at ``step``, but it held this
    very statement (same key) before and closed it (the NPC missed the news). The closed
    truth is attached.
  - ``unfounded``: the world holds nothing ``(s, p, ...)`` at ``step`` and never held
    this statement up to ``step``: a rumour, a secret only people know, or a lie. Worlds
    that keep some knowledge only in NPCs' heads will show these by design, so callers
    usually look at the kinds separately.

  A belief that matches a truth (same key and value) held at ``step`` is no contradiction.
  Beliefs with a different predicate are never compared (``cause`` vs ``do_not_cause``
  are different statements to the graph).
* :func:`who_knows` — which NPCs hold a statement at ``step`` and, for each, the chain of
  tellers back to the original holder: follow ``told_by`` to the teller's own belief in
  the statement (the one it held when it told), and so on, until a belief with no teller
  (learnt from the world file or an event). Each :class:`Hop` carries the step and the
  dialogue line id (from the source ``dialogue:ID``).
* :func:`spread` — how many NPCs held a statement at each step.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from simverse.knowledge.graph import WORLD, Fact, KnowledgeGraph, split_key

ContradictionKind = Literal["conflict", "outdated", "unfounded"]
CONTRADICTION_KINDS: tuple[ContradictionKind, ...] = ("conflict", "outdated", "unfounded")


def _at(facts: list[Fact], step: int | None) -> list[Fact]:
    if step is None:
        return [f for f in facts if f.valid_to is None]
    return [f for f in facts if f.holds_at(step)]


def facts_about(kg: KnowledgeGraph, entity: str, step: int | None = None) -> list[Fact]:
    """World truth with ``entity`` as subject or object at ``step``, oldest first."""
    return _at(kg.mentioning(entity, WORLD), step)


def beliefs_about(kg: KnowledgeGraph, npc: str, entity: str, step: int | None = None) -> list[Fact]:
    """What ``npc`` believes about ``entity`` (as subject or object) at ``step``, oldest first."""
    return _at(kg.mentioning(entity, npc), step)


@dataclass(frozen=True)
class Contradiction:
    """A belief at odds with world truth; ``truths`` are the world facts it was judged by
    (the current ones for a conflict, the closed one for an outdated belief, none for an
    unfounded one)."""

    belief: Fact
    kind: ContradictionKind
    truths: tuple[Fact, ...] = ()


Judgement = tuple[ContradictionKind, tuple[Fact, ...]] | None


def contradictions(
    kg: KnowledgeGraph, npc: str, step: int | None = None,
    kinds: tuple[ContradictionKind, ...] = CONTRADICTION_KINDS,
    judged: dict[tuple[str, str, str, str | None], Judgement] | None = None,
) -> list[Contradiction]:
    """``npc``'s beliefs at ``step`` that contradict world truth (see the module doc for the
    three kinds), in belief order. ``judged`` (an empty dict shared across calls for one
    step) remembers the verdict per statement: many NPCs believe the same things."""
    at = kg.latest_step if step is None else step
    found = []
    for belief in kg.beliefs(npc, step):
        statement = (belief.subject, belief.predicate, belief.object, belief.value)
        if judged is not None and statement in judged:
            verdict = judged[statement]
        else:
            verdict = judge(kg, belief, at)
            if judged is not None:
                judged[statement] = verdict
        if verdict is not None and verdict[0] in kinds:
            found.append(Contradiction(belief, verdict[0], verdict[1]))
    return found


def judge(kg: KnowledgeGraph, belief: Fact, at: int) -> Judgement:
    """How a statement stands against world truth at step ``at`` (None: it agrees)."""
    history = kg.truths_for(belief.subject, belief.predicate)
    now = [t for t in history if t.holds_at(at)]
    if now:
        if any(t.object == belief.object and t.value == belief.value for t in now):
            return None
        return "conflict", tuple(now)
    closed = tuple(t for t in history if t.object == belief.object and t.valid_from <= at)
    return ("outdated", closed) if closed else ("unfounded", ())


@dataclass(frozen=True)
class Hop:
    """One telling: ``teller`` told ``listener`` at ``step`` in dialogue line ``line_id``;
    ``fact_id`` is the belief it gave the listener."""

    teller: str
    listener: str
    step: int
    line_id: int | None
    fact_id: int


@dataclass(frozen=True)
class TellChain:
    """How ``holder`` came to hold ``fact``: ``hops`` run from the original holder
    (``origin``, who learnt it from ``origin_source``) to ``holder``. ``complete`` is
    False when a teller's own belief could not be found (the chain stops there)."""

    holder: str
    fact: Fact
    origin: str
    origin_source: str
    hops: tuple[Hop, ...]
    complete: bool = True

    def describe(self) -> str:
        """``Ann -(step 3, line 7)-> Bob -(step 5, line 12)-> Cid``."""
        parts = [f"{self.origin} [{self.origin_source}]"]
        for hop in self.hops:
            parts.append(f"-(step {hop.step}, line {hop.line_id})-> {hop.listener}")
        return " ".join(parts) + ("" if self.complete else " (teller's belief not found)")


def who_knows(kg: KnowledgeGraph, key: str, step: int | None = None) -> list[TellChain]:
    """The NPCs holding ``key`` at ``step``, each with its chain of tellers, by holder."""
    statements = kg.statements(key)
    holding = [f for f in _at(statements, step) if f.holder != WORLD]
    return [_chain(fact, statements) for fact in sorted(holding, key=lambda f: f.holder)]


def _chain(fact: Fact, statements: list[Fact]) -> TellChain:
    hops: list[Hop] = []
    current = fact
    complete = True
    while current.told_by is not None:
        hops.append(Hop(current.told_by, current.holder, current.valid_from, _line_id(current.source), current.id))
        told = _teller_belief(current, statements)
        if told is None:
            complete = False
            break
        current = told
    if not complete:
        origin, source = hops[-1].teller, "unknown"
    else:
        origin, source = current.holder, current.source
    return TellChain(fact.holder, fact, origin, source, tuple(reversed(hops)), complete)


def _teller_belief(belief: Fact, statements: list[Fact]) -> Fact | None:
    """The teller's belief that ``belief`` was copied from: created before it (ids only
    grow, so chains cannot loop), preferably one that held when it was told."""
    earlier = [f for f in statements if f.holder == belief.told_by and f.id < belief.id]
    holding = [f for f in earlier if f.holds_at(belief.valid_from)]
    pool = holding or earlier
    return pool[-1] if pool else None


def _line_id(source: str) -> int | None:
    kind, _, ident = source.partition(":")
    return int(ident) if kind == "dialogue" and ident.isdigit() else None


def spread(kg: KnowledgeGraph, key: str, last: int | None = None, first: int = 0) -> dict[int, int]:
    """Number of NPCs (the world excluded) holding ``key`` at each step ``first..last``
    (``last`` defaults to the latest step the graph has seen)."""
    split_key(key)
    last = kg.latest_step if last is None else last
    delta = [0] * (last + 2)
    for fact in kg.statements(key):
        if fact.holder == WORLD or fact.valid_from > last:
            continue
        delta[fact.valid_from] += 1
        if fact.valid_to is not None and fact.valid_to <= last:
            delta[fact.valid_to] -= 1
    counts, running = {}, 0
    for step in range(last + 1):
        running += delta[step]
        if step >= first:
            counts[step] = running
    return counts
