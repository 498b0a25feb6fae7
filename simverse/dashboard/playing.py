"""Play an NPC from the dashboard: the world's question to the person, and their answer.

An NPC started with ``play as`` on the Run page has the ``human`` brain
(:mod:`simverse.llm.human`): when the live world's step needs its decision, the brain writes
the question to a folder and waits. This panel polls that folder, shows what the NPC sees
as plain text, and writes the person's line back as the NPC's decision, the same files
``simverse play`` reads and writes. The answers are recorded like any model's, so the run
resumes and replays without the person.
"""

from __future__ import annotations

import json
from pathlib import Path

import streamlit as st

from simverse.dashboard.safe import md
from simverse.llm.human import answer_question, pending_question

HOW_TO = ("In a conversation, type what you say (empty or *bye* ends it). Otherwise: *go PLACE*, "
          "*talk NAME what you say*, an action such as *buy bread*, or *wait*.")


def play_panel(players: dict[str, Path]) -> None:
    """Choose the NPC you play; its open question refreshes every second."""
    if not players:
        st.info("Nobody plays an NPC in this run. Start a world on the Run page with **play as** "
                "set to an NPC's name to make its decisions yourself.")
        return
    npc = st.selectbox("You play", sorted(players), key="play_npc")
    st.caption(HOW_TO)
    _question(npc, players[npc])


@st.fragment(run_every=1.0)
def _question(npc: str, folder: Path) -> None:
    ask = pending_question(folder)
    if ask is None:
        st.text(f"Waiting for the world to ask {npc}: step or run it (Run page).")
        return
    question = json.loads(ask.read_text(encoding="utf-8"))
    st.subheader(md(question["tag"]))
    st.text(question["messages"][-1][1])
    with st.form(f"answer_{ask.stem}", clear_on_submit=True):
        line = st.text_input(f"{npc} does or says", key=f"line_{ask.stem}")
        sent = st.form_submit_button("Answer", type="primary")
    if sent:
        try:
            decision = answer_question(ask, line)
        except ValueError as exc:
            st.error(md(f"{exc} (the question stays open)"))
        else:
            said = f" · “{decision['utterance']}”" if decision.get("utterance") else ""
            st.success(md(f"sent: {decision['action']}{said}"))
