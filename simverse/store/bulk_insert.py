"""A step's rows into their table with one ``executemany``, converted by SQLAlchemy's own
column processors but without its per-row statement machinery.

``session.execute(insert(table), rows)`` builds and checks a parameter set per row; at
thousands of rows a step that was about a tenth of an LLM request's client cost. Here the
statement is compiled once per table and set of columns, each column's bind processor
(JSON, dates, booleans) is looked up once, and the rows go to the driver as tuples, so what
is stored is what SQLAlchemy would have stored. Rows it cannot take the same way (keys that
differ between rows or are not columns, a column left out that has a Python-side default,
a driver that does not take positional ``?`` parameters) go through ``session.execute``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from sqlalchemy import JSON, Table, insert
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session


@dataclass(frozen=True)
class _Plan:
    sql: str
    values: Callable[[dict[str, Any]], Any]
    processors: tuple[tuple[int, Callable[[Any], Any], Callable[[Any], Any] | None], ...]
    """(column, bind processor, the JSON serializer it calls on a list or dict, or None)."""


_PLANS: dict[tuple[Table, tuple[str, ...], str], _Plan | None] = {}


def insert_rows(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """Insert ``rows`` (dicts of column values) into ``table`` inside the session's transaction."""
    keys = tuple(rows[0])
    connection = session.connection()
    dialect = connection.dialect
    cache_key = (table, keys, dialect.name)
    if cache_key not in _PLANS:
        _PLANS[cache_key] = _plan(table, keys, dialect)
    plan = _PLANS[cache_key]
    first = rows[0].keys()
    if plan is None or any(row.keys() != first for row in rows):
        session.execute(insert(table), list(rows))
        return
    connection.exec_driver_sql(plan.sql, converted(plan, rows))


def converted(plan: _Plan, rows: Sequence[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """The rows as the driver's tuples, each processed column converted in one pass down the
    column (a step writes ~4,000 rows, most with JSON columns: no list per row)."""
    values = list(map(plan.values, rows))
    if not plan.processors:
        return values
    columns: list[Any] = list(zip(*values, strict=True))
    for index, process, serialize in plan.processors:
        column = columns[index]
        columns[index] = (
            map(process, column)
            if serialize is None
            else [serialize(v) if type(v) is list or type(v) is dict else process(v) for v in column]
        )
    return list(zip(*columns, strict=True))


def _plan(table: Table, keys: tuple[str, ...], dialect: Dialect) -> _Plan | None:
    """The compiled statement and processors for these columns, or None where only
    ``session.execute`` inserts exactly as SQLAlchemy would."""
    if dialect.paramstyle != "qmark" or not keys or any(key not in table.c for key in keys):
        return None
    if any(column.default is not None and column.key not in keys for column in table.c):
        return None
    compiled = insert(table).compile(dialect=dialect, column_keys=list(keys))
    order = compiled.positiontup
    if order is None or sorted(order) != sorted(keys):
        return None
    processors = []
    for index, key in enumerate(order):
        impl = table.c[key].type.dialect_impl(dialect)
        process = impl.bind_processor(dialect)
        if process is not None:
            processors.append((index, process, _json_serializer(impl, dialect)))
    getter = itemgetter(*order)
    values = getter if len(order) > 1 else (lambda row: (getter(row),))
    return _Plan(compiled.string, values, tuple(processors))


def _json_serializer(impl: Any, dialect: Dialect) -> Callable[[Any], Any] | None:
    """What a JSON column's bind processor returns for a plain list or dict: the dialect's
    serializer of it, when no string processing follows (SQLAlchemy's ``JSON`` turns only
    its ``NULL``, SQL nulls and ``None`` into something else), so those values skip the
    processor's checks; None for other columns, whose processor is always called."""
    strings = getattr(impl, "_str_impl", None)  # SQLAlchemy's own attributes: without them, no shortcut
    if (
        not isinstance(impl, JSON)
        or type(impl).bind_processor is not JSON.bind_processor
        or strings is None
        or strings.bind_processor(dialect) is not None
    ):  # a type of its own: its own rules
        return None
    return getattr(dialect, "_json_serializer", None) or json.dumps
