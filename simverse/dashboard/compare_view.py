"""Two runs side by side from the step they part: which lines, events and beliefs differ.

Pure functions over the frames of :mod:`simverse.dashboard.data` and
:mod:`simverse.dashboard.beliefs`, plus :func:`comparison`, which wraps
:func:`simverse.store.compare.compare_runs` (the same comparison as ``simverse compare``)
on the read-only store. A line or event is *shared* when the other run has one with the
same speaker, listener and words (kind, actor, action, narration and success for events)
at the same step; otherwise it is where the runs diverge.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd
import streamlit as st

from simverse.dashboard import beliefs
from simverse.dashboard.data import store_for
from simverse.store.compare import RunComparison, compare_runs

LINE_KEY = ["speaker", "listener", "text"]
EVENT_KEY = ["kind", "actor", "action", "narration", "success"]


@st.cache_data(show_spinner=False, max_entries=16)
def comparison(db: str, run_a: int, run_b: int, upto_a: int, upto_b: int) -> RunComparison:
    """:func:`compare_runs` of the two runs as committed at ``upto_a`` / ``upto_b``."""
    return compare_runs(store_for(db), run_a, run_b)


def marked(a: pd.DataFrame, b: pd.DataFrame, step: int, key: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The rows of ``step`` in each run with ``shared`` True when the other run has the same."""
    rows_a, rows_b = a[a["step"] == step].copy(), b[b["step"] == step].copy()
    rows_a["shared"] = _shared(rows_a, rows_b, key)
    rows_b["shared"] = _shared(rows_b, rows_a, key)
    return rows_a, rows_b


def _shared(rows: pd.DataFrame, other: pd.DataFrame, key: list[str]) -> list[bool]:
    left = Counter(tuple(r) for r in other[key].itertuples(index=False, name=None))
    out = []
    for r in rows[key].itertuples(index=False, name=None):
        out.append(left[r] > 0)
        if left[r] > 0:
            left[r] -= 1
    return out


def diverging_steps(a: pd.DataFrame, b: pd.DataFrame, key: list[str], start: int, end: int) -> list[int]:
    """Steps in ``start..end`` where the two runs' rows (lines or events) differ."""
    steps = []
    for step in range(start, end + 1):
        rows_a, rows_b = a[a["step"] == step], b[b["step"] == step]
        if Counter(map(tuple, rows_a[key].to_numpy().tolist())) != Counter(map(tuple, rows_b[key].to_numpy().tolist())):
            steps.append(step)
    return steps


def belief_differences(facts_a: pd.DataFrame, facts_b: pd.DataFrame, step: int, npcs: list[str],
                       limit: int = 8) -> pd.DataFrame:
    """Statements whose NPC holders differ between the runs at ``step``: how many hold it in
    each, and who holds it in one run only (first ``limit`` names)."""
    held_a, held_b = beliefs.knowers(facts_a, step, npcs), beliefs.knowers(facts_b, step, npcs)
    text = {}
    for frame in (facts_a, facts_b):
        for s, p, o, t in zip(frame["subject"], frame["predicate"], frame["object"], frame["text"], strict=True):
            text.setdefault((s, p, o), t or f"{s} {p} {o}")
    rows = []
    for key in sorted(set(held_a) | set(held_b)):
        a, b = held_a.get(key, set()), held_b.get(key, set())
        if a == b:
            continue
        rows.append({"statement": text.get(key, " ".join(key)), "holders_a": len(a), "holders_b": len(b),
                     "only_in_a": _names(a - b, limit), "only_in_b": _names(b - a, limit)})
    return pd.DataFrame(rows, columns=["statement", "holders_a", "holders_b", "only_in_a", "only_in_b"])


def _names(names: set[str], limit: int) -> str:
    ordered = sorted(names)
    more = f" +{len(ordered) - limit}" if len(ordered) > limit else ""
    return ", ".join(ordered[:limit]) + more


def with_tracked_spread(stats: pd.DataFrame, facts: pd.DataFrame, upto: int, npcs: list[str]) -> pd.DataFrame:
    """``stats`` with ``tracked_fact_spread``: the mean share of NPCs holding each tracked
    statement at each step (what the world's DataCollector reports, from the facts)."""
    tracked = beliefs.fact_keys(facts[facts["tracked"].astype(bool)])
    keys = list(zip(tracked["subject"], tracked["predicate"], tracked["object"], strict=True))
    out = stats.copy()
    if not keys or not npcs or out.empty:
        out["tracked_fact_spread"] = 0.0
        return out
    shares = sum(beliefs.spread(facts, key, upto, npcs)["holders"].to_numpy() for key in keys) / (len(keys) * len(npcs))
    out["tracked_fact_spread"] = out["step"].map(dict(enumerate(shares))).fillna(0.0)
    return out
