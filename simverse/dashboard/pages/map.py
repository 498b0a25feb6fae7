"""Map: places and connections with the NPCs on them, and the environment, at any step."""

from __future__ import annotations

import streamlit as st

from simverse.dashboard import context, data, figures

st.title("Map")
ref = context.require_run()
spec = data.world_spec(ref.url, ref.run_id)["spec"]
step = st.slider("step", 0, max(ref.upto, 1), ref.upto, disabled=ref.upto == 0) if ref.upto else 0
snapshot = data.step_snapshot(ref.url, ref.run_id, step)
state = snapshot["state"]
env = state["entities"].get("world", {})
cols = st.columns([2, 1, 1])
cols[0].metric("time", snapshot["sim_time"])
cols[1].metric("weather", str(env.get("weather", "—")))
cols[2].metric("closed routes", len(state.get("closed_routes", [])))
others = {k: v for k, v in env.items() if k != "weather"}
if others:
    st.caption("environment: " + ", ".join(f"{k} = {v}" for k, v in sorted(others.items())))

states = data.npc_states(ref.url, ref.run_id, ref.upto)
at_step = states[states["step"] == step]
fig = figures.map_figure(spec["places"], dict(zip(at_step["npc"], at_step["place"], strict=True)),
                         state.get("closed_routes", []), f"{spec.get('title', spec['name'])} · step {step}")
st.plotly_chart(fig, width="stretch")
st.subheader("Who is where")
st.dataframe(at_step[["npc", "place", "activity", "mood", "hunger", "coins", "inventory"]], hide_index=True,
             width="stretch")
