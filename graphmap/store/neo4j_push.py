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
from typing import TYPE_CHECKING, Callable

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

# Rows travel as positional lists (a map per row costs the driver five times as much to send); the
# last item of each row is the map of its extra columns, ``x_``-prefixed, merged in with ``+=``.
_WRITE = {
    "accounts": """
        UNWIND $rows AS row
        MERGE (a:Account {account_id: row[0]})
        SET a = {account_id: row[0], name: row[1], strategy_owner: row[2], strategy_type: row[3],
                 strategy: row[4], graphmap_push: $push},
            a += row[5]""",
    "people": """
        UNWIND $rows AS row
        MERGE (p:Person {person_id: row[0]})
        SET p = {person_id: row[0], name: row[1], side: row[2], account_id: row[3], role: row[4], title: row[5],
                 email: row[6], influence: row[7], stance: row[8], graphmap_push: $push},
            p += row[9]""",
    "works_at": """
        UNWIND $rows AS row
        MATCH (p:Person {person_id: row[0]})
        MATCH (a:Account {account_id: row[1]})
        MERGE (p)-[w:WORKS_AT]->(a)
        SET w.graphmap_push = $push""",
    "reports_to": """
        UNWIND $rows AS row
        MATCH (p:Person {person_id: row[0]})
        MATCH (boss:Person {person_id: row[1]})
        MERGE (p)-[r:REPORTS_TO]->(boss)
        SET r.graphmap_push = $push""",
    "team": """
        UNWIND $rows AS row
        MATCH (p:Person {person_id: row[1]})
        MATCH (a:Account {account_id: row[0]})
        MERGE (p)-[t:ON_TEAM]->(a)
        SET t = {team_role: row[2], responsibilities: row[3], graphmap_push: $push}, t += row[4]""",
    "connections": """
        UNWIND $rows AS row
        MATCH (a:Person {person_id: row[0]})
        MATCH (b:Person {person_id: row[1]})
        MERGE (a)-[c:CONNECTED]->(b)
        SET c = {strength: row[2], last_contact: date(row[3]), notes: row[4], graphmap_push: $push},
            c += row[5]""",
}

# Clean-up, per batch of pushed account ids ($ids) or pushed person ids: remove what lacks the stamp.
_CLEAN_BY_ACCOUNT = (
    # Stakeholders of the pushed accounts that the map no longer has.
    """UNWIND $ids AS id
       MATCH (:Account {account_id: id})<-[:WORKS_AT]-(p:Person)
       WHERE coalesce(p.graphmap_push, -1) <> $push
       DETACH DELETE p""",
    # Team memberships the map no longer has.
    """UNWIND $ids AS id
       MATCH (:Account {account_id: id})<-[t:ON_TEAM]-(:Person)
       WHERE coalesce(t.graphmap_push, -1) <> $push
       DELETE t""",
    # Connections touching a stakeholder of a pushed account that the map no longer has.
    """UNWIND $ids AS id
       MATCH (:Account {account_id: id})<-[:WORKS_AT]-(:Person)-[c:CONNECTED]-(:Person)
       WHERE coalesce(c.graphmap_push, -1) <> $push
       WITH DISTINCT c
       DELETE c""",
)
_CLEAN_BY_PERSON = (
    # A pushed person's old employer or manager.
    """UNWIND $ids AS id
       MATCH (:Person {person_id: id})-[r:WORKS_AT|REPORTS_TO]->()
       WHERE coalesce(r.graphmap_push, -1) <> $push
       DELETE r""",
    # Connections between two people of the map that the map no longer has.
    """UNWIND $ids AS id
       MATCH (:Person {person_id: id})-[c:CONNECTED]->(q:Person)
       WHERE q.graphmap_push = $push AND coalesce(c.graphmap_push, -1) <> $push
       DELETE c""",
)
# Supplier members not in the map who are left with nothing: no team, connection or account they own.
_CLEAN_ORPHANS = """
    MATCH (p:Person {side: 'supplier'})
    WHERE coalesce(p.graphmap_push, -1) <> $push AND NOT (p)--()
    WITH p
    WHERE NOT EXISTS { MATCH (a:Account) WHERE a.strategy_owner = p.person_id }
    DELETE p"""


def ensure_schema(store: "Neo4jStore") -> None:
    """Create the uniqueness constraints on the ids (idempotent: ``IF NOT EXISTS``)."""
    for statement in SCHEMA:
        store.run(statement, write=True)


def map_digest(amap: AccountMap) -> int:
    """A digest of the map's content, as a positive 60-bit integer (stored inline by Neo4j, unlike a
    long string): the same map gives the same digest, in any process.

    >>> import graphmap
    >>> amap = graphmap.read_map(graphmap.sample.sample_map_path())
    >>> map_digest(amap) == map_digest(amap.with_tables()) and 0 < map_digest(amap) < 2 ** 60
    True
    """
    digest = hashlib.sha256()
    for name, frame in tables_as_text(amap).items():
        frame = frame[sorted(frame.columns)]
        digest.update(f"{name}:{','.join(frame.columns)}:{len(frame)};".encode())
        if len(frame):
            digest.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
    return int(digest.hexdigest()[:15], 16)


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


def _write_batches(store: "Neo4jStore", stage: str, query: str, rows: list[tuple], batch_size: int,
                   push: int, progress: Callable[[str, int, int], None] | None) -> None:
    total = len(rows)
    if progress:
        progress(stage, 0, total)
    for start in range(0, total, batch_size):
        store.run(query, {"rows": rows[start:start + batch_size], "push": push}, write=True)
        if progress:
            progress(stage, min(start + batch_size, total), total)


def _columns(frame: pd.DataFrame, table: str, typed: dict[str, list] | None = None,
             skip: tuple[str, ...] = ()) -> list[tuple]:
    """The table's rows as tuples: its canonical columns in order (`typed` overrides some), then a map
    of its extra columns with the ``x_`` prefix (one shared empty map when it has none)."""
    typed = typed or {}
    canonical = [c for c in CANONICAL_COLUMNS[table] if c not in skip]
    columns = [typed[c] if c in typed else frame[c].tolist() for c in canonical]
    extra = [c for c in frame.columns if c not in CANONICAL_COLUMNS[table]]
    if extra:
        named = frame[extra].rename(columns={c: EXTRA_PREFIX + c for c in extra})
        columns.append(named.to_dict("records"))
    else:
        columns.append([{}] * len(frame))
    return list(zip(*columns))


def _rows(amap: AccountMap) -> dict[str, list[tuple]]:
    """The map as parameter rows, one list per write stage (the column order of `_WRITE`)."""
    text = tables_as_text(amap)
    people = text["people"]
    influence = amap.people["influence"].astype(int).tolist()
    customers = people[people["side"] == "customer"]
    bosses = people[people["reports_to"] != ""]
    conns = text["connections"]
    last = [day or None for day in conns["last_contact"].tolist()]
    return {
        "accounts": _columns(text["accounts"], "accounts"),
        "people": _columns(people, "people", {"influence": influence}, skip=("reports_to",)),
        "works_at": list(zip(customers["person_id"].tolist(), customers["account_id"].tolist())),
        "reports_to": list(zip(bosses["person_id"].tolist(), bosses["reports_to"].tolist())),
        "team": _columns(text["team"], "team"),
        "connections": _columns(conns, "connections",
                                {"strength": amap.connections["strength"].astype(int).tolist(), "last_contact": last}),
    }
