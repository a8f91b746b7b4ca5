"""pytest fixtures for a real Neo4j server (see tests/neo4j_server.py).

Registered for the whole suite by ``-p tests.conftest_neo4j`` in pyproject.toml's pytest ``addopts``.

Fixtures:

- ``neo4j_server``: session-scoped, running ``Neo4jServer`` shared by all
  tests (temp data dir, free port). Do not kill or stop it; tests that crash
  a server use ``neo4j_server_factory``.
- ``neo4j_driver``: session-scoped ``neo4j.Driver`` logged in to it.
- ``neo4j_server_factory``: ``make(**kwargs)`` starts a server of the test's
  own (kwargs as for ``Neo4jServer``); all are stopped at teardown.

If a server cannot start, the test is skipped with the reason, unless env
``CI`` or ``GRAPHMAP_REQUIRE_NEO4J`` is set (to anything but "", "0",
"false"): then it fails.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.neo4j_server import Neo4jServer, Neo4jServerError


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() not in ("", "0", "false", "no")


def neo4j_required() -> bool:
    """True when a missing Neo4j must fail the run instead of skipping."""
    return _flag("CI") or _flag("GRAPHMAP_REQUIRE_NEO4J")


def neo4j_unavailable(reason: str) -> None:
    """Fail (under CI / GRAPHMAP_REQUIRE_NEO4J) or skip: never returns."""
    if neo4j_required():
        pytest.fail(
            f"Neo4j test server unavailable (CI or GRAPHMAP_REQUIRE_NEO4J is set): {reason}",
            pytrace=False,
        )
    pytest.skip(
        "Neo4j test server unavailable (set CI or GRAPHMAP_REQUIRE_NEO4J=1 to fail "
        f"instead): {reason}"
    )


def start_or_skip(server: Neo4jServer) -> Neo4jServer:
    try:
        return server.start()
    except Neo4jServerError as exc:
        neo4j_unavailable(str(exc))
        raise  # unreachable: skip/fail raise


@pytest.fixture(scope="session")
def neo4j_server() -> Iterator[Neo4jServer]:
    server = Neo4jServer()
    start_or_skip(server)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_server: Neo4jServer) -> Iterator[Any]:
    from neo4j import GraphDatabase

    driver = GraphDatabase.driver(neo4j_server.uri, auth=neo4j_server.auth)
    try:
        yield driver
    finally:
        driver.close()


@pytest.fixture
def neo4j_server_factory() -> Iterator[Callable[..., Neo4jServer]]:
    servers: list[Neo4jServer] = []

    def make(**kwargs: Any) -> Neo4jServer:
        server = Neo4jServer(**kwargs)
        servers.append(server)
        return start_or_skip(server)

    yield make
    for server in reversed(servers):
        server.stop()
