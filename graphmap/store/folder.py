"""The folder store: a map kept as a canonical CSV folder (the embedded default)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

from graphmap.mapfolder import read_map, write_map
from graphmap.model.accountmap import AccountMap
from graphmap.store.base import MapStore
from graphmap.store.merge import merge_maps

__all__ = ["FolderStore"]


class FolderStore(MapStore):
    """A map in a folder of CSV files (`graphmap.read_map` / `graphmap.write_map`).

    Examples
    --------
    >>> import graphmap, tempfile
    >>> store = FolderStore(graphmap.write_sample_map(tempfile.mkdtemp() + "/s"))
    >>> store.load(["acc-vela"]).account_ids
    ['acc-vela']
    """

    def __init__(self, folder: str | os.PathLike) -> None:
        self.folder = Path(folder)
        self.location = str(self.folder)

    def load(self, accounts: Iterable[str] | None = None) -> AccountMap:
        amap = read_map(self.folder)
        wanted = list(accounts or ())
        return amap.subset(wanted) if wanted else amap

    def save(self, amap: AccountMap, accounts: Iterable[str] | None = None) -> None:
        """Write the map; with `accounts`, merge that part into the folder's map (`merge_maps`).

        The folder is replaced atomically: a reader sees the old map or the new one, never a mixture.
        """
        wanted = list(accounts or ())
        if not wanted:
            write_map(amap, self.folder)
            return
        part = amap.subset(wanted)
        stored = read_map(self.folder) if self.folder.exists() else None
        write_map(part if stored is None else merge_maps(stored, part), self.folder)
