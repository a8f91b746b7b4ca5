"""Where each person of an account map sits: the team-to-team layout and a force-directed one.

Both return ``{person_id: (x, y)}``. The team-to-team layout puts our members in a column on the left and
the customer's people on the right as an indented org chart (``reports_to``, top to bottom), so that a
reader's eye goes across the gap from each of us to each of them; members are ordered to sit level with
the people they reach, which keeps lines short and crossings few.
"""

from __future__ import annotations

import math
from typing import Iterable, Mapping, Sequence

import networkx as nx

__all__ = ["team_to_team_layout", "force_layout", "org_chart_order", "MEMBER_X", "CUSTOMER_X", "INDENT",
           "FORCE_MAX_NODES"]

#: The x of our members' column and of the customer's org chart roots; each level of the chart is indented.
MEMBER_X = 0.0
CUSTOMER_X = 1.0
INDENT = 0.09
#: A force layout works out the forces for at most this many people (networkx's dense solver stays below 500).
FORCE_MAX_NODES = 400


def org_chart_order(stakeholders: Sequence[str], reports_to: Mapping[str, str]) -> list[tuple[str, int]]:
    """The stakeholders in org-chart reading order, each with its depth (0 for a top person).

    A depth-first walk from the people whose manager is not among `stakeholders`, children in the
    order given; a loop in ``reports_to`` cannot hide anyone (people left unvisited come last, at depth 0).

    >>> org_chart_order(["ceo", "cfo", "analyst"], {"cfo": "ceo", "analyst": "cfo"})
    [('ceo', 0), ('cfo', 1), ('analyst', 2)]
    """
    present = set(stakeholders)
    children: dict[str, list[str]] = {}
    roots = []
    for person in stakeholders:
        boss = reports_to.get(person, "")
        if boss and boss in present and boss != person:
            children.setdefault(boss, []).append(person)
        else:
            roots.append(person)
    out: list[tuple[str, int]] = []
    seen: set[str] = set()
    for root in list(roots) + list(stakeholders):
        if root in seen:
            continue
        stack = [(root, 0)]
        while stack:
            person, depth = stack.pop()
            if person in seen:
                continue
            seen.add(person)
            out.append((person, depth))
            stack.extend((child, depth + 1) for child in reversed(children.get(person, [])))
    return out


def team_to_team_layout(members: Sequence[str], stakeholders: Sequence[str], reports_to: Mapping[str, str],
                        connections: Iterable[tuple[str, str]]) -> dict[str, tuple[float, float]]:
    """Our members on the left, the customer's org chart on the right, one row per person.

    Parameters
    ----------
    members
        Our members' ids, in the order to use when nothing else decides (the quarterback first, say).
    stakeholders
        The customer's people, in the order of siblings within the org chart.
    reports_to
        Each stakeholder's manager (absent or "" for none).
    connections
        (member, stakeholder) pairs; each member is placed level with the average row of the people they
        reach (members who reach nobody go to the bottom).

    Examples
    --------
    >>> pos = team_to_team_layout(["m1", "m2"], ["boss", "report"], {"report": "boss"},
    ...                           [("m1", "report"), ("m2", "boss")])
    >>> pos["boss"], pos["report"]
    ((1.0, 0.0), (1.09, -1.0))
    >>> pos["m2"][1] > pos["m1"][1]  # m2 reaches the boss, so sits higher
    True
    """
    pos: dict[str, tuple[float, float]] = {}
    for row, (person, depth) in enumerate(org_chart_order(stakeholders, reports_to)):
        pos[person] = (CUSTOMER_X + INDENT * depth, float(-row))
    rows: dict[str, list[float]] = {}
    for member, person in connections:
        if person in pos:
            rows.setdefault(member, []).append(pos[person][1])
    bottom = -float(len(stakeholders))
    rank = {m: i for i, m in enumerate(members)}
    ordered = sorted(members, key=lambda m: (-(sum(rows[m]) / len(rows[m])) if m in rows else -bottom + 1, rank[m]))
    span = max(len(stakeholders) - 1, len(members) - 1, 0)
    step = span / (len(members) - 1) if len(members) > 1 else 0.0
    top = 0.0 if len(members) > 1 else -span / 2
    for i, member in enumerate(ordered):
        pos[member] = (MEMBER_X, top - i * step)
    return pos


def force_layout(graph: nx.Graph, seed: int = 7, max_nodes: int = FORCE_MAX_NODES) -> dict[str, tuple[float, float]]:
    """A force-directed layout (networkx ``spring_layout``, fixed seed so that reruns agree).

    Stronger connections pull harder (edge weight = strength; org-chart edges count as 1). On a graph of
    more than `max_nodes` people the forces are worked out for the best-connected `max_nodes` (our members
    and the people they reach come first, as the hubs) and everyone else is placed in a small spiral
    around a neighbour already placed: a full force layout grows with the square of the people and would
    take minutes on thousands.

    >>> g = nx.path_graph(["a", "b", "c"])
    >>> force_layout(g) == force_layout(g)
    True
    >>> big = nx.star_graph(600)
    >>> len(force_layout(big, max_nodes=50)) == big.number_of_nodes()
    True
    """
    if graph.number_of_nodes() == 0:
        return {}
    weighted = nx.Graph()
    weighted.add_nodes_from(graph.nodes)
    weighted.add_weighted_edges_from((a, b, max(int(d.get("strength") or 1), 1)) for a, b, d in graph.edges(data=True))
    order = list(weighted.nodes)
    if len(order) > max_nodes:
        rank = {node: i for i, node in enumerate(order)}
        core = sorted(order, key=lambda node: (-weighted.degree(node), rank[node]))[:max_nodes]
    else:
        core = order
    raw = nx.spring_layout(weighted.subgraph(core), seed=seed, weight="weight", iterations=50)
    pos = {node: (float(x), float(y)) for node, (x, y) in raw.items()}
    if len(pos) < len(order):
        _place_around_neighbours(weighted, pos, order)
    return pos


def _place_around_neighbours(graph: nx.Graph, pos: dict[str, tuple[float, float]], order: list[str]) -> None:
    """Place every node without a position on a small spiral around its first placed neighbour (breadth first)."""
    golden = math.pi * (3 - math.sqrt(5))
    around: dict[str, int] = {}
    frontier = [node for node in order if node in pos]
    while frontier:
        following = []
        for node in frontier:
            for other in graph.neighbors(node):
                if other in pos:
                    continue
                k = around.get(node, 0) + 1
                around[node] = k
                radius = 0.03 * math.sqrt(k)
                x, y = pos[node]
                pos[other] = (x + radius * math.cos(k * golden), y + radius * math.sin(k * golden))
                following.append(other)
        frontier = following
    # People connected to nobody placed: a row beneath the map.
    loose = [node for node in order if node not in pos]
    low = min((y for _, y in pos.values()), default=0.0) - 0.2
    for i, node in enumerate(loose):
        pos[node] = (-1.0 + 2.0 * (i + 0.5) / len(loose), low)
