"""The per-account networkx graph: people as nodes, connections as edges.

Used where graph algorithms pay off on one account's small map (the app's layouts, warm paths);
the portfolio-wide findings work on columns instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from graphmap.model.accountmap import AccountMap

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["account_graph", "edge_kind"]


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


def account_graph(amap: AccountMap, account_id: str) -> nx.Graph:
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
    # Imported here: every command loads the model, few need graphs, and networkx takes 0.1 s to import.
    import networkx as nx

    part = amap.subset([account_id])
    team = part.team.set_index("person_id")
    graph = nx.Graph(account_id=account_id)
    for row in part.people.to_dict("records"):
        on_team = row["person_id"] in team.index
        graph.add_node(row["person_id"], **row, on_team=on_team,
                       team_role=team.at[row["person_id"], "team_role"] if on_team else "")
    for row in part.connections.to_dict("records"):
        last = row["last_contact"]
        graph.add_edge(row["from_id"], row["to_id"], strength=int(row["strength"]),
                       last_contact=None if pd.isna(last) else last.date(), notes=row["notes"],
                       kind=edge_kind(graph.nodes[row["from_id"]]["side"], graph.nodes[row["to_id"]]["side"]))
    for node, data in list(graph.nodes(data=True)):
        boss = data.get("reports_to")
        if boss and boss in graph and not graph.has_edge(node, boss):
            graph.add_edge(node, boss, kind="reports_to", strength=0, last_contact=None, notes="")
    return graph
