"""Downloads: the full reports (HTML, XLSX, CSV, Markdown, JSON) of the portfolio or one account, and each
findings table as CSV."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict

import streamlit as st

from app_pages.common import account_picker, cached_findings, context, report_download
from graphmap.analysis.findings import Findings
from graphmap.report.export import MEDIA_TYPES, report_file_name
from graphmap.report.frames import TABLES, findings_frames

#: Each report format: the button's label, icon and help. Same files as ``graphmap report --format``.
REPORTS = {
    "html": ("HTML report (interactive account maps)", ":material/language:",
             "One page to open in a browser or print; the maps are the ones of the Account map page."),
    "xlsx": ("Excel workbook", ":material/table_view:", "Summary, coverage matrix, connections and every finding."),
    "csv": ("Findings as CSV (zip of the report's tables)", ":material/folder_zip:", None),
    "md": ("Markdown report", ":material/description:", "For a wiki page or an e-mail."),
    "json": ("Findings as JSON", ":material/data_object:",
             "The stable schema of docs/findings.md (the same as `graphmap analyze --format json`)."),
}


@st.cache_data(max_entries=16)
def table_files(map_key: str, settings: dict, as_of: dt.date, _findings: Findings) -> tuple[dict[str, bytes],
                                                                                             dict[str, int]]:
    """Each findings table as CSV and its row count, built once per map, settings and date."""
    tables = findings_frames(_findings)
    return ({name: frame.to_csv(index=False).encode() for name, frame in tables.items()},
            {name: len(frame) for name, frame in tables.items()})


ctx = context()
st.title("Downloads")
st.caption(f"{ctx.source} · as of {ctx.as_of:%d %b %Y} · under the thresholds set in the sidebar")
scope = st.radio("Report on", ["portfolio", "account"], horizontal=True, key="downloads_scope",
                 format_func=lambda v: "the whole portfolio" if v == "portfolio" else "one account")
account_id = account_picker(ctx, "downloads_account") if scope == "account" else None
if account_id is None:
    amap, findings, key = ctx.amap, ctx.findings, ctx.map_key
else:
    amap, key = ctx.amap.subset([account_id]), f"{ctx.map_key}|account:{account_id}"
    findings = cached_findings(key, amap, asdict(ctx.settings), ctx.as_of)

st.subheader("Reports")
for fmt, (label, icon, help_text) in REPORTS.items():
    # Built when clicked (on its own thread), then cached: a portfolio's HTML or XLSX takes seconds. A click does
    # not rerun the page: a rerun would replace every deferred file while the next click may still name the old one.
    build = lambda fmt=fmt: report_download(key, asdict(ctx.settings), ctx.as_of, fmt, amap, findings)  # noqa: E731
    st.download_button(label, build,
                       file_name=report_file_name(findings, fmt), mime=MEDIA_TYPES[fmt], key=f"download_{fmt}",
                       icon=icon, help=help_text, on_click="ignore")

st.subheader("One table at a time")
files, rows = table_files(ctx.map_key, asdict(ctx.settings), ctx.as_of, ctx.findings)
stamp = ctx.as_of.isoformat()
for name in TABLES:
    label = f"{name}.csv ({rows[name]} row{'' if rows[name] == 1 else 's'})"
    st.download_button(label, files[name], file_name=f"{name}-{stamp}.csv", mime="text/csv", key=f"download_{name}",
                       on_click="ignore")
