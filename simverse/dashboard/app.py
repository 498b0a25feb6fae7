"""The dashboard's entry script: ``streamlit run`` starts here (``simverse dashboard`` does it).

It only sets the page frame (a favicon served from this package, so the page asks no
other host for anything) and the navigation; each page is a file under ``pages/`` that
reads the run through :mod:`simverse.dashboard.data` and friends, and the Run, Map,
Events and Talk pages drive the live world of :mod:`simverse.dashboard.hub`.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from simverse.dashboard.context import follow_go_to

HERE = Path(__file__).parent
PAGES = HERE / "pages"

st.set_page_config(page_title="simverse", page_icon=str(HERE / "static" / "favicon.png"), layout="wide")
navigation = st.navigation([
    st.Page(PAGES / "run.py", title="Run", icon=":material/play_circle:", default=True),
    st.Page(PAGES / "map.py", title="Map", icon=":material/map:"),
    st.Page(PAGES / "dialogue.py", title="Dialogue", icon=":material/forum:"),
    st.Page(PAGES / "npcs.py", title="NPCs", icon=":material/person:"),
    st.Page(PAGES / "knowledge.py", title="Knowledge", icon=":material/hub:"),
    st.Page(PAGES / "events.py", title="Events", icon=":material/bolt:"),
    st.Page(PAGES / "metrics.py", title="Metrics", icon=":material/monitoring:"),
    st.Page(PAGES / "compare.py", title="Compare", icon=":material/compare_arrows:"),
    st.Page(PAGES / "talk.py", title="Talk & direct", icon=":material/record_voice_over:"),
])
follow_go_to()
navigation.run()
