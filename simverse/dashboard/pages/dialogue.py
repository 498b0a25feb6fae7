"""Dialogue inspector: every conversation, filtered and searched, with what lies behind each line
(the prompt, the raw model output, the parsed action, repairs and defaults, tokens, latency)."""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from simverse.agents.player import PLAYER
from simverse.dashboard import context, data
from simverse.dashboard.safe import md

PAGE_SIZE = 15

st.title("Dialogue")
ref = context.require_run()
lines = data.dialogue(ref.url, ref.run_id, ref.upto)
run = data.world_spec(ref.url, ref.run_id)
if lines.empty:
    st.info("No dialogue yet.")
    st.stop()

cols = st.columns([2, 2, 3])
npcs = cols[0].multiselect("NPC", sorted(set(lines["speaker"]) | set(lines["listener"])))
places = cols[1].multiselect("place", sorted(set(lines["place"])))
search = cols[2].text_input("search text")
first, last = int(lines["step"].min()), int(lines["step"].max())
steps = st.slider("steps", first, last, (first, last)) if last > first else (first, last)

shown = lines[(lines["step"] >= steps[0]) & (lines["step"] <= steps[1])]
if npcs:
    shown = shown[shown["speaker"].isin(npcs) | shown["listener"].isin(npcs)]
if places:
    shown = shown[shown["place"].isin(places)]
if search.strip():
    shown = shown[shown["text"].str.contains(search.strip(), case=False, regex=False)]
conversations = list(dict.fromkeys(shown.sort_values("id", ascending=False)["conversation"]))
pages = max(1, -(-len(conversations) // PAGE_SIZE))
page = st.number_input(f"page (of {pages})", 1, pages, 1) if pages > 1 else 1
st.caption(f"{len(shown)} lines in {len(conversations)} conversations · newest first")


def behind(row) -> None:
    """The decision behind a line, and the model calls behind the decision."""
    if row.speaker == PLAYER:
        st.text("Said by the person at the dashboard.")
        return
    has_decision = row.decision_id is not None and pd.notna(row.decision_id)
    detail = data.decision_detail(ref.url, ref.run_id, int(row.decision_id)) if has_decision else {}
    if not detail:
        st.text("No decision recorded for this line.")
        return
    st.text(f"decision {detail['id']} · mode {detail['mode']} · status {detail['status']}")
    if detail["note"]:
        st.text(f"repaired / defaulted: {detail['note']}")
    st.code(json.dumps({"action": detail["action"], "args": detail["args"], "utterance": detail["utterance"],
                        "told_facts": list(row.told_facts)}, indent=2, ensure_ascii=False), language="json")
    if not detail["calls"]:
        if run["llm"] == "scripted":
            st.text("Scripted brain: no model was asked; the seeded rule brain wrote this line.")
        else:
            st.text("No LLM call recorded for this decision.")
        return
    for call in detail["calls"]:
        st.text(f"LLM call {call['id']} · {call['backend']} {call['model']} · {call['prompt_tokens']} prompt + "
                f"{call['completion_tokens']} completion tokens · {call['latency_s']:.2f} s"
                + (f" · error: {call['error']}" if call["error"] else ""))
        st.caption("prompt")
        st.code(call["request"], language="json")
        st.caption("raw model output")
        st.code(call["response"], language=None)


for conversation in conversations[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]:
    rows = shown[shown["conversation"] == conversation].sort_values("turn")
    head = rows.iloc[0]
    who = " & ".join(dict.fromkeys([*rows["speaker"], *rows["listener"]]))
    st.markdown(f"**conversation {conversation}** · step {head['step']} · {md(head['place'])} · {md(who)}")
    for row in rows.itertuples():
        st.text(f"{row.speaker} → {row.listener}: {row.text}")
        status = row.status or ("player" if row.speaker == PLAYER else "")
        with st.expander(f"behind line {row.id}" + (f" · {status}" if status else "")):
            behind(row)
    st.divider()
