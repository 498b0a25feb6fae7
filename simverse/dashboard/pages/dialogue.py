"""Dialogue: every conversation, filtered and searched, read as a chat; pick a line to see
what lies behind it (the decision, the parse result, the raw model output, the prompt)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from simverse.dashboard import context, data, minds
from simverse.dashboard.prompt_view import show_decision
from simverse.dashboard.safe import md, shorten

PAGE_SIZE = 12

st.title("Dialogue")
ref = context.require_run()
lines = data.dialogue(ref.db, ref.run_id, ref.upto)
run = data.world_spec(ref.db, ref.run_id)
names = data.place_names(run["spec"])
if lines.empty:
    st.info("No dialogue yet.")
    st.stop()
wanted = st.query_params.get("line")
st.query_params.clear()
jump = wanted is not None and wanted.isdigit() and int(wanted) in set(lines["id"])
if jump:
    st.session_state.update(line_pick=int(wanted), dialogue_npcs=[], dialogue_places=[], dialogue_search="")

cols = st.columns([2, 2, 3])
npcs = cols[0].multiselect("NPC", sorted(set(lines["speaker"]) | set(lines["listener"])), key="dialogue_npcs")
places = cols[1].multiselect("place", sorted(set(lines["place"])), format_func=lambda p: names.get(p, p),
                             key="dialogue_places")
search = cols[2].text_input("search text", key="dialogue_search")
first, last = int(lines["step"].min()), int(lines["step"].max())
steps = st.slider("steps", first, last, (first, last)) if last > first and not jump else (first, last)

shown = lines[(lines["step"] >= steps[0]) & (lines["step"] <= steps[1])]
if npcs:
    shown = shown[shown["speaker"].isin(npcs) | shown["listener"].isin(npcs)]
if places:
    shown = shown[shown["place"].isin(places)]
if search.strip():
    shown = shown[shown["text"].str.contains(search.strip(), case=False, regex=False)]
conversations = list(dict.fromkeys(shown.sort_values("id", ascending=False)["conversation"]))
pages = max(1, -(-len(conversations) // PAGE_SIZE))
picked_line = st.session_state.get("line_pick")
if jump and picked_line in set(shown["id"]):
    home = shown.loc[shown["id"] == picked_line, "conversation"].iloc[0]
    st.session_state["dialogue_page"] = conversations.index(home) // PAGE_SIZE + 1
page = st.number_input(f"page (of {pages})", 1, pages, key="dialogue_page") if pages > 1 else 1
st.caption(f"{len(shown)} lines in {len(conversations)} conversations · newest first")
on_page = shown[shown["conversation"].isin(conversations[(page - 1) * PAGE_SIZE: page * PAGE_SIZE])]

chat, behind = st.columns([3, 2])
with chat:
    for conversation in conversations[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]:
        rows = on_page[on_page["conversation"] == conversation].sort_values("turn")
        head = rows.iloc[0]
        with st.container(border=True):
            where = names.get(head["place"], head["place"])
            st.caption(md(f"conversation {conversation} · step {head['step']} · {where}"))
            st.text("\n".join(f"[{r.id}] {r.speaker} → {r.listener}: {r.text}" for r in rows.itertuples()))
with behind:
    st.subheader("Behind a line")
    options = list(on_page.sort_values("id", ascending=False)["id"])
    if picked_line not in options:
        st.session_state["line_pick"] = options[0]
    texts = dict(zip(on_page["id"], on_page["speaker"] + ": " + on_page["text"], strict=True))
    line_id = st.selectbox("line", options, key="line_pick", format_func=lambda i: f"[{i}] {shorten(texts[i], 70)}")
    row = on_page[on_page["id"] == line_id].iloc[0]
    filtered = minds.filtered_lines(ref.db, ref.run_id, ref.upto)
    if line_id in filtered:
        st.warning("The content filter blocked this line; its words are hidden below.")
    reveal = st.toggle("reveal text removed by the content filter", key="dialogue_reveal")
    redact = minds.Redactor.of(filtered, reveal)
    if reveal and line_id in filtered:
        st.text(f"as said, before the filter: {filtered[line_id]['said']}")
    if pd.isna(row["decision_id"]):
        st.text("Said by the person at the dashboard." if row["speaker"] == "Player" else "No decision recorded.")
    else:
        show_decision(minds.decision_detail(ref.db, ref.run_id, int(row["decision_id"])), run["llm"], redact)
