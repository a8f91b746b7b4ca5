"""Where maps live: the store interface, the folder store (default) and the Neo4j store.

Open one with `open_store`::

    with open_store("folder", folder="data/sample") as store:
        amap = store.load()
    with open_store("neo4j") as store:           # settings from GRAPHMAP_NEO4J_* variables
        store.save(amap)

The Neo4j store needs the optional ``neo4j`` driver (``pip install 'graphmap[neo4j]'``); it is
imported only when a Neo4j store is opened.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from graphmap.exceptions import StoreError
from graphmap.store.base import MapStore
from graphmap.store.folder import FolderStore
from graphmap.store.merge import merge_maps
from graphmap.store.neo4j_config import Neo4jSettings

if TYPE_CHECKING:
    from graphmap.store.neo4j_store import Neo4jStore

__all__ = ["MapStore", "FolderStore", "Neo4jSettings", "merge_maps", "open_store", "open_neo4j_store", "STORE_KINDS"]

STORE_KINDS = ("folder", "neo4j")


def open_neo4j_store(settings: Neo4jSettings | None = None, **options) -> "Neo4jStore":
    """A connected `Neo4jStore` (settings from the environment when none are given).

    `options` go to `Neo4jStore` (``batch_size``, ``retry_seconds``). Raises `StoreError` when the
    server cannot be reached or used and `MissingDependencyError` when the driver is not installed.
    """
    from graphmap.store.neo4j_store import Neo4jStore

    return Neo4jStore(settings or Neo4jSettings.from_env(), **options)


def open_store(kind: str = "folder", *, folder: str | os.PathLike | None = None,
               neo4j: Neo4jSettings | None = None, **options) -> MapStore:
    """Open a store of the given kind: ``folder`` (needs `folder`) or ``neo4j`` (`neo4j` settings or the env).

    Examples
    --------
    >>> import graphmap, tempfile
    >>> with open_store("folder", folder=graphmap.write_sample_map(tempfile.mkdtemp() + "/s")) as store:
    ...     len(store.load())
    5
    """
    if kind == "folder":
        if folder is None:
            raise StoreError("the folder store needs a map folder")
        return FolderStore(folder)
    if kind == "neo4j":
        return open_neo4j_store(neo4j, **options)
    raise StoreError(f"unknown store {kind!r}; known: {', '.join(STORE_KINDS)}")
