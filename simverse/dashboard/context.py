"""Which run a page shows, the dashboard's live world, and keeping pages current.

Every page starts with :func:`current_run` (or :func:`require_run`): it draws the sidebar
(the live world's status, or the picker of stored runs) and returns a :class:`RunRef`.
The live world is the server's one :class:`~simverse.dashboard.hub.LiveHub`
(``st.cache_resource``), so every tab, reload and viewer sees the same run. The command
``simverse dashboard TARGET`` passes its target in environment variables: a world name is
started live once per server, a run database is the picker's default.

A small fragment in the sidebar re-runs every :data:`REFRESH_S` seconds: it tells the hub
a page is open (the worker only runs while someone watches) and reruns the page when the
run it shows has committed a new step (at most every :data:`FOLLOW_GAP_S` seconds), so a
run being written refreshes by itself.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st

from simverse.dashboard import data
from simverse.dashboard.databases import DatabaseRefused, accept, list_databases
from simverse.dashboard.hub import HubStatus, LiveHub
from simverse.dashboard.live import ENV_DB, ENV_EMBEDDER, ENV_LLM, ENV_SEED, ENV_TARGET, LiveRun, is_run_db
from simverse.dashboard.safe import md
from simverse.store.run_store import DEFAULT_DIR

REFRESH_S = 1.5
FOLLOW_GAP_S = 3.0
LIVE, STORED = "live run", "stored run"


@dataclass(frozen=True)
class RunRef:
    """A run to show: its database file, run id, the last step committed when the page
    began, and whether it is the live world's run."""

    db: str
    run_id: int
    upto: int
    live: bool


@st.cache_resource(show_spinner=False)
def hub() -> LiveHub:
    """The server's one live world (shared by every session)."""
    return LiveHub()


def embedder_choice() -> str | None:
    """The memory embedder for worlds started here (``--embedder``; else the world's)."""
    return os.environ.get(ENV_EMBEDDER) or None


def open_target_once(live: LiveHub) -> None:
    """Start the command line's world the first time any page runs in this server."""
    if live.target_opened:
        return
    live.target_opened = True
    target = os.environ.get(ENV_TARGET, "").strip()
    if not target or is_run_db(target):
        return
    try:
        live.open(lambda: LiveRun.start(
            target, seed=int(os.environ.get(ENV_SEED) or 0), llm=os.environ.get(ENV_LLM) or "scripted",
            db=os.environ.get(ENV_DB) or None, embedder=embedder_choice()))
    except (ValueError, OSError) as exc:
        live.error = f"could not start {target}: {exc}"


def target_database() -> str | None:
    """The run database given on the command line, if any."""
    target = os.environ.get(ENV_TARGET, "").strip()
    return target if target and is_run_db(target) else None


@st.cache_data(ttl=5, show_spinner=False)
def stored_databases(extra: tuple[str, ...]) -> tuple[list[str], list[tuple[str, str]]]:
    """Run databases under ``runs/`` plus ``extra`` ones, and the refused files with why."""
    listing = list_databases(DEFAULT_DIR)
    good = [str(p) for p in listing.databases]
    refused = [(str(p), why) for p, why in listing.refused]
    for path in extra:
        if path in good:
            continue
        try:
            good.insert(0, str(accept(path, verify=False)))
        except DatabaseRefused as exc:
            refused.append((path, str(exc)))
    return good, refused


def current_run() -> RunRef | None:
    """Draw the sidebar (live status or run picker) and return the run to show, if any."""
    live = hub()
    open_target_once(live)
    status = live.status()
    st.session_state["page_began"] = time.monotonic()
    _link_wish()
    with st.sidebar:
        # The refresh fragment sits first in the sidebar on every page: a tick that
        # lands just after a change of page then still finds its place.
        watch_slot = st.container()
        source = STORED
        if status.run_id is not None:
            source = _picked("source", "show", [LIVE, STORED], LIVE, st.radio, horizontal=True)
        ref = _live_ref(status) if source == LIVE else _stored_ref(status)
        key = _widget_key("follow")
        st.toggle("follow new steps", value=bool(_choice("follow", True)), key=key, on_change=_keep,
                  args=("follow", key), help="Redraw this page when the run it shows commits a step.")
    with watch_slot:
        _watch(ref, status.run_id)
    return ref


def _live_ref(status: HubStatus) -> RunRef | None:
    upto = data.committed_step(status.db, status.run_id) if status.db else None
    if upto is None:
        return None
    return RunRef(status.db, status.run_id, upto, True)


def _stored_ref(status: HubStatus) -> RunRef | None:
    extra = tuple(p for p in (target_database(), status.db, _choice("db", None)) if p)
    good, refused = stored_databases(extra)
    if refused:
        with st.expander(f"{len(refused)} file(s) not opened"):
            for path, why in refused:
                st.text(why if why.startswith(path) else f"{path}: {why}")
    if not good:
        st.caption(f"No simverse run database under {md(DEFAULT_DIR)}/ yet.")
        return None
    db = _picked("db", "run database", good, good[0], st.selectbox)
    table = data.runs(db)
    if table.empty:
        st.warning("This database has no runs.")
        return None
    ids = [int(r) for r in table["run"]]
    run_id = _picked(f"run:{db}", "run", ids, ids[-1], st.selectbox,
                     format_func=lambda r: data.run_label(table[table["run"] == r].iloc[0]))
    upto = data.committed_step(db, run_id)
    if upto is None:
        st.warning(f"run {run_id} has no committed step yet")
        return None
    return RunRef(db, int(run_id), upto, status.db == db and status.run_id == run_id)


def _choice(name: str, default: Any) -> Any:
    """A sidebar choice of this viewer. Streamlit keeps a widget's state per page, so the
    choices live in their own session keys and every page's widget starts from them."""
    return st.session_state.setdefault(f"choice:{name}", default)


def _widget_key(name: str) -> str:
    """The key of a sidebar widget; a new generation (after :func:`show_run`) makes new
    widgets, so they start from the choice again."""
    return f"w:{name}:{st.session_state.get('choice_generation', 0)}"


def _keep(name: str, key: str) -> None:
    """Keep a widget's new value as the viewer's choice. A click that switches pages can
    run the callback after the widget's page went (its state with it): then the choice
    stays as it was."""
    if key in st.session_state:
        st.session_state[f"choice:{name}"] = st.session_state[key]


def _picked(name: str, label: str, options: list, default: Any, widget: Any, **kwargs: Any) -> Any:
    """A radio or selectbox over ``options`` that starts at the viewer's choice."""
    current = _choice(name, default)
    if current not in options:
        current = st.session_state[f"choice:{name}"] = default
    key = _widget_key(name)
    value = widget(label, options, index=options.index(current), key=key, on_change=_keep, args=(name, key),
                   **kwargs)
    st.session_state[f"choice:{name}"] = value
    return value


def show_run(db: str, run_id: int) -> None:
    """Make the sidebar show ``run_id`` of ``db`` from the next run of a page on."""
    _wish(source=STORED, db=db, **{f"run:{db}": run_id})


def show_live() -> None:
    """Make the sidebar show the live world from the next run of a page on."""
    _wish(source=LIVE)


def _wish(**choices: Any) -> None:
    for name, value in choices.items():
        st.session_state[f"choice:{name}"] = value
    st.session_state["choice_generation"] = st.session_state.get("choice_generation", 0) + 1


def _link_wish() -> None:
    """A link naming ``?db=PATH&run=ID`` shows that stored run (a page's own parameters are
    read by the page)."""
    db, run = st.query_params.get("db"), st.query_params.get("run")
    if db and run and run.isdigit():
        show_run(db, int(run))
        del st.query_params["db"], st.query_params["run"]


@st.fragment(run_every=REFRESH_S)
def _watch(ref: RunRef | None, live_run: int | None) -> None:
    live = hub()
    live.touch()
    status = live.status()
    if status.run_id is not None:
        state = "running" if status.running else (f"{status.queued_steps} steps queued" if status.queued_steps
                                                  else "finishing a step" if status.stepping else "paused")
        if status.waiting_for_viewer:
            state = "waiting for a viewer"
        st.caption(f"live world: run {status.run_id} · step {status.step} · {state}")
    if status.error:
        st.error(status.error)
    if not st.session_state.get("choice:follow", True):
        return
    if time.monotonic() - st.session_state.get("page_began", 0.0) < FOLLOW_GAP_S:
        return  # a page redrawn a moment ago stays put a while: people can read and click
    moved = status.run_id != live_run
    if ref is not None and not moved:
        moved = (data.committed_step(ref.db, ref.run_id) or 0) != ref.upto
    if moved:
        st.rerun(scope="app")


def require_run() -> RunRef:
    """The run to show, or stop the page with a hint."""
    ref = current_run()
    if ref is None:
        st.info("Pick a run database in the sidebar, or start a world on the Run page.")
        st.stop()
    return ref


def page_path(name: str) -> str:
    """A page file, for ``st.switch_page``."""
    return str(Path(__file__).parent / "pages" / f"{name}.py")


def go_to(page: str, **params: Any) -> None:
    """Open another page (with query parameters) at the start of the next run, before
    anything is drawn. Switching from inside a popover or a column while the page was
    being sent crashed Streamlit's frontend now and then ("Cannot set a node at a delta
    path"), which left the page blank."""
    st.session_state[_GO_TO] = (page, {k: str(v) for k, v in params.items()})
    st.rerun()


def follow_go_to() -> None:
    """Make the switch :func:`go_to` asked for (the entry script calls this first)."""
    pending = st.session_state.pop(_GO_TO, None)
    if pending is not None:
        st.switch_page(page_path(pending[0]), query_params=pending[1])


_GO_TO = "go_to_page"


__all__ = ["ENV_DB", "ENV_EMBEDDER", "ENV_LLM", "ENV_SEED", "ENV_TARGET", "RunRef", "current_run", "follow_go_to",
           "go_to", "hub", "require_run", "show_live", "show_run"]
