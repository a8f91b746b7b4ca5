"""Downloads: the findings as JSON (the documented schema) and as CSV tables."""

from __future__ import annotations

import streamlit as st

from app_pages.common import context
from graphmap.report.frames import findings_csv_zip, findings_frames
from graphmap.report.jsonfmt import findings_json

ctx = context()
stamp = ctx.as_of.isoformat()
st.title("Downloads")
st.caption(f"{ctx.source} · as of {ctx.as_of:%d %b %Y} · under the thresholds set in the sidebar")
st.download_button("Findings as JSON", findings_json(ctx.findings), file_name=f"graphmap-findings-{stamp}.json",
                   mime="application/json", key="download_json", icon=":material/data_object:",
                   help="The stable schema of docs/findings-schema (the same as `graphmap analyze --format json`).")
st.download_button("Findings as CSV (zip of one table per finding)", findings_csv_zip(ctx.findings),
                   file_name=f"graphmap-findings-{stamp}.zip", mime="application/zip", key="download_zip", icon=":material/folder_zip:")
st.subheader("One table at a time")
for name, frame in findings_frames(ctx.findings).items():
    st.download_button(f"{name}.csv ({len(frame)} rows)", frame.to_csv(index=False), file_name=f"{name}-{stamp}.csv",
                       mime="text/csv", key=f"download_{name}")
