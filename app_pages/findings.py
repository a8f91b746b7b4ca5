"""Findings: every finding as a sortable table, for one account or all of them."""

from __future__ import annotations

import streamlit as st

from app_pages.common import context
from graphmap.report.frames import findings_frames
from graphmap.viz.figures import readable, readable_link

ctx = context()
st.title("Findings")
st.caption(f"{ctx.source} · as of {ctx.as_of:%d %b %Y} · click a column header to sort")

names = dict(zip(ctx.amap.accounts["account_id"], ctx.amap.accounts["name"]))
ALL = "__all__"
choice = st.selectbox("Account", [ALL] + [r.account_id for r in ctx.findings.portfolio.accounts_by_risk],
                      format_func=lambda a: "All accounts" if a == ALL else names.get(a, a), key="findings_account")
tables = findings_frames(ctx.findings, None if choice == ALL else choice)
hide = ["account_id"] + ([] if choice == ALL else ["account"])


def show(name: str, title: str, empty: str, drop: tuple[str, ...] = (), words: tuple[str, ...] = (),
         link_words: tuple[str, ...] = ()) -> None:
    frame = tables[name].drop(columns=[c for c in hide + list(drop) if c in tables[name].columns])
    for column in words:
        frame[column] = [", ".join(readable(v) for v in str(text).split(", ")) for text in frame[column]]
    for column in link_words:
        frame[column] = [readable_link(v) for v in frame[column]]
    frame.columns = [c.replace("_", " ").capitalize() for c in frame.columns]
    st.subheader(f"{title} ({len(frame)})")
    if frame.empty:
        st.success(empty)
    else:
        st.dataframe(frame, hide_index=True, key=f"table_{name}")


show("uncovered", "Uncovered stakeholders", "Every stakeholder has a healthy connection.", ("person_id",),
     ("role", "reason"))
show("single_threads", "Key people on a single thread", "No key stakeholder hangs on one thread.",
     ("person_id", "only_thread_id"), ("role",))
show("heroes", "Heroes, and who depends on them", "Nobody carries the account alone.", ("person_id",), ("reasons",))
show("weak_links", "Weak links", "No weak, stale or single-threaded connection.", ("member_id", "stakeholder_id"),
     link_words=("reason",))
st.subheader("Alignment checklist")
alignment = tables["alignment"].drop(columns=[c for c in hide + ["check_id"] if c in tables["alignment"].columns])
alignment.insert(0, "result", ["✅ pass" if p else "❌ fail" for p in alignment["passed"]])
alignment = alignment.drop(columns=["passed"])
alignment.columns = [c.capitalize() for c in alignment.columns]
st.dataframe(alignment, hide_index=True, key="table_alignment")
show("outside_team", "Connections from outside the team", "Nobody outside the team is connected.", ("person_id",))
