"""The store interface: where a map lives, behind three methods.

A store is a small, swappable backend in the manner of httpx's transports: `MapStore.load` reads a
map (or the part of it about some accounts), `MapStore.save` writes one, `MapStore.close` lets go of
whatever the store holds (a driver, a connection pool). Two implementations ship with graphmap:
`graphmap.store.folder.FolderStore` (the canonical CSV folder, the default) and
`graphmap.store.neo4j_store.Neo4jStore` (a Neo4j database, for shared and large maps).

The meaning of ``save(amap, accounts)`` is the same for every store: the map is authoritative for the
accounts it holds. Those accounts, their stakeholders, their team memberships and every connection
that touches one of their stakeholders or joins two people of the map are replaced by the map's;
what the store holds about other accounts is kept. Stakeholders of those accounts that the map no
longer has are removed, and so are supplier members left with no account, connection or
strategy they own.
"""

from __future__ import annotations

import abc
from types import TracebackType
from typing import Iterable

from graphmap.model.accountmap import AccountMap

__all__ = ["MapStore"]


class MapStore(abc.ABC):
    """A place where maps are kept: a folder, a database.

    Use it as a context manager so that it is closed::

        with open_store("folder", folder="data/sample") as store:
            amap = store.load()
    """

    #: Where the store is, for messages (a folder's path, a server's URI); never holds a secret.
    location: str = ""

    @abc.abstractmethod
    def load(self, accounts: Iterable[str] | None = None) -> AccountMap:
        """Read the map, or only the part about some accounts (as `AccountMap.subset` cuts it).

        Raises `graphmap.exceptions.StoreError` when the store cannot be read and
        `graphmap.exceptions.UnknownAccountError` for an account the store does not hold.
        """

    @abc.abstractmethod
    def save(self, amap: AccountMap, accounts: Iterable[str] | None = None) -> None:
        """Write the map, or only the part about some accounts, replacing what the store held for them."""

    def close(self) -> None:
        """Release what the store holds open (nothing, for a folder)."""

    def __enter__(self) -> "MapStore":
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.location!r})"
