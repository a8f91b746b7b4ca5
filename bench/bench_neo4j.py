"""Benchmark of the Neo4j store: push against LOAD CSV and against one query per row; findings in the
database against the in-memory engine. All on the same server, in the same run.

Usage (a Neo4j server on this machine, reading file:/// URLs, e.g. the test harness)::

    export GRAPHMAP_NEO4J_URI=bolt://127.0.0.1:7687 GRAPHMAP_NEO4J_PASSWORD=...
    .venv/bin/python bench/bench_neo4j.py [--accounts 2000] [--batch-size 5000] [--per-row 2000]

The database is emptied first: point it at a throwaway server. Steps, after a warm-up of both write
paths on a small map (the JVM compiles the queries):

0. warm-up: both write paths on a small map, then one full LOAD CSV (which grows the store files);
1. push: ``Neo4jStore.push`` of a generated portfolio into an empty database (every stage: accounts,
   people, employers, managers, teams, connections), relationships per second;
2. LOAD CSV: the same graph from the same CSV files with ``LOAD CSV ... CALL { MERGE ... } IN
   TRANSACTIONS`` into an empty database, relationships per second (target: push >= half of this);
3. one query per row: the first --per-row connections written one ``MERGE`` query each, rows per second;
4. findings: `database_findings` (coverage, uncovered, single threads, heroes, weak links in Cypher)
   against `graphmap.analyze` on the map in memory (the folder already read).

LOAD CSV reads the files through the server, so the server must run on this machine and allow file
URLs (``dbms.security.allow_csv_import_from_file_urls``, default true) with no import directory set
(``server.directories.import``), or with --csv-root pointing at it and the files copied there.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import AS_OF, OUT, generated_map  # noqa: E402

import datetime as dt  # noqa: E402

import graphmap  # noqa: E402
from graphmap.generate import write_generated_map  # noqa: E402
from graphmap.store import open_neo4j_store  # noqa: E402
from graphmap.store.neo4j_findings import database_findings  # noqa: E402
from graphmap.store.neo4j_push import ensure_schema  # noqa: E402

# Relationships first, in small transactions: a DETACH DELETE of hub nodes overflows the transaction memory pool.
WIPE_RELATIONSHIPS = "MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 20000 ROWS"
WIPE_NODES = "MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 20000 ROWS"

# The same graph as a push, from the canonical CSV files (blank cells arrive as null).
LOAD_CSV = {
    "accounts": """LOAD CSV WITH HEADERS FROM $url AS row CALL (row) {
        MERGE (a:Account {account_id: row.account_id})
        SET a.name = row.name, a.strategy_owner = coalesce(row.strategy_owner, ''),
            a.strategy_type = coalesce(row.strategy_type, ''), a.strategy = coalesce(row.strategy, '')
        } IN TRANSACTIONS OF $batch ROWS""",
    "people": """LOAD CSV WITH HEADERS FROM $url AS row CALL (row) {
        MERGE (p:Person {person_id: row.person_id})
        SET p.name = row.name, p.side = row.side, p.account_id = coalesce(row.account_id, ''),
            p.role = coalesce(row.role, ''), p.title = coalesce(row.title, ''),
            p.influence = coalesce(toInteger(row.influence), 3)
        } IN TRANSACTIONS OF $batch ROWS""",
    "works_at": """LOAD CSV WITH HEADERS FROM $url AS row CALL (row) {
        WITH row WHERE row.side = 'customer'
        MATCH (p:Person {person_id: row.person_id}) MATCH (a:Account {account_id: row.account_id})
        MERGE (p)-[:WORKS_AT]->(a)
        } IN TRANSACTIONS OF $batch ROWS""",
    "reports_to": """LOAD CSV WITH HEADERS FROM $url AS row CALL (row) {
        WITH row WHERE row.reports_to IS NOT NULL
        MATCH (p:Person {person_id: row.person_id}) MATCH (b:Person {person_id: row.reports_to})
        MERGE (p)-[:REPORTS_TO]->(b)
        } IN TRANSACTIONS OF $batch ROWS""",
    "team": """LOAD CSV WITH HEADERS FROM $url AS row CALL (row) {
        MATCH (p:Person {person_id: row.person_id}) MATCH (a:Account {account_id: row.account_id})
        MERGE (p)-[t:ON_TEAM]->(a)
        SET t.team_role = coalesce(row.team_role, ''), t.responsibilities = coalesce(row.responsibilities, '')
        } IN TRANSACTIONS OF $batch ROWS""",
    "connections": """LOAD CSV WITH HEADERS FROM $url AS row CALL (row) {
        MATCH (a:Person {person_id: row.from_id}) MATCH (b:Person {person_id: row.to_id})
        MERGE (a)-[c:CONNECTED]->(b)
        SET c.strength = coalesce(toInteger(row.strength), 3), c.notes = coalesce(row.notes, ''),
            c.last_contact = CASE WHEN row.last_contact IS NULL OR row.last_contact = '' THEN null
                                  ELSE date(row.last_contact) END
        } IN TRANSACTIONS OF $batch ROWS""",
}
FILE_OF = {"accounts": "accounts", "people": "people", "works_at": "people", "reports_to": "people",
           "team": "team", "connections": "connections"}

PER_ROW = """MATCH (a:Person {person_id: $from_id}) MATCH (b:Person {person_id: $to_id})
MERGE (a)-[c:CONNECTED]->(b) SET c = $props, c.last_contact = date($props.last_contact)"""


def wipe(store) -> None:
    store.run_autocommit(WIPE_RELATIONSHIPS)
    store.run_autocommit(WIPE_NODES)


def relationships(store) -> int:
    return store.run("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"]


def push(store, amap, batch: int) -> tuple[float, float]:
    """Seconds for the whole push, and for its connections stage."""
    marks: dict[str, float] = {}

    def progress(stage: str, done: int, total: int) -> None:
        if stage == "connections":
            marks.setdefault("start", time.perf_counter())
            if done == total:
                marks["end"] = time.perf_counter()

    start = time.perf_counter()
    store.push(amap, batch_size=batch, progress=progress)
    return time.perf_counter() - start, marks["end"] - marks["start"]


def load_csv(store, folder: Path, batch: int) -> tuple[float, float]:
    """Seconds for LOAD CSV of every file, and for the connections file alone."""
    ensure_schema(store)
    start = time.perf_counter()
    conn_time = 0.0
    for stage, query in LOAD_CSV.items():
        url = (folder / f"{FILE_OF[stage]}.csv").resolve().as_uri()
        t = time.perf_counter()
        store.run_autocommit(query, {"url": url, "batch": batch})
        if stage == "connections":
            conn_time = time.perf_counter() - t
    return time.perf_counter() - start, conn_time


def findings_and_per_row(store, amap, per_row: int) -> tuple[float, float, float]:
    """On the pushed graph: the in-database findings' time and the engine's, then one query per row."""
    as_of = dt.date.fromisoformat(AS_OF)
    start = time.perf_counter()
    in_db = database_findings(store, as_of=as_of)
    db_time = time.perf_counter() - start
    start = time.perf_counter()
    graphmap.analyze(amap, as_of=as_of)
    mem_time = time.perf_counter() - start
    print(f"findings:  in Neo4j {db_time:7.1f} s, in memory {mem_time:7.2f} s "
          f"({db_time / mem_time:.0f}x), {len(in_db)} accounts", flush=True)

    # The first connections written again, one MERGE query each (as a naive loader would).
    rows = amap.connections.head(per_row)
    start = time.perf_counter()
    for row in rows.itertuples(index=False):
        last = None if row.last_contact != row.last_contact else row.last_contact.date().isoformat()
        store.run(PER_ROW, {"from_id": row.from_id, "to_id": row.to_id,
                            "props": {"strength": int(row.strength), "last_contact": last}}, write=True)
    rate = len(rows) / (time.perf_counter() - start)
    print(f"per row:   {rate:9,.0f} rows/s ({len(rows)} rows)", flush=True)
    return db_time, mem_time, rate


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=2000)
    parser.add_argument("--batch-size", type=int, default=5000)
    parser.add_argument("--per-row", type=int, default=2000, help="Connections written one query each.")
    parser.add_argument("--rounds", type=int, default=2,
                        help="Push and LOAD CSV alternate this many times; the medians are reported.")
    parser.add_argument("--csv-root", type=Path, default=None,
                        help="Copy the CSV files here for LOAD CSV (the server's import directory).")
    args = parser.parse_args()

    folder = generated_map(args.accounts)
    amap = graphmap.read_map(folder)
    csv_folder = folder
    if args.csv_root:
        csv_folder = args.csv_root / folder.name
        shutil.copytree(folder, csv_folder, dirs_exist_ok=True)
    warm = OUT / "neo4j-warmup"
    if not warm.exists():
        write_generated_map(warm, 50, seed=2, as_of=dt.date.fromisoformat(AS_OF))
    warm_map = graphmap.read_map(warm)
    n_conns = len(amap.connections)
    print(f"{args.accounts} accounts: {len(amap.people)} people, {len(amap.team)} team rows, {n_conns} connections",
          flush=True)

    with open_neo4j_store(retry_seconds=60) as store:
        print(f"server: {store.status().server} at {store.location}", flush=True)
        for _ in range(2):  # warm-up: the JVM compiles both write paths
            wipe(store)
            push(store, warm_map, args.batch_size)
            wipe(store)
            load_csv(store, warm, args.batch_size)

        # The first large write on a fresh server also grows its store files; a full LOAD CSV and a wipe first,
        # so that neither measured side pays for that.
        wipe(store)
        load_csv(store, csv_folder, args.batch_size)

        pushes, loads = [], []
        for round_ in range(args.rounds):  # alternate, so that both sides see the same machine and server state
            wipe(store)
            pushes.append(push(store, amap, args.batch_size))
            rels = relationships(store)
            print(f"push:      {pushes[-1][0]:7.1f} s, {rels / pushes[-1][0]:9,.0f} relationships/s "
                  f"(connections stage {n_conns / pushes[-1][1]:9,.0f}/s)", flush=True)
            if round_ == args.rounds - 1:
                db_time, mem_time, per_row_rate = findings_and_per_row(store, amap, args.per_row)
            wipe(store)
            loads.append(load_csv(store, csv_folder, args.batch_size))
            csv_rels = relationships(store)
            print(f"LOAD CSV:  {loads[-1][0]:7.1f} s, {csv_rels / loads[-1][0]:9,.0f} relationships/s "
                  f"(connections file {n_conns / loads[-1][1]:9,.0f}/s)", flush=True)
        push_all, push_conns = (statistics.median(t[i] for t in pushes) for i in (0, 1))
        csv_all, csv_conns = (statistics.median(t[i] for t in loads) for i in (0, 1))
        wipe(store)

    result = {"accounts": args.accounts, "connections": n_conns, "relationships": rels, "batch_size": args.batch_size,
              "push_s": round(push_all, 2), "push_rel_per_s": round(rels / push_all),
              "push_connections_per_s": round(n_conns / push_conns),
              "load_csv_s": round(csv_all, 2), "load_csv_rel_per_s": round(csv_rels / csv_all),
              "load_csv_connections_per_s": round(n_conns / csv_conns),
              "push_vs_load_csv": round((rels / push_all) / (csv_rels / csv_all), 2),
              "per_row_rows_per_s": round(per_row_rate),
              "findings_neo4j_s": round(db_time, 2), "findings_memory_s": round(mem_time, 3)}
    print(f"push reaches {result['push_vs_load_csv']:.2f}x LOAD CSV's rate (target >= 0.5); "
          f"batched push is {result['push_rel_per_s'] / result['per_row_rows_per_s']:.0f}x one query per row")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"neo4j-{args.accounts}.json").write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
