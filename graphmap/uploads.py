"""Maps from uploaded files: the canonical CSV files a user hands over, merged onto the current map.

`map_from_uploads` is the one boundary between "files a user gave us" and a validated `AccountMap`;
the app's Import page calls it and nothing else. Canonical files (``accounts.csv``, ``people.csv``,
``team.csv``, ``connections.csv``) replace the same table of the current map; the others are kept, so
uploading a fresh ``connections.csv`` alone updates the connections. `preview_upload` is what the Import
page calls: canonical files go through `map_from_uploads`, every other file (CRM and LinkedIn exports,
activity logs) through `graphmap.imports.import_files`, into a temporary copy of the current map, so that
the user sees what would change and every bad row with its reason before applying anything.
`map_changes` says what applying the upload would change.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

import pandas as pd

from graphmap.exceptions import GraphmapError, MapError
from graphmap.imports import ERROR_FILE, FileReport, import_files
from graphmap.imports.records import ERROR_COLUMNS
from graphmap.mapfolder import MAP_FILES, read_map, read_text_table, tables_as_text, write_map
from graphmap.model.accountmap import CANONICAL_COLUMNS, AccountMap
from graphmap.model.validation import validate_tables

__all__ = ["map_from_uploads", "map_changes", "preview_upload", "TableChange", "UploadPreview", "UPLOAD_SOURCE"]

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
    """Per table, how many rows a new map adds, removes and changes (in any column, extra columns
    included) against the current one.

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
        # Every column counts, the extra ones too (an export's ids, other e-mails, LinkedIn URL, a log's
        # factors): the import counts a row they change as updated. A column one side lacks is blank there.
        columns = list(dict.fromkeys([*a.columns, *b.columns]))
        changed = 0
        if len(kept) and columns:
            before_rows = a.loc[kept].reindex(columns=columns, fill_value="")
            after_rows = b.loc[kept].reindex(columns=columns, fill_value="")
            changed = int((before_rows != after_rows).any(axis=1).sum())
        out.append(TableChange(table, len(old[table]), len(new[table]), int(len(b.index.difference(a.index))),
                               int(len(a.index.difference(b.index))), changed))
    return tuple(out)


@dataclass(frozen=True)
class UploadPreview:
    """What an upload would make of the current map, before anything is applied."""

    amap: AccountMap
    """The map after the upload (validated)."""
    changes: tuple[TableChange, ...]
    """Per table, rows added, removed and changed against the current map (empty without one)."""
    files: tuple[FileReport, ...] = ()
    """What the import did with each contact export (canonical files replace tables and are not listed)."""
    bad_rows: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=list(ERROR_COLUMNS)))
    """Rows skipped, or imported without a value, with the reason (the columns of ``import-errors.csv``)."""
    map_notes: tuple[str, ...] = ()
    """What the import did to the map as a whole (`graphmap.imports.ImportReport.notes`)."""

    def assumptions(self) -> pd.DataFrame:
        """What the import detected or assumed (encoding, delimiter, date order, sheet, ...): one row
        per note, by file (``map`` for the notes on the map as a whole), as `graphmap import` prints them."""
        rows = [{"file": f.path, "detected or assumed": note} for f in self.files for note in f.notes]
        rows += [{"file": "map", "detected or assumed": note} for note in self.map_notes]
        return pd.DataFrame(rows, columns=["file", "detected or assumed"])

    def summary(self) -> pd.DataFrame:
        """One row per contact export: its profile, rows read, what was added, updated and skipped."""
        return pd.DataFrame([{
            "file": f.path, "profile": f.profile, "kind": f.kind, "rows": f.rows,
            "accounts added": f.counts.accounts_added,
            "accounts updated": f.counts.accounts_updated, "people added": f.counts.people_added,
            "people updated": f.counts.people_updated, "connections added": f.counts.connections_added,
            "connections updated": f.counts.connections_updated, "rows skipped": sum(f.skipped.values()),
            "imported without a value": sum(f.warnings.values())} for f in self.files])


def preview_upload(files: Mapping[str, bytes], base: AccountMap | None = None,
                   owner: str | None = None, now: dt.datetime | None = None) -> UploadPreview:
    """The map an upload would make, what it changes, and its bad rows; `base` is never changed.

    Canonical map files (``people.csv``, ...) replace their table of `base` (`map_from_uploads`). Every
    other file is a contact export (Salesforce, HubSpot, LinkedIn, activity log) whose profile is
    detected from its header; those go through `graphmap.imports.import_files` into a temporary copy
    of the map, and are merged with it (people and connections added or updated, rows skipped with a
    reason). Nothing is written outside a temporary folder.

    Parameters
    ----------
    files
        File name to content.
    base
        The current map (None: the upload starts a new map).
    owner
        Whose LinkedIn network a ``Connections.csv`` is: a supplier member's person_id or an e-mail.
    now
        The moment of the import in the user's time zone, which decides which activities are planned,
        not happened (`graphmap.imports.import_files`); the server's clock and zone when None.

    Raises
    ------
    GraphmapError
        A file that cannot be read, whose profile cannot be told, or whose rows make the map invalid;
        the message names the uploaded file, never the temporary folder.

    Examples
    --------
    >>> import graphmap, tempfile
    >>> amap = graphmap.read_map(graphmap.write_sample_map(tempfile.mkdtemp() + "/s"))
    >>> hubspot = (b"Record ID,First Name,Last Name,Email,Contact owner,Associated Company,Job Title\\n"
    ...            b"9,Ada,Moss,ada@cobalt.example,Dana Reyes,Cobalt Mining Inc.,CFO\\n")
    >>> preview = preview_upload({"hubspot.csv": hubspot}, amap)
    >>> preview.summary()[["profile", "people added", "connections added"]].values.tolist()
    [['hubspot', 1, 1]]
    """
    if not files:
        raise MapError(f"no files uploaded; accepted: {', '.join(MAP_FILES.values())} and contact exports "
                       "(Salesforce, HubSpot, LinkedIn, activity logs)")
    canonical = {n: c for n, c in files.items() if _is_map_file(n, c)}
    exports = {Path(n.replace("\\", "/")).name: c for n, c in files.items() if n not in canonical}
    start = map_from_uploads(canonical, base) if canonical else base
    if not exports:
        return UploadPreview(start, map_changes(base, start) if base is not None else ())
    with tempfile.TemporaryDirectory(prefix="graphmap-import-") as tmp:
        folder, inbox = Path(tmp) / "map", Path(tmp) / "files"
        inbox.mkdir()
        if start is not None:
            write_map(start, folder)
        paths = []
        for name, content in exports.items():
            path = inbox / name
            path.write_bytes(content)
            paths.append(path)
        try:
            report = import_files(paths, folder, owner=owner or None, now=now)
            after = read_map(folder)
            bad = (pd.read_csv(folder / ERROR_FILE, dtype=str, keep_default_na=False)
                   if report.error_file else pd.DataFrame(columns=list(ERROR_COLUMNS)))
        except GraphmapError as err:
            # The temporary folders mean nothing to the user; name the upload instead.
            err.args = tuple(str(a).replace(f"{inbox}/", "").replace(str(folder), UPLOAD_SOURCE)
                             .replace(tmp, UPLOAD_SOURCE) for a in err.args)
            raise
    reports = tuple(FileReport(Path(f.path).name, f.profile, f.kind, f.detected, f.rows, f.counts, f.skipped,
                               f.warnings, f.notes) for f in report.files)
    if len(bad):
        bad = bad.assign(file=bad["file"].map(lambda p: Path(p).name))
    return UploadPreview(after, map_changes(base, after) if base is not None else (), reports, bad, report.notes)


def _is_map_file(name: str, content: bytes) -> bool:
    """A canonical map file: named like one and headed by its key columns (LinkedIn's ``Connections.csv``
    has a map file's name and an export's content)."""
    tables_of = {file_name: table for table, file_name in MAP_FILES.items()}
    table = tables_of.get(Path(name.replace("\\", "/")).name.lower())
    if table is None:
        return False
    header = content[:4096].decode("utf-8-sig", errors="replace").splitlines()[:1]
    columns = {c.strip().strip('"').lower() for c in header[0].split(",")} if header else set()
    return set(_KEYS[table]) <= columns
