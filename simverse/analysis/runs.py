"""``RunSet``: the runs of one database (a single run, a sweep's results) as data, read-only.

Each method returns a pandas DataFrame with a ``run_id`` column (or a networkx graph) for
the runs it is given (``runs=None``: all of them), so the same code analyses one run or
every cell of a sweep. Nothing is written: the file is opened read-only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import networkx as nx
import pandas as pd
from sqlalchemy import Connection, select

from simverse.analysis import graphs, tables
from simverse.analysis.readonly import readonly_engine
from simverse.store.models import RunRow

RunIds = int | Iterable[int] | None


class RunSet:
    """A read-only view of a run database. Use as a context manager or call :meth:`close`."""

    def __init__(self, db: str | Path) -> None:
        self.db = str(db)
        self._engine = readonly_engine(db)
        with self._engine.connect() as conn:
            self._runs = tables.runs(conn)
            self._tables = {name for name in ("memories", "llm_calls", "facts") if tables.has_table(conn, name)}

    def __enter__(self) -> RunSet:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._engine.dispose()

    def __repr__(self) -> str:
        return f"RunSet({self.db!r}, runs={self.run_ids})"

    @property
    def run_ids(self) -> list[int]:
        return [int(r) for r in self._runs["run_id"]]

    def runs(self) -> pd.DataFrame:
        """One row per run: world, seed, brain, status, last step, fork parent, sweep setting."""
        return self._runs.copy()

    def steps(self, runs: RunIds = None) -> pd.DataFrame:
        return self._read(tables.steps, runs)

    def npc_states(self, runs: RunIds = None) -> pd.DataFrame:
        """Place, activity, mood, hunger, coins and inventory of every NPC after every step."""
        return self._read(tables.npc_states, runs)

    def dialogue(self, runs: RunIds = None) -> pd.DataFrame:
        return self._read(tables.dialogue, runs)

    def decisions(self, runs: RunIds = None, with_context: bool = False) -> pd.DataFrame:
        """What each brain decided, how (valid/repaired/retried/defaulted) and for whom."""
        return self._read(lambda c, ids: tables.decisions(c, ids, with_context), runs)

    def events(self, runs: RunIds = None) -> pd.DataFrame:
        return self._read(tables.events, runs)

    def facts(self, runs: RunIds = None) -> pd.DataFrame:
        """Truth and beliefs with holder, source, teller and validity ``[valid_from, valid_to)``."""
        return self._read(tables.facts, runs, needs="facts")

    def beliefs_at(self, step: int, runs: RunIds = None) -> pd.DataFrame:
        """The beliefs (not world truth) held at ``step``."""
        out = self.facts(runs)
        held = (out["valid_from"] <= step) & (out["valid_to"].isna() | (out["valid_to"] > step))
        return out[held & ~out["is_truth"]].reset_index(drop=True)

    def memories(self, runs: RunIds = None) -> pd.DataFrame:
        return self._read(tables.memories, runs, needs="memories")

    def llm_calls(self, runs: RunIds = None, with_text: bool = False) -> pd.DataFrame:
        """Every recorded LLM call with its tokens, latency and error (prompts on request)."""
        return self._read(lambda c, ids: tables.llm_calls(c, ids, with_text), runs, needs="llm_calls")

    def tell_graph(self, runs: RunIds = None, until_step: int | None = None) -> nx.MultiDiGraph:
        """Who told whom which fact (edges keyed by belief, with step and dialogue line)."""
        return graphs.tell_graph(self.facts(runs), until_step)

    def place_graph(self, run: int | None = None) -> nx.Graph:
        """The places of a run's world (the newest run's by default) and their connections."""
        run_id = run if run is not None else self.run_ids[-1]
        with self._engine.connect() as conn:
            spec = conn.execute(select(RunRow.__table__.c.world_spec).where(RunRow.__table__.c.id == run_id)).scalar()
        if spec is None:
            raise LookupError(f"{self.db}: no run {run_id}")
        return graphs.place_graph(spec)

    def _read(self, reader: Callable[[Connection, list[int]], pd.DataFrame], runs: RunIds,
              needs: str | None = None) -> pd.DataFrame:
        if needs is not None and needs not in self._tables:
            raise LookupError(f"{self.db}: this database has no {needs} table")
        ids = self._ids(runs)
        with self._engine.connect() as conn:
            return reader(conn, ids)

    def _ids(self, runs: RunIds) -> list[int]:
        if runs is None:
            return self.run_ids
        ids = [runs] if isinstance(runs, int) else [int(r) for r in runs]
        unknown = sorted(set(ids) - set(self.run_ids))
        if unknown:
            raise LookupError(f"{self.db}: no run {unknown[0]} (runs: {self.run_ids})")
        return ids


def open_runs(db: str | Path) -> RunSet:
    """Open a run or sweep results database read-only; see :class:`RunSet`."""
    return RunSet(db)
