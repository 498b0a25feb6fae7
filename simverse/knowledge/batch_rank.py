"""Every NPC's beliefs ranked for its decision in one pass, on one set of arrays.

A step ranks the beliefs of every NPC (:func:`~simverse.knowledge.prompts.rank_beliefs`).
One NPC at a time, that is a Python loop over each belief, or, for an NPC with many, a few
array operations that each pay numpy's fixed cost: together about a tenth of a step with
memory off. Here each NPC's beliefs are kept as arrays (the words each mentions as numbers)
until what it holds changes, and :func:`rank_many` scores the beliefs of all NPCs with one
set of array operations: the same scores, added in the same order as ``rank_beliefs`` adds
them, so each NPC gets the same facts in the same order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import accumulate
from typing import NamedTuple

import numpy as np

from simverse.knowledge.graph import Fact, KnowledgeGraph
from simverse.knowledge.held_rows import HeldRows, held_rows, vocabulary
from simverse.knowledge.prompts import rank_beliefs, words_of


class BeliefQuery(NamedTuple):
    """What one NPC's beliefs are ranked for: its place (everyone else there is its
    company) and its goal text."""

    npc: str
    place: str
    goal_text: str


def rank_many(kg: KnowledgeGraph, queries: Sequence[BeliefQuery], present: Mapping[str, Sequence[str]], step: int,
              budget_tokens: int, limit: int | None = None) -> list[list[Fact]]:
    """For each query, ``rank_beliefs(kg, npc, place, people, goal_text, step, budget)[:limit]``
    where ``people`` is everyone in ``present[place]`` but the NPC: the beliefs that matter
    most for its place, company and goal, best first, within the budget. Beliefs held at an
    earlier step than now are ranked one NPC at a time."""
    if not kg.is_now(step):
        return [rank_beliefs(kg, q.npc, q.place, _others(present.get(q.place, ()), q.npc), q.goal_text, step,
                             budget_tokens)[:limit] for q in queries]
    tables = [held_rows(kg, q.npc) for q in queries]
    sizes = [len(t.facts) for t in tables]
    starts = np.fromiter(accumulate(sizes, initial=0), np.int64, len(sizes) + 1)
    if starts[-1] == 0:
        return [[] for _ in queries]
    segment = np.repeat(np.arange(len(tables)), sizes)
    ints = np.concatenate([t.ints for t in tables])
    score = _scores(kg, tables, queries, present, _Rows(starts, segment, ints[:, HeldRows.VALID_FROM]), step)
    order = np.lexsort((ints[:, HeldRows.NEWER_FIRST], -score, segment))
    taken = _prefix_taken(ints[order, HeldRows.TOKENS], starts, segment, budget_tokens)
    rows, firsts = order.tolist(), starts.tolist()
    limit = max(sizes) if limit is None else limit
    return [_chosen(t, rows[first:first + len(t.facts)], first, n, budget_tokens, limit)
            for t, first, n in zip(tables, firsts, taken.tolist(), strict=False)]


def _others(people: Sequence[str], npc: str) -> list[str]:
    """``people`` without ``npc``, as ``rank_beliefs`` is given them one NPC at a time."""
    others = list(people)
    if npc in others:
        others.remove(npc)
    return others


class _Rows(NamedTuple):
    """All NPCs' rows joined: where each NPC's begin (and the end), whose each row is, and
    the step each holds from."""

    starts: np.ndarray
    segment: np.ndarray
    valid_from: np.ndarray


class _Entries(NamedTuple):
    """Per (belief, word) pair of all the NPCs' beliefs: the word's number, its row and
    whose row it is."""

    words: np.ndarray
    rows: np.ndarray
    npc: np.ndarray


def _entries(tables: list[HeldRows], rows: _Rows, pairs: str) -> _Entries:
    """The (word, row) pairs of every table's ``pairs``, rows numbered across tables."""
    counts = [len(getattr(t, pairs)) for t in tables]
    joined = np.concatenate([getattr(t, pairs) for t in tables])
    at = joined[:, 1] + np.repeat(rows.starts[:-1], counts)
    return _Entries(joined[:, 0], at, rows.segment[at])


def _scores(kg: KnowledgeGraph, tables: list[HeldRows], queries: Sequence[BeliefQuery],
            present: Mapping[str, Sequence[str]], rows: _Rows, step: int) -> np.ndarray:
    """Every row's score, added as ``rank_beliefs`` adds it: the fixed part, +3 for the place,
    +2 and +0.5 per extra person present named, +1 per goal word shared (at most 3), recency."""
    total = len(rows.segment)
    vocab = vocabulary(kg)
    score = np.concatenate([t.fixed for t in tables])
    mentions = _entries(tables, rows, "mentions")
    place_ids = np.array([vocab.get(q.place.lower(), -1) for q in queries], dtype=np.int64)
    score[mentions.rows[mentions.words == place_ids[mentions.npc]]] += 3.0  # a word once per row: no repeats
    company = _company(queries, present, vocab, mentions)
    if company is not None:
        per_row = np.bincount(company, minlength=total)
        score += np.where(per_row > 0, 2.0 + 0.5 * (per_row - 1), 0.0)
    goal = _goal_counts(tables, queries, vocab, _entries(tables, rows, "words"), total)
    if goal is not None:
        score += np.minimum(3, goal)
    score += 1.0 / (1.0 + np.maximum(0, step - rows.valid_from) / 24.0)
    return score


def _company(queries: Sequence[BeliefQuery], present: Mapping[str, Sequence[str]], vocab: dict[str, int],
             mentions: _Entries) -> np.ndarray | None:
    """The rows of the mention pairs that name someone at the NPC's place other than itself
    (a row once per person named; None: no belief names anyone present)."""
    size = len(vocab)
    place_index: dict[str, int] = {}
    keys: dict[int, int] = {}  # place number * size + word -> how many there bear the word as their name
    for query in queries:
        if query.place not in place_index:
            at = place_index[query.place] = len(place_index)
            for person in present.get(query.place, ()):
                if (word := vocab.get(person.lower())) is not None:
                    keys[at * size + word] = keys.get(at * size + word, 0) + 1
    if not keys:
        return None
    known = np.array(sorted(keys), dtype=np.int64)
    is_name = np.zeros(size, dtype=bool)
    is_name[known % size] = True
    maybe = np.flatnonzero(is_name[mentions.words])
    npc, words = mentions.npc[maybe], mentions.words[maybe]
    at_place = np.array([place_index[q.place] for q in queries], dtype=np.int64)
    wanted = at_place[npc] * size + words
    found = np.minimum(np.searchsorted(known, wanted), len(known) - 1)
    counts = np.array([keys[k] for k in known.tolist()], dtype=np.int64)
    count = np.where(known[found] == wanted, counts[found], 0)
    own = np.array([vocab.get(q.npc.lower(), -1) if q.npc in present.get(q.place, ()) else -1 for q in queries],
                   dtype=np.int64)
    named = count - (words == own[npc]) > 0
    return mentions.rows[maybe[named]] if named.any() else None


def _goal_counts(tables: list[HeldRows], queries: Sequence[BeliefQuery], vocab: dict[str, int],
                 words: _Entries, total: int) -> np.ndarray | None:
    """Per row, how many of its NPC's goal words its own words hold (None: no goal word is
    among any belief's words)."""
    size = len(vocab)
    goal_keys = [i * size + word for i, query in enumerate(queries) if tables[i].facts
                 for w in words_of(query.goal_text) if (word := vocab.get(w)) is not None]
    if not goal_keys:
        return None
    keys = np.array(sorted(goal_keys), dtype=np.int64)
    is_goal_word = np.zeros(size, dtype=bool)
    is_goal_word[keys % size] = True
    maybe = np.flatnonzero(is_goal_word[words.words])
    hit = maybe[np.isin(words.npc[maybe] * size + words.words[maybe], keys)]
    return np.bincount(words.rows[hit], minlength=total)


def _prefix_taken(tokens: np.ndarray, starts: np.ndarray, segment: np.ndarray, budget_tokens: int) -> np.ndarray:
    """Per NPC, how many of its best rows fit the budget together: the greedy choice takes
    them all, and goes on one by one only after them."""
    running = np.cumsum(tokens)
    before = np.concatenate([[0], running])[starts[:-1]]
    fits = running - before[segment] <= budget_tokens
    return np.bincount(segment[fits], minlength=len(starts) - 1)


def _chosen(table: HeldRows, rows: list[int], first: int, taken: int, budget_tokens: int, limit: int) -> list[Fact]:
    """The NPC's rows best first (its part of the order), taken greedily within the budget:
    the first ``taken`` together, then each that still fits; at most ``limit``."""
    facts = table.facts
    chosen = [facts[row - first] for row in rows[:min(taken, limit)]]
    if taken >= limit or taken == len(rows):
        return chosen
    tokens = table.token_list
    used = sum(tokens[row - first] for row in rows[:taken])
    for row in rows[taken + 1:]:  # the row after the prefix did not fit
        if budget_tokens - used < table.fewest or len(chosen) >= limit:
            break
        if used + tokens[row - first] <= budget_tokens:
            chosen.append(facts[row - first])
            used += tokens[row - first]
    return chosen
