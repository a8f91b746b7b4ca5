"""Options that say where a Neo4j store is, shared by ``graphmap neo4j ...`` and ``analyze --store neo4j``.

The password has no flag on purpose (a flag shows in ``ps`` and in shell history): it comes from
``GRAPHMAP_NEO4J_PASSWORD`` only.
"""

from __future__ import annotations

import logging
from typing import Any, Callable

import click

from graphmap.store.neo4j_config import ENV_DATABASE, ENV_URI, ENV_USER, Neo4jSettings

__all__ = ["neo4j_options", "neo4j_settings_from", "open_neo4j_from_options"]


def neo4j_options(func: Callable) -> Callable:
    """Add ``--neo4j-uri``, ``--neo4j-user`` and ``--neo4j-database`` (each falling back to its variable)."""
    for flag, name, env, what in reversed((
            ("--neo4j-uri", "neo4j_uri", ENV_URI, "Neo4j URI, e.g. bolt://localhost:7687"),
            ("--neo4j-user", "neo4j_user", ENV_USER, "Neo4j user (default neo4j)"),
            ("--neo4j-database", "neo4j_database", ENV_DATABASE, "Neo4j database (default: the server's)"))):
        func = click.option(flag, name, metavar="TEXT", default=None, help=f"{what} [env {env}].")(func)
    return func


def neo4j_settings_from(options: dict[str, Any]) -> Neo4jSettings:
    """The settings given by the options, then the environment (password: env ``GRAPHMAP_NEO4J_PASSWORD``)."""
    return Neo4jSettings.from_env(uri=options.get("neo4j_uri"), user=options.get("neo4j_user"),
                                  database=options.get("neo4j_database"))


def open_neo4j_from_options(options: dict[str, Any], **store_options: Any):
    """An open `Neo4jStore` for the command's options.

    The driver logs its retries as warnings; on the command line they would interleave with the one
    clear error line the user gets, so the CLI keeps them out of the terminal.
    """
    from graphmap.store import open_neo4j_store

    logging.getLogger("neo4j").addHandler(logging.NullHandler())
    logging.getLogger("neo4j").propagate = False
    return open_neo4j_store(neo4j_settings_from(options), **store_options)

