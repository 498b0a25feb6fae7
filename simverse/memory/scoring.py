"""Retrieval scoring, as pure numpy functions over one NPC's candidate memories.

``score = a*recency + b*importance + c*relevance`` (Generative Agents), where each part is
min-max normalised over the candidates so that no part dominates by its units:

* recency    = ``decay ** hours_since_last_access`` (0.995 per sim hour by default);
* importance = the memory's 1..10 rating;
* relevance  = cosine similarity of unit embeddings (a dot product).

A part that is constant over the candidates carries no ranking signal; it is normalised to
0.5 for every candidate. Ties in the final score are broken by lower memory id, so the
ranking is a total order and the same in every process.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class ScoreParts:
    """Per-candidate normalised components and the combined score (all float64)."""

    score: np.ndarray
    recency: np.ndarray
    importance: np.ndarray
    relevance: np.ndarray


def recency(last_access_hours: np.ndarray, now_hours: float, decay: float) -> np.ndarray:
    """``decay ** (now - last_access)`` with elapsed time clipped at 0 (no future access)."""
    elapsed = np.maximum(now_hours - np.asarray(last_access_hours, dtype=np.float64), 0.0)
    return np.exp(elapsed * np.log(decay))


def min_max(values: np.ndarray) -> np.ndarray:
    """Scale to 0..1 over the array; a constant (or empty) array becomes 0.5 everywhere."""
    v = np.asarray(values, dtype=np.float64)
    if v.size == 0:
        return v
    lo, hi = v.min(), v.max()
    if hi - lo <= 0.0:
        return np.full_like(v, 0.5)
    return (v - lo) / (hi - lo)


def relevance(embeddings: np.ndarray, query: np.ndarray) -> np.ndarray:
    """Cosine similarity of unit-norm rows to a unit-norm query."""
    return (embeddings @ np.asarray(query, dtype=embeddings.dtype)).astype(np.float64)


def combine(
    recency_raw: np.ndarray,
    importance_raw: np.ndarray,
    relevance_raw: np.ndarray,
    weights: tuple[float, float, float] = (1.0, 1.0, 1.0),
) -> ScoreParts:
    """Normalise each part and weight them into one score."""
    return weighted(min_max(recency_raw), min_max(importance_raw), min_max(relevance_raw), weights)


def weighted(
    rec: np.ndarray,
    imp: np.ndarray,
    rel: np.ndarray,
    weights: tuple[float, float, float] = (1.0, 1.0, 1.0),
) -> ScoreParts:
    """Weight parts already normalised into one score (the stream normalises recency and
    importance once per NPC and kinds filter, relevance once per query)."""
    a, b, c = weights
    return ScoreParts(score=a * rec + b * imp + c * rel, recency=rec, importance=imp, relevance=rel)


def top_k(scores: np.ndarray, ids: np.ndarray, k: int) -> np.ndarray:
    """Positions of the ``k`` best scores, best first; equal scores ordered by lower id.

    Uses a partition to find the k-th score, then sorts only the candidates at or above it,
    so ties at the cut-off are settled by id rather than by the partition's whim.
    """
    n = scores.shape[0]
    if k <= 0 or n == 0:
        return np.zeros(0, dtype=np.int64)
    if k < n:
        kth = np.partition(scores, n - k)[n - k]
        cand = np.flatnonzero(scores >= kth)
    else:
        cand = np.arange(n)
    order = np.lexsort((ids[cand], -scores[cand]))
    return cand[order[:k]]


def score_memories(
    embeddings: np.ndarray,
    importance: np.ndarray,
    last_access_hours: np.ndarray,
    query: np.ndarray,
    now_hours: float,
    decay: float,
    weights: tuple[float, float, float] = (1.0, 1.0, 1.0),
) -> ScoreParts:
    """Score every candidate for one query (the composition of the functions above)."""
    return combine(
        recency(last_access_hours, now_hours, decay),
        importance,
        relevance(embeddings, query),
        weights,
    )
