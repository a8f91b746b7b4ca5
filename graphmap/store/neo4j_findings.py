"""Findings computed in Neo4j: uncovered stakeholders, single threads, heroes, weak links and coverage.

Three Cypher queries compute, for every account at once, exactly what the in-memory engine
(`graphmap.analysis`) computes, without reading the graph into Python: only the findings come back.
The as-of date and every threshold are query parameters, never values written into the query text.

Order of findings within an account is the engine's order on the canonical map (rows sorted by id,
as ``graphmap neo4j pull`` writes it): where the engine falls back on the map's row order to break a
tie, the database breaks it by person id or by the connection's (from_id, to_id).

Alignment checks, connections from outside the team and the portfolio view are not computed here;
`analyze_store` takes them from the engine on a pulled map (see docs/neo4j.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Iterable

from graphmap.analysis.findings import Coverage, Findings, Hero, PersonRef, SingleThread, UncoveredStakeholder, WeakLink
from graphmap.analysis.heroes import MAJORITY_OF_CONNECTIONS, SOLE_KEY_CONTACT
from graphmap.model.roles import KEY_ROLES
from graphmap.settings import DEFAULT_SETTINGS, Settings

if TYPE_CHECKING:
    from graphmap.store.neo4j_store import Neo4jStore

__all__ = ["DatabaseFindings", "database_findings", "analyze_store"]

# The pieces every query shares: the accounts asked for and the rules of §4. They are constant Cypher
# text assembled once at import; every value (date, thresholds, ids) is a $parameter.
_ACCOUNTS = "MATCH (a:Account) WHERE $ids IS NULL OR a.account_id IN $ids"
_KEY = "(c.role IN $key_roles OR c.influence >= $key_min_influence)"
_WEAK = "r.strength <= $weak_max_strength"
_STALE = "(r.last_contact IS NOT NULL AND duration.inDays(r.last_contact, $as_of).days > $stale_days)"

_STAKEHOLDERS = f"""
{_ACCOUNTS}
MATCH (c:Person)-[:WORKS_AT]->(a)
CALL (c) {{
  OPTIONAL MATCH (c)-[r:CONNECTED]-(s:Person {{side: 'supplier'}})
  WITH r, s, {_WEAK} AS weak, {_STALE} AS stale
  RETURN count(r) AS points, count(CASE WHEN NOT weak THEN 1 END) AS strong,
         collect(CASE WHEN NOT weak AND NOT stale
                 THEN {{person_id: s.person_id, name: s.name,
                        ends: [startNode(r).person_id, endNode(r).person_id]}} END) AS healthy
}}
WITH a, c, points, strong, healthy, size(healthy) AS n_healthy, {_KEY} AS key
RETURN a.account_id AS account_id,
       sum(c.influence) AS weight, sum(CASE WHEN n_healthy > 0 THEN c.influence ELSE 0 END) AS covered_weight,
       count(c) AS stakeholders, count(CASE WHEN n_healthy > 0 THEN 1 END) AS covered,
       count(CASE WHEN key THEN 1 END) AS keys, count(CASE WHEN key AND n_healthy > 0 THEN 1 END) AS covered_keys,
       collect(CASE WHEN n_healthy = 0 THEN {{
                 person_id: c.person_id, name: c.name, title: c.title, role: c.role, influence: c.influence,
                 key: key,
                 reason: CASE WHEN points = 0 THEN 'no_connection' WHEN strong > 0 THEN 'stale' ELSE 'weak' END}}
               END) AS uncovered,
       collect(CASE WHEN key AND n_healthy = 1 THEN {{
                 person_id: c.person_id, name: c.name, title: c.title, role: c.role, influence: c.influence,
                 supplier_id: healthy[0].person_id, supplier_name: healthy[0].name, ends: healthy[0].ends}}
               END) AS single_threaded
"""

_HEROES = f"""
{_ACCOUNTS}
MATCH (c:Person)-[:WORKS_AT]->(a)
MATCH (c)-[r:CONNECTED]-(s:Person {{side: 'supplier'}})
WHERE NOT {_WEAK} AND NOT {_STALE}
WITH a, c, collect({{s: s, ends: [startNode(r).person_id, endNode(r).person_id]}}) AS members
WITH a, c, members, size(members) = 1 AS sole, {_KEY} AS key
UNWIND members AS m
WITH a, m.s AS s, count(*) AS healthy, count(CASE WHEN sole AND key THEN 1 END) AS sole_key,
     collect(CASE WHEN sole THEN {{person_id: c.person_id, name: c.name, key: key, influence: c.influence,
                                   ends: m.ends}} END) AS critical
WITH a, collect({{s: s, healthy: healthy, sole_key: sole_key, critical: critical}}) AS members,
     sum(healthy) AS total
WITH a, members, total, size(members) >= 2 AS several
UNWIND members AS m
WITH a, m, total, several AND toFloat(m.healthy) / toFloat(total) > $hero_share AS majority,
     m.sole_key >= $hero_sole_key_min AS by_sole_key
WHERE majority OR by_sole_key
RETURN a.account_id AS account_id, m.s.person_id AS person_id, m.s.name AS name, majority, by_sole_key,
       m.healthy AS healthy, m.sole_key AS sole_key, total, m.critical AS critical
ORDER BY account_id, healthy DESC, person_id
"""

_WEAK_LINKS = f"""
{_ACCOUNTS}
MATCH (c:Person)-[:WORKS_AT]->(a)
MATCH (c)-[r:CONNECTED]-(s:Person {{side: 'supplier'}})
WITH a, c, s, r, {_WEAK} AS weak, {_STALE} AS stale,
     CASE WHEN r.last_contact IS NULL THEN null ELSE duration.inDays(r.last_contact, $as_of).days END AS days
WITH a, c, collect({{s: s, r: r, weak: weak, stale: stale, days: days}}) AS points
WITH a, c, points, size([p IN points WHERE NOT p.weak AND NOT p.stale]) AS n_healthy, {_KEY} AS key
UNWIND points AS p
WITH a, c, p, CASE WHEN p.weak THEN 'weak' WHEN p.stale THEN 'stale'
                   WHEN key AND n_healthy = 1 THEN 'single_thread' END AS reason
WHERE reason IS NOT NULL
RETURN a.account_id AS account_id, p.s.person_id AS supplier_id, p.s.name AS supplier_name,
       c.person_id AS customer_id, c.name AS customer_name, p.r.strength AS strength,
       p.r.last_contact AS last_contact, p.days AS days, reason
ORDER BY account_id, CASE reason WHEN 'weak' THEN 0 WHEN 'stale' THEN 1 ELSE 2 END,
         CASE WHEN days IS NULL THEN 0 ELSE 1 END, days DESC,
         startNode(p.r).person_id, endNode(p.r).person_id
"""


@dataclass(frozen=True)
class DatabaseFindings:
    """The findings of one account that the database computes (the same records as `AccountFindings`)."""

    account_id: str
    name: str
    coverage: Coverage
    uncovered: tuple[UncoveredStakeholder, ...]
    single_threaded: tuple[SingleThread, ...]
    heroes: tuple[Hero, ...]
    weak_links: tuple[WeakLink, ...]


def _parameters(settings: Settings, as_of: dt.date, accounts: list[str] | None) -> dict[str, Any]:
    return {"ids": accounts, "as_of": as_of, "stale_days": settings.stale_days,
            "weak_max_strength": settings.weak_max_strength, "key_min_influence": settings.key_min_influence,
            "key_roles": sorted(KEY_ROLES), "hero_share": float(settings.hero_share),
            "hero_sole_key_min": settings.hero_sole_key_min}


def _share(numerator: int, denominator: int) -> float | None:
    # The engine divides float64 sums of small integers: exact, so the same division gives the same float.
    return None if denominator == 0 else round(float(numerator) / float(denominator), 4)


def _date(value: Any) -> dt.date | None:
    return None if value is None else value.to_native()


def database_findings(store: "Neo4jStore", settings: Settings = DEFAULT_SETTINGS, as_of: dt.date | None = None,
                      accounts: Iterable[str] | None = None) -> dict[str, DatabaseFindings]:
    """Per account id: coverage, uncovered stakeholders, single threads, heroes and weak links, from Cypher.

    Parameters
    ----------
    store
        An open `Neo4jStore`.
    settings, as_of
        As for `graphmap.analyze` (as_of defaults to today).
    accounts
        Only these account ids (default: every account in the database). Raises
        `UnknownAccountError` for an id the database does not hold.
    """
    from graphmap.exceptions import UnknownAccountError

    as_of = as_of or dt.date.today()
    ids = list(dict.fromkeys(accounts)) if accounts else None
    params = _parameters(settings, as_of, ids)
    names = {r["account_id"]: r["name"] for r in store.run(
        f"{_ACCOUNTS} RETURN a.account_id AS account_id, a.name AS name ORDER BY account_id", params)}
    for account_id in ids or ():
        if account_id not in names:
            raise UnknownAccountError(f"Neo4j at {store.location}: no account {account_id!r} in the database")

    coverage: dict[str, Coverage] = {}
    uncovered: dict[str, tuple[UncoveredStakeholder, ...]] = {}
    single: dict[str, tuple[SingleThread, ...]] = {}
    for row in store.run(_STAKEHOLDERS, params):
        acc = row["account_id"]
        coverage[acc] = Coverage(_share(row["covered_weight"], row["weight"]),
                                 _share(row["covered"], row["stakeholders"]),
                                 _share(row["covered_keys"], row["keys"]))
        found = sorted(row["uncovered"], key=lambda u: (not u["key"], -u["influence"], u["person_id"]))
        uncovered[acc] = tuple(UncoveredStakeholder(u["person_id"], u["name"], u["title"], u["role"], u["influence"],
                                                    u["key"], u["reason"]) for u in found)
        threads = sorted(row["single_threaded"], key=lambda t: (-t["influence"], t["ends"]))
        single[acc] = tuple(SingleThread(t["person_id"], t["name"], t["title"], t["role"], t["influence"],
                                         t["supplier_id"], t["supplier_name"]) for t in threads)

    heroes: dict[str, list[Hero]] = {}
    for row in store.run(_HEROES, params):
        reasons = tuple(r for r, on in ((SOLE_KEY_CONTACT, row["by_sole_key"]),
                                        (MAJORITY_OF_CONNECTIONS, row["majority"])) if on)
        critical = sorted(row["critical"], key=lambda c: (not c["key"], -c["influence"], c["name"], c["ends"]))
        heroes.setdefault(row["account_id"], []).append(Hero(
            row["person_id"], row["name"], reasons, tuple(PersonRef(c["person_id"], c["name"]) for c in critical),
            row["sole_key"], row["healthy"], round(row["healthy"] / max(row["total"], 1), 4)))

    weak: dict[str, list[WeakLink]] = {}
    for row in store.run(_WEAK_LINKS, params):
        weak.setdefault(row["account_id"], []).append(WeakLink(
            row["supplier_id"], row["supplier_name"], row["customer_id"], row["customer_name"], row["strength"],
            _date(row["last_contact"]), row["days"], row["reason"]))

    empty = Coverage(None, None, None)
    return {acc: DatabaseFindings(acc, name, coverage.get(acc, empty), uncovered.get(acc, ()), single.get(acc, ()),
                                  tuple(heroes.get(acc, ())), tuple(weak.get(acc, ())))
            for acc, name in names.items()}


def analyze_store(store: "Neo4jStore", settings: Settings = DEFAULT_SETTINGS, as_of: dt.date | None = None,
                  accounts: Iterable[str] | None = None) -> Findings:
    """Every finding of the map in a Neo4j store, as `graphmap.analyze` gives them.

    Coverage, uncovered stakeholders, single threads, heroes and weak links come from the database
    (`database_findings`); alignment, connections from outside the team and the portfolio view come
    from the in-memory engine on the pulled map (or the pulled part of it, with `accounts`).
    """
    from dataclasses import replace

    from graphmap.analysis import analyze

    as_of = as_of or dt.date.today()
    ids = list(dict.fromkeys(accounts)) if accounts else None
    in_db = database_findings(store, settings, as_of, ids)
    pulled = analyze(store.load(ids), settings, as_of)
    merged = tuple(replace(found, coverage=in_db[found.account_id].coverage,
                           uncovered=in_db[found.account_id].uncovered,
                           single_threaded=in_db[found.account_id].single_threaded,
                           heroes=in_db[found.account_id].heroes, weak_links=in_db[found.account_id].weak_links)
                   for found in pulled.accounts)
    return replace(pulled, accounts=merged)
