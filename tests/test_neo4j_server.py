"""The Neo4j test server itself: auth, two at once, crash and restart."""

from __future__ import annotations

import pytest
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError

from tests.neo4j_server import Neo4jServer



def _count(uri: str, auth: tuple[str, str], label: str) -> int:
    with GraphDatabase.driver(uri, auth=auth) as driver:
        records, _, _ = driver.execute_query(f"MATCH (n:{label}) RETURN count(n) AS c")
        return records[0]["c"]


def test_shared_server_answers(neo4j_server: Neo4jServer, neo4j_driver) -> None:
    assert neo4j_server.uri == f"bolt://127.0.0.1:{neo4j_server.port}"
    records, _, _ = neo4j_driver.execute_query("RETURN 1 AS x")
    assert records[0]["x"] == 1


def test_kill_restart_keeps_committed_data(neo4j_server: Neo4jServer, neo4j_server_factory) -> None:
    server = neo4j_server_factory()
    # Two servers at once, on different ports and data dirs.
    assert server.port != neo4j_server.port
    assert server.data_dir != neo4j_server.data_dir
    uri, data_dir = server.uri, server.data_dir

    driver = GraphDatabase.driver(server.uri, auth=(server.user, server.password))
    try:
        records, _, _ = driver.execute_query("RETURN 1 AS x")
        assert records[0]["x"] == 1

        with GraphDatabase.driver(server.uri, auth=(server.user, "wrong-password")) as bad:
            with pytest.raises(AuthError):
                bad.verify_connectivity()

        with driver.session() as session:
            session.execute_write(
                lambda tx: tx.run("UNWIND range(1, 100) AS i CREATE (:Survivor {i: i})").consume()
            )
            # Left open (never committed) when the server dies.
            pending = session.begin_transaction()
            pending.run("CREATE (:Uncommitted)").consume()
            server.kill()
            assert not server.running
    finally:
        driver.close()

    assert _count(neo4j_server.uri, neo4j_server.auth, "Survivor") == 0  # the other one is untouched

    server.restart()
    assert (server.uri, server.data_dir) == (uri, data_dir)
    assert _count(server.uri, server.auth, "Survivor") == 100
    assert _count(server.uri, server.auth, "Uncommitted") == 0

    # A second object on the same data dir and port works too (after a crash).
    server.kill()
    again = neo4j_server_factory(data_dir=data_dir, port=server.port)
    assert again.uri == uri
    assert _count(again.uri, again.auth, "Survivor") == 100
