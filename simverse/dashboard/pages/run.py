"""Run control: start a world or continue a stored run, then step it and watch it go."""

from __future__ import annotations

import streamlit as st

from simverse.core.loader import shipped_worlds
from simverse.dashboard import context, data
from simverse.dashboard.live import BRAIN_FORMS, LiveRun
from simverse.store.run_store import default_db_path

st.title("Run")
ref = context.current_run()
running = context.live()


def _pause() -> None:
    if context.live() is not None:
        context.live().running = False


def _go() -> None:
    if context.live() is not None:
        context.live().running = True


def _close() -> None:
    live = st.session_state.pop("live", None)
    if live is not None:
        live.close()


if running is None:
    st.subheader("Start a world")
    worlds = [p.parent.name for p in shipped_worlds()]
    with st.form("start"):
        world = st.selectbox("world", worlds, index=worlds.index("harbor_town") if "harbor_town" in worlds else 0)
        seed = st.number_input("seed", min_value=0, value=0, step=1)
        llm = st.text_input("brain", value="scripted", help=BRAIN_FORMS)
        db = st.text_input("run database", value="", placeholder=f"{default_db_path('WORLD')} (default)")
        started = st.form_submit_button("Start", type="primary")
    if started:
        try:
            with st.spinner("starting the world"):
                st.session_state["live"] = LiveRun.start(world, int(seed), llm, db.strip() or None,
                                                         context.embedder_choice())
        except (ValueError, OSError) as exc:
            st.error(str(exc))
        else:
            st.rerun()
    if ref is not None:
        st.subheader("Continue the stored run")
        st.caption(f"run {ref.run_id} at step {ref.upto}: step it further from here (same database).")
        resume_llm = st.text_input("brain for the rest of the run (empty: the run's own)", value="", help=BRAIN_FORMS)
        if st.button("Continue this run live"):
            try:
                st.session_state["live"] = LiveRun.resume(ref.url, ref.run_id, resume_llm.strip() or None,
                                                          context.embedder_choice())
            except (ValueError, OSError) as exc:
                st.error(str(exc))
            else:
                st.rerun()
    st.stop()

world = running.world
st.caption(f"{world.spec.title} · run {running.run_id} · seed {world.seed} · brain {world.llm} · {running.db}")
cols = st.columns([1, 1, 2, 1, 1])
step_one = cols[0].button("Step 1", type="primary", disabled=running.running)
step_n = cols[1].button("Step N", disabled=running.running)
n = cols[2].number_input("N", min_value=1, max_value=10_000, value=10, step=1, label_visibility="collapsed")
if running.running:
    cols[3].button("Pause", on_click=_pause, type="primary")
else:
    cols[3].button("Run until paused", on_click=_go)
cols[4].button("Close run", on_click=_close, disabled=running.running)

progress = st.empty()
if step_one or step_n:
    steps = 1 if step_one else int(n)
    bar = progress.progress(0.0, text=f"0 / {steps} steps")
    for i in range(steps):
        running.step(1)
        bar.progress((i + 1) / steps, text=f"{i + 1} / {steps} steps · {world.clock.label(world.step_index)}")
    st.session_state["stepped"] = f"ran {steps} step{'s' * (steps > 1)} to step {world.step_index}"
    st.rerun()  # redraw the whole page (and the sidebar) at the new step
if st.session_state.get("stepped") and not running.running:
    progress.caption(st.session_state["stepped"])

if running.running:
    progress.info(f"running… step {world.step_index} · {world.clock.label(world.step_index)}")

upto = running.step_index
snapshot = data.step_snapshot(running.url, running.run_id, upto)
env = snapshot["state"]["entities"].get("world", {})
metrics = st.columns([1, 2.5, 1, 1])
metrics[0].metric("step", upto)
metrics[1].metric("time", snapshot["sim_time"])
metrics[2].metric("weather", str(env.get("weather", "—")))
metrics[3].metric("step wall time", f"{snapshot['wall_time_s'] * 1000:.0f} ms")

st.subheader("Latest dialogue")
lines = data.dialogue(running.url, running.run_id, upto)
recent = lines.tail(12)
if recent.empty:
    st.caption("no dialogue yet")
for row in recent.itertuples():
    st.text(f"step {row.step} · {row.speaker} → {row.listener}: {row.text}")

st.subheader("Latest events")
recent_events = data.events(running.url, running.run_id, upto)
recent_events = recent_events[recent_events["action"] != "wait"].tail(8)
for row in recent_events.itertuples():
    mark = "" if row.success else f"  [failed: {row.reason}]"
    st.text(f"step {row.step} · {row.narration}{mark}")

if running.running:
    running.step(1)
    st.rerun()
