"""Helpers for the store tests: comparing maps, dumping a whole Neo4j graph, an emptied store."""

from __future__ import annotations

import datetime as dt

import pytest

from graphmap.mapfolder import tables_as_text
from graphmap.model import AccountMap
from graphmap.store.neo4j_config import Neo4jSettings


def sorted_tables(amap: AccountMap) -> dict:
    """The map's tables as text, rows and columns in a fixed order."""
    out = {}
    for name, frame in tables_as_text(amap).items():
        cols = sorted(frame.columns)
        out[name] = frame[cols].sort_values(cols).reset_index(drop=True)
    return out


def assert_same_map(a: AccountMap, b: AccountMap) -> None:
    """The two maps hold the same rows and columns (order aside)."""
    ta, tb = sorted_tables(a), sorted_tables(b)
    for name in ta:
        assert list(ta[name].columns) == list(tb[name].columns), name
        assert ta[name].equals(tb[name]), name


def graph_dump(store) -> tuple[list, list]:
    """Every node (labels, properties) and relationship (type, ends, properties) of the database, sorted."""
    nodes = store.run("MATCH (n) RETURN labels(n) AS labels, properties(n) AS props")
    rels = store.run("MATCH (a)-[r]->(b) RETURN type(r) AS type, coalesce(a.person_id, a.account_id) AS a, "
                     "coalesce(b.person_id, b.account_id) AS b, properties(r) AS props")

    def frozen(props: dict) -> tuple:
        return tuple(sorted((k, str(v)) for k, v in props.items()))

    return (sorted((tuple(sorted(r["labels"])), frozen(r["props"])) for r in nodes),
            sorted((r["type"], r["a"], r["b"], frozen(r["props"])) for r in rels))


def settings_of(server) -> Neo4jSettings:
    return Neo4jSettings(uri=server.uri, user=server.user, password=server.password)


def wipe(store) -> None:
    store.run("MATCH (n) DETACH DELETE n", write=True)


@pytest.fixture
def neo4j_env(neo4j_server, monkeypatch):
    """The GRAPHMAP_NEO4J_* variables pointing at the test server, as a user would set them."""
    monkeypatch.setenv("GRAPHMAP_NEO4J_URI", neo4j_server.uri)
    monkeypatch.setenv("GRAPHMAP_NEO4J_USER", neo4j_server.user)
    monkeypatch.setenv("GRAPHMAP_NEO4J_PASSWORD", neo4j_server.password)
    monkeypatch.delenv("GRAPHMAP_NEO4J_DATABASE", raising=False)
    return neo4j_server


@pytest.fixture
def store(neo4j_server):
    """An open store on an empty database."""
    from graphmap.store import open_neo4j_store

    with open_neo4j_store(settings_of(neo4j_server)) as opened:
        wipe(opened)
        yield opened


AS_OF = dt.date(2026, 11, 27)
