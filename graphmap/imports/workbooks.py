"""Excel workbooks (.xlsx) read as exports: one sheet's cells as text, as a CSV file of it would hold them.

HubSpot offers its exports as XLSX, and Salesforce gives a "Formatted Report" as XLSX only.
`read_workbook` reads one sheet with openpyxl in read-only mode (rows are streamed from the file,
formulas give the value Excel last computed) and makes of it the same `ExportTable` as a CSV file
gives, so that detection, the profiles, the merge and the error file treat both alike:

- the sheet: the active one when it holds data, else the first visible sheet that does; a note says
  which when several sheets hold data (the others are not read);
- the header: found as in a CSV file (`graphmap.imports.readers.header_record`): title and filter
  rows above it are passed over; a Salesforce report's footer is the profile's to drop, as in CSV;
- row numbers are the sheet's; columns with neither a header nor a value (the sheet starting at
  column B) are left out, and a value right of the header's last name gets a column ``column N``;
- cells become text: whole numbers without ``.0`` (an id or a phone number stored as a number),
  other numbers in their shortest form, dates as ISO dates (``2026-11-18``, with the time when it is
  not midnight: ``2026-11-18 09:30``), booleans as ``true``/``false``, text stripped;
- a cell holding an Excel error (``#N/A``, ``#REF!``, ...) is read as blank and kept in
  `ExportTable.cell_errors`, for the profile to report where it reads that column.
"""

from __future__ import annotations

import datetime as dt
import math
import zipfile
import zlib
from pathlib import Path
from typing import Callable, Iterator

import numpy as np
import pandas as pd
import pyarrow as pa

from graphmap.exceptions import ImportFileError
from graphmap.imports.normalize import text_series
from graphmap.imports.readers import CellError, ExportTable, clean_header, header_record, no_header_message

__all__ = ["read_workbook", "cell_text"]

#: What Excel shows in a cell whose formula failed (openpyxl gives it as this text).
EXCEL_ERRORS = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
                          "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!"})
#: Rows read between two reports to the progress bar.
_PROGRESS_STEP = 4096


def cell_text(value: object) -> str:
    """A workbook cell's value as the text a CSV export would hold.

    >>> [cell_text(v) for v in (None, "  Ana ", 12, 12.0, 0.1, 1e-07, True, dt.datetime(2026, 11, 18))]
    ['', 'Ana', '12', '12', '0.1', '1e-07', 'true', '2026-11-18']
    >>> cell_text(dt.datetime(2026, 11, 18, 9, 30)), cell_text(dt.time(9, 30, 15))
    ('2026-11-18 09:30', '09:30:15')
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):  # (before int: a bool is an int)
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if math.isfinite(value) and value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes" if not (value.second or value.microsecond) else "seconds")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value).strip()  # a duration, or a type a later openpyxl adds


def read_workbook(path: str | Path, on_bytes: Callable[[int], None] | None = None) -> ExportTable:
    """Read an Excel workbook (.xlsx) as an export (raises `ImportFileError` when it cannot be read).

    Parameters
    ----------
    path
        The workbook.
    on_bytes
        Called with an estimate of the bytes read so far (from the rows read), for a progress bar.
    """
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, EOFError) as err:
        raise ImportFileError(f"{path}: a damaged or incomplete Excel workbook (.xlsx) or ZIP file, which cannot "
                              f"be read ({err}); export it again, or open it in Excel and save it again") from None
    if "xl/workbook.xml" not in names:
        raise ImportFileError(f"{path}: a ZIP archive but not an Excel workbook (.xlsx): unzip it and import the CSV "
                              "files inside, or save the sheet as an Excel Workbook (.xlsx) or as CSV")
    from openpyxl import load_workbook

    # A file object rather than the path: openpyxl refuses a name that does not end in .xlsx.
    with open(path, "rb") as handle:
        try:
            book = load_workbook(handle, read_only=True, data_only=True)
        except _DAMAGE as err:
            raise _damaged(path, err) from None
        try:
            return _read_sheet(path, book, on_bytes)
        finally:
            book.close()


#: What openpyxl and the ZIP and XML readers under it raise on a damaged or truncated workbook.
_DAMAGE = (zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError, TypeError, SyntaxError, OSError)


def _damaged(path: Path, err: BaseException) -> ImportFileError:
    return ImportFileError(f"{path}: a damaged Excel workbook, which cannot be read ({type(err).__name__}: {err}); "
                           "export it again, or open it in Excel and save it again")


def _sheet_rows(path: Path, sheet) -> Iterator[tuple]:
    """The values of each row of a sheet, from its first row to the last the file holds (not to the
    size the sheet declares, which some writers get wrong); a blank row is an empty tuple."""
    sheet.reset_dimensions()
    rows = sheet.iter_rows(values_only=True)
    while True:
        try:
            values = next(rows)
        except StopIteration:
            return
        except _DAMAGE as err:  # (only openpyxl's reading is caught: a fault of ours stays a traceback)
            raise _damaged(path, err) from None
        yield values


def _read_sheet(path: Path, book, on_bytes: Callable[[int], None] | None) -> ExportTable:
    """The chosen sheet of an open workbook as an export table."""
    notes: list[str] = []
    sheet, declared_rows = _chosen_sheet(path, book, notes)
    size = path.stat().st_size
    rows = _text_rows(_sheet_rows(path, sheet), on_bytes, size, declared_rows)
    header = header_record(rows)
    if header is None:
        raise ImportFileError(f"{no_header_message(path)} of sheet {sheet.title!r}")
    index, header_cells = header
    header_row = index + 1
    if header_row > 1:
        notes.append(f"skipped {header_row - 1} row(s) above the header (a report's title and filters)")
    numbers: list[int] = []
    records: list[list[str]] = []
    errors: list[tuple[int, int, str]] = []  # (row, column position, the error)
    for number, cells in enumerate(rows, start=header_row + 1):
        if not cells:
            continue  # a blank row keeps its number, as in a spreadsheet, and is no record
        if not EXCEL_ERRORS.isdisjoint(cells):
            for position, cell in enumerate(cells):
                if cell in EXCEL_ERRORS:
                    errors.append((number, position, cell))
                    cells[position] = ""
        numbers.append(number)
        records.append(cells)
    if on_bytes is not None:
        on_bytes(size)
    return _table(path, list(header_cells), records, numbers, errors, notes)


def _chosen_sheet(path: Path, book, notes: list[str]):
    """The active sheet when it holds data, else the first visible sheet that does (said in `notes`
    when another sheet holds data too), and the rows it declares (None when it does not)."""
    visible = [s for s in book.worksheets if s.sheet_state == "visible"]
    declared = {s.title: s.max_row for s in visible}  # (read before the rows reset it)
    with_data = [s for s in visible if any(any(row) for row in _text_rows(_sheet_rows(path, s)))]
    if not with_data:
        raise ImportFileError(f"{path}: the workbook holds no data (no visible sheet has a value in a cell)")
    active = book.active
    chosen = active if any(s is active for s in with_data) else with_data[0]
    others = [s.title for s in with_data if s is not chosen]
    if others:
        which = "the active sheet" if chosen is active else "the first sheet with data"
        notes.append(f"read sheet {chosen.title!r} ({which}); {len(others)} other sheet(s) with data not read: "
                     f"{', '.join(repr(t) for t in others)} (to import one, save it as a workbook of its own)")
    return chosen, declared[chosen.title]


def _text_rows(rows: Iterator[tuple], on_bytes: Callable[[int], None] | None = None, size: int = 0,
               expected_rows: int | None = None) -> Iterator[list[str]]:
    """Each row of a sheet as text cells, without its trailing blank cells ([] for a blank row)."""
    for count, values in enumerate(rows, start=1):
        cells = [v.strip() if type(v) is str else cell_text(v) for v in values]  # (text first: most cells)
        while cells and not cells[-1]:
            cells.pop()
        if on_bytes is not None and count % _PROGRESS_STEP == 0 and expected_rows:
            on_bytes(min(size * count // expected_rows, size))
        yield cells


def _table(path: Path, header_cells: list[str], records: list[list[str]], numbers: list[int],
           errors: list[tuple[int, int, str]], notes: list[str]) -> ExportTable:
    """The export table of a sheet's header and records (text cells, blank rows left out)."""
    width = max([len(header_cells), *map(len, records)])
    header_cells = header_cells + [""] * (width - len(header_cells))
    # A column with neither a name nor a value (an Excel error counts as one) is the sheet's layout (a
    # table starting at column B), not a column of the export.
    with_error = {position for _, position, _ in errors}
    used = [bool(header_cells[i].strip()) or i in with_error or any(i < len(r) and r[i] for r in records)
            for i in range(width)]
    kept = [i for i in range(width) if used[i]]
    header = clean_header([header_cells[i] for i in kept], notes, positions=[i + 1 for i in kept])
    frame = pd.DataFrame({name: text_series(pa.array([r[i] if i < len(r) else "" for r in records],
                                                     pa.large_string()))
                          for name, i in zip(header, kept)})
    name_of = dict(zip(kept, header))
    cell_errors = tuple(CellError(row, name_of[position], value) for row, position, value in errors)
    if cell_errors:
        notes.append(f"{len(cell_errors)} cell(s) hold an Excel error (#N/A, #REF!, ...); read as blank")
    return ExportTable(path, frame, np.asarray(numbers, dtype=np.int64), tuple(header), "xlsx", ",", (),
                       tuple(notes), cell_errors)
