"""Warm paths: introductions from our team members to the key stakeholders the team does not reach well.

A warm path runs from a team member, through people joined by *usable* links, to a target
stakeholder. A link is usable when it is:

- a connection point (supplier–stakeholder) or an internal link (supplier–supplier) or a customer link
  (stakeholder–stakeholder) that is healthy: strength above ``weak_max_strength`` and a last contact
  within ``stale_days`` of the as-of date (or of unknown date), exactly as DESIGN.md §4 judges connection
  points;
- a ``reports_to`` edge of the customer's org chart, counted at strength `ORG_CHART_STRENGTH`.

**Path strength** is the product of the links' strengths, each divided by 5 (so 0 to 1): an introduction
chain holds only as well as every link in it, and each extra hop costs something. Among the paths of at
most ``max_hops`` links, each member's *strongest* path is kept (fewer hops wins a tie); the members'
paths are ranked strongest first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import networkx as nx

from graphmap.analysis.findings import AccountFindings
from graphmap.exceptions import SettingsError, UnknownPersonError
from graphmap.model.accountmap import AccountMap
from graphmap.model.graph import account_graph
from graphmap.settings import DEFAULT_SETTINGS, Settings

__all__ = [
    "AccountPaths", "ORG_CHART_STRENGTH", "PathStep", "TargetPaths", "WarmPath", "account_paths", "graph_paths",
    "strongest_paths", "warm_graph",
]

#: The strength (1-5) given to a ``reports_to`` edge of the customer's org chart: a colleague's
#: introduction to their own manager or report is a medium-strength tie.
ORG_CHART_STRENGTH = 3

#: Paths longer than this many links are not proposed (an introduction of an introduction of an ...).
DEFAULT_MAX_HOPS = 3


@dataclass(frozen=True, slots=True)
class PathStep:
    """One person on a warm path, with the link that reaches them from the previous person."""

    person_id: str
    name: str
    side: str
    """``supplier`` or ``customer``."""
    link: str
    """The kind of link into this person: ``connection_point``, ``internal_link``, ``customer_link`` or
    ``reports_to``."""
    strength: int
    """That link's strength, 1-5 (``reports_to`` counts as `ORG_CHART_STRENGTH`)."""


@dataclass(frozen=True, slots=True)
class WarmPath:
    """The strongest introduction path from one team member to one stakeholder."""

    member_id: str
    member_name: str
    target_id: str
    target_name: str
    steps: tuple[PathStep, ...]
    """Everyone after the member, in order; the last step is the target."""
    hops: int
    """Number of links (the length of `steps`)."""
    strength: float
    """Product of the links' strengths divided by 5 (0 to 1, higher is warmer), rounded to 4 places."""

    @property
    def via(self) -> tuple[str, ...]:
        """The names of the people between the member and the target."""
        return tuple(step.name for step in self.steps[:-1])

    def describe(self) -> str:
        """The path in words: ``Marcus Chen → Olivia Grant → Raj Malhotra (0.48)``."""
        names = [self.member_name] + [step.name for step in self.steps]
        return " → ".join(names) + f" ({self.strength:.2f})"


@dataclass(frozen=True, slots=True)
class TargetPaths:
    """A stakeholder to reach, and the team members' warm paths to them, strongest first."""

    person_id: str
    name: str
    role: str
    influence: int
    gap: str
    """``uncovered`` (a key stakeholder with no healthy connection point), ``single_thread`` (a key
    stakeholder reached by one member only), or ``none`` (asked for by name, not a gap)."""
    holder_id: str
    """For a single thread, the member who holds it; "" otherwise."""
    holder_name: str
    paths: tuple[WarmPath, ...]
    """One per team member who has a path (members who already reach the target are left out)."""


@dataclass(frozen=True, slots=True)
class AccountPaths:
    """Warm paths to the gaps of one account."""

    account_id: str
    name: str
    as_of: dt.date
    max_hops: int
    targets: tuple[TargetPaths, ...]


def _healthy(strength: int, last: dt.date | None, as_of: dt.date, settings: Settings) -> bool:
    return strength > settings.weak_max_strength and (last is None or (as_of - last).days <= settings.stale_days)


def warm_graph(graph: nx.Graph, settings: Settings, as_of: dt.date) -> nx.Graph:
    """The usable links of an account graph (`graphmap.model.account_graph`), each with its ``strength``.

    Examples
    --------
    >>> import datetime, graphmap, tempfile
    >>> amap = graphmap.read_map(graphmap.write_sample_map(tempfile.mkdtemp() + "/s"))
    >>> warm = warm_graph(account_graph(amap, "acc-cobalt"), DEFAULT_SETTINGS, datetime.date(2026, 11, 27))
    >>> warm.has_edge("s03", "cm1")  # strength 2: weak, not usable
    False
    >>> warm["cm3"]["cm2"]["kind"], warm["cm3"]["cm2"]["strength"]
    ('reports_to', 3)
    """
    warm = nx.Graph()
    warm.add_nodes_from(graph.nodes(data=True))
    for a, b, data in graph.edges(data=True):
        if data["kind"] == "reports_to":
            warm.add_edge(a, b, kind="reports_to", strength=ORG_CHART_STRENGTH)
        elif _healthy(data["strength"], data["last_contact"], as_of, settings):
            warm.add_edge(a, b, kind=data["kind"], strength=data["strength"])
    return warm


def strongest_paths(warm: nx.Graph, target: str,
                    max_hops: int = DEFAULT_MAX_HOPS) -> dict[str, tuple[float, tuple[str, ...]]]:
    """For every person, the strongest simple path of at most `max_hops` links to `target`.

    Returns ``{person_id: (strength, (person_id, ..., target))}``; people with no such path are absent.
    A hop-bounded dynamic programme over the links (each strength is at most 1, so a walk that repeats a
    person is never stronger than the simple path inside it); a tie keeps the path with fewer links.

    Examples
    --------
    >>> g = nx.Graph()
    >>> g.add_edge("m", "a", strength=5); g.add_edge("a", "t", strength=2); g.add_edge("m", "b", strength=4)
    >>> g.add_edge("b", "c", strength=4); g.add_edge("c", "t", strength=4)
    >>> strength, path = strongest_paths(g, "t")["m"]
    >>> round(strength, 3), path
    (0.512, ('m', 'b', 'c', 't'))
    >>> "m" in strongest_paths(g, "t", max_hops=2)  # only m-a-t (0.4) remains within two links
    True
    """
    if target not in warm:
        return {}
    best: dict[str, tuple[float, tuple[str, ...]]] = {target: (1.0, (target,))}
    nodes = sorted(warm.nodes)
    for _ in range(max_hops):
        layer = dict(best)
        for v in nodes:
            for u in sorted(warm.adj[v]):
                if u not in best or v in best[u][1]:
                    continue
                strength = warm.adj[v][u]["strength"] / 5 * best[u][0]
                current = layer.get(v)
                if current is None or strength > current[0] + 1e-12:
                    layer[v] = (strength, (v,) + best[u][1])
        best = layer
    del best[target]
    return best


def _target_paths(warm: nx.Graph, members: list[str], target: str, gap: str, holder: str,
                  max_hops: int) -> TargetPaths:
    node = warm.nodes[target]
    found = strongest_paths(warm, target, max_hops)
    paths = []
    for member in members:
        if member not in found or warm.has_edge(member, target):
            continue  # no path, or the member already reaches the target directly
        strength, people = found[member]
        steps = tuple(PathStep(p, warm.nodes[p]["name"], warm.nodes[p]["side"], warm.adj[prev][p]["kind"],
                               int(warm.adj[prev][p]["strength"]))
                      for prev, p in zip(people, people[1:]))
        paths.append(WarmPath(member, warm.nodes[member]["name"], target, node["name"], steps, len(steps),
                              round(strength, 4)))
    paths.sort(key=lambda p: (-p.strength, p.hops, p.member_name))
    holder_name = warm.nodes[holder]["name"] if holder else ""
    return TargetPaths(target, node["name"], node["role"], int(node["influence"]), gap, holder, holder_name,
                       tuple(paths))


def account_paths(amap: AccountMap, found: AccountFindings, settings: Settings = DEFAULT_SETTINGS,
                  as_of: dt.date | None = None, to: str | None = None,
                  max_hops: int = DEFAULT_MAX_HOPS) -> AccountPaths:
    """Warm paths from an account's team members to its gaps (or to one stakeholder).

    Parameters
    ----------
    amap
        The map.
    found
        The account's findings (from `graphmap.analyze` with the same settings and date); its uncovered
        key stakeholders and single threads are the targets.
    settings, as_of
        What makes a link healthy; `as_of` defaults to today.
    to
        One stakeholder of the account to find paths to instead of the gaps (raises `UnknownPersonError`
        when the account has no such stakeholder).
    max_hops
        The longest path proposed, in links (1 to 6).

    Examples
    --------
    >>> import datetime, graphmap, tempfile
    >>> amap = graphmap.read_map(graphmap.write_sample_map(tempfile.mkdtemp() + "/s"))
    >>> day = datetime.date(2026, 11, 27)
    >>> found = graphmap.analyze(amap, as_of=day).account("acc-cobalt")
    >>> raj = account_paths(amap, found, as_of=day).targets[1]
    >>> raj.name, raj.gap, raj.paths[0].describe()
    ('Raj Malhotra', 'single_thread', 'Marcus Chen → Dana Reyes → Raj Malhotra (1.00)')
    """
    return graph_paths(account_graph(amap, found.account_id), found, settings, as_of or dt.date.today(), to,
                       max_hops)


def graph_paths(graph: nx.Graph, found: AccountFindings, settings: Settings, as_of: dt.date, to: str | None = None,
                max_hops: int = DEFAULT_MAX_HOPS) -> AccountPaths:
    """`account_paths` on the account's graph when it is already built (`graphmap.model.account_graphs`)."""
    if not 1 <= max_hops <= 6:
        raise SettingsError(f"max_hops: {max_hops!r} is out of range; accepted: 1 to 6")
    warm = warm_graph(graph, settings, as_of)
    members = sorted(n for n, d in graph.nodes(data=True) if d["on_team"])
    holders = {s.person_id: s.supplier_id for s in found.single_threaded}
    if to is not None:
        person = graph.nodes[to] if to in graph else {}
        if person.get("side") != "customer" or person.get("account_id") != found.account_id:
            raise UnknownPersonError(f"person {to!r} is not a stakeholder of account {found.account_id!r}")
        uncovered = {u.person_id for u in found.uncovered if u.key}
        gap = "uncovered" if to in uncovered else "single_thread" if to in holders else "none"
        wanted = [(to, gap, holders.get(to, ""))]
    else:
        wanted = [(u.person_id, "uncovered", "") for u in found.uncovered if u.key]
        wanted += [(s.person_id, "single_thread", s.supplier_id) for s in found.single_threaded]
    targets = tuple(_target_paths(warm, members, t, gap, holder, max_hops) for t, gap, holder in wanted)
    return AccountPaths(found.account_id, found.name, as_of, max_hops, targets)
