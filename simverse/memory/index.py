"""One NPC's memories as growable numpy arrays: the hot path of retrieval.

Rows are kept in id order. Appends write into spare capacity that doubles when full
(amortised O(1) per row, no re-stacking per insert); removals (compaction) rebuild once.
The arrays are a cache of the ``memories`` table, never the truth.

A memory's vector is not copied here: the index keeps its row in the run's
:class:`~simverse.memory.vectors.VectorBook` (8 bytes instead of 4 per dimension) and
:attr:`NpcIndex.embeddings` gathers the rows when a retrieval scores them. Most memory
texts are shared by many NPCs (a sighting, a line heard by a crowd), so at 1,000 NPCs
with 2,000 memories each this is the difference between ~3 GB of copies and ~16 MB.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Protocol

import numpy as np

from simverse.memory.types import KINDS, MemoryRecord

KIND_CODES: dict[str, int] = {kind: code for code, kind in enumerate(KINDS)}


class Vectors(Protocol):
    """Where an index's vector rows live (the run's VectorBook)."""

    dim: int

    @property
    def matrix(self) -> np.ndarray: ...


class NpcIndex:
    """Vector rows, importance, last access, ids and kinds of one NPC's active memories."""

    def __init__(self, vectors: Vectors, capacity: int = 64) -> None:
        self.dim = vectors.dim
        self.size = 0
        self._vectors = vectors
        self._rows = np.zeros(capacity, dtype=np.int64)
        self._imp = np.zeros(capacity, dtype=np.float64)
        self._last = np.zeros(capacity, dtype=np.float64)
        self._last_step = np.zeros(capacity, dtype=np.int64)
        self._ids = np.zeros(capacity, dtype=np.int64)
        self._kind = np.zeros(capacity, dtype=np.int8)
        self.records: list[MemoryRecord] = []
        self._pos: dict[int, int] = {}

    # views of the live rows -------------------------------------------------------------
    @property
    def embeddings(self) -> np.ndarray:
        """The memories' unit vectors, gathered from the book (a fresh contiguous array)."""
        return self._vectors.matrix[self._rows[: self.size]]

    @property
    def vector_rows(self) -> np.ndarray:
        return self._rows[: self.size]

    @property
    def importance(self) -> np.ndarray:
        return self._imp[: self.size]

    @property
    def last_access_hours(self) -> np.ndarray:
        return self._last[: self.size]

    @property
    def last_access_step(self) -> np.ndarray:
        return self._last_step[: self.size]

    @property
    def ids(self) -> np.ndarray:
        return self._ids[: self.size]

    @property
    def kinds(self) -> np.ndarray:
        return self._kind[: self.size]

    def position(self, memory_id: int) -> int | None:
        """Row of a memory id, or ``None`` if it is not active here."""
        return self._pos.get(memory_id)

    # mutation ---------------------------------------------------------------------------
    def _reserve(self, extra: int) -> None:
        need = self.size + extra
        cap = self._rows.shape[0]
        if need <= cap:
            return
        new_cap = max(need, 2 * cap)
        for name in ("_rows", "_imp", "_last", "_last_step", "_ids", "_kind"):
            old = getattr(self, name)
            grown = np.zeros((new_cap, *old.shape[1:]), dtype=old.dtype)
            grown[: self.size] = old[: self.size]
            setattr(self, name, grown)

    def append(
        self,
        records: Sequence[MemoryRecord],
        vector_rows: np.ndarray,
        last_access_hours: np.ndarray,
        last_access_step: np.ndarray,
    ) -> None:
        """Append memories with their rows in the book (ids must be larger than every id
        already here)."""
        n = len(records)
        if n == 0:
            return
        if vector_rows.shape != (n,):
            raise ValueError(f"expected {n} vector rows, got shape {vector_rows.shape}")
        self._reserve(n)
        s, e = self.size, self.size + n
        self._rows[s:e] = vector_rows
        self._imp[s:e] = [r.importance for r in records]
        self._last[s:e] = last_access_hours
        self._last_step[s:e] = last_access_step
        self._ids[s:e] = [r.id for r in records]
        self._kind[s:e] = [KIND_CODES[r.kind] for r in records]
        for i, r in enumerate(records):
            self._pos[r.id] = s + i
        self.records.extend(records)
        self.size = e

    def touch(self, positions: np.ndarray, hours: float, step: int) -> None:
        """Mark rows as accessed now (retrieval refreshes recency)."""
        self._last[positions] = hours
        self._last_step[positions] = step

    def remove(self, memory_ids: Sequence[int]) -> None:
        """Drop rows by id, keeping the rest in order (one rebuild per call)."""
        drop = {self._pos[m] for m in memory_ids if m in self._pos}
        if not drop:
            return
        keep = np.array([i for i in range(self.size) if i not in drop], dtype=np.int64)
        m = keep.size
        for name in ("_rows", "_imp", "_last", "_last_step", "_ids", "_kind"):
            arr = getattr(self, name)
            arr[:m] = arr[keep]
        self.records = [self.records[i] for i in keep]
        self.size = m
        self._pos = {r.id: i for i, r in enumerate(self.records)}

    def kind_mask(self, kinds: frozenset[str] | None) -> np.ndarray | None:
        """Boolean mask of rows whose kind is in ``kinds`` (``None``: all rows)."""
        if kinds is None:
            return None
        return kind_table(frozenset(kinds))[self.kinds]


@lru_cache(maxsize=64)
def kind_table(kinds: frozenset[str]) -> np.ndarray:
    """``table[code]`` says whether the kind of that code is in ``kinds``: a mask of rows is
    one lookup of their codes (``np.isin`` sorted both sides for every query's filter)."""
    table = np.zeros(len(KINDS), dtype=bool)
    table[[KIND_CODES[k] for k in kinds if k in KIND_CODES]] = True
    table.setflags(write=False)
    return table
