"""Plan: who should build which relationship on an account, why, and the warm paths to each gap."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict

import pandas as pd
import streamlit as st

from app_pages.common import Context, account_picker, context
from graphmap.analysis.paths import DEFAULT_MAX_HOPS, AccountPaths, account_paths
from graphmap.analysis.plan import Plan, coverage_plan

_GAP = {"uncovered": "first thread (uncovered)", "second_thread": "second thread"}


# Held, not copied, like the findings they come from.
@st.cache_resource(show_spinner="Planning…", max_entries=32)
def cached_plan(map_key: str, settings: dict, as_of: dt.date, account_id: str, _ctx: Context) -> Plan:
    return coverage_plan(_ctx.amap, _ctx.findings, account_id, _ctx.settings.capacity, _ctx.settings)


@st.cache_resource(show_spinner="Finding warm paths…", max_entries=32)
def cached_paths(map_key: str, settings: dict, as_of: dt.date, account_id: str, max_hops: int,
                 _ctx: Context) -> AccountPaths:
    return account_paths(_ctx.amap, _ctx.findings.account(account_id), _ctx.settings, _ctx.as_of, max_hops=max_hops)


ctx = context()
st.title("Plan")
st.caption("Who should build which relationship so that every key stakeholder has a healthy thread — roles that "
           "fit, warm introductions, nobody overloaded or made a hero — and the warm paths to each gap.")
account_id = account_picker(ctx, "plan_account")
settings = asdict(ctx.settings)
plan = cached_plan(ctx.map_key, settings, ctx.as_of, account_id, ctx)
(account,) = plan.accounts

st.subheader("Assignments")
st.caption(f"This account planned on its own, as `graphmap plan MAP --account {account_id}` does. Capacity "
           f"{plan.capacity} healthy connection points per member (sidebar: Thresholds), counted across the whole "
           "portfolio.")
if account.assignments:
    for a in account.assignments:
        st.markdown(f"- **{a.member_name} → {a.gap.name}**: {a.explanation}")
    st.dataframe(pd.DataFrame([{
        "stakeholder": a.gap.name, "role": a.gap.role.replace("_", " "), "gap": _GAP.get(a.gap.kind, a.gap.kind),
        "member": a.member_name, "member role": a.member_role.replace("_", " "), "fit": a.fit,
        "warm path": a.path.describe() if a.path else ("revive their own tie" if a.existing else "cold introduction"),
        "load before": a.load_before, "load after": a.load_after, "hero after": a.hero_after,
    } for a in account.assignments]), hide_index=True, key="plan_assignments")
else:
    st.info("Nothing to assign on this account.")

st.subheader("Gaps left open")
if account.unassigned:
    st.dataframe(pd.DataFrame([{
        "stakeholder": u.gap.name, "role": u.gap.role.replace("_", " "), "gap": _GAP.get(u.gap.kind, u.gap.kind),
        "reason": u.reason.replace("_", " "), "why": u.detail} for u in account.unassigned]),
        hide_index=True, key="plan_open")
else:
    st.success("No gap is left open: every key stakeholder would have the threads they need.")

st.subheader("Warm paths")
max_hops = st.slider("Longest introduction chain (links)", 1, 6, DEFAULT_MAX_HOPS, key="plan_max_hops")
paths = cached_paths(ctx.map_key, settings, ctx.as_of, account_id, max_hops, ctx)
rows = [{"stakeholder": t.name, "role": t.role.replace("_", " "),
         "gap": "uncovered" if t.gap == "uncovered" else f"single thread ({t.holder_name})",
         "member": p.member_name, "path": p.describe(), "links": p.hops, "strength": p.strength}
        for t in paths.targets for p in t.paths]
if rows:
    st.dataframe(pd.DataFrame(rows), hide_index=True, key="plan_paths",
                 column_config={"strength": st.column_config.ProgressColumn(min_value=0.0, max_value=1.0,
                                                                            format="%.2f")})
elif paths.targets:
    st.info("No warm path within that many links: these gaps need a cold introduction.")
else:
    st.info("No key stakeholder of this account is uncovered or on a single thread.")
st.caption("A warm path runs through healthy links and the customer's org chart; its strength is the product of "
           "the links' strengths over 5 (1.00 is a chain of the strongest ties). See docs/plan.md.")
