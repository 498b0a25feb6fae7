"""The run's book of text vectors: every distinct text embedded once, stored, read back ever after.

A model embeds a text with slightly different last bits depending on what else is in its
batch, and embedding is the main cost of memory. So :class:`VectorBook` keeps one vector
per distinct text of a run (memories and recall queries alike) in the ``embeddings`` table:

* :meth:`VectorBook.vectors` reads the texts it knows; the others (each distinct text once)
  go to the embedder in one call, sorted by length so that its bounded batches pad little;
  their vectors are rounded to float16, written through the caller's session (the step's
  transaction) and kept;
* :meth:`VectorBook.load` reads a run's stored vectors back, so a resumed run, a fork and
  a replay use the very bits the original run used: bit-identical by construction;
* a replay passes its recorded run's vectors as ``recorded``: they answer before the
  embedder, which is then never loaded.

Why float16: half the bytes of float32 in the database and in RAM, and a cosine moves by
less than 1e-3 (11-bit mantissa), far below what separates memories in a ranking. The
rounded vector is the one used from the start, so nothing differs between a live run and a
reopened one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from simverse.memory.embedder import Embedder
from simverse.memory.rows import insert_rows
from simverse.store.memory_models import EmbeddingRow

_EMB = EmbeddingRow.__table__
STORED_DTYPE = "<f2"


def text_key(text: str) -> bytes:
    """The 16-byte BLAKE2b digest a text's vector is stored under."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


KEY_TAG = b"k"
"""First byte of a memory row's ``embedding`` that names the book's key of its vector (a
memory whose vector is its gist's): 17 bytes, never a float32 vector's multiple of four."""


def key_ref(key: bytes) -> bytes:
    """What a memory row stores to say "my vector is the book's ``key``"."""
    return KEY_TAG + key


def referenced_key(blob: bytes) -> bytes | None:
    """The book key a memory row's ``embedding`` names, or ``None`` (empty: the row's own
    text; ``4 * dim`` bytes: a float32 vector of a database written before the book)."""
    if len(blob) == len(KEY_TAG) + 16 and blob.startswith(KEY_TAG):
        return bytes(blob[len(KEY_TAG):])
    return None


def embedder_id(embedder: Embedder) -> str:
    """Name and dimension: vectors of another embedder (or size) are never mixed in."""
    return f"{embedder.name}/{embedder.dim}"


def recorded_vectors(session: Session, run_id: int, embedder: str) -> dict[bytes, bytes]:
    """A run's stored vectors of the embedder named ``embedder`` (key -> float16 bytes), to
    answer a replay of it (the book checks their size)."""
    rows = session.execute(
        select(_EMB.c["key"], _EMB.c.vector).where(
            _EMB.c.run_id == run_id, _EMB.c.embedder.startswith(f"{embedder}/")
        )
    )
    return {bytes(k): bytes(v) for k, v in rows}


class VectorBook:
    """One run's vectors by text, in a growable float32 matrix (rows of float16 values)."""

    def __init__(
        self,
        run_id: int,
        embedder: Embedder,
        recorded: Mapping[bytes, bytes] | None = None,
    ) -> None:
        self.run_id = run_id
        self.embedder = embedder
        self.dim = embedder.dim
        self.id = embedder_id(embedder)
        self.recorded = recorded or {}
        self.embedded = 0  # texts this process sent to the embedder
        self._row: dict[bytes, int] = {}
        self._by_text: dict[str, int] = {}  # texts met in this process (skips the hash)
        self._matrix = np.zeros((1024, self.dim), dtype=np.float32)

    @classmethod
    def load(
        cls,
        session: Session,
        run_id: int,
        embedder: Embedder,
        recorded: Mapping[bytes, bytes] | None = None,
    ) -> VectorBook:
        """The book of ``run_id`` as stored."""
        book = cls(run_id, embedder, recorded)
        rows = session.execute(
            select(_EMB.c["key"], _EMB.c.vector)
            .where(_EMB.c.run_id == run_id, _EMB.c.embedder == book.id)
            .order_by(_EMB.c["key"])
        ).all()
        if rows:
            blob = b"".join(r.vector for r in rows)
            if len(blob) != len(rows) * book.dim * 2:
                raise ValueError(f"run {run_id}: stored {book.id} vectors are not {book.dim}-d")
            book._add([bytes(r.key) for r in rows], np.frombuffer(blob, STORED_DTYPE))
        return book

    def __len__(self) -> int:
        return len(self._row)

    def get(self, key: bytes) -> np.ndarray | None:
        """The stored vector of a text key, or ``None``."""
        row = self._row.get(key)
        return None if row is None else self._matrix[row]

    def adopt(self, key: bytes, vector: np.ndarray) -> None:
        """Keep a vector read from elsewhere (a memory row of an older database) in memory
        only: the row it came from stays its record."""
        if key not in self._row:
            self._add([key], np.asarray(vector, dtype=np.float32).reshape(1, self.dim))

    @property
    def matrix(self) -> np.ndarray:
        """Every vector the book holds, one row each (a text keeps its row number for the
        run: indexes hold row numbers; the array itself is replaced when it grows)."""
        return self._matrix[: len(self._row)]

    def vectors(self, session: Session, texts: Sequence[str], step: int) -> np.ndarray:
        """``(len(texts), dim)`` float32 vectors of ``texts``, computing only unknown ones."""
        rows = self.rows(session, texts, step)  # first: it may grow (replace) the matrix
        return self._matrix[rows]

    def rows(self, session: Session, texts: Sequence[str], step: int) -> np.ndarray:
        """The book's rows of ``texts`` (int64), computing only unknown ones."""
        by_text = self._by_text
        missing: dict[bytes, str] = {}
        for text in texts:
            if text not in by_text:
                key = text_key(text)
                row = self._row.get(key)
                if row is not None:
                    by_text[text] = row
                elif key not in missing:
                    missing[key] = text
        if missing:
            self._store(session, missing, step)
            for key, text in missing.items():
                by_text[text] = self._row[key]
        return np.array([by_text[t] for t in texts], dtype=np.int64)

    def rows_of(self, keys: Sequence[bytes]) -> np.ndarray:
        """Rows of keys the book holds (a ``KeyError`` names a missing one)."""
        return np.array([self._row[k] for k in keys], dtype=np.int64)

    # ------------------------------------------------------------------ internals
    def _store(self, session: Session, missing: dict[bytes, str], step: int) -> None:
        """Recorded vectors first, then one embedder call for the rest, then one insert."""
        blobs = {k: self.recorded[k] for k in missing if k in self.recorded}
        todo = sorted((k for k in missing if k not in blobs), key=lambda k: len(missing[k]))
        if todo:
            vecs = self.embedder.embed([missing[k] for k in todo])
            if vecs.shape != (len(todo), self.dim):
                raise ValueError(
                    f"embedder {self.embedder.name!r} returned shape {vecs.shape}, "
                    f"expected {(len(todo), self.dim)}"
                )
            self.embedded += len(todo)
            half = np.ascontiguousarray(vecs, dtype=STORED_DTYPE)
            blobs.update((k, half[i].tobytes()) for i, k in enumerate(todo))
        keys = list(missing)
        for key in keys:
            if len(blobs[key]) != self.dim * 2:
                raise ValueError(f"recorded vector of {missing[key]!r} is not {self.dim}-d float16")
        self._add(keys, np.frombuffer(b"".join(blobs[k] for k in keys), STORED_DTYPE))
        insert_rows(
            session, _EMB, ("run_id", "embedder", "key", "step", "vector"),
            [(self.run_id, self.id, k, step, blobs[k]) for k in keys],
        )

    def _add(self, keys: list[bytes], flat: np.ndarray) -> None:
        n = len(keys)
        start = len(self._row)
        need = start + n
        if need > self._matrix.shape[0]:
            grown = np.zeros((max(need, 2 * self._matrix.shape[0]), self.dim), dtype=np.float32)
            grown[:start] = self._matrix[:start]
            self._matrix = grown
        self._matrix[start:need] = flat.reshape(n, self.dim)
        for i, key in enumerate(keys):
            self._row[key] = start + i
