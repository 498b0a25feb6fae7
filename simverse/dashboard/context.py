"""Which run the dashboard shows: the live world of this session, or a stored run.

Every page starts with :func:`current_run`, which draws the run picker in the sidebar and
returns a :class:`RunRef` (database, run, last committed step) or ``None``. The command
``simverse dashboard TARGET`` passes its target in environment variables: a run database
opens it for browsing, a world name starts a live run of it on the first page view.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from simverse.dashboard import data
from simverse.dashboard.live import ENV_DB, ENV_EMBEDDER, ENV_LLM, ENV_SEED, ENV_TARGET, LiveRun, is_run_db
from simverse.store.run_store import DEFAULT_DIR, db_url


@dataclass(frozen=True)
class RunRef:
    """A run to show, and the last step fully committed when the page began."""

    url: str
    run_id: int
    upto: int
    live: bool


def live() -> LiveRun | None:
    """The world this session is stepping, if any."""
    return st.session_state.get("live")


def embedder_choice() -> str | None:
    """The memory embedder for worlds started here (``--embedder``; else the world's)."""
    return os.environ.get(ENV_EMBEDDER) or None


def open_target_once() -> None:
    """Act on the command line's target the first time a session runs a page."""
    if st.session_state.get("target_opened"):
        return
    st.session_state["target_opened"] = True
    target = os.environ.get(ENV_TARGET, "").strip()
    if not target:
        return
    if is_run_db(target):
        st.session_state["db"] = target
        return
    st.session_state["live"] = LiveRun.start(
        target, seed=int(os.environ.get(ENV_SEED) or 0), llm=os.environ.get(ENV_LLM) or "scripted",
        db=os.environ.get(ENV_DB) or None, embedder=embedder_choice(),
    )


def known_databases() -> list[str]:
    """Run databases under ``runs/`` (where ``simverse run`` keeps them)."""
    return sorted(str(p) for p in DEFAULT_DIR.glob("*.db")) if DEFAULT_DIR.is_dir() else []


def current_run() -> RunRef | None:
    """Draw the run picker in the sidebar and return the run to show, if one is chosen."""
    open_target_once()
    sidebar = st.sidebar
    running = live()
    if running is not None:
        upto = data.committed_step(running.url, running.run_id) or 0
        sidebar.caption("live run")
        sidebar.text(f"{running.world.spec.title}\nrun {running.run_id} · step {upto}\n{running.db}")
        return RunRef(running.url, running.run_id, upto, True)
    choices = known_databases()
    default = st.session_state.get("db", "")
    if default and default not in choices:
        choices = [default, *choices]
    db = sidebar.selectbox("run database", choices, index=choices.index(default) if default in choices else None,
                           accept_new_options=True, placeholder="runs/harbor_town.db", key="db_pick")
    if not db:
        return None
    st.session_state["db"] = db
    if "://" not in db and not Path(db).is_file():
        sidebar.error(f"{db}: no such run database")
        return None
    url = db_url(db)
    table = data.runs(url)
    if table.empty:
        sidebar.warning(f"{db} has no runs")
        return None
    ids = [int(r) for r in table["run"]]
    run_id = sidebar.selectbox("run", ids, index=len(ids) - 1, key="run_pick",
                               format_func=lambda r: _run_label(table, r))
    upto = data.committed_step(url, run_id)
    if upto is None:
        sidebar.warning(f"run {run_id} has no committed step yet")
        return None
    return RunRef(url, int(run_id), upto, False)


def _run_label(table, run_id: int) -> str:
    row = table[table["run"] == run_id].iloc[0]
    switched = f" · brain switched: {row['llm_switches']}" if row.get("llm_switches") else ""
    return f"run {run_id} · {row['world']} · seed {row['seed']} · {row['steps']} steps{switched}"


__all__ = ["ENV_DB", "ENV_EMBEDDER", "ENV_LLM", "ENV_SEED", "ENV_TARGET", "RunRef", "current_run", "live",
           "require_run"]


def require_run() -> RunRef:
    """The run to show, or stop the page with a hint."""
    ref = current_run()
    if ref is None:
        st.info("Open a run database in the sidebar, or start a world on the Run page.")
        st.stop()
    return ref
