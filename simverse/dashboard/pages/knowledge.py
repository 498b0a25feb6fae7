"""Knowledge graph: the world's truth beside one NPC's beliefs at a chosen step, and how a
fact spread through the NPCs over time."""

from __future__ import annotations

import streamlit as st

from simverse.dashboard import context, data, figures

st.title("Knowledge")
ref = context.require_run()
spec = data.world_spec(ref.url, ref.run_id)["spec"]
npcs = sorted(n["name"] for n in spec["npcs"])
facts = data.facts(ref.url, ref.run_id, ref.upto)

cols = st.columns([1, 3])
npc = cols[0].selectbox("NPC", npcs)
step = cols[1].slider("step", 0, ref.upto, ref.upto) if ref.upto else 0
truth = data.holds_at(facts[facts["holder"] == data.WORLD], step)
beliefs = data.beliefs_against_truth(facts, npc, step)
keys_true = set(zip(truth["subject"], truth["predicate"], truth["object"], strict=True))
beliefs["true_in_world"] = [k in keys_true for k in zip(beliefs["subject"], beliefs["predicate"], beliefs["object"],
                                                         strict=True)]
columns = ["subject", "predicate", "object", "text", "source", "valid_from"]
left, right = st.columns(2)
with left:
    st.subheader(f"World truth · {len(truth)} facts")
    st.dataframe(truth[[*columns, "secret", "tracked"]], hide_index=True, width="stretch")
with right:
    wrong = int(beliefs["contradicts_world"].sum()) if not beliefs.empty else 0
    st.subheader(f"{npc}'s beliefs · {len(beliefs)} ({wrong} contradict)")
    st.dataframe(beliefs[["contradicts_world", "vs_world", "true_in_world", *columns, "told_by"]], hide_index=True,
                 width="stretch")

st.subheader("Spread of a fact")
keyed = facts.drop_duplicates(["subject", "predicate", "object"]).sort_values(["tracked", "id"],
                                                                              ascending=[False, True])
if keyed.empty:
    st.caption("no facts")
    st.stop()
options = list(zip(keyed["subject"], keyed["predicate"], keyed["object"], strict=True))
labels = {k: (t or f"{k[0]} {k[1]} {k[2]}") + (" · tracked" if tr else "")
          for k, t, tr in zip(options, keyed["text"], keyed["tracked"], strict=True)}
key = st.selectbox("fact", options, format_func=lambda k: labels[k])
series = data.spread(facts, key, ref.upto, npcs)
st.plotly_chart(figures.spread_figure(series, labels[key], len(npcs)), width="stretch")
holders = data.holds_at(facts[(facts["subject"] == key[0]) & (facts["predicate"] == key[1])
                              & (facts["object"] == key[2])], ref.upto)
st.dataframe(holders[["holder", "source", "told_by", "confidence", "valid_from"]], hide_index=True,
             width="stretch")
