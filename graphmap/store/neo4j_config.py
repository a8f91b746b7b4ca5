"""Where a Neo4j store is and how to log in: flags, then the environment, never a password on a command line.

=====================  ==========================  ==================
setting                flag                        environment
=====================  ==========================  ==================
URI                    ``--neo4j-uri``             ``GRAPHMAP_NEO4J_URI``
user                   ``--neo4j-user``            ``GRAPHMAP_NEO4J_USER`` (default ``neo4j``)
password               (none: flags show in ps)    ``GRAPHMAP_NEO4J_PASSWORD``
database               ``--neo4j-database``        ``GRAPHMAP_NEO4J_DATABASE`` (default: the server's)
=====================  ==========================  ==================

The password is held by `Neo4jSettings` but never shown: not in its repr, not in a message, not in a
log line or a report.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Mapping

from graphmap.exceptions import StoreError

__all__ = ["Neo4jSettings", "ENV_URI", "ENV_USER", "ENV_PASSWORD", "ENV_DATABASE", "DEFAULT_USER"]

ENV_URI = "GRAPHMAP_NEO4J_URI"
ENV_USER = "GRAPHMAP_NEO4J_USER"
ENV_PASSWORD = "GRAPHMAP_NEO4J_PASSWORD"
ENV_DATABASE = "GRAPHMAP_NEO4J_DATABASE"
DEFAULT_USER = "neo4j"


@dataclass(frozen=True)
class Neo4jSettings:
    """How to reach one Neo4j database.

    Examples
    --------
    >>> s = Neo4jSettings.from_env(environ={"GRAPHMAP_NEO4J_URI": "bolt://db:7687",
    ...                                     "GRAPHMAP_NEO4J_PASSWORD": "s3cret"})
    >>> s
    Neo4jSettings(uri='bolt://db:7687', user='neo4j', database=None, password=<set>)
    >>> "s3cret" in repr(s) + str(s) + s.describe()
    False
    """

    uri: str
    """A Bolt or Neo4j URI: ``bolt://host:7687``, ``neo4j://host``, ``neo4j+s://xxx.databases.neo4j.io``."""
    user: str = DEFAULT_USER
    """The user to log in as."""
    database: str | None = None
    """The database to use; None for the server's default database."""
    password: str | None = field(default=None, repr=False, compare=False)
    """The password (None: log in without authentication). Never shown."""

    @classmethod
    def from_env(cls, uri: str | None = None, user: str | None = None, database: str | None = None,
                 environ: Mapping[str, str] | None = None) -> "Neo4jSettings":
        """Settings from explicit values (flags), falling back to the ``GRAPHMAP_NEO4J_*`` environment.

        Raises `StoreError` when no URI is given either way.
        """
        env = os.environ if environ is None else environ
        uri = uri or env.get(ENV_URI, "").strip()
        if not uri:
            raise StoreError(f"no Neo4j URI: pass --neo4j-uri or set {ENV_URI} (e.g. bolt://localhost:7687)")
        return cls(uri=uri, user=user or env.get(ENV_USER, "").strip() or DEFAULT_USER,
                   database=database or env.get(ENV_DATABASE, "").strip() or None,
                   password=env.get(ENV_PASSWORD) or None)

    def describe(self) -> str:
        """The URI and database, for messages: ``bolt://db:7687 (database 'maps')``."""
        return self.uri + (f" (database {self.database!r})" if self.database else "")

    def __repr__(self) -> str:
        shown = "<set>" if self.password else "<none>"
        return (f"Neo4jSettings(uri={self.uri!r}, user={self.user!r}, database={self.database!r}, "
                f"password={shown})")

    __str__ = __repr__
