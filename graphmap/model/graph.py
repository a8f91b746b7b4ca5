"""The per-account networkx graph: people as nodes, connections as edges.

Used where graph algorithms pay off on one account's small map (the app's layouts, warm paths, the
plan); the portfolio-wide findings work on columns instead. `account_graphs` builds every account's
graph in one pass over the map (cutting accounts one by one would scan the map once per account);
networkx is imported where a graph is built, since most commands never need one.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Iterable

import pandas as pd

from graphmap.model.accountmap import AccountMap

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["account_graph", "account_graphs", "edge_kind"]


def edge_kind(side_a: str, side_b: str) -> str:
    """The kind of a connection from its two people's sides.

    >>> edge_kind("supplier", "customer")
    'connection_point'
    >>> edge_kind("customer", "customer")
    'customer_link'
    """
    sides = {side_a, side_b}
    if sides == {"supplier", "customer"}:
        return "connection_point"
    return "internal_link" if sides == {"supplier"} else "customer_link"


def account_graph(amap: AccountMap, account_id: str) -> "nx.Graph":
    """One account's map as an undirected graph.

    Nodes are the account's stakeholders and the supplier members on its team or connected to its
    stakeholders, with every people.csv column as attributes plus ``on_team`` and ``team_role``.
    Edges carry ``strength``, ``last_contact`` (a `datetime.date` or None), ``notes`` and ``kind``
    (`edge_kind`); ``reports_to`` edges of the org chart are added as kind ``reports_to`` where no
    connection already joins the two.

    Examples
    --------
    >>> import graphmap, tempfile
    >>> amap = graphmap.read_map(graphmap.write_sample_map(tempfile.mkdtemp() + "/s"))
    >>> g = account_graph(amap, amap.account_ids[0])
    >>> sorted({d["kind"] for _, _, d in g.edges(data=True)})  # doctest: +ELLIPSIS
    ['connection_point', ...]
    """
    return account_graphs(amap, [account_id])[account_id]


def account_graphs(amap: AccountMap, account_ids: Iterable[str] | None = None) -> dict[str, "nx.Graph"]:
    """``{account_id: account_graph(amap, account_id)}`` for each account, computed in one pass.

    Examples
    --------
    >>> import graphmap, tempfile
    >>> amap = graphmap.read_map(graphmap.write_sample_map(tempfile.mkdtemp() + "/s"))
    >>> graphs = account_graphs(amap)
    >>> one = account_graph(amap, "acc-vela")
    >>> list(graphs["acc-vela"].nodes(data=True)) == list(one.nodes(data=True))
    True
    >>> list(graphs["acc-vela"].edges(data=True)) == list(one.edges(data=True))
    True
    """
    wanted = list(dict.fromkeys(amap.account_ids if account_ids is None else account_ids))
    known = set(amap.account_ids)
    for account_id in wanted:
        if account_id not in known:
            amap.account(account_id)  # raises UnknownAccountError naming the known accounts
    people = _records(amap.people)
    conns = _records(amap.connections)
    row_of = {p["person_id"]: i for i, p in enumerate(people)}
    customer_account = [p["account_id"] if p["side"] == "customer" else "" for p in people]

    customers: dict[str, list[int]] = defaultdict(list)
    for i, acc in enumerate(customer_account):
        if acc:
            customers[acc].append(i)
    team_of: dict[str, dict[int, str]] = defaultdict(dict)
    for acc, person, role in zip(amap.team["account_id"], amap.team["person_id"], amap.team["team_role"]):
        team_of[acc][row_of[person]] = role
    ends = [(row_of[c["from_id"]], row_of[c["to_id"]]) for c in conns]
    touching: dict[str, list[int]] = defaultdict(list)
    by_person: dict[int, list[int]] = defaultdict(list)    # every row, by either end
    internal: dict[int, list[int]] = defaultdict(list)     # supplier-supplier rows, by either end
    for r, (x, y) in enumerate(ends):
        acc_x, acc_y = customer_account[x], customer_account[y]
        if acc_x:
            touching[acc_x].append(r)
        if acc_y and acc_y != acc_x:
            touching[acc_y].append(r)
        if not acc_x and not acc_y:
            internal[x].append(r)
            internal[y].append(r)
        by_person[x].append(r)
        by_person[y].append(r)
    owner_of = dict(zip(amap.accounts["account_id"], amap.accounts["strategy_owner"]))

    out = {}
    for acc in wanted:
        # The people and connections `AccountMap.subset([acc])` keeps, in the map's order.
        own = set(customers[acc])
        others = set(team_of[acc])
        for r in touching[acc]:
            others.update(ends[r])
        others -= own
        if owner_of[acc] in row_of:
            others.add(row_of[owner_of[acc]])
        kept = own | others
        rows = set(touching[acc])
        for p in others:
            # A supplier's other rows that can join two kept people are internal links; another
            # account's stakeholder (kept through a customer link) may have any kind.
            scan = by_person[p] if customer_account[p] else internal[p]
            rows.update(r for r in scan if ends[r][0] in kept and ends[r][1] in kept)
        kept_ids = {people[p]["person_id"] for p in kept}
        out[acc] = _graph(acc, [people[p] for p in sorted(kept)], [conns[r] for r in sorted(rows)], kept_ids,
                          {people[p]["person_id"]: role for p, role in team_of[acc].items()})
    return out


def _records(frame: pd.DataFrame) -> list[dict]:
    # Column lists hold plain Python values, as `DataFrame.to_dict("records")` gives, at a fraction of its cost.
    columns = list(frame.columns)
    return [dict(zip(columns, values)) for values in zip(*(frame[c].tolist() for c in columns))]


def _graph(account_id: str, people: list[dict], conns: list[dict], kept: set[str], team: dict[str, str]) -> nx.Graph:
    """One account's graph from its rows (people and connections as `AccountMap.subset` keeps them)."""
    import networkx as nx

    graph = nx.Graph(account_id=account_id)
    for row in people:
        boss = row["reports_to"] if row["reports_to"] in kept else ""
        on_team = row["person_id"] in team
        graph.add_node(row["person_id"], **dict(row, reports_to=boss), on_team=on_team,
                       team_role=team[row["person_id"]] if on_team else "")
    for row in conns:
        last = row["last_contact"]
        graph.add_edge(row["from_id"], row["to_id"], strength=int(row["strength"]),
                       last_contact=None if pd.isna(last) else last.date(), notes=row["notes"],
                       kind=edge_kind(graph.nodes[row["from_id"]]["side"], graph.nodes[row["to_id"]]["side"]))
    for node, data in list(graph.nodes(data=True)):
        boss = data.get("reports_to")
        if boss and boss in graph and not graph.has_edge(node, boss):
            graph.add_edge(node, boss, kind="reports_to", strength=0, last_contact=None, notes="")
    return graph
