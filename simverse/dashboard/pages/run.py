"""Run control: start a world (or continue a stored run) as the dashboard's live world, then
step it with the shared controls and watch the latest step on the map."""

from __future__ import annotations

import streamlit as st

from simverse.core.loader import shipped_worlds
from simverse.dashboard import context, data, directing, views
from simverse.dashboard.live import BRAIN_FORMS, LiveRun
from simverse.dashboard.safe import md
from simverse.store.run_store import default_db_path

st.title("Run")
ref = context.current_run()
live = context.hub()
status = live.status()


def start_form(replacing: bool) -> None:
    worlds = [p.parent.name for p in shipped_worlds()]
    with st.form("start"):
        world = st.selectbox("world", worlds, index=worlds.index("harbor_town") if "harbor_town" in worlds else 0)
        seed = st.number_input("seed", min_value=0, value=0, step=1)
        llm = st.text_input("brain", value="scripted", help=BRAIN_FORMS)
        db = st.text_input("run database", value="", placeholder=f"{default_db_path('WORLD')} (default)")
        player = st.text_input("play as (optional)", value="", placeholder="an NPC's name",
                               help="You make this NPC's decisions on the Talk & direct page (Play an NPC).")
        label = "Start (replaces the live world for every viewer)" if replacing else "Start"
        started = st.form_submit_button(label, type="primary")
    if started:
        try:
            with st.spinner("starting the world"):
                live.open(lambda: LiveRun.start(world, int(seed), llm, db.strip() or None, context.embedder_choice(),
                                                player.strip() or None))
        except (ValueError, OSError) as exc:
            st.error(str(exc))
        else:
            context.show_live()
            st.rerun()


def continue_form(ref: context.RunRef) -> None:
    st.caption(f"run {ref.run_id} at step {ref.upto}: step it further from here (same database).")
    resume_llm = st.text_input("brain for the rest of the run (empty: the run's own)", value="", help=BRAIN_FORMS)
    if st.button("Continue this run live"):
        try:
            live.open(lambda: LiveRun.resume(ref.db, ref.run_id, resume_llm.strip() or None,
                                             context.embedder_choice()))
        except (ValueError, OSError, LookupError) as exc:
            st.error(str(exc))
        else:
            context.show_live()
            st.rerun()


if status.run_id is None:
    st.subheader("Start a world")
    start_form(replacing=False)
    if ref is not None:
        st.subheader("Continue the stored run")
        continue_form(ref)
    st.stop()

world_name = data.world_spec(status.db, status.run_id)["world"]
st.caption(md(f"live world: {world_name} · run {status.run_id} · {status.db} — shared by every tab and viewer"))
cols = st.columns([1, 1, 1, 1.4, 1])
cols[0].button("Step 1", type="primary", on_click=live.step, args=(1,), disabled=status.running)
cols[2].number_input("N", min_value=1, max_value=10_000, value=10, step=1, label_visibility="collapsed", key="steps_n")
cols[1].button("Step N", on_click=lambda: live.step(int(st.session_state["steps_n"])), disabled=status.running)
if status.busy:
    cols[3].button("Pause", on_click=live.pause, type="primary")
else:
    cols[3].button("Run until paused", on_click=live.run)
cols[4].button("Close run", on_click=live.close, disabled=status.busy)
paces = {0.0: "as fast as it goes", 0.5: "2 steps a second", 1.0: "1 step a second", 3.0: "1 step every 3 s"}
st.segmented_control("pace while running", list(paces), format_func=paces.get, default=live.pace_s,
                     key="pace", on_change=lambda: live.set_pace(st.session_state["pace"] or 0.0))
if status.busy:
    st.info(f"running… step {status.step}" + (f" · {status.queued_steps} more queued" if status.queued_steps else "")
            + (" · waiting for a viewer" if status.waiting_for_viewer else ""))
if status.error:
    st.error(status.error)

upto = data.committed_step(status.db, status.run_id) or 0
snapshot = data.step_snapshot(status.db, status.run_id, upto)
env = snapshot["state"]["entities"].get("world", {})
metrics = st.columns([1, 2.5, 1, 1])
metrics[0].metric("step", upto)
metrics[1].metric("time", snapshot["sim_time"])
metrics[2].metric("weather", str(env.get("weather", "—")))
metrics[3].metric("step wall time", f"{snapshot['wall_time_s'] * 1000:.0f} ms")

live_ref = context.RunRef(status.db, status.run_id, upto, True)
left, right = st.columns([3, 2])
with left:
    views.static_map(live_ref, upto, key="run_map")
with right:
    st.subheader("Directions")
    directing.show_directions(live_ref, limit=6)
    st.subheader("Latest dialogue")
    lines = data.dialogue(status.db, status.run_id, upto, max(0, upto - 5)).tail(10)
    if lines.empty:
        st.caption("no dialogue yet")
    for row in lines.itertuples():
        st.text(f"step {row.step} · {row.speaker} → {row.listener}: {row.text}")
    st.subheader("Latest events")
    recent = data.events(status.db, status.run_id, upto, max(0, upto - 5))
    for row in recent[recent["action"] != "wait"].tail(8).itertuples():
        st.text(f"step {row.step} · {row.narration}" + ("" if row.success else f"  [failed: {row.reason}]"))

with st.expander("Start another world"):
    start_form(replacing=True)
