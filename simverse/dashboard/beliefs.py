"""Facts and beliefs of a run as frames: truth beside beliefs, spread over time, who told whom.

:func:`facts` reads every fact that began by a step; the rest are pure functions over that
frame. A fact holds at step ``s`` when ``valid_from <= s < valid_to`` (open when
``valid_to`` is empty). Contradictions use :func:`simverse.knowledge.queries.contradictions`
(conflict, outdated, unfounded). Who told whom comes from beliefs learnt in dialogue:
their ``told_by`` and ``source == "dialogue:LINE"``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st
from sqlalchemy import select

from simverse.dashboard.data import CACHE_ENTRIES, store_for
from simverse.knowledge.graph import Fact, KnowledgeGraph
from simverse.knowledge.queries import contradictions as query_contradictions
from simverse.store.knowledge_models import FactRow

WORLD = "world"
FACT_COLUMNS = ["id", "holder", "subject", "predicate", "object", "value", "text", "source", "told_by",
                "confidence", "valid_from", "valid_to", "secret", "tracked"]
Key = tuple[str, str, str]


@st.cache_data(show_spinner=False, max_entries=CACHE_ENTRIES)
def facts(db: str, run_id: int, upto: int) -> pd.DataFrame:
    """Every fact and belief that began by ``upto`` (``valid_to`` as of ``upto``, else open)."""
    with store_for(db).session() as session:
        rows = session.execute(
            select(*(getattr(FactRow, c) for c in FACT_COLUMNS))
            .where(FactRow.run_id == run_id, FactRow.valid_from <= upto).order_by(FactRow.id)
        ).all()
    frame = pd.DataFrame(rows, columns=FACT_COLUMNS)
    frame["told_by"] = frame["told_by"].fillna("")
    frame["valid_to"] = frame["valid_to"].where(frame["valid_to"].notna() & (frame["valid_to"] <= upto))
    return frame


def holds_at(frame: pd.DataFrame, step: int) -> pd.DataFrame:
    """Rows of a :func:`facts` frame that hold at ``step`` (valid_from <= step < valid_to)."""
    if frame.empty:
        return frame
    open_ = frame["valid_to"].isna() | (frame["valid_to"] > step)
    return frame[(frame["valid_from"] <= step) & open_]


def beliefs_against_truth(frame: pd.DataFrame, npc: str, step: int) -> pd.DataFrame:
    """``npc``'s beliefs at ``step`` with ``vs_world`` (conflict, outdated, unfounded, or ""
    when it agrees) and ``contradicts_world`` (a conflict: same subject and predicate as a
    truth, different object)."""
    beliefs = holds_at(frame[frame["holder"] == npc], step).copy()
    rows = frame[frame["holder"].isin([npc, WORLD])]
    names = [n for n in Fact.__dataclass_fields__ if n in frame.columns]
    graph = KnowledgeGraph.from_facts(
        Fact(**{n: (None if pd.isna(v) else v) if n in ("valid_to", "value", "told_by") else v
                for n, v in zip(names, values, strict=True)})
        for values in rows[names].itertuples(index=False, name=None)
    )
    kinds = {c.belief.id: c.kind for c in query_contradictions(graph, npc, step)}
    beliefs["vs_world"] = [kinds.get(int(i), "") for i in beliefs["id"]]
    beliefs["contradicts_world"] = beliefs["vs_world"] == "conflict"
    return beliefs


def fact_keys(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per distinct statement (tracked ones first), with its text."""
    keyed = frame.drop_duplicates(["subject", "predicate", "object"])
    return keyed.sort_values(["tracked", "id"], ascending=[False, True])


def spread(frame: pd.DataFrame, key: Key, upto: int, npcs: list[str]) -> pd.DataFrame:
    """How many NPCs hold ``key`` at each step 0..upto, and whether the world holds it."""
    rows = _of_key(frame, key)
    steps = np.arange(upto + 1)
    held = rows[rows["holder"].isin(npcs)]
    world = rows[rows["holder"] == WORLD]
    return pd.DataFrame({"step": steps, "holders": _count_open(held, steps),
                         "true_in_world": _count_open(world, steps) > 0})


def _of_key(frame: pd.DataFrame, key: Key) -> pd.DataFrame:
    s, p, o = key
    return frame[(frame["subject"] == s) & (frame["predicate"] == p) & (frame["object"] == o)]


def _count_open(rows: pd.DataFrame, steps: np.ndarray) -> np.ndarray:
    """Per step, how many intervals [valid_from, valid_to) cover it (one holder holds a
    statement once at a time, so intervals count holders)."""
    start = rows["valid_from"].to_numpy(dtype=float)
    end = rows["valid_to"].fillna(np.inf).to_numpy(dtype=float)
    began = np.searchsorted(np.sort(start), steps, side="right")
    ended = np.searchsorted(np.sort(end), steps, side="right")
    return (began - ended).astype(int)


def told_edges(frame: pd.DataFrame, key: Key, upto: int) -> pd.DataFrame:
    """Who told whom ``key``: one row per belief learnt in dialogue, with the step and the
    dialogue line, and a row per holder who knew it otherwise (``teller`` empty)."""
    rows = _of_key(frame, key)
    rows = rows[(rows["holder"] != WORLD) & (rows["valid_from"] <= upto)].sort_values("valid_from")
    rows = rows.drop_duplicates("holder")
    line = rows["source"].str.extract(r"^dialogue:(\d+)$")[0]
    return pd.DataFrame({
        "holder": rows["holder"].to_numpy(), "teller": rows["told_by"].to_numpy(),
        "step": rows["valid_from"].astype(int).to_numpy(), "line": pd.to_numeric(line, errors="coerce").to_numpy(),
        "source": rows["source"].to_numpy(),
    })


def knowers(frame: pd.DataFrame, step: int, npcs: list[str]) -> dict[Key, set[str]]:
    """Who holds each statement at ``step`` (NPCs only)."""
    held = holds_at(frame[frame["holder"].isin(npcs)], step)
    out: dict[Key, set[str]] = {}
    for s, p, o, holder in zip(held["subject"], held["predicate"], held["object"], held["holder"], strict=True):
        out.setdefault((s, p, o), set()).add(holder)
    return out
