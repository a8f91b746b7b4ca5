"""What an import did, as records: one `FileReport` per file and an `ImportReport` for the run."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa

from graphmap.imports.merge import MergeCounts, Staged
from graphmap.imports.normalize import arrow_text
from graphmap.imports.readers import ExportTable

__all__ = ["FileReport", "ImportReport", "Issues", "ERROR_FILE", "ERROR_COLUMNS"]

#: The error file's name, written beside the map's files inside the map folder.
ERROR_FILE = "import-errors.csv"
#: The error file's columns: where the row came from, what happened, why, and the row itself.
ERROR_COLUMNS = ("file", "row", "profile", "action", "reason", "original_row")


@dataclass(frozen=True)
class FileReport:
    """What the import did with one file."""

    path: str
    """The file as given."""
    profile: str
    """The profile used (``salesforce``, ``hubspot``, ``linkedin``, ``activities``, ``map``)."""
    kind: str
    """What the file is within its profile (``contacts``, ``users``, ``contact roles``, ``people``, ...)."""
    detected: bool
    """True when the profile was detected from the headers, False when given by ``--profile``."""
    rows: int
    """Records read (after the header; a Salesforce report's footer is not a record)."""
    counts: MergeCounts
    """Accounts, people and connections added, updated and unchanged."""
    skipped: dict[str, int] = field(default_factory=dict)
    """Rows not imported, counted by reason."""
    warnings: dict[str, int] = field(default_factory=dict)
    """Rows imported without a value that could not be read, counted by reason."""
    notes: tuple[str, ...] = ()
    """What was detected or assumed (encoding, delimiter, date order, ...)."""


@dataclass(frozen=True)
class ImportReport:
    """What an import run did."""

    into: str
    """The map folder."""
    files: tuple[FileReport, ...]
    """One report per file, in the order they were merged."""
    created: bool
    """True when the map folder did not exist before."""
    dry_run: bool
    """True when nothing was written."""
    error_file: str | None
    """The error file written (None when every row was imported cleanly, or on a dry run)."""
    error_rows: int
    """Rows in the error file (or that would be, on a dry run)."""
    totals: dict[str, int] = field(default_factory=dict)
    """The map's size after the import: accounts, people, team, connections."""
    notes: tuple[str, ...] = ()
    """What the import did to the map as a whole, beyond its files' rows."""


class Issues:
    """Rows of one file that were skipped, or imported without a value, with the reason for each."""

    def __init__(self, table: ExportTable, profile: str) -> None:
        self.table = table
        self.profile = profile
        self._parts: list[pd.DataFrame] = []
        self.skipped: dict[str, int] = {}
        self.warnings: dict[str, int] = {}
        for bad in table.bad_rows:
            self._add_frame(np.array([bad.row]), "skipped", bad.reason, pd.Series([bad.original]))
            self.skipped[_head(bad.reason)] = self.skipped.get(_head(bad.reason), 0) + 1

    def _add_frame(self, rows: np.ndarray, action: str, reason: str | pd.Series, original: pd.Series) -> None:
        self._parts.append(pd.DataFrame({
            "file": str(self.table.path), "row": rows, "profile": self.profile, "action": action,
            "reason": reason if isinstance(reason, str) else reason.to_numpy(dtype=object),
            "original_row": original.to_numpy(dtype=object)}))

    def add(self, mask: np.ndarray, reason: str | pd.Series, skipped: bool = True, summary: str | None = None) -> None:
        """Record the rows of `mask` (over the table's frame) with a reason (one, or one per row)."""
        mask = np.asarray(mask, dtype=bool)
        positions = np.flatnonzero(mask)
        if not len(positions):
            return
        if not isinstance(reason, str):
            reason = reason.reset_index(drop=True)[mask].reset_index(drop=True)
        label = summary or (reason if isinstance(reason, str) else _head(str(reason.iloc[0])))
        counter = self.skipped if skipped else self.warnings
        counter[label] = counter.get(label, 0) + len(positions)
        self._add_frame(self.table.rows[positions], "skipped" if skipped else "imported without the value",
                        reason, self.table.original_rows(positions))

    def add_with_values(self, mask: np.ndarray, before: str, values: pd.Series, after: str, summary: str,
                        skipped: bool = True) -> None:
        """Record the rows of `mask`, each with a reason that names its own value: `before`, the value
        quoted, `after` ("column 'Type': unknown activity type 'Fax'; accepted: ..."); `summary`
        counts them. Only the reported rows' values are read."""
        mask = np.asarray(mask, dtype=bool)
        if not mask.any():
            return
        reasons = np.full(len(mask), "", dtype=object)
        reasons[mask] = [before + repr(value) + after
                         for value in arrow_text(values).filter(pa.array(mask)).to_pylist()]
        self.add(mask, pd.Series(reasons, dtype=object), skipped=skipped, summary=summary)

    def add_rows(self, rows: np.ndarray, reasons, summary: str, skipped: bool = True) -> None:
        """Record rows skipped (or, not `skipped`, imported without a value) after staging, given by
        their file row numbers (as `ExportTable.rows` holds them), each with its reason; `summary`
        counts them."""
        rows = np.asarray(rows, dtype=np.int64)
        if not len(rows):
            return
        positions = pd.Index(np.asarray(self.table.rows, dtype=np.int64)).get_indexer(rows)
        if (positions < 0).any():
            raise ValueError(f"{self.table.path}: rows {rows[positions < 0].tolist()} are not rows of the file")
        order = np.argsort(positions, kind="stable")
        counter = self.skipped if skipped else self.warnings
        counter[summary] = counter.get(summary, 0) + len(rows)
        self._add_frame(rows[order], "skipped" if skipped else "imported without the value",
                        pd.Series(np.asarray(reasons, dtype=object)[order]),
                        self.table.original_rows(positions[order]))

    def add_cell_errors(self, columns) -> None:
        """Record the rows of a workbook with an Excel error (``#N/A``, ``#REF!``, ...) in one of
        `columns` (the columns the profile reads; None entries are ignored): the cell was read as blank,
        and the row imported as a blank there lets it be. An error in a column the profile does not
        read changes nothing and is not reported."""
        read = {c for c in columns if c}
        errors = [e for e in self.table.cell_errors if e.column in read]
        if not errors:
            return
        # A row the profile left out of the table (a report's footer) is not reported.
        positions = pd.Index(np.asarray(self.table.rows, dtype=np.int64)).get_indexer([e.row for e in errors])
        reasons = np.full(len(self.table.frame), "", dtype=object)  # written only for the rows reported
        for error, position in zip(errors, positions):
            if position >= 0:
                said = f"column {error.column!r}: the cell holds the Excel error {error.value}; read as blank"
                reasons[position] = f"{reasons[position]}; {said}" if reasons[position] else said
        self.add(reasons != "", pd.Series(reasons, dtype=object), skipped=False, summary="Excel error in a cell")

    def merge(self, other: "Issues") -> None:
        """Take over the issues of `other` (a part of the same file)."""
        self._parts.extend(other._parts)
        for mine, theirs in ((self.skipped, other.skipped), (self.warnings, other.warnings)):
            for label, count in theirs.items():
                mine[label] = mine.get(label, 0) + count

    def frame(self) -> pd.DataFrame:
        """Every issue as rows of the error file."""
        if not self._parts:
            return pd.DataFrame({c: pd.Series(dtype=object) for c in ERROR_COLUMNS})
        return pd.concat(self._parts, ignore_index=True)


def _head(reason: str) -> str:
    return reason.split(":")[0]


@dataclass(frozen=True)
class ProfileResult:
    """A profile's conversion of one file: the staged batch, its issues and what it assumed."""

    staged: Staged
    kind: str
    issues: Issues
    notes: tuple[str, ...] = ()

