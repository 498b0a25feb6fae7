"""Map: play a run back step by step (NPCs walking between places, speech bubbles, icons for
weather, closed places and events), inspect an NPC by clicking it, fork at the step shown.
With many NPCs, places show headcounts and a chosen group is drawn person by person."""

from __future__ import annotations

import streamlit as st

from simverse.dashboard import context, data, directing, playback, views
from simverse.dashboard.mapfig import INDIVIDUAL_LIMIT
from simverse.dashboard.safe import md

SPEEDS = [0.5, 1.0, 2.0, 4.0]

st.title("Map")
ref = context.require_run()
world = views.world_of(ref.db, ref.run_id)
st.session_state.setdefault("map_step", ref.upto)
st.session_state["map_step"] = min(int(st.session_state["map_step"]), ref.upto)
if st.session_state.get("map_run") != (ref.db, ref.run_id):
    st.session_state.update(map_run=(ref.db, ref.run_id), map_step=ref.upto, playing=False)
if str(st.query_params.get("step", "")).isdigit():  # a link to the map at a step
    st.session_state["map_step"] = min(int(st.query_params["step"]), ref.upto)
    del st.query_params["step"]

shown: set[str] | None = None
if len(world.npcs) > INDIVIDUAL_LIMIT:
    st.caption(f"{len(world.npcs)} NPCs: places are sized and coloured by how many are there (hover for names). "
               f"Pick up to {INDIVIDUAL_LIMIT} to see them one by one.")
    cols = st.columns([3, 2])
    picked = cols[0].multiselect("show these NPCs", world.npcs, max_selections=INDIVIDUAL_LIMIT)
    search = cols[1].text_input("or every NPC whose name contains")
    group = set(picked)
    if search.strip():
        group |= {n for n in world.npcs if search.strip().lower() in n.lower()}
    shown = set(sorted(group)[:INDIVIDUAL_LIMIT]) if group else None


def _toggle() -> None:
    st.session_state["playing"] = not st.session_state.get("playing", False)
    if st.session_state["playing"] and st.session_state["map_step"] >= ref.upto and not ref.live:
        st.session_state["map_step"] = 0


controls = st.columns([1, 2, 5])
playing = bool(st.session_state.get("playing"))
controls[0].button("Pause" if playing else "Play", icon=":material/pause:" if playing else ":material/play_arrow:",
                   on_click=_toggle, type="primary")
speed = controls[1].select_slider("speed (steps/s)", SPEEDS, value=1.0, key="speed")
interval = 1.0 / speed


@st.fragment(run_every=interval if playing else None)
def player() -> None:
    latest = data.committed_step(ref.db, ref.run_id) or 0
    if st.session_state.get("playing"):
        if st.session_state["map_step"] < latest:
            st.session_state["map_step"] += 1
        elif not ref.live or not context.hub().status().busy:
            st.session_state["playing"] = False
            st.rerun(scope="app")
    live_ref = context.RunRef(ref.db, ref.run_id, latest, ref.live)
    step = st.slider("step", 0, max(latest, 1), key="map_step", disabled=latest == 0)
    hit = views.step_map(live_ref, step, key="map", shown=shown, transition_ms=int(interval * 700))
    if hit and hit[0] == "npc":
        views.open_npc(hit[1], hit[2])
    if hit and hit[0] == "place":
        st.session_state["map_place"] = hit[1]
    frame = playback.frame_at(ref.db, ref.run_id, step, latest, world.place_ids)
    said, happened = st.columns(2)
    with said:
        st.caption(f"said at step {step} ({len(frame.lines)} lines)")
        for line in frame.lines[:12]:
            st.text(f"{line.speaker} → {line.listener} ({world.names.get(line.place, line.place)}): {line.text}")
    with happened:
        st.caption("happened")
        for h in frame.happenings[:12]:
            where = world.names.get(h.place, h.place) if h.place else "everywhere"
            mark = "" if h.success else f" — refused: {h.reason}"
            st.text(f"{h.kind} #{h.id} ({where}): {h.narration}{mark}")


player()
step = int(st.session_state["map_step"])
left, right = st.columns([1, 3])
with left:
    directing.fork_form(ref, step, list(world.place_ids), key="map")
with right:
    place = st.session_state.get("map_place")
    if place in world.names:
        st.caption(md(f"who is at {world.names[place]} at step {step}"))
states = data.npc_states(ref.db, ref.run_id, step, step)
if place in world.names:
    states = states[states["place"] == place]
st.dataframe(states[["npc", "place", "activity", "mood", "hunger", "coins", "inventory"]], hide_index=True,
             width="stretch", height=260)
