"""What-if: take members off the team, or add a connection, and see every number change against today."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict

import pandas as pd
import streamlit as st

from app_pages.common import Context, account_picker, context, pct, people_of, show_error
from graphmap.analysis.alignment import CHECK_TITLES
from graphmap.analysis.changes import NewConnection
from graphmap.analysis.whatif import WhatIfResult, whatif
from graphmap.exceptions import GraphmapError
from graphmap.settings import Settings
from graphmap.viz.figures import account_map_figure


# Held, not copied (like the findings): unpickling findings costs more than working them out.
@st.cache_resource(show_spinner="Working out the what-if…", max_entries=32)
def cached_whatif(map_key: str, _ctx: Context, settings: dict, as_of: dt.date, removed: tuple[str, ...],
                  added: tuple[tuple[str, str, int], ...], account_id: str | None) -> WhatIfResult:
    return whatif(_ctx.amap, removed, [NewConnection(s, c, k) for s, c, k in added], Settings(**settings), as_of,
                  account_id=account_id, before=_ctx.findings)


ctx = context()
st.title("What-if")
st.caption("Someone leaves, someone is reassigned, a new relationship is built: see what it does to coverage "
           "before it happens.")
account_id = account_picker(ctx, "whatif_account")
people = people_of(ctx, account_id)
names = dict(zip(people["person_id"], people["name"]))
members = people[people["side"] == "supplier"].sort_values("name")["person_id"].tolist()
# Uncovered key people first: they are whom a new connection would help most.
stakeholders = people[people["side"] == "customer"].assign(open=lambda f: f["uncovered"] != "").sort_values(
    ["open", "key", "influence", "name"], ascending=[False, False, False, True])

left, right = st.columns(2)
with left:
    st.subheader("Take members off")
    removed = st.multiselect("Members", members, format_func=names.get, key="whatif_remove",
                             placeholder="choose members")
    scope = st.radio("They…", ["leave", "reassigned"], key="whatif_scope", horizontal=True,
                     format_func=lambda v: "leave the company" if v == "leave" else "leave this account only")
with right:
    st.subheader("Add a connection")
    add = st.checkbox("Add a connection", key="whatif_add")
    staying = [m for m in members if m not in removed]  # a member taken off cannot make the new connection
    member = st.selectbox("Our member", staying, format_func=names.get, key="whatif_member", disabled=not add)
    stakeholder = st.selectbox("Their stakeholder", stakeholders["person_id"].tolist(), format_func=lambda p: (
        names[p] + (" (uncovered)" if stakeholders.set_index("person_id").at[p, "uncovered"] else "")),
        key="whatif_stakeholder", disabled=not add)
    strength = st.slider("Strength", 1, 5, 4, key="whatif_strength", disabled=not add)

added = ((member, stakeholder, strength),) if add and member and stakeholder else ()
if not removed and not added:
    st.info("Choose members to take off, or a connection to add, to see what would change.")
    st.stop()
try:
    result = cached_whatif(ctx.map_key, ctx, asdict(ctx.settings), ctx.as_of, tuple(removed), added,
                           account_id if scope == "reassigned" else None)
except GraphmapError as err:
    show_error(err, "This what-if cannot be worked out")
    st.stop()

change = result.account(account_id)
st.subheader(f"{change.name}: today → what-if")
cols = st.columns(4)


def delta(after: float | None, before: float | None) -> str | None:
    if after is None or before is None or after == before:
        return None
    return f"{(after - before) * 100:+.0f} pts"


cols[0].metric("Coverage", pct(change.coverage_weighted.after),
               delta(change.coverage_weighted.after, change.coverage_weighted.before))
cols[1].metric("Key coverage", pct(change.coverage_key.after),
               delta(change.coverage_key.after, change.coverage_key.before))
cols[2].metric("Alignment", pct(change.alignment.after), delta(change.alignment.after, change.alignment.before))
cols[3].metric("Uncovered", len(result.after.account(account_id).uncovered),
               len(result.after.account(account_id).uncovered) - len(result.before.account(account_id).uncovered),
               delta_color="inverse")
if change.lost:
    st.error("**Would be lost** (covered today, uncovered after): " + ", ".join(p.name for p in change.lost))
if change.newly_covered:
    st.success("**Would be gained**: " + ", ".join(p.name for p in change.newly_covered))
if change.heroes_appeared:
    st.warning("**New heroes**: " + ", ".join(p.name for p in change.heroes_appeared))
if change.heroes_relieved:
    st.success("**No longer heroes**: " + ", ".join(p.name for p in change.heroes_relieved))
if change.single_threads_appeared:
    st.warning("**Newly on a single thread**: " + ", ".join(t.name for t in change.single_threads_appeared))
if change.single_threads_resolved:
    st.success("**No longer on a single thread**: " + ", ".join(t.name for t in change.single_threads_resolved))
if change.checks_failing:
    st.warning("**Alignment checks that would fail**: "
               + "; ".join(CHECK_TITLES.get(c, c) for c in change.checks_failing))
if change.checks_passing:
    st.success("**Alignment checks that would pass**: "
               + "; ".join(CHECK_TITLES.get(c, c) for c in change.checks_passing))
if not change.changed:
    st.info("Nothing changes on this account.")

today, after = st.columns(2)
before_figure = account_map_figure(ctx.amap, ctx.findings, account_id, title="<b>Today</b>")
after_figure = account_map_figure(result.after_map, result.after, account_id,
                                  highlight=[p.person_id for p in change.lost],
                                  highlight_label="Would be lost (black cross)", title="<b>After the what-if</b>")
for figure in (before_figure, after_figure):
    figure.update_layout(showlegend=False)  # two maps side by side: the caption below is their legend
with today:
    st.plotly_chart(before_figure, theme=None, key="whatif_today")
with after:
    st.plotly_chart(after_figure, theme=None, key="whatif_after")
st.caption("Black cross: would be lost. Red ring: nobody on our team reaches them in good health. Gold star: a "
           "member who carries too much alone. Orange line: the only thread to a key person. Dashed: stale. "
           "The Account map page has the full legend.")

st.subheader("Every account")
rows = [{"account": c.name, "verdict": c.verdict,
         "coverage today": c.coverage_weighted.before, "coverage after": c.coverage_weighted.after,
         "key coverage today": c.coverage_key.before, "key coverage after": c.coverage_key.after,
         "alignment today": c.alignment.before, "alignment after": c.alignment.after,
         "lost": ", ".join(p.name for p in c.lost), "gained": ", ".join(p.name for p in c.newly_covered),
         "new heroes": ", ".join(p.name for p in c.heroes_appeared)} for c in result.accounts]
share = st.column_config.NumberColumn(format="percent")
st.dataframe(pd.DataFrame(rows), hide_index=True, key="whatif_accounts",
             column_config={k: share for k in rows[0] if "coverage" in k or "alignment" in k})
