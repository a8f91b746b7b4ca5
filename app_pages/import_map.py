"""Import: upload map files or contact exports, preview what would change and every bad row, then apply."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from app_pages.import_view import review_upload
from graphmap.mapfolder import MAP_FILES
from graphmap.settings import Settings

ctx = st.session_state.get("_context")
st.title("Import")
st.markdown(f"Upload the map's CSV files ({', '.join(f'`{n}`' for n in MAP_FILES.values())}) or contact exports: "
            "Salesforce contacts and Task and Event exports (Data Loader), HubSpot contacts (CSV, or Excel `.xlsx`), "
            "a LinkedIn `Connections.csv`, a log of meetings, calls and e-mails "
            "(each recognised from its header; docs/imports.md). A map file replaces that table of the current map; "
            "an export is merged into it (people and connections added or updated). Nothing is written to disk: "
            "an applied upload lives in your session until you discard it (sidebar).")
uploaded = st.file_uploader("Files", type=["csv", "xlsx"], accept_multiple_files=True, key="upload_files")
owner = None
if ctx is not None:
    members = ctx.amap.people[ctx.amap.people["side"] == "supplier"].sort_values("name")
    names = dict(zip(members["person_id"], members["name"]))
    owner = st.selectbox("Whose LinkedIn network is a Connections.csv?", [None, *names],
                         format_func=lambda p: "nobody (no LinkedIn export)" if p is None else names[p],
                         key="import_owner", help="A LinkedIn export is one member's network.")
if not uploaded:
    st.stop()

files = {f.name: f.getvalue() for f in uploaded}  # in upload order: the last file of a name wins
if ctx is None:  # the map in use cannot be read: an upload may start a new one
    review_upload(files, None, None, Settings(), dt.date.today(), owner=owner)
else:
    review_upload(files, ctx.amap, ctx.map_key, ctx.settings, ctx.as_of, ctx.findings, owner)
