"""Event log: directions queued and what became of them, every event with its effects,
observers and consequences, and a fork before or after any event."""

from __future__ import annotations

import streamlit as st

from simverse.dashboard import context, data, directing, minds, views

PAGE_SIZE = 25
DIRECTED = ("injected", "scene")

st.title("Events")
ref = context.require_run()
world = views.world_of(ref.db, ref.run_id)
events = data.events(ref.db, ref.run_id, ref.upto)

st.subheader("Directions")
given: set[int] = set()
if ref.live:
    directing.show_directions(ref)
    given = {d.event_id for d in context.hub().status().directives if d.event_id is not None}
else:
    waiting = data.step_snapshot(ref.db, ref.run_id, ref.upto)["pending"]
    for p in waiting:
        st.text(f"{directing.MARKS['queued']} · {p.get('kind', 'injected')} {p.get('description', '')!r} · "
                f"fires at step {ref.upto + 1}")
directed = events[events["kind"].isin(DIRECTED) & ~events["id"].isin(given)]
for row in directed.iloc[::-1].head(10).itertuples():
    mark = directing.MARKS["applied"] if row.success else directing.MARKS["refused"]
    st.text(f"{mark} · step {row.step} · {row.kind} #{row.id}: {row.narration}"
            + ("" if row.success else f" — {row.reason}"))
if events.empty:
    st.info("No events yet.")
    st.stop()

st.subheader("Event log")
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
reveal = st.toggle("reveal text removed by the content filter", key="events_reveal")
filtered = minds.filtered_lines(ref.db, ref.run_id, ref.upto)
st.caption(f"{len(shown)} events · newest first")
page_rows = shown.iloc[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
if not page_rows.empty:
    fork_cols = st.columns([3, 1])
    labels = {int(r.id): f"#{r.id} · step {r.step} · {r.kind}" for r in page_rows.itertuples()}
    chosen = fork_cols[0].selectbox("fork before event", list(labels), format_func=labels.get,
                                    help="The fork starts from the step before the event, so it can go otherwise.")
    before = max(0, int(page_rows.loc[page_rows["id"] == chosen, "step"].iloc[0]) - 1)
    with fork_cols[1]:
        directing.fork_form(ref, before, list(world.place_ids), key="events")

page_ids = tuple(int(i) for i in page_rows["id"])
details = data.event_details(ref.db, ref.run_id, page_ids)
consequences = data.event_consequences(ref.db, ref.run_id, page_ids, ref.upto)
for row in page_rows.itertuples():
    more = details.get(int(row.id), {"args": "{}", "effects": [], "kg_changes": [], "observers": []})
    hidden = row.kind == "filtered" and not reveal
    narration = f"{row.actor}'s line was blocked by the content filter" if hidden else row.narration
    mark = "" if row.success else "  ✗ " + ("refused" if row.kind in DIRECTED else "failed")
    st.text(f"#{row.id} · step {row.step} · {row.kind} · {narration}{mark}")
    with st.expander(f"event {row.id}: effects, observers, consequences"):
        st.text(f"actor: {row.actor or '—'} · action: {row.action} {more['args']} · "
                f"place: {world.names.get(row.place, row.place) if row.place else 'everywhere'}")
        if not row.success:
            st.text(f"why: {'(hidden with the blocked words)' if hidden else row.reason}")
        st.text("observers: " + (", ".join(more["observers"]) or "none"))
        if more["effects"]:
            st.dataframe([{"entity": e[0], "property": e[1], "op": e[2], "value": str(e[3])} for e in more["effects"]],
                         hide_index=True)
        caused = consequences[int(row.id)]
        st.caption(f"memories it caused ({len(caused['memories'])})")
        if not caused["memories"].empty:
            st.dataframe(caused["memories"], hide_index=True)
        st.caption(f"facts it caused ({len(caused['facts'])})")
        if not caused["facts"].empty:
            st.dataframe(caused["facts"], hide_index=True)
