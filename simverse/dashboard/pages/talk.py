"""Talk and direct: talk to an NPC as a person in the world, inject events, give scene
commands and fork the run at the current step. Needs the live world of this session."""

from __future__ import annotations

import streamlit as st

from simverse.agents.player import PLAYER
from simverse.dashboard import context
from simverse.dashboard.live import LiveRun, fork_function

st.title("Talk & direct")
ref = context.current_run()
running = context.live()
if running is None:
    st.info("Talking and directing change a run, so they need a live world: start one on the Run page"
            + (", or continue the open run here." if ref is not None else "."))
    if ref is not None and st.button("Continue this run live"):
        st.session_state["live"] = LiveRun.resume(ref.url, ref.run_id, embedder=context.embedder_choice())
        st.rerun()
    st.stop()

world = running.world
st.caption(f"run {running.run_id} · after step {world.step_index} ({world.clock.label(world.step_index)})")
talk, direct = st.tabs(["Talk to an NPC", "Direct the scene"])

with talk:
    cols = st.columns([3, 1])
    npc = cols[0].selectbox("NPC", world.npc_names, key="talk_npc")
    if cols[1].button("New conversation"):
        running.end_chat(npc)
    place = world.state.entities[npc]["place"]
    st.caption(f"{npc} is at {place}, {world.state.entities[npc].get('activity', '')}. What you say is kept in the "
               "run as dialogue and in their memories; the next step goes on from there.")
    said = st.chat_input(f"Say something to {npc}")
    if said:
        try:
            running.talk(npc, said)
        except ValueError as exc:
            st.error(str(exc))
    chat = running.chats.get(npc)
    for turn in chat.turns if chat else []:
        with st.chat_message("user" if turn.speaker == PLAYER else "assistant"):
            st.text(f"{turn.speaker}: {turn.text}")

with direct:
    st.subheader("Inject an event")
    with st.form("inject", clear_on_submit=True):
        text = st.text_input("what happens", placeholder="A storm rolls in from the sea.")
        where = st.selectbox("where (observers)", ["everywhere", *sorted(world.places.nodes)])
        if st.form_submit_button("Inject (fires at the next step)"):
            try:
                running.inject(text, None if where == "everywhere" else where)
            except ValueError as exc:
                st.error(str(exc))
            else:
                st.success("queued for the next step")
    if world.pending:
        st.text("queued: " + " | ".join(p.description for p in world.pending))

    st.subheader("Scene command")
    if not running.can_direct:
        st.caption("Scene commands need World.scene, which this version of simverse does not have yet.")
    else:
        st.caption("Read at the start of the next step: the environment and layout change through an outcome.")
    command = st.text_input("command", disabled=not running.can_direct, placeholder="a storm rolls in over the harbour")
    if st.button("Give the command", disabled=not running.can_direct) and command.strip():
        try:
            running.scene(command.strip())
        except ValueError as exc:
            st.error(str(exc))
        else:
            st.success("queued for the next step")

    st.subheader("Fork the run")
    fork = fork_function()
    if fork is None:
        st.caption("Forking needs simverse.store.fork, which this version of simverse does not have yet.")
    else:
        st.caption("A new run in the same database with this run's history up to now; this run goes on unchanged.")
    if st.button(f"Fork at step {world.step_index}", disabled=fork is None):
        try:
            st.session_state["forked"] = fork(world.store, running.run_id, world.step_index)
        except (ValueError, LookupError) as exc:
            st.error(str(exc))
    forked = st.session_state.get("forked")
    if forked is not None:
        st.success(f"forked: run {forked} in {running.db}")
        if st.button(f"Switch to run {forked}"):
            st.session_state.pop("forked")
            running.close()
            st.session_state["live"] = LiveRun.resume(running.db, forked, embedder=context.embedder_choice())
            st.rerun()
