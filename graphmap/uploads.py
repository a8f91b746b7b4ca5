"""Maps from uploaded files: the canonical CSV files a user hands over, merged onto the current map.

`map_from_uploads` is the one boundary between "files a user gave us" and a validated `AccountMap`;
the app's Import page calls it and nothing else. Canonical files (``accounts.csv``, ``people.csv``,
``team.csv``, ``connections.csv``) replace the same table of the current map; the others are kept, so
uploading a fresh ``connections.csv`` alone updates the connections. Contact exports (CRM, LinkedIn)
will be routed through ``graphmap.imports`` here, by file profile, without the page changing.
`map_changes` says what applying the upload would change.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

import pandas as pd

from graphmap.exceptions import MapError
from graphmap.mapfolder import MAP_FILES, read_text_table, tables_as_text
from graphmap.model.accountmap import CANONICAL_COLUMNS, AccountMap
from graphmap.model.validation import validate_tables

__all__ = ["map_from_uploads", "map_changes", "TableChange", "UPLOAD_SOURCE"]

#: How an uploaded map is named in error messages.
UPLOAD_SOURCE = "upload"
_KEYS = {"accounts": ("account_id",), "people": ("person_id",), "team": ("account_id", "person_id"),
         "connections": ("from_id", "to_id")}


def map_from_uploads(files: Mapping[str, bytes], base: AccountMap | None = None) -> AccountMap:
    """A validated map from uploaded CSV files, each replacing its table of `base`.

    Parameters
    ----------
    files
        File name to content. Names are matched without regard to case or folders
        (``Export/People.CSV`` is ``people.csv``).
    base
        The map the upload changes; without one, ``accounts.csv`` and ``people.csv`` are required.

    Raises
    ------
    MapError
        A file name that is not a map file, or a required file missing.
    MapValidationError
        Faults in the files, each naming the file, row, column and value; the map is then refused whole.

    Examples
    --------
    >>> files = {"accounts.csv": b"account_id,name\\na1,Cobalt\\n",
    ...          "people.csv": b"person_id,name,side,account_id\\nc1,Lee,customer,a1\\n"}
    >>> map_from_uploads(files)
    AccountMap(1 accounts, 1 people, 0 team memberships, 0 connections)
    """
    by_table: dict[str, bytes] = {}
    tables_of = {file_name: table for table, file_name in MAP_FILES.items()}
    for name, content in files.items():
        short = Path(name.replace("\\", "/")).name.lower()
        if short not in tables_of:
            raise MapError(f"{name}: not a map file; accepted: {', '.join(MAP_FILES.values())}")
        by_table[tables_of[short]] = content
    if not by_table:
        raise MapError(f"no files uploaded; accepted: {', '.join(MAP_FILES.values())}")
    raw = tables_as_text(base) if base is not None else {}
    with tempfile.TemporaryDirectory(prefix="graphmap-upload-") as tmp:
        for table, content in by_table.items():
            path = Path(tmp) / MAP_FILES[table]
            path.write_bytes(content)
            try:
                raw[table] = read_text_table(path)
            except MapError as err:
                # The temporary folder means nothing to the user; name the upload instead.
                err.args = (str(err).replace(str(path), MAP_FILES[table]).replace(tmp, UPLOAD_SOURCE),)
                if hasattr(err, "folder"):
                    err.folder = UPLOAD_SOURCE
                raise
    for table in ("accounts", "people"):
        if table not in raw:
            raise MapError(f"{MAP_FILES[table]}: missing; upload it with the other files (a new map needs "
                           f"{MAP_FILES['accounts']} and {MAP_FILES['people']})")
    for table in CANONICAL_COLUMNS:
        raw.setdefault(table, pd.DataFrame({c: pd.Series(dtype=object) for c in CANONICAL_COLUMNS[table]}))
    return validate_tables(raw, source=UPLOAD_SOURCE)


@dataclass(frozen=True)
class TableChange:
    """What applying a new map changes in one table."""

    table: str
    before: int
    """Rows today."""
    after: int
    """Rows after."""
    added: int
    """Rows whose key (an id, or a pair of ids) is new."""
    removed: int
    """Rows whose key disappears."""
    changed: int
    """Rows kept whose values differ."""


def map_changes(before: AccountMap, after: AccountMap) -> tuple[TableChange, ...]:
    """Per table, how many rows a new map adds, removes and changes against the current one.

    >>> import graphmap, tempfile
    >>> amap = graphmap.read_map(graphmap.write_sample_map(tempfile.mkdtemp() + "/s"))
    >>> [c.changed for c in map_changes(amap, amap)]
    [0, 0, 0, 0]
    """
    old, new = tables_as_text(before), tables_as_text(after)
    out = []
    for table, key in _KEYS.items():
        a = old[table].drop_duplicates(list(key), keep="last").set_index(list(key))
        b = new[table].drop_duplicates(list(key), keep="last").set_index(list(key))
        kept = a.index.intersection(b.index)
        columns = [c for c in CANONICAL_COLUMNS[table] if c not in key and c in a.columns and c in b.columns]
        changed = 0
        if len(kept) and columns:
            changed = int((a.loc[kept, columns] != b.loc[kept, columns]).any(axis=1).sum())
        out.append(TableChange(table, len(old[table]), len(new[table]), int(len(b.index.difference(a.index))),
                               int(len(a.index.difference(b.index))), changed))
    return tuple(out)
