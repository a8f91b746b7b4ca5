"""The coverage plan: which team member should build which relationship.

Every *gap* of an account — an uncovered key stakeholder (needs a first healthy thread) or a key
stakeholder held by a single thread (needs a second one, from someone other than the holder) — is offered
to the account's team members whose role fits (DESIGN.md §4: executive sponsor, strategy owner or account
executive to an economic buyer or decision maker; sales engineer or specialist to a technical buyer; any
role to other key stakeholders; the account's strategy owner fits the first two). The assignment is solved
as one min-cost flow over every account planned (`networkx.network_simplex`), so a member on several
teams is never loaded past the capacity and a scarce member goes where only they fit.

The flow network, per unit of flow (one gap)::

    source -> gap -> (account, member, kind) -> (account, member) -> member -> sink
                \\---------------------- left unassigned ---------------------/

Integer costs, all documented in docs/plan.md:

- warmth: ``round(100 * (1 - w))`` where ``w`` is the member's strongest warm path to the stakeholder
  (`graphmap.analysis.paths`) or, if stronger, their own weak or stale connection to revive (strength / 5);
  100 when neither exists (a cold introduction);
- load: the j-th new relationship of a member with ``load`` healthy connection points costs
  ``round(50 * (load + j) / capacity)``, so work spreads to the less loaded;
- heroes: 150 for each new relationship after which the member would be a hero of the account (the only
  healthy thread to ``hero_sole_key_min`` key stakeholders, or more than ``hero_share`` of its healthy
  connection points), so they are avoided wherever another member can take the gap;
- leaving a gap unassigned: 2000 for an uncovered key stakeholder, 1000 for a second thread, plus 10 per
  point of influence; every assignment costs less than this, so a gap is left open only when no fitting
  member has room.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

import networkx as nx
import numpy as np

from graphmap.analysis.arrays import MapArrays
from graphmap.analysis.changes import HEALTHY_STRENGTH, NewConnection
from graphmap.analysis.findings import AccountFindings, Findings
from graphmap.analysis.paths import WarmPath, graph_paths
from graphmap.exceptions import SettingsError, UnknownAccountError
from graphmap.model.accountmap import AccountMap
from graphmap.model.graph import account_graphs
from graphmap.model.roles import KEY_ROLES, ROLE_FIT
from graphmap.settings import Settings

__all__ = ["AccountPlan", "Assignment", "ExistingTie", "Gap", "MemberLoad", "Plan", "Unassigned", "coverage_plan",
           "member_loads"]

WARMTH_COST = 100
LOAD_COST = 50
HERO_COST = 150
SKIP_COST = {"uncovered": 2000, "second_thread": 1000}
SKIP_COST_PER_INFLUENCE = 10

_FIT_WORDS = {"economic_buyer": "an executive sponsor, the strategy owner or an account executive",
              "decision_maker": "an executive sponsor, the strategy owner or an account executive",
              "technical_buyer": "a sales engineer or specialist"}


@dataclass(frozen=True, slots=True)
class Gap:
    """A relationship the account needs."""

    account_id: str
    person_id: str
    name: str
    role: str
    influence: int
    kind: str
    """``uncovered`` (a key stakeholder nobody reaches well) or ``second_thread`` (a key stakeholder reached
    by one member only)."""
    holder_id: str
    """For a second thread, the member holding the single thread; "" otherwise."""
    holder_name: str


@dataclass(frozen=True, slots=True)
class ExistingTie:
    """A member's own connection point to the stakeholder that is not healthy, worth reviving."""

    strength: int
    last_contact: dt.date | None
    state: str
    """``weak`` or ``stale``."""


@dataclass(frozen=True, slots=True)
class Assignment:
    """One gap given to one member, with why."""

    gap: Gap
    member_id: str
    member_name: str
    member_role: str
    """The member's role on this account's team (their own role when the team row names none)."""
    fit: str
    """``fits`` (a fitting role for the stakeholder's buying role) or ``open`` (the buying role asks for no
    particular role)."""
    path: WarmPath | None
    """The member's strongest warm path to the stakeholder, or None."""
    existing: ExistingTie | None
    """The member's own weak or stale connection to the stakeholder, or None."""
    warmth: float
    """The better of the path's strength and the existing tie's strength / 5; 0 for a cold introduction."""
    load_before: int
    """The member's healthy connection points across the map before the plan."""
    load_after: int
    """... and after every assignment of the plan."""
    hero_after: bool
    """Whether the member would be a hero of this account once the plan is carried out."""
    cost: int
    explanation: str


@dataclass(frozen=True, slots=True)
class Unassigned:
    """A gap the plan leaves open, and why."""

    gap: Gap
    reason: str
    """``no_team``, ``no_other_member`` (only the holder is on the team), ``no_fitting_member``,
    ``at_capacity`` (every fitting member was already at capacity) or ``capacity_taken`` (their remaining
    capacity went to gaps that matter more)."""
    detail: str


@dataclass(frozen=True, slots=True)
class MemberLoad:
    """A member's load before and after the plan."""

    person_id: str
    name: str
    load_before: int
    assigned: int
    load_after: int
    capacity: int


@dataclass(frozen=True, slots=True)
class AccountPlan:
    """The plan for one account."""

    account_id: str
    name: str
    assignments: tuple[Assignment, ...]
    unassigned: tuple[Unassigned, ...]


@dataclass(frozen=True, slots=True)
class Plan:
    """Who builds which relationship, across the accounts planned."""

    as_of: dt.date
    capacity: int
    """The most healthy connection points a member may hold after the plan."""
    accounts: tuple[AccountPlan, ...]
    members: tuple[MemberLoad, ...]
    """Every member given an assignment, most loaded after the plan first."""
    total_cost: int
    """The optimal objective of the flow: every assignment's warmth, load and hero costs, and the cost of
    every gap left open (docs/plan.md)."""

    def proposed_connections(self, strength: int = HEALTHY_STRENGTH) -> tuple[NewConnection, ...]:
        """The plan as connection points to add (dated the plan's as-of date), e.g. for `apply_changes`."""
        return tuple(NewConnection(a.member_id, a.gap.person_id, strength, self.as_of)
                     for p in self.accounts for a in p.assignments)


def member_loads(amap: AccountMap, settings: Settings, as_of: dt.date) -> dict[str, int]:
    """Every supplier member's healthy connection points across the whole map."""
    arrays = MapArrays(amap, settings, as_of)
    counts = np.bincount(arrays.cp_supplier[arrays.cp_healthy], minlength=arrays.n_people)
    return {pid: int(n) for pid, n, sup in zip(arrays.person_ids, counts, arrays.is_supplier) if sup}


@dataclass
class _Candidate:
    gap: int
    member: str
    fit: str
    path: WarmPath | None
    existing: ExistingTie | None
    warmth: float
    cost: int


@dataclass
class _AccountState:
    found: AccountFindings
    gaps: list[int]
    members: dict[str, str]           # member -> role on this team
    names: dict[str, str]
    healthy: dict[str, set[str]]      # stakeholder -> members with a healthy connection point
    key: set[str]
    reasons: dict[int, tuple[str, str]]   # gap -> why nobody can take it, when known before solving
    fitting: dict[int, list[str]]         # gap -> the members who could take it


def _member_roles(graph: nx.Graph, owner: str) -> dict[str, str]:
    roles = {}
    for node, data in graph.nodes(data=True):
        if data["on_team"]:
            roles[node] = data["team_role"] or data["role"] or ""
    if owner in roles and not roles[owner]:
        roles[owner] = "strategy_owner"
    return roles


def _fits(buying_role: str, member: str, role: str, owner: str) -> bool:
    # The account's strategy owner fits as a strategy owner whatever their team role says.
    wanted = ROLE_FIT.get(buying_role)
    return wanted is None or role in wanted or (member == owner and "strategy_owner" in wanted)


def _a(words: str) -> str:
    return ("an " if words[:1] in "aeiou" else "a ") + words


def _is_hero(member: str, healthy: dict[str, set[str]], key: set[str], settings: Settings) -> bool:
    points = Counter(m for members in healthy.values() for m in members)
    total = sum(points.values())
    sole_key = sum(1 for s, members in healthy.items() if s in key and members == {member})
    majority = len(points) >= 2 and total > 0 and points[member] / total > settings.hero_share
    return majority or sole_key >= settings.hero_sole_key_min


def coverage_plan(amap: AccountMap, findings: Findings, account_id: str | None = None, capacity: int | None = None,
                  settings: Settings | None = None) -> Plan:
    """Assign every gap to a fitting team member with a min-cost flow; explain each assignment.

    Parameters
    ----------
    amap
        The map the findings were computed from.
    findings
        `graphmap.analyze` of the map; its as-of date and settings are used throughout.
    account_id
        Plan one account (default: every account in the findings, solved together so that a member's
        load across accounts respects the capacity).
    capacity
        The most healthy connection points a member may hold after the plan (default: the settings'
        ``capacity``, 30).
    settings
        Defaults to the findings' settings.

    Examples
    --------
    >>> import datetime, graphmap, tempfile
    >>> amap = graphmap.read_map(graphmap.write_sample_map(tempfile.mkdtemp() + "/s"))
    >>> found = graphmap.analyze(amap, as_of=datetime.date(2026, 11, 27))
    >>> plan = coverage_plan(amap, found, "acc-cobalt")
    >>> [(a.gap.name, a.member_name) for a in plan.accounts[0].assignments]
    [('Helen Brandt', 'Priya Natarajan'), ('Raj Malhotra', 'Priya Natarajan')]
    >>> plan.accounts[0].assignments[0].explanation  # doctest: +NORMALIZE_WHITESPACE
    'Priya Natarajan (executive sponsor) fits an economic buyer; a second thread (besides Dana Reyes);
     warm path Priya Natarajan → Dana Reyes → Helen Brandt (0.64); load 1 → 3 of 30.'
    """
    settings = settings or findings.settings
    capacity = settings.capacity if capacity is None else capacity
    if capacity < 1:
        raise SettingsError(f"capacity: {capacity!r} is out of range; accepted: 1 or more")
    as_of = findings.as_of
    chosen = list(findings.accounts)
    if account_id:
        amap.account(account_id)  # raises UnknownAccountError naming the known accounts
        chosen = [f for f in chosen if f.account_id == account_id]
        if not chosen:
            raise UnknownAccountError(f"account {account_id!r} is not in the findings given; analyze it first")
    loads = member_loads(amap, settings, as_of)

    gaps: list[Gap] = []
    candidates: list[_Candidate] = []
    # Only accounts with gaps need their graph; they are cut from the map in one pass.
    with_gaps = [f.account_id for f in chosen if f.single_threaded or any(u.key for u in f.uncovered)]
    graphs = account_graphs(amap, with_gaps)
    owners = dict(zip(amap.accounts["account_id"], amap.accounts["strategy_owner"]))
    states = [_account_state(graphs.get(found.account_id), owners[found.account_id], found, settings, as_of, gaps,
                             candidates) for found in chosen]
    account_of = {g: state for state in states for g in state.gaps}
    taken_of, total = _solve(gaps, candidates, loads, capacity, account_of, settings)
    assigned_count = Counter(c.member for c in taken_of.values())
    by_gap: dict[int, list[_Candidate]] = defaultdict(list)
    for c in candidates:
        by_gap[c.gap].append(c)

    account_plans = []
    for state in states:
        taken = [taken_of[g] for g in state.gaps if g in taken_of]
        healthy_after = {s: set(m) for s, m in state.healthy.items()}
        for c in taken:
            healthy_after.setdefault(gaps[c.gap].person_id, set()).add(c.member)
        assignments, unassigned = [], []
        for c in taken:
            before = loads.get(c.member, 0)
            after = before + assigned_count[c.member]
            hero = _is_hero(c.member, healthy_after, state.key, settings)
            name, role = state.names[c.member], state.members[c.member]
            text = _explain(gaps[c.gap], name, role, c, before, after, capacity, hero)
            text += _passed_over(c, gaps[c.gap], by_gap[c.gap], state, healthy_after, loads, assigned_count, capacity,
                                 settings)
            assignments.append(Assignment(gaps[c.gap], c.member, name, role, c.fit, c.path, c.existing,
                                          round(c.warmth, 4), before, after, hero, c.cost, text))
        for g in state.gaps:
            if g not in taken_of:
                gap = gaps[g]
                reason, detail = state.reasons.get(g) or _capacity_reason(state.fitting[g], state, loads, capacity)
                unassigned.append(Unassigned(gap, reason, detail))
        account_plans.append(AccountPlan(state.found.account_id, state.found.name, tuple(assignments),
                                         tuple(unassigned)))

    names = {m: n for s in states for m, n in s.names.items()}
    members = sorted((MemberLoad(m, names[m], loads.get(m, 0), k, loads.get(m, 0) + k, capacity)
                      for m, k in assigned_count.items()), key=lambda r: (-r.load_after, r.name))
    return Plan(as_of, capacity, tuple(account_plans), tuple(members), total)


def _account_state(graph: nx.Graph | None, owner: str, found: AccountFindings, settings: Settings, as_of: dt.date,
                   gaps: list[Gap], candidates: list[_Candidate]) -> _AccountState:
    """The account's gaps (appended to `gaps`) and their fitting members (appended to `candidates`)."""
    if graph is None:  # no gaps: nothing to plan
        return _AccountState(found, [], {}, {}, {}, set(), {}, {})
    roles = _member_roles(graph, owner)
    names = {m: graph.nodes[m]["name"] for m in roles}
    healthy: dict[str, set[str]] = defaultdict(set)
    for a, b, d in graph.edges(data=True):
        if d["kind"] != "connection_point":
            continue
        member, stakeholder = (a, b) if graph.nodes[a]["side"] == "supplier" else (b, a)
        last = d["last_contact"]
        if d["strength"] > settings.weak_max_strength and (last is None or (as_of - last).days <= settings.stale_days):
            healthy[stakeholder].add(member)
    key = {n for n, d in graph.nodes(data=True) if d["side"] == "customer"
           and (d["role"] in KEY_ROLES or d["influence"] >= settings.key_min_influence)}

    paths = {t.person_id: {p.member_id: p for p in t.paths}
             for t in graph_paths(graph, found, settings, as_of).targets}
    state = _AccountState(found, [], roles, names, dict(healthy), key, {}, {})
    wanted = [(u.person_id, u.name, u.role, u.influence, "uncovered", "", "") for u in found.uncovered if u.key]
    wanted += [(s.person_id, s.name, s.role, s.influence, "second_thread", s.supplier_id, s.supplier_name)
               for s in found.single_threaded]
    for pid, name, role, influence, kind, holder, holder_name in wanted:
        g = len(gaps)
        gaps.append(Gap(found.account_id, pid, name, role, influence, kind, holder, holder_name))
        state.gaps.append(g)
        others = [m for m in sorted(roles) if m != holder and m not in healthy.get(pid, ())]
        fitting = [m for m in others if _fits(role, m, roles[m], owner)]
        state.fitting[g] = fitting
        if not roles:
            state.reasons[g] = ("no_team", "The account has no team members.")
        elif not others:
            state.reasons[g] = ("no_other_member", f"{holder_name} is the only team member; a second thread "
                                                   "needs someone else on the team.")
        elif not fitting:
            holder_fits = holder and _fits(role, holder, roles.get(holder, ""), owner)
            who = f"only the holder, {holder_name}, is one." if holder_fits else "nobody on the team is."
            needs = _FIT_WORDS.get(role, "a fitting role")
            state.reasons[g] = ("no_fitting_member", f"{_a(role.replace('_', ' ')).capitalize()} needs {needs}; {who}")
        for m in fitting:
            path = paths.get(pid, {}).get(m)
            existing = _existing_tie(graph, m, pid, settings, as_of)
            warmth = max(path.strength if path else 0.0, existing.strength / 5 if existing else 0.0)
            fit = "open" if role not in ROLE_FIT else "fits"
            candidates.append(_Candidate(g, m, fit, path, existing, warmth, round(WARMTH_COST * (1 - warmth))))
    return state


def _existing_tie(graph: nx.Graph, member: str, stakeholder: str, settings: Settings,
                  as_of: dt.date) -> ExistingTie | None:
    if not graph.has_edge(member, stakeholder):
        return None
    d = graph.edges[member, stakeholder]
    state = "weak" if d["strength"] <= settings.weak_max_strength else "stale"
    return ExistingTie(int(d["strength"]), d["last_contact"], state)


def _solve(gaps: list[Gap], candidates: list[_Candidate], loads: dict[str, int], capacity: int,
           account_of: dict[int, _AccountState], settings: Settings) -> tuple[dict[int, _Candidate], int]:
    """The min-cost flow; returns the chosen candidate of every gap assigned, and the optimal total cost."""
    net = nx.DiGraph()
    by_pair: dict[tuple[str, str, str], list[_Candidate]] = defaultdict(list)
    for c in candidates:
        if capacity - loads.get(c.member, 0) > 0:
            by_pair[(account_of[c.gap].found.account_id, c.member, gaps[c.gap].kind)].append(c)
    per_member: Counter[str] = Counter()
    per_account_member: Counter[tuple[str, str]] = Counter()
    state_of = {s.found.account_id: s for s in account_of.values()}
    for (acc, member, kind), cands in by_pair.items():
        per_member[member] += len(cands)
        per_account_member[(acc, member)] += len(cands)
        for c in cands:
            net.add_edge(("gap", c.gap), ("am", acc, member, kind), capacity=1, weight=c.cost)
        if kind == "uncovered":
            # Each new first thread makes the member the sole contact of one more key stakeholder.
            state = state_of[acc]
            sole = sum(1 for s, ms in state.healthy.items() if s in state.key and ms == {member})
            _unit_chain(net, ("am", acc, member, kind), ("a", acc, member), len(cands),
                        lambda k, sole=sole: HERO_COST if sole + k >= settings.hero_sole_key_min else 0)
        else:
            net.add_edge(("am", acc, member, kind), ("a", acc, member), capacity=len(cands), weight=0)
    for (acc, member), n in per_account_member.items():
        points = Counter(m for ms in state_of[acc].healthy.values() for m in ms)
        own, total, others = points[member], sum(points.values()), len(points) - (1 if points[member] else 0)

        def share_cost(k: int, own=own, total=total, others=others) -> int:
            # Other members' new threads are left out: the estimate errs towards calling a hero.
            return HERO_COST if others >= 1 and (own + k) / (total + k) > settings.hero_share else 0

        _unit_chain(net, ("a", acc, member), ("m", member), n, share_cost)
    for member, n in per_member.items():
        load = loads.get(member, 0)
        _unit_chain(net, ("m", member), "sink", min(capacity - load, n),
                    lambda j, load=load: round(LOAD_COST * (load + j) / capacity))

    chosen: dict[int, _Candidate] = {}
    # Gaps nobody may take are left open at their fixed cost.
    total = sum(SKIP_COST[g.kind] + SKIP_COST_PER_INFLUENCE * g.influence for i, g in enumerate(gaps)
                if ("gap", i) not in net)
    by_arc = {(("gap", c.gap), ("am", account_of[c.gap].found.account_id, c.member, gaps[c.gap].kind)): c
              for cands in by_pair.values() for c in cands}
    # Accounts that share no member are independent problems: solve each part on its own.
    inner = net.subgraph(n for n in net if n != "sink")
    for part in nx.weakly_connected_components(inner):
        sub = net.subgraph(part | {"sink"}).copy()
        gap_nodes = [n for n in part if n[0] == "gap"]
        for node in gap_nodes:
            gap = gaps[node[1]]
            sub.add_edge("source", node, capacity=1, weight=0)
            sub.add_edge(node, "sink", capacity=1, weight=SKIP_COST[gap.kind] + SKIP_COST_PER_INFLUENCE * gap.influence)
        # The arcs to "sink" that leave a gap open make every gap's unit of flow feasible, so the flow's
        # value is known and network simplex finds the cheapest one directly.
        sub.add_node("source", demand=-len(gap_nodes))
        sub.add_node("sink", demand=len(gap_nodes))
        cost, flow = nx.network_simplex(sub, demand="demand", capacity="capacity", weight="weight")
        total += cost
        for node in gap_nodes:
            for head, units in flow[node].items():
                if units and head != "sink":
                    chosen[node[1]] = by_arc[(node, head)]
    return chosen, total


def _unit_chain(net: nx.DiGraph, tail: object, head: object, units: int, cost) -> None:
    """`units` units of flow from `tail` to `head`, the k-th (1-based) costing ``cost(k)``.

    ``cost`` never decreases, so the cheapest units are used first; each run of equal costs becomes one
    arc (through a node of its own, a `DiGraph` holding no parallel arcs), which keeps the network small.
    """
    k = 1
    while k <= units:
        price, run = int(cost(k)), 1
        while k + run <= units and int(cost(k + run)) == price:
            run += 1
        net.add_edge(tail, ("run", tail, head, k), capacity=run, weight=price)
        net.add_edge(("run", tail, head, k), head, capacity=run, weight=0)
        k += run


def _capacity_reason(fitting: list[str], state: _AccountState, loads: dict[str, int],
                     capacity: int) -> tuple[str, str]:
    names = ", ".join(state.names[m] for m in fitting)
    if all(loads.get(m, 0) >= capacity for m in fitting):
        return "at_capacity", f"Every fitting member is at capacity ({capacity}): {names}."
    return "capacity_taken", f"The remaining capacity of {names} went to gaps that matter more."


def _passed_over(c: _Candidate, gap: Gap, rivals: list[_Candidate], state: _AccountState,
                 healthy_after: dict[str, set[str]], loads: dict[str, int], assigned: Counter, capacity: int,
                 settings: Settings) -> str:
    """Why the warmest fitting member did not get the gap, when it went to someone less warm."""
    warmer = max((r for r in rivals if r.warmth > c.warmth + 1e-9), key=lambda r: r.warmth, default=None)
    if warmer is None:
        return ""
    if loads.get(warmer.member, 0) + assigned[warmer.member] >= capacity:
        why = "is needed for other gaps up to capacity" if assigned[warmer.member] else "is at capacity"
    else:
        # The plan with the warmer member in this one's place.
        trial = {s: set(m) for s, m in healthy_after.items()}
        trial[gap.person_id] = trial[gap.person_id] - {c.member} | {warmer.member}
        hero = _is_hero(warmer.member, trial, state.key, settings)
        why = "would be a hero of the account" if hero else "carries more of the team's load"
    return f" Chosen over {state.names[warmer.member]}, warmer ({warmer.warmth:.2f}) but {why}."


def _explain(gap: Gap, name: str, role: str, c: _Candidate, before: int, after: int, capacity: int,
             hero: bool) -> str:
    role_words = role.replace("_", " ") if role else "no role"
    buyer = _a(gap.role.replace("_", " "))
    fit = f"{name} ({role_words}) " + (f"fits {buyer}" if c.fit == "fits" else f"may reach {buyer} (any role may)")
    if c.existing and (not c.path or c.existing.strength / 5 >= c.path.strength):
        when = c.existing.last_contact.isoformat() if c.existing.last_contact else "an unknown date"
        warm = f"revive their {c.existing.state} connection (strength {c.existing.strength}, last contact {when})"
    elif c.path:
        warm = "warm path " + c.path.describe()
    else:
        warm = "no warm path: a cold introduction"
    thread = "a second thread (besides " + gap.holder_name + ")" if gap.kind == "second_thread" else "a first thread"
    text = f"{fit}; {thread}; {warm}; load {before} → {after} of {capacity}"
    return text + ("; would be a hero of the account afterwards." if hero else ".")
