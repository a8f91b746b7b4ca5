"""graphmap in the browser: ``streamlit run app.py``.

The frame: the sidebar (map, as-of date, thresholds), the map in use and its findings, and the pages of
``app_pages/``. It opens on the sample portfolio; ``GRAPHMAP_MAP=/path/to/map`` or the sidebar's folder
field replaces it. Pages call the library (`graphmap`) and hold no analysis of their own.
"""

from __future__ import annotations

import streamlit as st

from app_pages.common import build_context
from graphmap.memory_pages import disable_transparent_huge_pages

# Large maps are read and analysed 7-10% faster without huge pages (graphmap/memory_pages.py).
disable_transparent_huge_pages()
st.set_page_config(page_title="graphmap — team maps", page_icon=":material/hub:", layout="wide")

pages = [
    st.Page("app_pages/portfolio.py", title="Portfolio", icon=":material/leaderboard:", default=True),
    st.Page("app_pages/account_map.py", title="Account map", icon=":material/hub:"),
    st.Page("app_pages/findings.py", title="Findings", icon=":material/search:"),
    st.Page("app_pages/plan.py", title="Plan", icon=":material/assignment_ind:"),
    st.Page("app_pages/whatif.py", title="What-if", icon=":material/alt_route:"),
    st.Page("app_pages/import_map.py", title="Import", icon=":material/upload_file:"),
    st.Page("app_pages/downloads.py", title="Downloads", icon=":material/download:"),
]
page = st.navigation(pages)
st.sidebar.title("graphmap")
st.sidebar.caption("Who on our team reaches whom on theirs.")
ctx = build_context()
if ctx is None and page.title != "Import":
    st.stop()
st.session_state["_context"] = ctx
page.run()
