"""Portfolio: every account ranked by risk, and the members who carry too much across accounts."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict

import plotly.graph_objects as go
import streamlit as st

from app_pages.common import context, frames, pct
from graphmap.analysis.findings import Findings
from graphmap.viz.figures import portfolio_risk_figure, readable

ctx = context()
portfolio = ctx.findings.portfolio
st.title("Portfolio")
st.caption(f"{ctx.source} · as of {ctx.as_of:%d %b %Y}")

cols = st.columns(4)
cols[0].metric("Accounts", portfolio.accounts)
cols[1].metric("Stakeholders", portfolio.stakeholders)
cols[2].metric("Our members", portfolio.members)
cols[3].metric("Stakeholders covered (by influence)", pct(portfolio.coverage_weighted))

tables = frames(ctx)
st.subheader("Accounts by risk", help="Riskiest first: lowest key coverage, most uncovered key stakeholders, "
             "lowest alignment, lowest coverage.")
accounts = tables["accounts"].drop(columns=["account_id", "coverage_unweighted"])
for column in ("coverage", "key_coverage", "alignment"):  # shown as whole percentages
    accounts[column] = (accounts[column] * 100).round()
st.dataframe(
    accounts, hide_index=True, key="accounts_by_risk",
    column_order=["account", "key_coverage", "coverage", "alignment", "uncovered_key_stakeholders", "heroes",
                  "uncovered_key", "uncovered", "single_threads"],
    column_config={
        "account": st.column_config.TextColumn("Account"),
        "coverage": st.column_config.ProgressColumn("Coverage", format="%d%%", min_value=0, max_value=100,
                                                    help="Stakeholders with a healthy connection, weighted by "
                                                         "influence"),
        "key_coverage": st.column_config.ProgressColumn("Key coverage", format="%d%%", min_value=0, max_value=100),
        "alignment": st.column_config.ProgressColumn("Alignment", format="%d%%", min_value=0, max_value=100,
                                                     help="Share of the seven coaching checks passed"),
        "uncovered_key": st.column_config.NumberColumn("Uncovered key"),
        "uncovered": st.column_config.NumberColumn("Uncovered"),
        "single_threads": st.column_config.NumberColumn("Single threads"),
        "heroes": st.column_config.TextColumn("Heroes"),
        "uncovered_key_stakeholders": st.column_config.TextColumn("Uncovered key stakeholders"),
    })

st.subheader("Members carrying too much across the portfolio")
heroes = tables["portfolio_heroes"]
if heroes.empty:
    st.success("Nobody is over capacity or a hero on many accounts.")
else:
    heroes = heroes.assign(reasons=[", ".join(readable(r) for r in text.split(", ")) for text in heroes["reasons"]])
    st.dataframe(heroes.drop(columns=["person_id"]), hide_index=True, key="portfolio_heroes", column_config={
        "member": "Member", "reasons": "Why", "healthy_connections": "Healthy connections",
        "hero_on": "Hero on (accounts)", "hero_accounts": "Accounts"})
    st.caption(f"Over capacity: more than {ctx.settings.capacity} healthy connections; hero on many accounts: "
               f"{ctx.settings.hero_accounts_min} or more.")



@st.cache_resource(max_entries=16)
def risk_figure(map_key: str, settings: dict, as_of: dt.date, _findings: Findings) -> go.Figure:
    return portfolio_risk_figure(_findings)


st.plotly_chart(risk_figure(ctx.map_key, asdict(ctx.settings), ctx.as_of, ctx.findings), theme=None,
                key="portfolio_chart")
