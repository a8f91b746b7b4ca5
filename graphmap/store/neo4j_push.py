"""Push: write a map into Neo4j in batches, idempotently, replacing what changed for its accounts.

Every write is ``UNWIND $rows AS row MERGE ...`` over a batch of rows in one retried transaction.
Each node and relationship written is stamped with the push's digest (``graphmap_push``: a hash of
the map's content), and a final clean-up removes, within the pushed accounts' scope, whatever does
not carry that stamp (the rule of `graphmap.store.merge.merge_maps`). Because the stamp depends on
the content only, a push that was interrupted (the server died, the network dropped) and is run
again leaves exactly the graph an uninterrupted push leaves.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any, Callable, Iterable

import pandas as pd

from graphmap.mapfolder import tables_as_text
from graphmap.model.accountmap import CANONICAL_COLUMNS, AccountMap

if TYPE_CHECKING:
    from graphmap.store.neo4j_store import Neo4jStore

__all__ = ["push_map", "ensure_schema", "map_digest", "EXTRA_PREFIX", "STAMP"]

#: Prefix of the properties that hold a map's extra columns, so that pull restores them exactly.
EXTRA_PREFIX = "x_"
#: The property holding the digest of the push that last wrote a node or relationship.
STAMP = "graphmap_push"

SCHEMA = (
    "CREATE CONSTRAINT graphmap_account_id IF NOT EXISTS FOR (a:Account) REQUIRE a.account_id IS UNIQUE",
    "CREATE CONSTRAINT graphmap_person_id IF NOT EXISTS FOR (p:Person) REQUIRE p.person_id IS UNIQUE",
)

_WRITE = {
    "accounts": """
        UNWIND $rows AS row
        MERGE (a:Account {account_id: row.account_id})
        SET a = row, a.graphmap_push = $push""",
    "people": """
        UNWIND $rows AS row
        MERGE (p:Person {person_id: row.person_id})
        SET p = row, p.graphmap_push = $push""",
    "works_at": """
        UNWIND $rows AS row
        MATCH (p:Person {person_id: row.person_id})
        MATCH (a:Account {account_id: row.account_id})
        MERGE (p)-[w:WORKS_AT]->(a)
        SET w.graphmap_push = $push""",
    "reports_to": """
        UNWIND $rows AS row
        MATCH (p:Person {person_id: row.person_id})
        MATCH (boss:Person {person_id: row.reports_to})
        MERGE (p)-[r:REPORTS_TO]->(boss)
        SET r.graphmap_push = $push""",
    "team": """
        UNWIND $rows AS row
        MATCH (p:Person {person_id: row.person_id})
        MATCH (a:Account {account_id: row.account_id})
        MERGE (p)-[t:ON_TEAM]->(a)
        SET t = row.props, t.graphmap_push = $push""",
    "connections": """
        UNWIND $rows AS row
        MATCH (a:Person {person_id: row.from_id})
        MATCH (b:Person {person_id: row.to_id})
        MERGE (a)-[c:CONNECTED]->(b)
        SET c = row.props, c.last_contact = date(row.props.last_contact), c.graphmap_push = $push""",
}

# Clean-up, per batch of pushed account ids ($ids) or pushed person ids: remove what lacks the stamp.
_CLEAN_BY_ACCOUNT = (
    # Stakeholders of the pushed accounts that the map no longer has.
    """UNWIND $ids AS id
       MATCH (:Account {account_id: id})<-[:WORKS_AT]-(p:Person)
       WHERE coalesce(p.graphmap_push, '') <> $push
       DETACH DELETE p""",
    # Team memberships the map no longer has.
    """UNWIND $ids AS id
       MATCH (:Account {account_id: id})<-[t:ON_TEAM]-(:Person)
       WHERE coalesce(t.graphmap_push, '') <> $push
       DELETE t""",
    # Connections touching a stakeholder of a pushed account that the map no longer has.
    """UNWIND $ids AS id
       MATCH (:Account {account_id: id})<-[:WORKS_AT]-(:Person)-[c:CONNECTED]-(:Person)
       WHERE coalesce(c.graphmap_push, '') <> $push
       WITH DISTINCT c
       DELETE c""",
)
_CLEAN_BY_PERSON = (
    # A pushed person's old employer or manager.
    """UNWIND $ids AS id
       MATCH (:Person {person_id: id})-[r:WORKS_AT|REPORTS_TO]->()
       WHERE coalesce(r.graphmap_push, '') <> $push
       DELETE r""",
    # Connections between two people of the map that the map no longer has.
    """UNWIND $ids AS id
       MATCH (:Person {person_id: id})-[c:CONNECTED]->(q:Person)
       WHERE q.graphmap_push = $push AND coalesce(c.graphmap_push, '') <> $push
       DELETE c""",
)
# Supplier members not in the map who are left with nothing: no team, connection or account they own.
_CLEAN_ORPHANS = """
    MATCH (p:Person {side: 'supplier'})
    WHERE coalesce(p.graphmap_push, '') <> $push AND NOT (p)--()
    WITH p
    WHERE NOT EXISTS { MATCH (a:Account) WHERE a.strategy_owner = p.person_id }
    DELETE p"""


def ensure_schema(store: "Neo4jStore") -> None:
    """Create the uniqueness constraints on the ids (idempotent: ``IF NOT EXISTS``)."""
    for statement in SCHEMA:
        store.run(statement, write=True)


def map_digest(amap: AccountMap) -> str:
    """A digest of the map's content: the same map gives the same digest, in any process.

    >>> import graphmap
    >>> amap = graphmap.read_map(graphmap.sample.sample_map_path())
    >>> map_digest(amap) == map_digest(amap.with_tables()) and len(map_digest(amap))
    24
    """
    digest = hashlib.sha256()
    for name, frame in tables_as_text(amap).items():
        frame = frame[sorted(frame.columns)]
        digest.update(f"{name}:{','.join(frame.columns)}:{len(frame)};".encode())
        if len(frame):
            digest.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
    return digest.hexdigest()[:24]


def push_map(store: "Neo4jStore", amap: AccountMap, *, batch_size: int,
             progress: Callable[[str, int, int], None] | None = None) -> dict[str, int]:
    """Write `amap` into the store's database; return the rows written per table.

    Idempotent: pushing the same map twice leaves the same graph. For the accounts of `amap`, what
    the database holds and the map no longer has is removed (`graphmap.store.merge.merge_maps`);
    other accounts are left alone.
    """
    ensure_schema(store)
    push = map_digest(amap)
    had_data = bool(store.run("MATCH (n) WHERE n:Account OR n:Person RETURN 1 AS x LIMIT 1"))
    rows = _rows(amap)
    for stage in ("accounts", "people", "works_at", "reports_to", "team", "connections"):
        _write_batches(store, stage, _WRITE[stage], rows[stage], batch_size, push, progress)
    if had_data:
        # A database that was empty holds nothing to remove: the clean-up is skipped.
        account_ids = amap.accounts["account_id"].tolist()
        person_ids = amap.people["person_id"].tolist()
        step = max(batch_size // 10, 100)
        work = ([(query, account_ids[i:i + step]) for query in _CLEAN_BY_ACCOUNT
                 for i in range(0, len(account_ids), step)]
                + [(query, person_ids[i:i + batch_size]) for query in _CLEAN_BY_PERSON
                   for i in range(0, len(person_ids), batch_size)])
        for done, (query, ids) in enumerate(work):
            if progress:
                progress("clean-up", done, len(work) + 1)
            store.run(query, {"ids": ids, "push": push}, write=True)
        store.run(_CLEAN_ORPHANS, {"push": push}, write=True)
        if progress:
            progress("clean-up", len(work) + 1, len(work) + 1)
    return {"accounts": len(rows["accounts"]), "people": len(rows["people"]), "team": len(rows["team"]),
            "connections": len(rows["connections"])}


def _write_batches(store: "Neo4jStore", stage: str, query: str, rows: list[dict[str, Any]], batch_size: int,
                   push: str, progress: Callable[[str, int, int], None] | None) -> None:
    total = len(rows)
    if progress:
        progress(stage, 0, total)
    for start in range(0, total, batch_size):
        store.run(query, {"rows": rows[start:start + batch_size], "push": push}, write=True)
        if progress:
            progress(stage, min(start + batch_size, total), total)


def _extras(frame: pd.DataFrame, table: str) -> dict[str, str]:
    canonical = set(CANONICAL_COLUMNS[table])
    return {c: EXTRA_PREFIX + c for c in frame.columns if c not in canonical}


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return frame.to_dict("records") if len(frame) else []


def _rows(amap: AccountMap) -> dict[str, list[dict[str, Any]]]:
    """The map as parameter rows, one list per write stage; extra columns get the ``x_`` prefix."""
    text = tables_as_text(amap)
    accounts = text["accounts"].rename(columns=_extras(text["accounts"], "accounts"))

    people = text["people"].rename(columns=_extras(text["people"], "people"))
    people["influence"] = amap.people["influence"].astype(int).to_numpy()
    person_rows = _records(people.drop(columns=["reports_to"]))
    customers = people[people["side"] == "customer"]
    works_at = _records(customers[["person_id", "account_id"]])
    bosses = people[people["reports_to"] != ""]
    reports_to = _records(bosses[["person_id", "reports_to"]])

    team = text["team"].rename(columns=_extras(text["team"], "team"))
    team_props = _records(team.drop(columns=["account_id", "person_id"]))
    team_rows = [{"account_id": a, "person_id": p, "props": props}
                 for a, p, props in zip(team["account_id"], team["person_id"], team_props)]

    conns = text["connections"].rename(columns=_extras(text["connections"], "connections"))
    conns["strength"] = amap.connections["strength"].astype(int).to_numpy()
    conns["last_contact"] = conns["last_contact"].astype(object).where(conns["last_contact"] != "", None)
    conn_props = _records(conns.drop(columns=["from_id", "to_id"]))
    conn_rows = [{"from_id": a, "to_id": b, "props": props}
                 for a, b, props in zip(conns["from_id"], conns["to_id"], conn_props)]
    return {"accounts": _records(accounts), "people": person_rows, "works_at": works_at, "reports_to": reports_to,
            "team": team_rows, "connections": conn_rows}
