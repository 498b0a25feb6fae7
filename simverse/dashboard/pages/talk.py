"""Talk and direct: talk to an NPC of the live world as a person in it, inject events and give
scene commands, follow each direction from queued to applied (or refused, and why), and play
an NPC (make its decisions) when the run was started with one played."""

from __future__ import annotations

import streamlit as st

from simverse.agents.player import PLAYER
from simverse.dashboard import context, data, directing, playing, views
from simverse.dashboard.live import LiveRun
from simverse.dashboard.safe import md

st.title("Talk & direct")
ref = context.current_run()
live = context.hub()
status = live.status()
if status.run_id is None:
    st.info("Talking and directing change a run, so they need the live world: start one on the Run page"
            + (", or continue the open run here." if ref is not None else "."))
    if ref is not None and st.button("Continue this run live"):
        live.open(lambda: LiveRun.resume(ref.db, ref.run_id, embedder=context.embedder_choice()))
        context.show_live()
        st.rerun()
    st.stop()

world = views.world_of(status.db, status.run_id)
upto = data.committed_step(status.db, status.run_id) or 0
clock = data.step_snapshot(status.db, status.run_id, upto)["sim_time"]
st.caption(md(f"live world: run {status.run_id} · after step {upto} ({clock})"))
talk, direct, play = st.tabs(["Talk to an NPC", "Direct the scene", "Play an NPC"])

with talk:
    cols = st.columns([3, 1])
    npc = cols[0].selectbox("NPC", world.npcs, key="talk_npc")
    if cols[1].button("New conversation"):
        with live.lock:
            live.live.end_chat(npc)
    states = data.npc_states(status.db, status.run_id, upto, upto)
    here = states[states["npc"] == npc]
    if not here.empty:
        st.text(f"{npc} is at {world.names.get(here['place'].iloc[0], here['place'].iloc[0])}, "
                f"{here['activity'].iloc[0]}.")
    st.caption("What you say is kept in the run as dialogue and in their memories; the next step goes on from there.")
    said = st.chat_input("Say something")
    if said:
        try:
            live.talk(npc, said)
        except (ValueError, RuntimeError) as exc:
            st.error(str(exc))
    chat = live.live.chats.get(npc) if live.live else None
    for turn in chat.turns if chat else []:
        with st.chat_message("user" if turn.speaker == PLAYER else "assistant"):
            st.text(f"{turn.speaker}: {turn.text}")

with direct:
    directing.direct_forms(list(world.place_ids), key="talk")
    st.subheader("Directions")
    directing.show_directions(context.RunRef(status.db, status.run_id, upto, True))

with play:
    playing.play_panel(live.live.players if live.live else {})
