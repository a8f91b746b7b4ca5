"""Account map: who on our team reaches whom on theirs, with what is at risk marked on the map."""

from __future__ import annotations

import streamlit as st

from app_pages.common import account_figure, account_picker, context, pct, people_of
from graphmap.viz.figures import readable

ctx = context()
st.title("Account map")
top = st.columns([3, 2, 3])
with top[0]:
    account_id = account_picker(ctx, "map_account")
with top[1]:
    layout = st.radio("Layout", ["team", "force"], horizontal=True, key="map_layout",
                      format_func=lambda v: "Team to team" if v == "team" else "Force-directed")
found = ctx.findings.account(account_id)
people = people_of(ctx, account_id)
names = dict(zip(people["person_id"], people["name"]))
order = people.sort_values(["side", "name"], ascending=[False, True])["person_id"].tolist()

# A click on the map selects a person; the selectbox shows (and can change) who is selected.
event = st.session_state.get("account_figure")
clicked = None
if event and event.get("selection", {}).get("points"):
    clicked = event["selection"]["points"][0].get("customdata")
if clicked in names and st.session_state.get("_last_click") != clicked:
    st.session_state["map_person"] = clicked
    st.session_state["_last_click"] = clicked
if st.session_state.get("map_person") not in [None, *order]:
    st.session_state["map_person"] = None
with top[2]:
    selected = st.selectbox("Person", [None, *order], key="map_person",
                            format_func=lambda p: "— click a person on the map, or choose —" if p is None
                            else names[p])

cols = st.columns(5)
cols[0].metric("Coverage", pct(found.coverage.weighted), help="Stakeholders covered, weighted by influence")
cols[1].metric("Key coverage", pct(found.coverage.key))
cols[2].metric("Alignment", f"{sum(c.passed for c in found.alignment.checks)}/{len(found.alignment.checks)}")
cols[3].metric("Uncovered", len(found.uncovered), help="Stakeholders nobody on our team reaches in good health")
cols[4].metric("Heroes", len(found.heroes))

figure = account_figure(ctx, account_id, layout, selected)
st.plotly_chart(figure, theme=None, key="account_figure", on_select="rerun", selection_mode="points",
                config={"displaylogo": False, "scrollZoom": False})
st.caption("Bold names are key people (economic buyers, decision makers, high influence). A red ring marks a "
           "stakeholder nobody on our team reaches in good health; a gold star marks a member who carries too "
           "much alone; an orange line is the only thread to a key person; dashed lines are contacts gone stale.")

if selected:
    row = people.set_index("person_id").loc[selected]
    st.subheader(row["name"])
    side = "Our team" if row["side"] == "supplier" else "Their side"
    facts = [f"**{side}** · {readable(row['role'] or 'unknown')}", row["title"] or ""]
    if row["side"] == "customer":
        facts.append(f"influence {row['influence']}/5" + (" · **key**" if row["key"] else "")
                     + (f" · {row['stance']}" if row["stance"] else ""))
    st.markdown(" · ".join(f for f in facts if f))
    if row["uncovered"]:
        st.error(f"Uncovered: {readable(row['uncovered'])}.")
    if row["single_thread"]:
        st.warning(f"Single thread: only {row['single_thread']} reaches them.")
    if row["hero"]:
        critical = next((h.critical_for for h in found.heroes if h.person_id == selected), ())
        st.warning(f"Hero: {row['hero']}." + (f" Would leave uncovered: {', '.join(p.name for p in critical)}."
                                                if critical else ""))
    st.markdown("**Connections**: " + ("; ".join(row["partners"]) if row["partners"] else "none"))
