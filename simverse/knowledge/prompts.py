"""Which beliefs go into an NPC's prompt: the ones that matter here and now, within a budget.

A prompt has room for a few facts; an NPC may believe hundreds. :func:`rank_beliefs`
scores each belief the NPC holds at the step and keeps the best that fit a token budget.

Score (higher first; ties go to the newer fact):

* +3 if the fact is about the NPC's current place (as subject or object, or the place id
  appears among the fact's words);
* +2 if it is about someone present (likewise), +0.5 more per extra person named;
* +1 per word shared with the goal text (goals, current schedule activity), at most +3;
  words are lower-cased runs of letters/digits (``festival_fund`` -> ``festival``,
  ``fund``), without common stop words;
* +1 if tracked (news whose spread the run follows), +1 if secret (the NPC must know it
  is a secret to keep it);
* + recency in [0, 1]: ``1 / (1 + age / 24)`` with ``age = step - valid_from`` in steps;
* + confidence / 2.

Tokens are approximated as ``ceil(words * 1.3)`` of the fact's description (a common
rule of thumb for English with BPE tokenizers); no tokenizer is loaded. Facts are taken
greedily in rank order; one that does not fit is skipped and smaller ones after it may
still be taken, so the total never exceeds the budget.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

import numpy as np

from simverse.knowledge.graph import Fact, KnowledgeGraph

TOKENS_PER_WORD = 1.3
FACT_BUDGET_TOKENS = 160
"""Default room for facts in a decision prompt (about eight one-line facts)."""

_STOP = (
    "a an the and or of to in on at for with by from is are was were be been it its this that "
    "i you he she we they my your his her our their me him us them as so do does did not no"
)
STOP_WORDS = frozenset(_STOP.split(" "))
_WORD = re.compile(r"[a-z0-9]+")


def approx_tokens(text: str) -> int:
    """Approximate token count: words * 1.3, rounded up."""
    return math.ceil(len(text.split()) * TOKENS_PER_WORD)


@lru_cache(maxsize=65_536)
def words_of(text: str) -> frozenset[str]:
    """Content words of a text, lower-cased (underscores split words); cached, since the
    same goals and fact texts come back every step."""
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in STOP_WORDS)


def fact_profile(kg: KnowledgeGraph, fact: Fact) -> tuple[frozenset[str], frozenset[str], float, int]:
    """What never changes about a fact, computed once: the names and words it mentions, its
    words alone, its fixed score (tracked, secret, confidence) and its tokens."""
    cached = kg.prompt_cache.get(fact.id)
    if cached is None:
        text = fact.describe()
        names = frozenset((fact.subject.lower(), fact.object.lower()))
        words = words_of(f"{fact.subject} {fact.predicate} {fact.object} {text}")
        fixed = float(fact.tracked) + float(fact.secret) + fact.confidence / 2.0
        cached = (names | words, words, fixed, approx_tokens(text))
        kg.prompt_cache[fact.id] = cached
    return cached


def rank_beliefs(
    kg: KnowledgeGraph,
    npc: str,
    place: str,
    people: Iterable[str],
    goal_text: str,
    step: int,
    budget_tokens: int = FACT_BUDGET_TOKENS,
) -> list[Fact]:
    """The beliefs ``npc`` holds at ``step`` that matter most for its place, company and
    goal, best first, whose descriptions fit ``budget_tokens`` together."""
    now = kg.is_now(step)
    if now and kg.belief_count(npc) >= MANY_BELIEFS:
        return _held(kg, npc).rank(place.lower(), set(map(str.lower, people)), words_of(goal_text), step,
                                   budget_tokens)
    rows = _few_held(kg, npc) if now else [_row(kg, f) for f in kg.beliefs(npc, step)]
    if len(rows) <= 1:  # nothing to rank (most NPCs, most steps)
        return [row.fact for row in rows if row.tokens <= budget_tokens]
    place_l = place.lower()
    people_l = set(map(str.lower, people))
    goal_words = words_of(goal_text)
    scored = []
    for mentions, words, score, tokens, newer_first, valid_from, fact in rows:
        if place_l in mentions:
            score += 3.0
        if people_l and not people_l.isdisjoint(mentions):  # most facts name no one present
            score += 2.0 + 0.5 * (len(people_l & mentions) - 1)
        if goal_words and not goal_words.isdisjoint(words):  # (adding 0 leaves a score as it was)
            score += min(3, len(goal_words & words))
        score += 1.0 / (1.0 + max(0, step - valid_from) / 24.0)
        scored.append((-score, newer_first, tokens, fact))
    scored.sort()  # best first, ties to the newer fact (ids are unique, so facts never compare)
    chosen, used = [], 0
    for _, _, tokens, fact in scored:
        if used + tokens <= budget_tokens:
            chosen.append(fact)
            used += tokens
    return chosen


class _Row(NamedTuple):
    """One belief as :func:`rank_beliefs` scores it: its profile, what orders ties, and the fact."""

    mentions: frozenset[str]
    words: frozenset[str]
    fixed: float
    tokens: int
    newer_first: int
    valid_from: int
    fact: Fact


def _row(kg: KnowledgeGraph, fact: Fact) -> _Row:
    """The row of one belief (its profile kept per fact)."""
    return _Row(*fact_profile(kg, fact), -fact.id, fact.valid_from, fact)


class _FewHeld(NamedTuple):
    """An NPC's current beliefs as rows, while it holds fewer than :data:`MANY_BELIEFS`."""

    version: int
    rows: list[_Row]


def _few_held(kg: KnowledgeGraph, npc: str) -> list[_Row]:
    """The NPC's current beliefs as rows, kept while what it holds is unchanged: most NPCs
    gain no belief in a step, and their beliefs are ranked again every step."""
    kept = kg.rows_cache.get(npc)
    version = kg.holder_version(npc)
    if kept is None or kept.version != version:
        kept = kg.rows_cache[npc] = _FewHeld(version, [_row(kg, f) for f in kg.beliefs(npc)])
    return kept.rows


MANY_BELIEFS = 24
"""From this many beliefs on, ranking runs on arrays (:class:`HeldNow`): fewer are ranked
faster one by one, and both ways choose the same facts."""


class HeldNow:
    """One NPC's current beliefs as arrays, so that ranking them is a few array operations
    instead of a loop over every belief: an NPC that has heard the village's news holds
    hundreds, and every NPC's are ranked every step. Built again when they change."""

    def __init__(self, kg: KnowledgeGraph, npc: str) -> None:
        self.version = kg.holder_version(npc)
        self.facts = kg.beliefs(npc)
        profiles = [fact_profile(kg, f) for f in self.facts]
        self.fixed = np.array([p[2] for p in profiles], dtype=np.float64)
        self.valid_from = np.array([f.valid_from for f in self.facts], dtype=np.int64)
        self.newer_first = -np.array([f.id for f in self.facts], dtype=np.int64)
        self.tokens = [p[3] for p in profiles]
        self.fewest_tokens = min(self.tokens)
        self.mentioning = _rows_by_word(p[0] for p in profiles)
        self.worded = _rows_by_word(p[1] for p in profiles)

    def follow(self, kg: KnowledgeGraph, npc: str) -> HeldNow:
        """These beliefs brought up to date: extended by the ones gained when none was lost
        (news only adds, and a new fact has the highest id, so it comes last), else built
        again. The arrays are then what building them afresh gives."""
        facts = kg.beliefs(npc)
        old = len(self.facts)
        if len(facts) <= old or facts[:old] != self.facts:
            return HeldNow(kg, npc)
        gained = facts[old:]
        profiles = [fact_profile(kg, f) for f in gained]
        self.version = kg.holder_version(npc)
        self.facts = facts
        self.fixed = np.concatenate([self.fixed, [p[2] for p in profiles]])
        self.valid_from = np.concatenate([self.valid_from, [f.valid_from for f in gained]])
        self.newer_first = np.concatenate([self.newer_first, [-f.id for f in gained]])
        self.tokens += [p[3] for p in profiles]
        self.fewest_tokens = min(self.tokens)
        _add_rows(self.mentioning, (p[0] for p in profiles), old)
        _add_rows(self.worded, (p[1] for p in profiles), old)
        return self

    def rank(self, place: str, people: set[str], goal_words: frozenset[str], step: int,
             budget_tokens: int) -> list[Fact]:
        """:func:`rank_beliefs` for these beliefs: the same scores, added in the same order,
        so the same facts in the same order."""
        score = self.fixed.copy()
        score[self.mentioning.get(place, _NO_ROWS)] += 3.0
        if people:
            present = self._count(self.mentioning, people)
            score += np.where(present > 0, 2.0 + 0.5 * (present - 1), 0.0)
        if goal_words:
            score += np.minimum(3, self._count(self.worded, goal_words))
        score += 1.0 / (1.0 + np.maximum(0, step - self.valid_from) / 24.0)
        chosen, used = [], 0
        for row in np.lexsort((self.newer_first, -score)).tolist():
            if used + self.tokens[row] <= budget_tokens:
                chosen.append(self.facts[row])
                used += self.tokens[row]
                if budget_tokens - used < self.fewest_tokens:
                    break
        return chosen

    def _count(self, rows_by_word: dict[str, np.ndarray], words: Iterable[str]) -> np.ndarray:
        """Per row, how many of ``words`` its set holds."""
        found = [rows_by_word[w] for w in words if w in rows_by_word]
        if not found:
            return np.zeros(len(self.facts), dtype=np.int64)
        return np.bincount(np.concatenate(found), minlength=len(self.facts))


_NO_ROWS = np.zeros(0, dtype=np.int64)


def _rows_by_word(word_sets: Iterable[frozenset[str]]) -> dict[str, np.ndarray]:
    """Per word, the rows whose set holds it."""
    rows: dict[str, list[int]] = {}
    for row, words in enumerate(word_sets):
        for word in words:
            rows.setdefault(word, []).append(row)
    return {word: np.array(found, dtype=np.int64) for word, found in rows.items()}


def _add_rows(rows_by_word: dict[str, np.ndarray], word_sets: Iterable[frozenset[str]], first: int) -> None:
    """:func:`_rows_by_word` extended by rows numbered from ``first``."""
    for word, rows in _rows_by_word(word_sets).items():
        before = rows_by_word.get(word)
        rows_by_word[word] = rows + first if before is None else np.concatenate([before, rows + first])


def _held(kg: KnowledgeGraph, npc: str) -> HeldNow:
    """The NPC's beliefs as arrays, brought up to date only when what it holds has changed."""
    held = kg.derived_cache.get(npc)
    if held is None:
        held = kg.derived_cache[npc] = HeldNow(kg, npc)
    elif held.version != kg.holder_version(npc):
        held = kg.derived_cache[npc] = held.follow(kg, npc)
    return held
