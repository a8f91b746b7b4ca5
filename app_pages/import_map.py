"""Import: upload map files, preview what would change and any faults, then apply them to this session."""

from __future__ import annotations

from dataclasses import asdict

import pandas as pd
import streamlit as st

from app_pages.common import UPLOAD_KEY, cached_findings, pct, show_error, upload_digest
from graphmap.exceptions import GraphmapError
from graphmap.mapfolder import MAP_FILES
from graphmap.uploads import map_changes, map_from_uploads

ctx = st.session_state.get("_context")
st.title("Import")
st.markdown(f"Upload the map's CSV files ({', '.join(f'`{n}`' for n in MAP_FILES.values())}). Each file replaces "
            "that table of the current map; the others are kept (a file uploaded again replaces the earlier one of "
            "the same name). Nothing is written to disk: an applied upload lives in your session until you discard "
            "it (sidebar).")
uploaded = st.file_uploader("Map files", type=["csv"], accept_multiple_files=True, key="upload_files")
if not uploaded:
    st.stop()

files = {f.name: f.getvalue() for f in uploaded}  # in upload order: the last file of a name wins
base = ctx.amap if ctx is not None else None
try:
    new_map = map_from_uploads(files, base)
except GraphmapError as err:
    show_error(err, "The upload cannot be used; the current map is kept")
    st.stop()

key = upload_digest(files) + (f"|on:{ctx.map_key}" if ctx is not None else "")
st.success(f"The upload is valid: {new_map!r}.")
if ctx is not None:
    st.subheader("What would change")
    changes = pd.DataFrame([asdict(c) for c in map_changes(ctx.amap, new_map)])
    st.dataframe(changes, hide_index=True, key="upload_changes")
    after = cached_findings(key, new_map, asdict(ctx.settings), ctx.as_of)
    before = ctx.findings.portfolio
    cols = st.columns(3)
    cols[0].metric("Accounts", after.portfolio.accounts, after.portfolio.accounts - before.accounts)
    cols[1].metric("Stakeholders covered", pct(after.portfolio.coverage_weighted))
    cols[2].metric("Uncovered stakeholders", sum(len(a.uncovered) for a in after.accounts),
                   sum(len(a.uncovered) for a in after.accounts) - sum(len(a.uncovered) for a in ctx.findings.accounts),
                   delta_color="inverse")
if st.button("Apply the upload", type="primary", key="apply_upload"):
    st.session_state[UPLOAD_KEY] = {"map": new_map, "key": key, "label": ", ".join(sorted(files))}
    st.rerun()
