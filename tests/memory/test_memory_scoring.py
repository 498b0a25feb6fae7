"""Retrieval scoring: recency decay, normalisation, weights and deterministic top-k."""

import numpy as np
import pytest

from simverse.memory.scoring import combine, min_max, recency, score_memories, top_k


def test_recency_decays_by_factor_per_sim_hour_since_last_access():
    r = recency(np.array([10.0, 9.0, 0.0, 12.0]), now_hours=10.0, decay=0.995)
    assert r[0] == pytest.approx(1.0)
    assert r[1] == pytest.approx(0.995)
    assert r[2] == pytest.approx(0.995**10)
    assert r[3] == pytest.approx(1.0)  # accessed "in the future": clipped, not > 1


def test_min_max_maps_to_unit_interval_and_constant_to_half():
    assert min_max(np.array([2.0, 4.0, 6.0])).tolist() == [0.0, 0.5, 1.0]
    assert min_max(np.array([3.0, 3.0])).tolist() == [0.5, 0.5]


def test_score_with_known_vectors_and_times():
    emb = np.array([[1, 0, 0], [0, 1, 0], [0.6, 0.8, 0]], dtype=np.float32)
    importance = np.array([1.0, 10.0, 4.0])
    last = np.array([0.0, 100.0, 50.0])
    parts = score_memories(emb, importance, last, np.array([1, 0, 0]), 100.0, 0.995)
    rec = 0.995 ** np.array([100.0, 0.0, 50.0])
    exp_rec = (rec - rec.min()) / (rec.max() - rec.min())
    exp_imp = np.array([0.0, 1.0, 1 / 3])
    exp_rel = np.array([1.0, 0.0, 0.6])
    np.testing.assert_allclose(parts.recency, exp_rec)
    np.testing.assert_allclose(parts.importance, exp_imp)
    np.testing.assert_allclose(parts.relevance, exp_rel, atol=1e-6)
    np.testing.assert_allclose(parts.score, exp_rec + exp_imp + exp_rel, atol=1e-6)


def test_weights_scale_each_component():
    parts = combine(np.array([0.0, 1.0]), np.array([1.0, 2.0]), np.array([1.0, 0.0]), (0, 0, 2))
    assert parts.score.tolist() == [2.0, 0.0]


def test_top_k_breaks_ties_by_lower_id_even_at_the_cutoff():
    scores = np.array([0.5, 0.9, 0.5, 0.5, 0.1])
    ids = np.array([40, 7, 12, 3, 1])
    best = top_k(scores, ids, k=3)
    assert ids[best].tolist() == [7, 3, 12]
    assert ids[top_k(scores, ids, k=10)].tolist() == [7, 3, 12, 40, 1]
    assert top_k(scores, ids, k=0).size == 0
