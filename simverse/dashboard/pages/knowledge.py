"""Knowledge: the world's truth beside one NPC's beliefs at a step, how a fact spread, and
who told whom (a graph with a time slider; click an arrow to read the line that told it)."""

from __future__ import annotations

import streamlit as st

from simverse.dashboard import beliefs, context, data, figures, graphs, views
from simverse.dashboard.safe import md, shorten

st.title("Knowledge")
ref = context.require_run()
spec = data.world_spec(ref.db, ref.run_id)["spec"]
npcs = sorted(n["name"] for n in spec["npcs"])
facts = beliefs.facts(ref.db, ref.run_id, ref.upto)

cols = st.columns([1, 3])
npc = cols[0].selectbox("NPC", npcs)
step = cols[1].slider("step", 0, ref.upto, ref.upto) if ref.upto else 0
truth = beliefs.holds_at(facts[facts["holder"] == beliefs.WORLD], step)
held = beliefs.beliefs_against_truth(facts, npc, step)
columns = ["subject", "predicate", "object", "text", "source", "valid_from"]
left, right = st.columns(2)
with left:
    st.subheader(f"World truth · {len(truth)} facts")
    st.dataframe(truth[[*columns, "secret", "tracked"]], hide_index=True, width="stretch", height=280)
with right:
    wrong = int(held["contradicts_world"].sum()) if not held.empty else 0
    st.subheader(md(f"{npc}'s beliefs · {len(held)} ({wrong} contradict)"))
    st.dataframe(held[["contradicts_world", "vs_world", *columns, "told_by"]], hide_index=True, width="stretch",
                 height=280)

st.subheader("A fact: its spread and who told whom")
keyed = beliefs.fact_keys(facts)
if keyed.empty:
    st.caption("no facts")
    st.stop()
options = list(zip(keyed["subject"], keyed["predicate"], keyed["object"], strict=True))
labels = {k: shorten(t or f"{k[0]} {k[1]} {k[2]}", 90) + (" · tracked" if tr else "")
          for k, t, tr in zip(options, keyed["text"], keyed["tracked"], strict=True)}
key = st.selectbox("fact", options, format_func=lambda k: labels[k])
series = beliefs.spread(facts, key, ref.upto, npcs)
edges = beliefs.told_edges(facts, key, ref.upto)
chart, graph = st.columns([2, 3])
chart.plotly_chart(figures.spread_figure(series, labels[key], len(npcs)), width="stretch")
with graph:
    until = st.slider("who told whom, up to step", 0, max(ref.upto, 1), ref.upto, key="told_upto",
                      disabled=ref.upto == 0)
    hit = views.clickable(graphs.told_graph(edges, until, labels[key]), key="told_graph")
    told = int((edges["teller"].astype(bool) & (edges["step"] <= until)).sum())
    st.caption(f"{told} tellings up to step {until} · click an arrow to read the line")
if hit and hit[0] == "line" and int(hit[1]) >= 0:
    context.go_to("dialogue", line=hit[1])
if hit and hit[0] == "npc":
    views.open_npc(hit[1], hit[2])
st.caption("holders at the last step")
holders = beliefs.holds_at(facts[(facts["subject"] == key[0]) & (facts["predicate"] == key[1])
                                 & (facts["object"] == key[2])], ref.upto)
st.dataframe(holders[["holder", "source", "told_by", "confidence", "valid_from"]], hide_index=True,
             width="stretch", height=240)
