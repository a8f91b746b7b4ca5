"""Downloads: the findings as JSON (the documented schema) and as CSV tables."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict

import streamlit as st

from app_pages.common import context
from graphmap.report.frames import TABLES, findings_csv_zip, findings_frames
from graphmap.analysis.findings import Findings
from graphmap.report.jsonfmt import findings_json



@st.cache_data(max_entries=16)
def cached_files(map_key: str, settings: dict, as_of: dt.date,
                 _findings: Findings) -> tuple[dict[str, bytes], dict[str, int]]:
    """Every file offered and each table's row count, built once per map, settings and date."""
    tables = findings_frames(_findings)
    files = {"json": findings_json(_findings), "zip": findings_csv_zip(_findings)}
    files.update({name: frame.to_csv(index=False).encode() for name, frame in tables.items()})
    return files, {name: len(frame) for name, frame in tables.items()}


ctx = context()
files, rows = cached_files(ctx.map_key, asdict(ctx.settings), ctx.as_of, ctx.findings)
stamp = ctx.as_of.isoformat()
st.title("Downloads")
st.caption(f"{ctx.source} · as of {ctx.as_of:%d %b %Y} · under the thresholds set in the sidebar")
st.download_button("Findings as JSON", files["json"], file_name=f"graphmap-findings-{stamp}.json",
                   mime="application/json", key="download_json", icon=":material/data_object:",
                   help="The stable schema of docs/findings-schema (the same as `graphmap analyze --format json`).")
st.download_button("Findings as CSV (zip of one table per finding)", files["zip"],
                   file_name=f"graphmap-findings-{stamp}.zip", mime="application/zip", key="download_zip",
                   icon=":material/folder_zip:")
st.subheader("One table at a time")
for name in TABLES:
    label = f"{name}.csv ({rows[name]} row{'' if rows[name] == 1 else 's'})"
    st.download_button(label, files[name], file_name=f"{name}-{stamp}.csv",
                       mime="text/csv", key=f"download_{name}")
