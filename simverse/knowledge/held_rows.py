"""One NPC's current beliefs as arrays, for ranking every NPC's at once (:mod:`batch_rank`).

Kept per holder version (:meth:`KnowledgeGraph.holder_version`) and extended in place when
the NPC only gained beliefs, which is what a step mostly brings: news spreads, little is
forgotten. Words are numbered once per graph (:func:`vocabulary`), so what a belief
mentions is a row of numbers and finding the place, the company and the goal words among
all NPCs' beliefs is a comparison of arrays.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from simverse.knowledge.graph import Fact, KnowledgeGraph
from simverse.knowledge.prompts import fact_profile


def vocabulary(kg: KnowledgeGraph) -> dict[str, int]:
    """The graph's numbered words (a word keeps its number; new words are added)."""
    return kg.ranking_words


class HeldRows:
    """One NPC's current beliefs, oldest first: per row its fixed score (``fixed``) and, in
    ``ints``, the step it holds from, its id negated (newer first in ties) and its tokens;
    as (word number, row) pairs the words each mentions (``mentions``: names and words) and
    its words alone (``words``). Few arrays, so that joining every NPC's is cheap."""

    __slots__ = ("facts", "fewest", "fixed", "ints", "mentions", "token_list", "version", "words")

    VALID_FROM, NEWER_FIRST, TOKENS = 0, 1, 2

    def __init__(self, kg: KnowledgeGraph, npc: str) -> None:
        self.version = kg.holder_version(npc)
        self.facts: list[Fact] = []
        self.token_list: list[int] = []
        self.fixed = np.zeros(0, dtype=np.float64)
        self.ints = np.zeros((0, 3), dtype=np.int64)
        self.mentions = self.words = np.zeros((0, 2), dtype=np.int64)
        self.fewest = 0
        self._add(kg, kg.beliefs(npc))

    def _add(self, kg: KnowledgeGraph, facts: Sequence[Fact]) -> None:
        """Rows for ``facts`` after the rows there are."""
        if not facts:
            return
        vocab = vocabulary(kg)
        fixed, ints, mentions, words = [], [], [], []
        for row, fact in enumerate(facts, start=len(self.facts)):
            mentioned, own_words, score, tokens = fact_profile(kg, fact)
            fixed.append(score)
            ints.append((fact.valid_from, -fact.id, tokens))
            mentions += [(vocab.setdefault(word, len(vocab)), row) for word in mentioned]
            words += [(vocab.setdefault(word, len(vocab)), row) for word in own_words]
        self.facts += facts
        self.token_list += [t for _, _, t in ints]
        self.fewest = min(self.token_list)
        self.fixed = np.concatenate([self.fixed, np.array(fixed, dtype=np.float64)])
        self.ints = np.concatenate([self.ints, np.array(ints, dtype=np.int64)])
        self.mentions = np.concatenate([self.mentions, np.array(mentions, dtype=np.int64).reshape(-1, 2)])
        self.words = np.concatenate([self.words, np.array(words, dtype=np.int64).reshape(-1, 2)])

    def follow(self, kg: KnowledgeGraph, npc: str) -> HeldRows:
        """These rows brought up to date: extended by the beliefs gained when none was lost
        (news only adds, and a new fact has the highest id, so it comes last), else built
        again; either way what building them afresh gives."""
        facts = kg.beliefs(npc)
        old = len(self.facts)
        if len(facts) < old or facts[:old] != self.facts:
            return HeldRows(kg, npc)
        self._add(kg, facts[old:])
        self.version = kg.holder_version(npc)
        return self


def held_rows(kg: KnowledgeGraph, npc: str) -> HeldRows:
    """The NPC's rows, brought up to date only when what it holds has changed."""
    held = kg.ranking_cache.get(npc)
    if held is None:
        held = kg.ranking_cache[npc] = HeldRows(kg, npc)
    elif held.version != kg.holder_version(npc):
        held = kg.ranking_cache[npc] = held.follow(kg, npc)
    return held
