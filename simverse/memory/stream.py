"""The memory stream: every NPC's memories, written to SQLite, retrieved from numpy.

:class:`MemoryStream` is the one object the world talks to about memory:

* perceive -> :meth:`MemoryStream.add_many` (at most one embedder call, one bulk insert);
* decide   -> :meth:`MemoryStream.retrieve_batch` (at most one embedder call for all
  queries; last access refreshed in index and DB; logged as :mod:`.recall_log` says);
* reflect / plan / compact read it (:meth:`due_for_reflection`, :meth:`recent`, ...) and
  write back through :meth:`add_many` and :meth:`archive`.

Writes go through the caller's ``Session`` (the world's one-per-step transaction) and are
never committed here. The per-NPC :class:`~simverse.memory.index.NpcIndex` is a cache of
the ``memories`` table; :meth:`MemoryStream.load` rebuilds it, and the reflection and
plan-revision triggers, from the table alone, so a reopened run continues exactly. If a
step's transaction is rolled back, reload the stream.

Vectors come from the run's :class:`~simverse.memory.vectors.VectorBook`: a text is
embedded the first time it appears in the run and read back ever after; a memory row holds
no vector (older databases' rows do, still read), only, with ``MemoryConfig.gists``, the
book key of its gist's (:func:`~simverse.memory.vectors.key_ref`).

Memory ids are per run and assigned here in input order (``max(id) + 1`` onwards), so the
same inputs give the same ids in every process.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import numpy as np
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from simverse.memory.config import MemoryConfig
from simverse.memory.embedder import Embedder, normalise_rows
from simverse.memory.importance import rule_importance
from simverse.memory.index import NpcIndex
from simverse.memory.recall_log import next_call, write_retrievals
from simverse.memory.rows import (
    active_rows,
    importance_since_reflection,
    insert_rows,
    json_text,
    record_of,
    update_rows,
)
from simverse.memory.scoring import ScoreParts, min_max, recency, top_k, weighted
from simverse.memory.types import (
    EXPERIENCE_KINDS,
    MemoryRecord,
    NewMemory,
    RetrievalQuery,
    Retrieved,
)
from simverse.memory.vectors import VectorBook, key_ref, referenced_key, text_key
from simverse.store.memory_models import Memory

_MEM = Memory.__table__
_MEM_COLUMNS = (
    "run_id", "id", "npc", "step", "sim_hours", "kind", "text", "importance", "embedding",
    "last_access_step", "last_access_hours", "evidence", "source_event_id", "data", "archived",
)


class MemoryStream:
    """All NPCs' active memories of one run, indexed for fast retrieval."""

    def __init__(
        self,
        run_id: int,
        embedder: Embedder,
        config: MemoryConfig | None = None,
        book: VectorBook | None = None,
    ):
        self.run_id = run_id
        self.embedder = embedder
        self.config = config or MemoryConfig()
        self.book = book if book is not None else VectorBook(run_id, embedder)
        self._calls = (0, 0)  # (step, retrieval batches logged in it)
        self._rated: dict[tuple[str, str], int] = {}
        self._index: dict[str, NpcIndex] = {}
        self._next_id = 1
        self._since_reflection: dict[str, int] = defaultdict(int)
        self._revision_triggers: dict[str, list[int]] = defaultdict(list)
        self._latest_plan: dict[str, MemoryRecord] = {}

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(
        cls,
        session: Session,
        run_id: int,
        embedder: Embedder,
        config: MemoryConfig | None = None,
        recorded: dict[bytes, bytes] | None = None,
    ) -> MemoryStream:
        """Rebuild the stream of ``run_id`` from its ``memories`` and ``embeddings`` rows.
        ``recorded`` vectors (a replayed run's) answer before the embedder."""
        book = VectorBook.load(session, run_id, embedder, recorded)
        stream = cls(run_id, embedder, config, book)
        by_npc: dict[str, list] = defaultdict(list)
        for row in session.execute(active_rows(run_id)):
            by_npc[row.npc].append(row)
        for npc, npc_rows in by_npc.items():
            records = [record_of(r) for r in npc_rows]
            index = NpcIndex(book, capacity=max(64, len(records)))
            index.append(
                records,
                stream._stored_rows(run_id, npc, npc_rows),
                np.array([r.last_access_hours for r in npc_rows], dtype=np.float64),
                np.array([r.last_access_step for r in npc_rows], dtype=np.int64),
            )
            stream._index[npc] = index
            for rec in records:
                stream._note_triggers(rec)
        stream._since_reflection.update(importance_since_reflection(session, run_id))
        max_id = session.execute(
            select(func.max(_MEM.c.id)).where(_MEM.c.run_id == run_id)
        ).scalar()
        stream._next_id = int(max_id or 0) + 1
        return stream

    def _stored_rows(self, run_id: int, npc: str, rows: Sequence) -> np.ndarray:
        """The book's rows of stored memories' vectors: the text's, the gist's the row names,
        or (a database written before the book) the row's own, kept in the book in memory."""
        dim, keys = self.book.dim, []
        for r in rows:
            ref = referenced_key(r.embedding) if r.embedding else None
            key = ref or text_key(r.text)
            own = bool(r.embedding) and ref is None
            if own and len(r.embedding) == dim * 4:
                self.book.adopt(key, np.frombuffer(r.embedding, dtype="<f4"))
            elif own or self.book.get(key) is None:
                raise _other_embedder(run_id, npc, self.embedder)
            keys.append(key)
        return self.book.rows_of(keys)

    # ------------------------------------------------------------------ writing
    def add_many(self, session: Session, new_memories: Sequence[NewMemory]) -> list[int]:
        """Store a batch of memories; returns their ids, in input order.

        Importance ``None`` is rated by :func:`rule_importance`; explicit ratings are
        clamped to 1..10. Texts new to the run are embedded in one call; one bulk insert.
        """
        if not new_memories:
            return []
        vec_rows, refs = self._vector_rows(session, new_memories)
        first = self._next_id
        records: list[MemoryRecord] = []
        rows: list[tuple] = []
        last_hours = np.empty(len(new_memories), dtype=np.float64)
        for i, m in enumerate(new_memories):
            imp = self._rate(m.kind, m.text) if m.importance is None else m.importance
            rec = MemoryRecord(
                id=first + i,
                npc=m.npc,
                kind=m.kind,
                text=m.text,
                step=m.step,
                sim_hours=float(m.sim_hours),
                importance=max(1, min(10, int(imp))),
                evidence=tuple(int(e) for e in m.evidence),
                source_event_id=m.source_event_id,
                data=m.data,
            )
            last_hours[i] = m.sim_hours if m.last_access_hours is None else m.last_access_hours
            records.append(rec)
            rows.append(
                (self.run_id, rec.id, rec.npc, rec.step, rec.sim_hours, rec.kind, rec.text,
                 rec.importance, refs[i], rec.step, float(last_hours[i]), json_text(rec.evidence),
                 rec.source_event_id, json_text(rec.data), 0)
            )
        insert_rows(session, _MEM, _MEM_COLUMNS, rows)
        self._next_id = first + len(new_memories)

        positions: dict[str, list[int]] = defaultdict(list)
        for i, rec in enumerate(records):
            positions[rec.npc].append(i)
        for npc, pos in positions.items():
            index = self._index.get(npc)
            if index is None:
                index = self._index[npc] = NpcIndex(self.book)
            index.append(
                [records[i] for i in pos],
                vec_rows[pos],
                last_hours[pos],
                np.array([records[i].step for i in pos], dtype=np.int64),
            )
        for rec in records:
            self._note_triggers(rec)
            if rec.kind in EXPERIENCE_KINDS:
                self._since_reflection[rec.npc] += rec.importance
            elif rec.kind == "reflection":
                self._since_reflection[rec.npc] = 0
        return [r.id for r in records]

    def _vector_rows(self, session: Session, new_memories: Sequence[NewMemory]) -> tuple[np.ndarray, list[bytes]]:
        """The book rows of the memories' vectors (their texts', or with gists on their
        gists'), and what each memory row stores to name it (empty: its own text's)."""
        gists = [m.gist if self.config.gists and m.gist and m.gist != m.text else None for m in new_memories]
        first_step = min(m.step for m in new_memories)
        rows = self.book.rows(session, [g or m.text for g, m in zip(gists, new_memories, strict=True)], first_step)
        refs = {g: key_ref(text_key(g)) for g in set(gists) if g}
        return rows, [refs[g] if g else b"" for g in gists]

    def _rate(self, kind: str, text: str) -> int:
        """:func:`rule_importance`, once per distinct (kind, text): most texts repeat."""
        key = (kind, text)
        score = self._rated.get(key)
        if score is None:
            if len(self._rated) >= 200_000:
                self._rated.clear()
            score = self._rated[key] = rule_importance(kind, text)
        return score

    def archive(self, session: Session, npc: str, memory_ids: Sequence[int]) -> None:
        """Mark memories archived in the DB and drop them from the index (growth policy)."""
        if not memory_ids:
            return
        session.execute(
            update(_MEM)
            .where(_MEM.c.run_id == self.run_id, _MEM.c.id.in_(list(memory_ids)))
            .values(archived=True)
        )
        self._index[npc].remove(memory_ids)

    def _note_triggers(self, rec: MemoryRecord) -> None:
        if rec.kind == "plan":
            self._latest_plan[rec.npc] = rec
            self._revision_triggers[rec.npc] = []
        elif rec.kind == "observation" and rec.importance >= self.config.plan_revision_importance:
            self._revision_triggers[rec.npc].append(rec.id)

    # ------------------------------------------------------------------ retrieval
    def retrieve_batch(
        self,
        session: Session,
        queries: Sequence[RetrievalQuery],
        step: int,
        sim_hours: float,
    ) -> list[list[Retrieved]]:
        """Top-k memories for every query, all scored against the state before the batch.

        Retrieved memories get last access = now (index and DB) and are logged
        (:func:`~simverse.memory.recall_log.write_retrievals`).
        """
        if not queries:
            return []
        qvecs = self._query_vectors(session, queries, step)
        cfg = self.config
        weights = (cfg.recency_weight, cfg.importance_weight, cfg.relevance_weight)
        results: list[list[Retrieved]] = [[] for _ in queries]
        by_npc: dict[str, list[int]] = defaultdict(list)
        for qi, q in enumerate(queries):
            by_npc[q.npc].append(qi)
        touched: dict[str, set[int]] = defaultdict(set)
        for npc, qis in by_npc.items():
            index = self._index.get(npc)
            if index is None or index.size == 0:
                continue
            rel_all = (index.embeddings @ qvecs[qis].T).astype(np.float64)
            rec_all = recency(index.last_access_hours, sim_hours, cfg.decay)
            shared: dict[frozenset[str] | None, tuple] = {}  # per kinds filter
            for col, qi in enumerate(qis):
                q = queries[qi]
                if q.kinds not in shared:
                    shared[q.kinds] = _candidates(index, rec_all, q.kinds)
                cand, rec, imp, ids = shared[q.kinds]
                if cand.size == 0:
                    continue
                rel = min_max(rel_all[:, col] if cand.size == index.size else rel_all[cand, col])
                parts = weighted(rec, imp, rel, weights)
                best = top_k(parts.score, ids, q.k or cfg.top_k)
                results[qi] = _hits(index.records, cand[best].tolist(), parts, best)
                touched[npc].update(cand[best].tolist())
        self._touch(session, touched, step, sim_hours)
        call = self._calls[1] if self._calls[0] == step else next_call(session, self.run_id, step)
        self._calls = (step, call + 1)
        write_retrievals(session, self.run_id, step, call, queries, results, cfg.retrieval_log)
        return results

    def _query_vectors(
        self, session: Session, queries: Sequence[RetrievalQuery], step: int
    ) -> np.ndarray:
        """One vector per query: its text's, or the normalised sum of its parts' vectors
        (a situation's cues, each embedded once per run), all texts in one book call."""
        texts: list[str] = []
        spans: list[tuple[int, int]] = []
        for q in queries:
            parts = q.parts or (q.text,)
            spans.append((len(texts), len(texts) + len(parts)))
            texts.extend(parts)
        vecs = self.book.vectors(session, texts, step)
        if len(texts) == len(queries):
            return vecs
        return normalise_rows(np.stack([vecs[a:b].sum(axis=0) for a, b in spans]))

    def _touch(
        self, session: Session, touched: dict[str, set[int]], step: int, sim_hours: float
    ) -> None:
        params: list[tuple] = []
        hours = float(sim_hours)
        for npc, positions in touched.items():
            index = self._index[npc]
            pos = np.array(sorted(positions), dtype=np.int64)
            index.touch(pos, sim_hours, step)
            params.extend((step, hours, self.run_id, i) for i in index.ids[pos].tolist())
        update_rows(
            session, _MEM, ("last_access_step", "last_access_hours"), ("run_id", "id"), params
        )

    # ------------------------------------------------------------------ reading
    @property
    def npcs(self) -> list[str]:
        """NPCs that have memories, sorted."""
        return sorted(self._index)

    def count(self, npc: str) -> int:
        """Number of active (retrievable) memories of ``npc``."""
        index = self._index.get(npc)
        return 0 if index is None else index.size

    def memories_of(self, npc: str) -> list[MemoryRecord]:
        """Active memories of ``npc`` in id order."""
        index = self._index.get(npc)
        return [] if index is None else list(index.records)

    def recent(self, npc: str, n: int, kinds: frozenset[str] | None = None) -> list[MemoryRecord]:
        """The ``n`` newest active memories of ``npc`` (optionally of some kinds), oldest first."""
        index = self._index.get(npc)
        if index is None:
            return []
        n = n if n > 0 else index.size  # as before: no positive count means all of them
        if kinds is None:
            return index.records[-n:] if n else []
        return [index.records[i] for i in np.flatnonzero(index.kind_mask(kinds))[-n:].tolist()]

    def last_access_hours(self, npc: str) -> dict[int, float]:
        """Last access (sim hours) of each active memory of ``npc``, by id."""
        index = self._index.get(npc)
        if index is None:
            return {}
        return dict(zip(index.ids.tolist(), index.last_access_hours.tolist(), strict=True))

    def importance_since_reflection(self, npc: str) -> int:
        """Summed importance of ``npc``'s experiences since its last reflection."""
        return self._since_reflection.get(npc, 0)

    def due_for_reflection(self) -> list[str]:
        """NPCs whose importance since the last reflection reached the threshold, sorted."""
        limit = self.config.reflection_threshold
        return sorted(n for n, total in self._since_reflection.items() if total >= limit)

    def revision_triggers(self, npc: str) -> list[int]:
        """Ids of important observations (>= ``plan_revision_importance``) since the latest
        plan of ``npc``: non-empty means the plan should be revised."""
        return list(self._revision_triggers.get(npc, ()))

    def latest_plan(self, npc: str) -> MemoryRecord | None:
        """The newest plan memory of ``npc``, if any."""
        return self._latest_plan.get(npc)


def _hits(records: list[MemoryRecord], positions: list[int], parts: ScoreParts, best: np.ndarray) -> list[Retrieved]:
    """The retrieved memories at ``positions`` (best first) with their score parts, read
    from the arrays in one pass per part (the same floats as one element at a time)."""
    return [
        Retrieved(memory=records[pos], score=s, recency=r, importance=i, relevance=v, rank=rank)
        for rank, (pos, s, r, i, v) in enumerate(zip(
            positions, parts.score[best].tolist(), parts.recency[best].tolist(),
            parts.importance[best].tolist(), parts.relevance[best].tolist(), strict=True))
    ]


def _candidates(index: NpcIndex, rec_all: np.ndarray, kinds: frozenset[str] | None) -> tuple:
    """Rows a kinds filter admits, with their normalised recency and importance and their
    ids: the same for every query of the NPC with that filter, so computed once."""
    mask = index.kind_mask(kinds)
    if mask is None:  # all rows: plain views, no fancy-index copies
        return np.arange(index.size), min_max(rec_all), min_max(index.importance), index.ids
    cand = np.flatnonzero(mask)
    return cand, min_max(rec_all[cand]), min_max(index.importance[cand]), index.ids[cand]


def _other_embedder(run_id: int, npc: str, embedder: Embedder) -> ValueError:
    return ValueError(
        f"run {run_id} npc {npc}: stored embeddings are not {embedder.name}/{embedder.dim} "
        f"vectors; the run was written with another embedder than {embedder.name!r}"
    )
