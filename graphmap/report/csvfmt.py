"""The findings as CSV: one file per table of `graphmap.report.tables`, in a folder or a zip archive.

Each file starts with the canonical ids (``account_id``, ``person_id`` ...) so that it joins back to
the map's own CSV files. Text that a spreadsheet would run as a formula is neutralised
(`spreadsheet_safe`); the files are UTF-8 with a byte-order mark, which Excel needs to read accents.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
import zipfile
from contextlib import ExitStack
from pathlib import Path
from typing import Any, Iterable, TextIO

from graphmap.analysis.findings import Findings
from graphmap.exceptions import ReportError
from graphmap.model.accountmap import AccountMap
from graphmap.report.atomic import atomic_path
from graphmap.report.matrix import coverage_matrices
from graphmap.report.safe import FORMULA_TRIGGERS, spreadsheet_safe
from graphmap.report.tables import (PORTFOLIO_HEROES, SUMMARY, TABLES, TableSpec, account_rows, portfolio_hero_rows,
                                    risk_ranks, riskiest_first, text_cell)

__all__ = ["CSV_FILES", "write_csv_folder", "write_csv_zip"]

#: The files a CSV report holds.
CSV_FILES = tuple(f"{spec.name}.csv" for spec in TABLES + (PORTFOLIO_HEROES,))
_TRIGGER_CHARS = "".join(FORMULA_TRIGGERS)


class _TableWriter:
    """Writes one table's rows as CSV text: formulas neutralised, booleans as true/false, None blank."""

    def __init__(self, handle: TextIO, spec: TableSpec) -> None:
        self.writer = csv.writer(handle, lineterminator="\r\n")
        self.writer.writerow([column.key for column in spec.columns])
        # Only text can hold a formula, and only a few columns are booleans: convert just those cells.
        self.text = [i for i, column in enumerate(spec.columns) if column.kind in ("text", "id")]
        self.flags = [i for i, column in enumerate(spec.columns) if column.kind == "bool"]

    def write(self, rows: Iterable[tuple[Any, ...]]) -> None:
        text, flags = self.text, self.flags
        out = []
        for row in rows:
            row = list(row)
            for i in text:
                value = row[i]
                if value and value[0] in _TRIGGER_CHARS:
                    row[i] = spreadsheet_safe(value)
            for i in flags:
                row[i] = text_cell(row[i])
            out.append(row)
        self.writer.writerows(out)  # the csv module writes None as blank and a date as its ISO form


def _write_tables(amap: AccountMap, findings: Findings, open_text: Any) -> None:
    """Stream every table, account by account, into the text files `open_text(file_name)` gives."""
    with ExitStack() as stack:
        writers = {spec.name: _TableWriter(stack.enter_context(open_text(f"{spec.name}.csv")), spec)
                   for spec in TABLES + (PORTFOLIO_HEROES,)}
        findings = riskiest_first(findings)
        ranks = risk_ranks(findings)
        summary = []
        for found, matrix in zip(findings.accounts, coverage_matrices(amap, findings)):
            rows = account_rows(found, matrix, ranks[found.account_id])
            summary += rows.pop(SUMMARY.name)
            for name, table_rows in rows.items():
                writers[name].write(table_rows)
        writers[SUMMARY.name].write(summary)
        writers[PORTFOLIO_HEROES.name].write(portfolio_hero_rows(findings))


def write_csv_folder(amap: AccountMap, findings: Findings, folder: str | os.PathLike) -> Path:
    """Write the CSV report into `folder`, replacing an earlier CSV report there as a whole.

    Raises `ReportError` when `folder` is a file, or a folder holding anything but an earlier report
    (graphmap never deletes files it did not write).
    """
    folder = Path(folder)
    if folder.exists():
        if not folder.is_dir():
            raise ReportError(f"{folder}: is a file; a CSV report is a folder (or name it .zip for an archive)")
        strangers = sorted(p.name for p in folder.iterdir() if p.name not in CSV_FILES)
        if strangers:
            raise ReportError(f"{folder}: holds files that are not part of a CSV report ({', '.join(strangers[:5])});"
                              " choose a new or empty folder")
    parent = folder.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.new-", dir=parent))
    except OSError as err:
        raise ReportError(f"{folder}: cannot write the report there: {err.strerror}") from None
    try:
        os.chmod(staging, 0o755)
        _write_tables(amap, findings, lambda name: open(staging / name, "w", encoding="utf-8-sig", newline=""))
        if folder.exists():
            retired = Path(tempfile.mkdtemp(prefix=f".{folder.name}.old-", dir=parent))
            os.rmdir(retired)
            os.rename(folder, retired)
            os.rename(staging, folder)
            shutil.rmtree(retired, ignore_errors=True)
        else:
            os.rename(staging, folder)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return folder


def write_csv_zip(amap: AccountMap, findings: Findings, target: str | os.PathLike | io.BufferedIOBase) -> None:
    """Write the CSV report as one zip archive: to a path (atomically) or into a binary file object.

    The archive's members are written one after another, so each table is streamed in its own pass.
    """
    if not isinstance(target, (str, os.PathLike)):
        _zip_into(amap, findings, target)
        return
    with atomic_path(target) as temp, open(temp, "wb") as handle:
        _zip_into(amap, findings, handle)


def _zip_into(amap: AccountMap, findings: Findings, handle: Any) -> None:
    # A zip member must be closed before the next opens, so stage the tables on disk, then pack them.
    with tempfile.TemporaryDirectory(prefix="graphmap-csv-") as staging:
        _write_tables(amap, findings, lambda name: open(Path(staging, name), "w", encoding="utf-8-sig", newline=""))
        with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name in CSV_FILES:
                archive.write(Path(staging, name), name)
