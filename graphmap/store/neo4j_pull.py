"""Pull: read a map (or the part about some accounts) back out of Neo4j as a validated `AccountMap`.

The tables come back in a canonical order (rows by id, extra columns by name), so that a pulled map
written with `graphmap.write_map` is the same folder every time.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import pandas as pd

from graphmap.exceptions import UnknownAccountError
from graphmap.model.accountmap import CANONICAL_COLUMNS, AccountMap
from graphmap.model.validation import validate_tables
from graphmap.store.neo4j_push import EXTRA_PREFIX

if TYPE_CHECKING:
    from graphmap.store.neo4j_store import Neo4jStore

__all__ = ["pull_map"]

_ACCOUNTS = "MATCH (a:Account) WHERE $ids IS NULL OR a.account_id IN $ids RETURN properties(a) AS props"
_PEOPLE = """
    MATCH (p:Person) WHERE $ids IS NULL OR p.person_id IN $ids
    RETURN properties(p) AS props, [(p)-[:REPORTS_TO]->(boss:Person) | boss.person_id][0] AS reports_to"""
_TEAM = """
    MATCH (p:Person)-[t:ON_TEAM]->(a:Account) WHERE $ids IS NULL OR a.account_id IN $ids
    RETURN a.account_id AS account_id, p.person_id AS person_id, properties(t) AS props"""
_CONNECTIONS = """
    MATCH (a:Person)-[c:CONNECTED]->(b:Person)
    WHERE $ids IS NULL OR (a.person_id IN $ids AND b.person_id IN $ids)
    RETURN a.person_id AS from_id, b.person_id AS to_id, properties(c) AS props"""
# The people an account's part of the map needs (as `AccountMap.subset` keeps them).
_PEOPLE_OF_ACCOUNTS = """
    MATCH (a:Account) WHERE a.account_id IN $ids
    RETURN COLLECT { MATCH (a)<-[:WORKS_AT]-(c:Person) RETURN c.person_id }
         + COLLECT { MATCH (a)<-[:ON_TEAM]-(m:Person) RETURN m.person_id }
         + COLLECT { MATCH (a)<-[:WORKS_AT]-(:Person)-[:CONNECTED]-(s:Person {side: 'supplier'})
                     RETURN s.person_id }
         + COLLECT { MATCH (o:Person {person_id: a.strategy_owner}) RETURN o.person_id } AS ids"""


def _rows(result: Any) -> list[list[Any]]:
    """The result's rows as plain lists (no record object kept per row)."""
    return result.values()


def pull_map(store: "Neo4jStore", accounts: list[str] | None = None) -> AccountMap:
    """The map the store's database holds, or the part about `accounts` (as `AccountMap.subset` cuts it).

    Raises `UnknownAccountError` for an account the database does not hold and `MapValidationError`
    when the database holds something a map cannot (edited by hand, say).
    """
    account_ids = None if accounts is None else list(dict.fromkeys(accounts))
    account_rows = store.run(_ACCOUNTS, {"ids": account_ids}, transform=_rows)
    person_ids = None
    if account_ids is not None:
        found = {props["account_id"] for (props,) in account_rows}
        missing = [a for a in account_ids if a not in found]
        if missing:
            raise UnknownAccountError(f"Neo4j at {store.location}: no account {missing[0]!r} in the database"
                                      + (f" (and {len(missing) - 1} more missing)" if len(missing) > 1 else ""))
        person_ids = sorted({pid for (ids,) in store.run(_PEOPLE_OF_ACCOUNTS, {"ids": account_ids},
                                                          transform=_rows) for pid in ids})
    people_rows = store.run(_PEOPLE, {"ids": person_ids}, transform=_rows)
    team_rows = store.run(_TEAM, {"ids": account_ids}, transform=_rows)
    conn_rows = store.run(_CONNECTIONS, {"ids": person_ids}, transform=_rows)

    kept = {props["person_id"] for props, _ in people_rows}
    raw = {
        "accounts": _table("accounts", [props for (props,) in account_rows]),
        "people": _table("people", [{**props, "reports_to": boss if boss in kept else ""}
                                    for props, boss in people_rows]),
        "team": _table("team", [{**props, "account_id": a, "person_id": p} for a, p, props in team_rows]),
        "connections": _table("connections", [{**props, "from_id": a, "to_id": b} for a, b, props in conn_rows]),
    }
    amap = validate_tables(raw, source=f"Neo4j at {store.location}",
                           file_names={t: f"{t} (Neo4j)" for t in CANONICAL_COLUMNS})
    return amap if account_ids is None else amap.subset(account_ids)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)) or hasattr(value, "iso_format"):
        return value.iso_format() if hasattr(value, "iso_format") else value.isoformat()
    return str(value)


def _table(table: str, rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Rows of properties as a text table: canonical columns first, then the extras by name."""
    canonical = CANONICAL_COLUMNS[table]
    extras = sorted({k for row in rows for k in row if k.startswith(EXTRA_PREFIX)})
    columns = list(canonical) + [k[len(EXTRA_PREFIX):] for k in extras]
    data = {c: [_text(row.get(c)) for row in rows] for c in canonical}
    data.update({k[len(EXTRA_PREFIX):]: [_text(row.get(k)) for row in rows] for k in extras})
    frame = pd.DataFrame(data, columns=columns, dtype=object)
    keys = {"accounts": ["account_id"], "people": ["person_id"], "team": ["account_id", "person_id"],
            "connections": ["from_id", "to_id"]}[table]
    return frame.sort_values(keys, kind="stable").reset_index(drop=True) if len(frame) else frame
