"""Event log: every event with its effects, observers and narration, and the memories and
facts it caused."""

from __future__ import annotations

import streamlit as st

from simverse.dashboard import context, data

PAGE_SIZE = 25

st.title("Events")
ref = context.require_run()
events = data.events(ref.url, ref.run_id, ref.upto)
if events.empty:
    st.info("No events yet.")
    st.stop()
cols = st.columns([2, 2, 2, 1])
kinds = cols[0].multiselect("kind", sorted(set(events["kind"])))
actors = cols[1].multiselect("actor", sorted(a for a in set(events["actor"]) if a))
search = cols[2].text_input("search narration")
hide_waits = cols[3].checkbox("hide waits", value=True)
shown = events
if kinds:
    shown = shown[shown["kind"].isin(kinds)]
if actors:
    shown = shown[shown["actor"].isin(actors)]
if hide_waits:
    shown = shown[shown["action"] != "wait"]
if search.strip():
    shown = shown[shown["narration"].str.contains(search.strip(), case=False, regex=False)]
shown = shown.iloc[::-1]
pages = max(1, -(-len(shown) // PAGE_SIZE))
page = st.number_input(f"page (of {pages})", 1, pages, 1) if pages > 1 else 1
st.caption(f"{len(shown)} events · newest first")

for row in shown.iloc[(page - 1) * PAGE_SIZE: page * PAGE_SIZE].itertuples():
    mark = "" if row.success else "  ✗ failed"
    st.text(f"#{row.id} · step {row.step} · {row.kind} · {row.narration}{mark}")
    with st.expander(f"event {row.id}: effects, observers, consequences"):
        st.text(f"actor: {row.actor or '—'} · action: {row.action} {row.args} · place: {row.place or 'everywhere'}")
        if not row.success:
            st.text(f"failed: {row.reason}")
        st.text("observers: " + (", ".join(row.observers) or "none"))
        if row.effects:
            st.dataframe([{"entity": e[0], "property": e[1], "op": e[2], "value": str(e[3])} for e in row.effects],
                         hide_index=True)
        caused = data.event_consequences(ref.url, ref.run_id, int(row.id), ref.upto)
        st.caption(f"memories it caused ({len(caused['memories'])})")
        if not caused["memories"].empty:
            st.dataframe(caused["memories"], hide_index=True)
        st.caption(f"facts it caused ({len(caused['facts'])})")
        if not caused["facts"].empty:
            st.dataframe(caused["facts"], hide_index=True)
