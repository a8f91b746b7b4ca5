"""The Neo4j store: a map kept in a Neo4j database (graph model in docs/neo4j.md).

The ``neo4j`` driver is an optional extra (``pip install 'graphmap[neo4j]'``), imported only when a
Neo4j store is opened. Every failure of the server or the login becomes one `StoreError` line naming
the URI and the problem; the password is never part of a message. Use::

    with Neo4jStore(Neo4jSettings.from_env()) as store:
        store.push(graphmap.read_map("data/sample"))
        amap = store.load(["acc-vela"])
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator

from graphmap.exceptions import MissingDependencyError, StoreError
from graphmap.model.accountmap import AccountMap
from graphmap.store.base import MapStore
from graphmap.store.neo4j_config import ENV_PASSWORD, Neo4jSettings

__all__ = ["Neo4jStore", "StoreStatus", "load_driver_module", "DEFAULT_BATCH_SIZE"]

#: Rows sent per write transaction: large enough to amortise a round trip, small enough to retry cheaply.
DEFAULT_BATCH_SIZE = 5000

#: The driver's own default: how long a failed transaction is retried before the error is raised.
DEFAULT_RETRY_SECONDS = 30.0

#: The URI schemes of the Bolt protocol (direct or routed; +s and +ssc for TLS).
URI_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")

Progress = Callable[[str, int, int], None]
"""A progress callback: (stage, rows done, rows in the stage)."""


def load_driver_module() -> Any:
    """The ``neo4j`` package, or `MissingDependencyError` saying how to install it."""
    try:
        import neo4j
    except ImportError:
        raise MissingDependencyError(
            "the Neo4j store needs the neo4j driver, which is not installed: pip install 'graphmap[neo4j]'"
        ) from None
    return neo4j


@dataclass(frozen=True)
class StoreStatus:
    """What a Neo4j store holds, for ``graphmap neo4j status``."""

    location: str
    server: str
    """Product and version, e.g. ``Neo4j Kernel 5.26.0 community``."""
    accounts: int
    people: int
    team_memberships: int
    connections: int


class Neo4jStore(MapStore):
    """A map in a Neo4j database, reached with the official driver.

    Opening checks the server, the login and the database at once, so that a wrong setting fails
    here with one clear line rather than in the middle of a push.

    Parameters
    ----------
    settings
        Where the database is and how to log in (`Neo4jSettings`).
    batch_size
        Rows per write transaction for `push`.
    retry_seconds
        How long the driver retries a transaction that failed for a transient reason (a leader
        switch, a lost connection) before the store gives up with a `StoreError`.
    """

    def __init__(self, settings: Neo4jSettings, *, batch_size: int = DEFAULT_BATCH_SIZE,
                 retry_seconds: float = DEFAULT_RETRY_SECONDS) -> None:
        self.settings = settings
        self.location = settings.describe()
        self.batch_size = batch_size
        scheme = settings.uri.split("://", 1)[0].lower() if "://" in settings.uri else ""
        if scheme not in URI_SCHEMES:
            raise StoreError(f"Neo4j at {self.location}: not a Neo4j URI; it must start with one of "
                             + ", ".join(f"{s}://" for s in URI_SCHEMES))
        neo4j = load_driver_module()
        auth = (settings.user, settings.password) if settings.password is not None else None
        try:
            self._driver = neo4j.GraphDatabase.driver(settings.uri, auth=auth,
                                                      max_transaction_retry_time=retry_seconds)
        except (ValueError, neo4j.exceptions.ConfigurationError) as err:
            raise StoreError(f"Neo4j at {self.location}: not a usable Neo4j URI: {_one_line(str(err))}") from None
        try:
            with self._translated():
                self._driver.verify_connectivity()
                # A missing database is only noticed by a query against it.
                self._driver.execute_query("RETURN 1", database_=settings.database,
                                           routing_=neo4j.RoutingControl.READ)
        except BaseException:
            self._driver.close()
            raise

    # -- running queries ------------------------------------------------------------------------

    def run(self, query: str, parameters: dict[str, Any] | None = None, *, write: bool = False,
            transform: Callable[[Any], Any] | None = None) -> Any:
        """Run one parameterised query in its own retried transaction; return its records.

        `transform` (a function of the driver's ``Result``) replaces the default list of records,
        e.g. to build columns without a record object per row.
        """
        neo4j = load_driver_module()
        routing = neo4j.RoutingControl.WRITE if write else neo4j.RoutingControl.READ
        extra = {"result_transformer_": transform} if transform is not None else {}
        with self._translated():
            result = self._driver.execute_query(query, parameters or {}, routing_=routing,
                                                database_=self.settings.database, **extra)
        return result if transform is not None else result.records

    def run_autocommit(self, query: str, parameters: dict[str, Any] | None = None) -> None:
        """Run one query in an auto-commit transaction, as ``CALL { ... } IN TRANSACTIONS`` requires.

        Not retried: use it for statements that are safe to run again by hand (bulk deletes, LOAD CSV).
        """
        with self._translated():
            with self._driver.session(database=self.settings.database) as session:
                session.run(query, parameters or {}).consume()

    @contextlib.contextmanager
    def _translated(self) -> Iterator[None]:
        """Turn the driver's exceptions into one-line `StoreError`s naming the URI."""
        neo4j = load_driver_module()
        errors = neo4j.exceptions
        where = f"Neo4j at {self.location}"
        try:
            yield
        except errors.AuthError:
            raise StoreError(f"{where}: authentication failed for user {self.settings.user!r}; "
                             f"check the user and {ENV_PASSWORD}") from None
        except errors.ServiceUnavailable:
            raise StoreError(f"{where}: cannot connect: the server is down or unreachable") from None
        except errors.SessionExpired:
            raise StoreError(f"{where}: the connection was lost (the server stopped?); run the command again") from None
        except errors.ClientError as err:
            if err.code == "Neo.ClientError.Database.DatabaseNotFound":
                raise StoreError(f"{where}: database {self.settings.database!r} does not exist on this server") from None
            raise StoreError(f"{where}: {err.code}: {_one_line(err.message)}") from None
        except errors.Neo4jError as err:
            raise StoreError(f"{where}: {err.code}: {_one_line(err.message)}") from None
        except errors.DriverError as err:
            raise StoreError(f"{where}: {type(err).__name__}: {_one_line(str(err))}") from None

    # -- the MapStore interface -----------------------------------------------------------------

    def load(self, accounts: Iterable[str] | None = None) -> AccountMap:
        """Pull the map, or the part about some accounts (see `graphmap.store.neo4j_pull`)."""
        from graphmap.store.neo4j_pull import pull_map

        return pull_map(self, list(accounts) if accounts else None)

    def save(self, amap: AccountMap, accounts: Iterable[str] | None = None) -> None:
        """Push the map (`push`) with the store's batch size."""
        self.push(amap, accounts)

    def push(self, amap: AccountMap, accounts: Iterable[str] | None = None, *, batch_size: int | None = None,
             progress: Progress | None = None) -> dict[str, int]:
        """Write the map into the database (see `graphmap.store.neo4j_push.push_map`); return row counts."""
        from graphmap.store.neo4j_push import push_map

        part = amap.subset(list(accounts)) if accounts else amap
        return push_map(self, part, batch_size=batch_size or self.batch_size, progress=progress)

    def status(self) -> StoreStatus:
        """The server's version and what the database holds."""
        server = self.run("CALL dbms.components() YIELD name, versions, edition "
                          "RETURN name + ' ' + versions[0] + ' ' + edition AS server")
        counts = self.run(
            "RETURN COUNT { (:Account) } AS accounts, COUNT { (:Person) } AS people, "
            "COUNT { ()-[:ON_TEAM]->() } AS team, COUNT { ()-[:CONNECTED]->() } AS connections")[0]
        return StoreStatus(self.location, server[0]["server"] if server else "unknown", counts["accounts"],
                           counts["people"], counts["team"], counts["connections"])

    def close(self) -> None:
        """Close the driver (driver 6 no longer closes it on garbage collection)."""
        driver = getattr(self, "_driver", None)
        if driver is not None:
            driver.close()
            self._driver = None


def _one_line(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()
