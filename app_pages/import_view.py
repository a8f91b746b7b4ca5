"""The Import page's review of an upload: what it would change, its bad rows, and the Apply button.

Kept apart from the page (``import_map.py``, which owns the file uploader) so that tests can drive the
review with real files through ``AppTest.from_function``: Streamlit's test client cannot fill an uploader.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict

import pandas as pd
import streamlit as st

from app_pages.common import UPLOAD_KEY, cached_findings, pct, show_error, upload_digest, user_moment
from graphmap.analysis.findings import Findings
from graphmap.exceptions import GraphmapError
from graphmap.imports.dates import import_moment
from graphmap.model.accountmap import AccountMap
from graphmap.settings import Settings
from graphmap.uploads import UploadPreview, preview_upload


# Held, not copied: a preview holds a whole map; it is never changed in place.
@st.cache_resource(show_spinner="Reading the upload…", max_entries=8)
def cached_preview(key: str, files: dict[str, bytes], _base: AccountMap | None, owner: str | None,
                   _now: dt.datetime) -> UploadPreview:
    """`preview_upload`, once per upload, current map, LinkedIn owner and day of the import (`key`
    holds it: a preview of yesterday's took yesterday's planned activities out)."""
    return preview_upload(files, _base, owner, _now)


def review_upload(files: dict[str, bytes], base: AccountMap | None, base_key: str | None, settings: Settings,
                  as_of: dt.date, base_findings: Findings | None = None, owner: str | None = None) -> None:
    """Preview an upload against the current map, show its bad rows, and offer to apply it to the session.

    An upload that cannot be used shows its error and leaves the current map in use.
    """
    now = import_moment(user_moment())
    key = upload_digest(files) + (f"|on:{base_key}" if base_key else "") + (f"|owner:{owner}" if owner else "")
    try:
        preview = cached_preview(key + f"|day:{now.date().isoformat()}{now.strftime('%z')}", files, base, owner, now)
    except GraphmapError as err:
        show_error(err, "The upload cannot be used; the current map is kept")
        return
    new_map = preview.amap
    st.success(f"The upload is valid: {new_map.size_in_words()}.")
    if preview.files:
        st.subheader("Contact exports")
        st.dataframe(preview.summary(), hide_index=True, key="import_summary")
        assumed = preview.assumptions()
        if len(assumed):
            st.caption("What was detected in the files, or assumed where it could not be (check the dates' order "
                       "and the columns read):")
            st.dataframe(assumed, hide_index=True, key="import_assumptions")
    if len(preview.bad_rows):
        st.subheader(f"Rows not imported as they are ({len(preview.bad_rows)})")
        st.caption("Skipped rows are left out; rows imported without a value keep the rest of the row.")
        st.dataframe(preview.bad_rows[["file", "row", "action", "reason", "original_row"]], hide_index=True,
                     key="import_bad_rows")
    if base is not None and base_findings is not None:
        st.subheader("What would change")
        st.dataframe(pd.DataFrame([asdict(c) for c in preview.changes]), hide_index=True, key="upload_changes")
        after = cached_findings(key, new_map, asdict(settings), as_of)
        before = base_findings.portfolio
        cols = st.columns(3)
        cols[0].metric("Accounts", after.portfolio.accounts, after.portfolio.accounts - before.accounts)
        cols[1].metric("Stakeholders covered", pct(after.portfolio.coverage_weighted))
        uncovered = sum(len(a.uncovered) for a in after.accounts)
        cols[2].metric("Uncovered stakeholders", uncovered,
                       uncovered - sum(len(a.uncovered) for a in base_findings.accounts), delta_color="inverse")
    if st.button("Apply the upload", type="primary", key="apply_upload"):
        st.session_state[UPLOAD_KEY] = {"map": new_map, "key": key, "label": ", ".join(sorted(files))}
        st.rerun()
