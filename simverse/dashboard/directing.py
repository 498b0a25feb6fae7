"""Directing controls shared by pages: the list of directions with their fate, the forms
that give them, and the fork form (fork at a step, optionally with an event).

Directions given here go to the live world through the hub; their status comes back
as *queued*, then *applied* or *refused* with the reason. For a stored run that is not
live, queued directions are those waiting in its last step (``simverse inject``).
"""

from __future__ import annotations

import streamlit as st

from simverse.dashboard import context
from simverse.dashboard.context import RunRef
from simverse.dashboard.hub import Directive
from simverse.dashboard.safe import shorten

MARKS = {"queued": "⌛ queued", "applied": "✓ applied", "refused": "✗ refused"}


def directive_line(d: Directive) -> str:
    """``⌛ queued · scene "a storm" at harbour · fires at step 13`` and the outcome."""
    where = f" at {d.place}" if d.place else ""
    line = f"{MARKS[d.status]} · {d.kind} {shorten(d.text, 90)!r}{where} · "
    if d.status == "queued":
        return line + f"fires at step {d.fires_at}"
    if d.event_id is None:
        return line + f"not queued: {d.reason}"
    line += f"step {d.fires_at}, event #{d.event_id}"
    if d.status == "refused":
        line += f": {d.reason}"
    elif d.narration and d.narration != d.text:
        line += f": {shorten(d.narration, 90)}"
    return line


def show_directions(ref: RunRef | None, limit: int = 12) -> None:
    """The live world's directions, newest first."""
    status = context.hub().status()
    if ref is not None and not ref.live:
        return
    shown = list(reversed(status.directives))[:limit]
    if not shown:
        st.caption("No directions given yet.")
    for directive in shown:
        st.text(directive_line(directive))


def direct_forms(places: list[str], key: str) -> None:
    """Inject-an-event and scene-command forms for the live world."""
    live = context.hub()
    left, right = st.columns(2)
    with left, st.form(f"inject:{key}", clear_on_submit=True):
        text = st.text_input("what happens", placeholder="A whale is seen off the lighthouse.")
        where = st.selectbox("seen by", ["everyone", *places], help="everyone, or those at one place")
        if st.form_submit_button("Inject event (fires at the next step)"):
            _give(lambda: live.inject(text, None if where == "everyone" else where), key)
    with right, st.form(f"scene:{key}", clear_on_submit=True):
        command = st.text_input("scene command", placeholder="a storm rolls in over the harbour")
        where = st.selectbox("at", ["(as the command says)", *places])
        if st.form_submit_button("Give the command (read at the next step)"):
            _give(lambda: live.scene(command, None if where.startswith("(") else where), key)
    kind, message = st.session_state.get(f"direction_said:{key}", ("", ""))
    if kind == "refused":
        st.error(message)
    elif kind:
        st.success(message)


def _give(action, key: str) -> None:
    """Give a direction; what became of it stays on the page (reruns do not wipe it)."""
    try:
        directive = action()
    except (ValueError, RuntimeError) as exc:
        st.session_state[f"direction_said:{key}"] = ("refused", f"refused: {exc}")
    else:
        st.session_state[f"direction_said:{key}"] = ("queued", f"queued: fires at step {directive.fires_at}")


def fork_form(ref: RunRef, step: int, places: list[str], key: str) -> None:
    """Fork ``ref``'s run at ``step`` (optionally with an event) and compare it."""
    with st.popover(f"Fork at step {step}", icon=":material/call_split:"):
        st.caption("A new run with this run's history up to the step. It becomes the live world "
                   "(for every viewer) and runs on to the same length; then the two are compared.")
        with st.form(f"fork:{key}"):
            event = st.text_input("inject an event into the fork (optional)",
                                  placeholder="A storm rolls in over the harbour.")
            where = st.selectbox("seen by", ["everyone", *places])
            steps = st.number_input("steps to run the fork", min_value=0, max_value=10_000,
                                    value=max(0, ref.upto - step), step=1)
            go = st.form_submit_button("Fork and compare", type="primary")
        if go:
            fork(ref, step, event, None if where == "everyone" else where, int(steps))


def fork(ref: RunRef, step: int, event: str, place: str | None, steps: int) -> None:
    try:
        new_id = context.hub().fork(ref.db, ref.run_id, step, event, place, steps, context.embedder_choice())
    except (ValueError, LookupError, RuntimeError) as exc:
        st.error(f"fork refused: {exc}")
        return
    context.go_to("compare", a=ref.run_id, b=new_id, db=ref.db)
