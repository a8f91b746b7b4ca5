"""Plotly figures of a map and its findings: the account map and the portfolio chart.

The account map draws a constant, small number of traces whatever the map's size: one per class of edge
(each class one line trace, its edges separated by ``None``) and one per class of node, plus one overlay
per mark (uncovered, hero, highlighted). Above `WEBGL_MIN_NODES` people the traces are WebGL
(``Scattergl``); above `LABEL_ALL_MAX` people only key and marked people are labelled, so labels do not
pile up.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Literal

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from graphmap.analysis.findings import AccountFindings, Findings
from graphmap.model.accountmap import AccountMap
from graphmap.model.graph import account_graph
from graphmap.model.roles import KEY_ROLES
from graphmap.viz.layouts import CUSTOMER_X, INDENT, MEMBER_X, force_layout, team_to_team_layout

__all__ = [
    "account_map_figure", "portfolio_risk_figure", "account_people", "NODE_GROUPS", "EDGE_CLASSES",
    "WEBGL_MIN_NODES", "LABEL_ALL_MAX", "Layout", "readable", "readable_link",
]

Layout = Literal["team", "force"]

#: From this many people on, traces are drawn with WebGL.
WEBGL_MIN_NODES = 500
#: Up to this many people every one is labelled; beyond, only key and marked people (and our members).
LABEL_ALL_MAX = 60
#: At most this many labels on a big map (key and marked people first).
LABEL_CAP = 120

#: Node classes: (legend name, colour, side, roles).
NODE_GROUPS: tuple[tuple[str, str, str, frozenset[str]], ...] = (
    ("Quarterback", "#0b2e59", "supplier", frozenset({"__quarterback__"})),
    ("Account executive / sales", "#1f5fa8", "supplier", frozenset({"account_executive", "sales_manager",
                                                                     "strategy_owner"})),
    ("Executive sponsor", "#5b4db7", "supplier", frozenset({"executive_sponsor"})),
    ("Sales engineer / specialist", "#2a9fd6", "supplier", frozenset({"sales_engineer", "specialist"})),
    ("Success / delivery / partner", "#7bb6e3", "supplier", frozenset({"customer_success", "delivery", "partner"})),
    ("Member, role not set", "#9fb3c8", "supplier", frozenset()),
    ("Economic buyer / decision maker", "#a4460f", "customer", frozenset({"economic_buyer", "decision_maker"})),
    ("Technical buyer", "#e08a1e", "customer", frozenset({"technical_buyer"})),
    ("User buyer", "#c9a227", "customer", frozenset({"user_buyer"})),
    ("Champion / coach", "#2e8b57", "customer", frozenset({"champion", "coach"})),
    ("Influencer / gatekeeper", "#8c8c6a", "customer", frozenset({"influencer", "gatekeeper"})),
    ("Blocker", "#6b1d3a", "customer", frozenset({"blocker"})),
    ("Role unknown", "#b0b0b0", "customer", frozenset()),
)

#: Edge classes: (key, legend name, colour, dash).
EDGE_CLASSES: tuple[tuple[str, str, str, str], ...] = (
    ("reports_to", "Reports to (their org chart)", "#d0d0d0", "solid"),
    ("customer_link", "Works with (their side)", "#c8b89a", "dot"),
    ("internal_link", "Our team talks", "#b8c7da", "dot"),
    ("weak", "Weak connection", "#a0a0a0", "dot"),
    ("stale", "Stale connection (no recent contact)", "#9a9a9a", "dash"),
    ("healthy", "Healthy connection (thicker = stronger)", "#4f7fbf", "solid"),
    ("single_thread", "Only thread to a key person", "#ff7f0e", "solid"),
)
_WIDTH = {1: 1.0, 2: 1.6, 3: 2.4, 4: 3.6, 5: 5.0}
_UNCOVERED_RED = "#d62728"
_HERO_GOLD = "#f2b705"

_READABLE_ROLE = {
    "strategy_owner": "strategy owner", "account_executive": "account executive", "sales_engineer": "sales engineer",
    "executive_sponsor": "executive sponsor", "customer_success": "customer success", "sales_manager": "sales manager",
    "economic_buyer": "economic buyer", "decision_maker": "decision maker", "technical_buyer": "technical buyer",
    "user_buyer": "user buyer", "unknown": "role unknown",
}
_REASON = {"no_connection": "nobody on our team reaches them", "stale": "our contacts have gone stale",
           "weak": "only weak connections", "sole_key_contact": "only thread to several key people",
           "majority_of_connections": "holds most of the account's relationships"}


_LINK_REASON = {"weak": "weak", "stale": "stale", "single_thread": "only thread to a key person",
                "healthy": "healthy"}


def readable(value: str) -> str:
    """A role, or why a person is uncovered or a hero, in words (``economic_buyer`` → ``economic buyer``)."""
    return _READABLE_ROLE.get(value) or _REASON.get(value) or value.replace("_", " ")


def readable_link(reason: str) -> str:
    """Why a connection is a weak link, in words (``single_thread`` → ``only thread to a key person``)."""
    return _LINK_REASON.get(reason, reason.replace("_", " "))


@dataclass(frozen=True)
class _Edges:
    a: np.ndarray
    b: np.ndarray
    cls: np.ndarray
    strength: np.ndarray


def account_people(amap: AccountMap, findings: Findings, account_id: str) -> tuple[pd.DataFrame, _Edges]:
    """The people of one account's map with what the figure shows of them, and its classified edges.

    Columns: person_id, name, side, role (a member's team role where set), title, influence, reports_to,
    on_team, quarterback, key, uncovered (the reason, "" if covered), hero (reasons, "" if none),
    single_thread (the member holding a key person's only thread), group (a `NODE_GROUPS` name),
    connections (how many connection points), partners (names of the people they are connected to).
    """
    part = amap.subset([account_id])
    found: AccountFindings = findings.account(account_id)
    owner = amap.account(account_id).strategy_owner
    people = part.people.copy()
    team_role = dict(zip(part.team["person_id"], part.team["team_role"]))
    supplier = people["side"].to_numpy() == "supplier"
    ids = people["person_id"].to_numpy(dtype=object)
    role = people["role"].to_numpy(dtype=object).copy()
    for i in np.flatnonzero(supplier):
        role[i] = team_role.get(ids[i]) or role[i]
    people["role"] = role
    people["on_team"] = [pid in team_role for pid in ids]
    people["quarterback"] = ids == owner
    people["key"] = (~supplier) & (people["role"].isin(KEY_ROLES).to_numpy()
                                   | (people["influence"].to_numpy() >= findings.settings.key_min_influence))
    uncovered = {u.person_id: u.reason for u in found.uncovered}
    heroes = {h.person_id: ", ".join(readable(r) for r in h.reasons) for h in found.heroes}
    single = {s.person_id: s.supplier_name for s in found.single_threaded}
    people["uncovered"] = [uncovered.get(pid, "") for pid in ids]
    people["hero"] = [heroes.get(pid, "") for pid in ids]
    people["single_thread"] = [single.get(pid, "") for pid in ids]
    people["group"] = [_group(s, r, q) for s, r, q in zip(people["side"], people["role"], people["quarterback"])]

    conns = part.connections
    index = pd.Index(ids)
    a = np.asarray(index.get_indexer(conns["from_id"]))
    b = np.asarray(index.get_indexer(conns["to_id"]))
    cls = np.where(supplier[a] & supplier[b], "internal_link",
                   np.where(~supplier[a] & ~supplier[b], "customer_link", "healthy")).astype(object)
    flagged = {frozenset((w.supplier_id, w.customer_id)): w.reason for w in found.weak_links}
    if flagged:
        for i in np.flatnonzero(cls == "healthy"):
            cls[i] = flagged.get(frozenset((ids[a[i]], ids[b[i]])), "healthy")
    strength = conns["strength"].to_numpy(dtype=np.int64)
    # The org chart: reports_to lines where no connection already joins the two.
    boss = np.asarray(index.get_indexer(people["reports_to"]))
    has_boss = np.flatnonzero(boss >= 0)
    joined = set(zip(a.tolist(), b.tolist())) | set(zip(b.tolist(), a.tolist()))
    org = [(i, int(boss[i])) for i in has_boss.tolist() if (i, int(boss[i])) not in joined]
    edges = _Edges(np.concatenate([a, np.array([o[1] for o in org], dtype=np.int64)]),
                   np.concatenate([b, np.array([o[0] for o in org], dtype=np.int64)]),
                   np.concatenate([cls, np.array(["reports_to"] * len(org), dtype=object)]),
                   np.concatenate([strength, np.ones(len(org), dtype=np.int64)]))

    point = (cls != "internal_link") & (cls != "customer_link")
    counts = np.bincount(np.concatenate([a[point], b[point]]), minlength=len(ids))
    people["connections"] = counts
    names = people["name"].to_numpy(dtype=object)
    partners: list[list[str]] = [[] for _ in ids]
    for x, y, c, s in zip(a[point].tolist(), b[point].tolist(), cls[point].tolist(), strength[point].tolist()):
        note = f"{s}/5" + ("" if c == "healthy" else f", {readable_link(c)}")
        partners[x].append(f"{names[y]} ({note})")
        partners[y].append(f"{names[x]} ({note})")
    people["partners"] = partners
    return people.reset_index(drop=True), edges


def _group(side: str, role: str, quarterback: bool) -> str:
    if side == "supplier" and quarterback:
        return NODE_GROUPS[0][0]
    for name, _, group_side, roles in NODE_GROUPS[1:]:
        if group_side == side and role in roles:
            return name
    return "Member, role not set" if side == "supplier" else "Role unknown"


def _hover(row: dict) -> str:
    side = "Our team" if row["side"] == "supplier" else "Their side"
    lines = [f"<b>{row['name']}</b>", row["title"] or "", f"{side}: {readable(row['role'] or 'unknown')}"]
    if row["side"] == "customer":
        lines[-1] += f" · influence {row['influence']}/5" + (" · key" if row["key"] else "")
    elif not row["on_team"]:
        lines.append("not on this account's team")
    shown = row["partners"][:6]
    more = len(row["partners"]) - len(shown)
    lines.append(f"Connections ({len(row['partners'])}): " + ("; ".join(shown) if shown else "none")
                 + (f"; +{more} more" if more > 0 else ""))
    if row["uncovered"]:
        lines.append(f"<b>⚠ Uncovered</b>: {readable(row['uncovered'])}")
    if row["single_thread"]:
        lines.append(f"⚠ Single thread: only {row['single_thread']} reaches them")
    if row["hero"]:
        lines.append(f"<b>★ Hero</b>: {row['hero']}")
    return "<br>".join(line for line in lines if line)


def account_map_figure(amap: AccountMap, findings: Findings, account_id: str, layout: Layout = "team",
                       selected: str | None = None, highlight: Iterable[str] = (),
                       highlight_label: str = "Highlighted", title: str | None = None) -> go.Figure:
    """One account's team map: who on our team reaches whom on theirs, and what is at risk.

    Parameters
    ----------
    amap, findings
        The map and its findings (the figure marks what the findings say; it computes none itself).
    account_id
        The account to draw.
    layout
        ``"team"``: our team on the left, their org chart on the right; ``"force"``: force-directed.
    selected
        A person_id to ring (the person whose details are shown beside the map).
    highlight, highlight_label
        People to mark with a legend entry of their own (the what-if's stakeholders who would be lost).
    title
        The figure's title (default: the account's name and the layout's reading hint).

    Node ``customdata`` holds each person's id, so a selection event names the people selected.

    Examples
    --------
    >>> import graphmap, tempfile
    >>> amap = graphmap.read_map(graphmap.write_sample_map(tempfile.mkdtemp() + "/s"))
    >>> found = graphmap.analyze(amap, as_of=graphmap.SAMPLE_AS_OF)
    >>> fig = account_map_figure(amap, found, "acc-vela")
    >>> [t.name for t in fig.data if t.name.startswith("Uncovered")]
    ['Uncovered stakeholder (red ring)']
    """
    people, edges = account_people(amap, findings, account_id)
    n = len(people)
    # Traces are built as plain dicts of numpy arrays and validated once by go.Figure: several times faster
    # than one graph object per trace.
    kind = "scattergl" if n >= WEBGL_MIN_NODES else "scatter"

    def scatter(**props) -> dict:
        return dict(type=kind, **props)

    ids = people["person_id"].to_numpy(dtype=object)
    supplier = people["side"].to_numpy() == "supplier"
    if layout == "team":
        member_order = people[supplier].sort_values(["quarterback", "on_team", "connections"], ascending=False)
        customers = people[~supplier].sort_values(["influence", "name"], ascending=[False, True])
        point = (edges.cls != "internal_link") & (edges.cls != "customer_link") & (edges.cls != "reports_to")
        pairs = [(ids[x], ids[y]) if supplier[x] else (ids[y], ids[x])
                 for x, y in zip(edges.a[point].tolist(), edges.b[point].tolist())]
        pos = team_to_team_layout(member_order["person_id"].tolist(), customers["person_id"].tolist(),
                                  dict(zip(people["person_id"], people["reports_to"])), pairs)
    elif layout == "force":
        pos = force_layout(account_graph(amap, account_id))
    else:
        raise ValueError(f"layout {layout!r}: accepted: 'team', 'force'")
    xy = np.array([pos[p] for p in ids], dtype=float).reshape(n, 2)
    x, y = xy[:, 0], xy[:, 1]

    data: list[dict] = []
    for key, name, colour, dash in EDGE_CLASSES:
        rows = np.flatnonzero(edges.cls == key)
        if not len(rows):
            continue
        widths = [None] if key not in ("healthy", "single_thread") else sorted(set(edges.strength[rows].tolist()))
        for i, width in enumerate(widths):
            chosen = rows if width is None else rows[edges.strength[rows] == width]
            ex, ey = _edge_lines(x, y, edges.a[chosen], edges.b[chosen], key, layout)
            line_width = 1.2 if width is None else _WIDTH.get(width, 2.0) + (1.0 if key == "single_thread" else 0)
            data.append(scatter(x=ex, y=ey, mode="lines", name=name, legendgroup=key, showlegend=i == 0,
                                  line=dict(color=colour, width=line_width, dash=dash), hoverinfo="skip",
                                  opacity=1.0 if n <= LABEL_ALL_MAX else 0.45))

    size = np.where(supplier, 16 + 2 * np.minimum(people["connections"].to_numpy(), 8),
                    8 + 5 * people["influence"].to_numpy(dtype=float))
    hero = people["hero"].to_numpy() != ""
    uncovered = people["uncovered"].to_numpy() != ""
    if hero.any():
        data.append(scatter(x=x[hero], y=y[hero], mode="markers", name="Hero: carries too much alone (gold star)",
                              marker=dict(symbol="star", size=size[hero] + 22, color=_HERO_GOLD,
                                          line=dict(color="#8a6500", width=1)), hoverinfo="skip"))
    labels = _labels(people, x, y, _height(n, int(supplier.sum())), bold=kind == "scatter",
                     side_columns=layout == "team")
    hover_columns = ["name", "title", "side", "role", "influence", "key", "on_team", "partners", "uncovered",
                     "single_thread", "hero"]
    hover = np.array([_hover(dict(zip(hover_columns, values)))
                      for values in zip(*(people[c].to_numpy(dtype=object) for c in hover_columns))], dtype=object)
    on_left = x <= (MEMBER_X + CUSTOMER_X) / 2 if layout == "team" else np.zeros(n, dtype=bool)
    for name, colour, side, _ in NODE_GROUPS:
        rows = np.flatnonzero(people["group"].to_numpy() == name)
        if not len(rows):
            continue
        position = [("middle left" if on_left[r] else "middle right") if layout == "team" else "top center"
                    for r in rows]
        data.append(scatter(
            x=x[rows], y=y[rows], mode="markers+text", name=name,
            legendgroup="our" if side == "supplier" else "their",
            legendgrouptitle_text="Our team" if side == "supplier" else "Their buying team (size = influence)",
            marker=dict(size=size[rows], color=colour, opacity=1.0, line=dict(color="white", width=1.5)),
            text=np.array([_pad(labels[r], on_left[r], hero[r] or uncovered[r]) for r in rows], dtype=object),
            textposition=position,
            textfont=dict(size=12, color="#222"),
            customdata=ids[rows], hovertext=hover[rows], hoverinfo="text"))
    if uncovered.any():
        data.append(scatter(x=x[uncovered], y=y[uncovered], mode="markers",
                              name="Uncovered stakeholder (red ring)",
                              marker=dict(symbol="circle-open", size=size[uncovered] + 12, color=_UNCOVERED_RED,
                                          line=dict(width=3.5, color=_UNCOVERED_RED)),
                              customdata=ids[uncovered], hovertext=hover[uncovered],
                              hoverinfo="text"))
    marked = np.isin(ids, list(highlight))
    if marked.any():
        data.append(scatter(x=x[marked], y=y[marked], mode="markers", name=highlight_label,
                              marker=dict(symbol="x-thin-open", size=size[marked] + 6, color="#111",
                                          line=dict(width=3, color="#111")), hoverinfo="skip"))
    if selected is not None and selected in pos:
        sx, sy = pos[selected]
        data.append(scatter(x=[sx], y=[sy], mode="markers", name="Selected",
                              marker=dict(symbol="circle-open", size=float(size[ids == selected][0]) + 26,
                                          color="#00a6a6", line=dict(width=3, color="#00a6a6")),
                              hoverinfo="skip"))
    return go.Figure(data=data, layout=_frame(findings.account(account_id).name, layout, x, y, n,
                                              int(supplier.sum()), title))


def _pad(label: str, left: bool, marked: bool) -> str:
    """Move a label clear of the star or ring drawn around its node."""
    if not label or not marked:
        return label
    pad = "\u00a0" * 4
    return label + pad if left else pad + label


def _labels(people: pd.DataFrame, x: np.ndarray, y: np.ndarray, height: int, bold: bool,
            side_columns: bool) -> list[str]:
    """Each person's label, or "" where a label would pile onto another.

    Up to `LABEL_ALL_MAX` people everyone is labelled. Beyond, candidates go by priority (our members,
    then marked key people, other marked people, other key people; the rest are never labelled) and a
    label is kept only if no label is within about two label heights in its column (a column per side in
    the team layout, an eighth of the width in the force layout), so labels do not pile up, however many
    people there are (at most `LABEL_CAP`).
    """
    n = len(people)
    names = people["name"].tolist()
    key = people["key"].to_numpy()
    if n <= LABEL_ALL_MAX:
        shown = np.ones(n, dtype=bool)
    else:
        marked = (people["uncovered"].to_numpy() != "") | (people["hero"].to_numpy() != "")
        member = people["side"].to_numpy() == "supplier"
        priority = np.where(member, 0, np.where(marked & key, 1, np.where(marked, 2, np.where(key, 3, 9))))
        rows = max(int(height / 12), 1)
        span_y = max(float(np.ptp(y)), 1e-9) if n else 1.0
        if side_columns:
            cell_x = (~member).astype(np.int64)  # one column of labels per side
        else:
            span_x = max(float(np.ptp(x)), 1e-9) if n else 1.0
            cell_x = np.floor((x - x.min()) / span_x * 7.999).astype(np.int64)  # labels ~ an eighth wide
        cell_y = np.floor((y - y.min()) / span_y * (rows - 1e-6)).astype(np.int64)
        taken: set[tuple[int, int]] = set()
        shown = np.zeros(n, dtype=bool)
        count = 0
        for i in np.argsort(priority, kind="stable").tolist():
            if priority[i] == 9 or count >= LABEL_CAP:
                break
            column, row = int(cell_x[i]), int(cell_y[i])
            # A label about two cells high needs its cell and the cells above and below free.
            if not any((column, row + d) in taken for d in (-1, 0, 1)):
                taken.update((column, row + d) for d in (-1, 0, 1))
                shown[i] = True
                count += 1
    # WebGL text is plain: bold only in SVG.
    return [(f"<b>{nm}</b>" if k and bold else nm) if s else "" for nm, k, s in zip(names, key, shown)]


def _edge_lines(x: np.ndarray, y: np.ndarray, a: np.ndarray, b: np.ndarray, key: str,
                layout: str) -> tuple[np.ndarray, np.ndarray]:
    """Every edge of a class as one polyline, edges separated by NaN (drawn as gaps)."""
    if layout == "team" and key == "reports_to":
        # An elbow from the manager down to the report, like an org chart.
        xs = np.stack([x[a] - 0.0, x[a], x[b], np.full(len(a), np.nan)], axis=1)
        ys = np.stack([y[a], y[b], y[b], np.full(len(a), np.nan)], axis=1)
        return xs.ravel(), ys.ravel()
    if layout == "team" and key in ("internal_link", "customer_link"):
        # Links within one side bow outwards so they do not run along the column.
        t = np.linspace(0.0, 1.0, 9)
        bulge = -0.25 if key == "internal_link" else 0.25
        mx = (x[a] + x[b]) / 2 + bulge * np.minimum(np.abs(y[a] - y[b]) / 4 + 0.3, 1.0)
        my = (y[a] + y[b]) / 2
        # A quadratic Bezier curve per edge, sampled at 9 points: (1-t)^2 A + 2(1-t)t M + t^2 B.
        wa, wm, wb = ((1 - t) ** 2)[None, :], (2 * (1 - t) * t)[None, :], (t ** 2)[None, :]
        xs = wa * x[a, None] + wm * mx[:, None] + wb * x[b, None]
        ys = wa * y[a, None] + wm * my[:, None] + wb * y[b, None]
        gap = np.full((len(a), 1), np.nan)
        return np.hstack([xs, gap]).ravel(), np.hstack([ys, gap]).ravel()
    xs = np.stack([x[a], x[b], np.full(len(a), np.nan)], axis=1)
    ys = np.stack([y[a], y[b], np.full(len(a), np.nan)], axis=1)
    return xs.ravel(), ys.ravel()


def _height(n: int, members: int) -> int:
    """The figure's height in pixels: a row per person, tall enough for the legend, at most 2,400."""
    rows = max(n - members, members, 1)
    return int(min(max(640, 46 * rows + 200), 2400))


def _frame(account_name: str, layout: str, x: np.ndarray, y: np.ndarray, n: int, members: int,
           title: str | None) -> dict:
    """The figure's layout: title, size, legend, hidden axes; for the team layout the two column heads."""
    height = _height(n, members)
    hint = "our team on the left, their organisation on the right" if layout == "team" else "force-directed"
    frame: dict = dict(
        title=dict(text=title or f"<b>{account_name}</b> — who on our team reaches whom on theirs "
                                 f"<span style='font-size:13px;color:#666'>({hint})</span>", x=0.01),
        height=height, margin=dict(l=10, r=10, t=70, b=10), plot_bgcolor="white", paper_bgcolor="white",
        hovermode="closest", dragmode="pan", clickmode="event+select",
        legend=dict(orientation="v", x=1.01, y=1, xanchor="left", groupclick="toggleitem", font=dict(size=12),
                    itemsizing="constant", tracegroupgap=8),
        hoverlabel=dict(bgcolor="white", font_size=13, align="left"),
        xaxis=dict(visible=False), yaxis=dict(visible=False),
    )
    if layout == "team" and n:
        right = float(np.nanmax(x)) if len(x) else CUSTOMER_X
        frame["xaxis"]["range"] = [MEMBER_X - 0.75, max(right, CUSTOMER_X + INDENT) + 0.8]
        frame["yaxis"]["range"] = [float(np.nanmin(y)) - 0.8, 1.2]
        frame["annotations"] = [
            dict(x=MEMBER_X, y=0.85, text="<b>OUR TEAM</b>", showarrow=False, xanchor="right",
                 font=dict(size=14, color="#1f5fa8")),
            dict(x=CUSTOMER_X, y=0.85, text="<b>THEIR ORGANISATION</b>", showarrow=False, xanchor="left",
                 font=dict(size=14, color="#a4460f")),
        ]
    return frame


def portfolio_risk_figure(findings: Findings, limit: int | None = 25) -> go.Figure:
    """Accounts by risk (riskiest on top): key and weighted coverage as bars, alignment as a marker.

    Only the `limit` riskiest accounts are drawn (all of them with None): a chart of hundreds of bars
    tells nothing the table does not.

    >>> import graphmap, tempfile
    >>> amap = graphmap.read_map(graphmap.write_sample_map(tempfile.mkdtemp() + "/s"))
    >>> fig = portfolio_risk_figure(graphmap.analyze(amap, as_of=graphmap.SAMPLE_AS_OF))
    >>> [t.name for t in fig.data]
    ['Key stakeholders covered', 'All stakeholders covered (by influence)', 'Alignment checks passed']
    """
    risks = list(findings.portfolio.accounts_by_risk)[:limit][::-1]
    shown = "" if limit is None or len(findings.portfolio.accounts_by_risk) <= limit else f", the {limit} riskiest"
    names = [r.name for r in risks]
    scatter = go.Scattergl if len(risks) >= WEBGL_MIN_NODES else go.Scatter
    fig = go.Figure([
        go.Bar(y=names, x=[r.coverage_key or 0 for r in risks], orientation="h", name="Key stakeholders covered",
               marker_color="#a4460f", text=[_pct(r.coverage_key) for r in risks], textposition="outside"),
        go.Bar(y=names, x=[r.coverage_weighted or 0 for r in risks], orientation="h",
               name="All stakeholders covered (by influence)", marker_color="#4f7fbf",
               text=[_pct(r.coverage_weighted) for r in risks], textposition="outside"),
        scatter(y=names, x=[r.alignment_score for r in risks], mode="markers", name="Alignment checks passed",
                marker=dict(symbol="diamond", size=13, color="#2e8b57", line=dict(color="white", width=1))),
    ])
    fig.update_layout(barmode="group", height=int(min(max(300, 70 * len(risks) + 120), 3000)),
                      title=dict(text=f"<b>Accounts by risk</b> (riskiest at the top{shown})", x=0.01),
                      xaxis=dict(range=[0, 1.12], tickformat=".0%", title="share"), plot_bgcolor="white",
                      margin=dict(l=10, r=10, t=60, b=40), legend=dict(orientation="h", y=-0.15))
    fig.update_xaxes(gridcolor="#eee")
    fig.update_yaxes(automargin=True)
    return fig


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"
