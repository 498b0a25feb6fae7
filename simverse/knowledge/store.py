"""Reading a run's facts from SQLite into a :class:`KnowledgeGraph`.

Uses a Core ``SELECT`` of plain tuples (no ORM objects) and interns the repeated
names, because a run can hold millions of facts: at 1M rows this is several times
faster and smaller than loading ``FactRow`` objects.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator, Mapping

from sqlalchemy import select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from simverse.knowledge.graph import FACT_FIELDS, Fact, KnowledgeGraph
from simverse.store.knowledge_models import FactRow

_intern = sys.intern


def read_facts(conn: Connection | Session, run_id: int) -> Iterator[Fact]:
    """Every stored fact of a run, as :class:`Fact` objects, in id order."""
    table = FactRow.__table__
    stmt = select(*(table.c[name] for name in FACT_FIELDS)).where(table.c.run_id == run_id).order_by(table.c.id)
    for (fid, subject, predicate, obj, holder, source, valid_from, valid_to, confidence, told_by, value, text,
         secret, tracked) in conn.execute(stmt):
        yield Fact(
            fid, _intern(subject), _intern(predicate), _intern(obj), _intern(holder), source, valid_from, valid_to,
            confidence, None if told_by is None else _intern(told_by), value, text, bool(secret), bool(tracked),
        )


def load_knowledge(conn: Connection | Session, run_id: int,
                   entities: Mapping[str, Iterable[str]] | None = None) -> KnowledgeGraph:
    """The knowledge graph of a stored run, as it stands after its last committed step."""
    return KnowledgeGraph.from_facts(read_facts(conn, run_id), entities)
