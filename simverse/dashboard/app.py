"""The dashboard's entry script: ``streamlit run`` starts here (``simverse dashboard`` does it).

It only sets the page frame and the navigation; each page is a file under ``pages/``
that reads the run through :mod:`simverse.dashboard.data` and, on the Run and Talk pages,
drives the live world of :mod:`simverse.dashboard.live`.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

PAGES = Path(__file__).parent / "pages"

st.set_page_config(page_title="simverse", page_icon=":material/public:", layout="wide")
navigation = st.navigation([
    st.Page(PAGES / "run.py", title="Run", icon=":material/play_circle:", default=True),
    st.Page(PAGES / "map.py", title="Map", icon=":material/map:"),
    st.Page(PAGES / "dialogue.py", title="Dialogue", icon=":material/forum:"),
    st.Page(PAGES / "npcs.py", title="NPCs", icon=":material/person:"),
    st.Page(PAGES / "knowledge.py", title="Knowledge", icon=":material/hub:"),
    st.Page(PAGES / "events.py", title="Events", icon=":material/bolt:"),
    st.Page(PAGES / "metrics.py", title="Metrics", icon=":material/monitoring:"),
    st.Page(PAGES / "talk.py", title="Talk & direct", icon=":material/record_voice_over:"),
])
navigation.run()
