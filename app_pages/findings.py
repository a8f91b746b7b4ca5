"""Findings: every finding as a sortable table, for one account or all of them."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict

import pandas as pd
import pyarrow as pa
import streamlit as st

from app_pages.common import context, frames
from graphmap.viz.figures import readable, readable_link

ALL = "__all__"
#: table: (title, shown when empty, columns dropped, columns of roles/reasons, columns of link reasons)
SECTIONS = {
    "uncovered": ("Uncovered stakeholders", "Every stakeholder has a healthy connection.", ("person_id",),
                  ("role", "reason"), ()),
    "single_threads": ("Key people on a single thread", "No key stakeholder hangs on one thread.",
                       ("person_id", "only_thread_id"), ("role",), ()),
    "heroes": ("Heroes, and who depends on them", "Nobody carries the account alone.", ("person_id",), ("reasons",),
               ()),
    "weak_links": ("Weak links", "No weak, stale or single-threaded connection.", ("member_id", "stakeholder_id"), (),
                   ("reason",)),
    "alignment": ("Alignment checklist", "", ("check_id",), (), ()),
    "outside_team": ("Connections from outside the team", "Nobody outside the team is connected.", ("person_id",), (),
                     ()),
}


# Arrow tables, held (immutable): a rerun hands them to st.dataframe without converting them again.
@st.cache_resource(max_entries=64)
def display_tables(map_key: str, settings: dict, as_of: dt.date, one_account: bool,
                   _tables: dict[str, pd.DataFrame]) -> dict[str, pa.Table]:
    """The tables as shown: ids dropped, roles and reasons in words, readable headers (cached)."""
    hide = ["account_id"] + (["account"] if one_account else [])
    out = {}
    for name, (_, _, drop, words, link_words) in SECTIONS.items():
        frame = _tables[name].drop(columns=[c for c in hide + list(drop) if c in _tables[name].columns])
        for column in words:
            frame[column] = [", ".join(readable(v) for v in str(text).split(", ")) for text in frame[column]]
        for column in link_words:
            frame[column] = [readable_link(v) for v in frame[column]]
        if name == "alignment":
            frame.insert(0, "result", ["✅ pass" if p else "❌ fail" for p in frame["passed"]])
            frame = frame.drop(columns=["passed"])
        frame.columns = [c.replace("_", " ").capitalize() for c in frame.columns]
        out[name] = pa.Table.from_pandas(frame, preserve_index=False)
    return out


ctx = context()
st.title("Findings")
st.caption(f"{ctx.source} · as of {ctx.as_of:%d %b %Y} · click a column header to sort")

names = dict(zip(ctx.amap.accounts["account_id"], ctx.amap.accounts["name"]))
choice = st.selectbox("Account", [ALL] + [r.account_id for r in ctx.findings.portfolio.accounts_by_risk],
                      format_func=lambda a: "All accounts" if a == ALL else names.get(a, a), key="findings_account")
account_id = None if choice == ALL else choice
tables = display_tables(f"{ctx.map_key}|{choice}", asdict(ctx.settings), ctx.as_of, account_id is not None,
                        frames(ctx, account_id))
for name, (title, empty, *_) in SECTIONS.items():
    frame = tables[name]
    st.subheader(title if name == "alignment" else f"{title} ({frame.num_rows})")
    if frame.num_rows == 0 and empty:
        st.success(empty)
    else:
        st.dataframe(frame, hide_index=True, key=f"table_{name}")
