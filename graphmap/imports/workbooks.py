"""Excel workbooks (.xlsx) read as exports: one sheet's cells as text, as a CSV file of it would hold them.

HubSpot offers its exports as XLSX, and Salesforce gives a "Formatted Report" as XLSX only.
`read_workbook` reads one sheet with python-calamine (Rust's calamine: a 100,000-row report in about
a second and a half, where openpyxl took half a minute; formulas give the value Excel last computed)
and makes of it the same `ExportTable` as a CSV file gives, so that detection, the profiles, the merge
and the error file treat both alike:

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
  `ExportTable.cell_errors`, for the profile to report where it reads that column (calamine reads
  such a cell as empty, so the sheet's XML is searched for them: `_error_cells`);
- merged cells hold their value in their first cell, as Excel stores them; a note says so when the
  rows below the header have some.
"""

from __future__ import annotations

import datetime as dt
import math
import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile
import zlib
from itertools import chain, islice
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

import numpy as np
import pandas as pd
import pyarrow as pa

from graphmap.exceptions import ImportFileError
from graphmap.imports.normalize import text_series
from graphmap.imports.readers import (PREAMBLE_ROWS, CellError, ExportTable, clean_header, header_record,
                                      no_header_message)

__all__ = ["read_workbook", "cell_text"]

#: What Excel shows in a cell whose formula failed.
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
    return str(value).strip()  # a duration ([h]:mm), or a type a later reader adds


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
            names = archive.namelist()
            connections = [n for n in names if posixpath.basename(n).lower() == "connections.csv"]
            if "xl/workbook.xml" not in names and connections:
                # LinkedIn sends "Get a copy of your data" as a ZIP archive holding Connections.csv.
                raise ImportFileError(f"{path}: a LinkedIn data export (a ZIP archive), not a single export file: "
                                      f"unzip it and import its {connections[0]!r} with --owner")
            if "xl/workbook.xml" not in names:
                raise ImportFileError(f"{path}: a ZIP archive but not an Excel workbook (.xlsx): unzip it and import "
                                      "the CSV files inside, or save the sheet as an Excel Workbook (.xlsx) or as CSV")
            if any(info.flag_bits & 0x1 for info in archive.infolist()):  # (zipfile raises a bare RuntimeError)
                raise ImportFileError(f"{path}: a ZIP archive whose files are protected by a password, which cannot "
                                      "be read; export the workbook again without one")
            return _read_book(path, archive, on_bytes)
    # NotImplementedError: a ZIP version or compression method zipfile does not read (a damaged header).
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as err:
        raise ImportFileError(f"{path}: a damaged or incomplete Excel workbook (.xlsx) or ZIP file, which cannot "
                              f"be read ({err}); export it again, or open it in Excel and save it again") from None


def _read_book(path: Path, archive: zipfile.ZipFile, on_bytes: Callable[[int], None] | None) -> ExportTable:
    """The chosen sheet of the workbook `archive` (the file `path`) as an export table."""
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        parts, active = _sheet_parts(archive)
        with CalamineWorkbook.from_path(str(path)) as book:
            notes: list[str] = []
            name, sheet, cells = _chosen_sheet(path, book, active, notes)
            merged = sheet.merged_cell_ranges or []
        part = parts.get(name)
        errors = _error_cells(archive, part) if part else []
    except (CalamineError, ET.ParseError, KeyError, ValueError, zlib.error, EOFError) as err:
        raise ImportFileError(f"{path}: a damaged Excel workbook, which cannot be read ({type(err).__name__}: "
                              f"{err}); export it again, or open it in Excel and save it again") from None
    for row, column, value in errors:  # calamine read them as empty: they are put back, to be told apart
        if row <= len(cells):
            cells[row - 1].extend([""] * (column + 1 - len(cells[row - 1])))
            cells[row - 1][column] = value
    size = path.stat().st_size
    rows = _text_rows(cells, on_bytes, size, len(cells))
    head = list(islice(rows, PREAMBLE_ROWS))  # the header is looked for among these
    header = header_record(head)
    if header is None:
        raise ImportFileError(f"{no_header_message(path)} of sheet {name!r}")
    index, header_cells = header
    header_row = index + 1
    if header_row > 1:
        notes.append(f"skipped {header_row - 1} row(s) above the header (a report's title and filters)")
    below = [r for r in merged if r[1][0] >= header_row]  # ((first row, column), (last row, column)), from 0
    if below:
        notes.append(f"{len(below)} merged cell range(s) below the header: a merged cell's value is read in its "
                     "first cell only, the others as blank (unmerge them in Excel to fill them)")
    numbers: list[int] = []
    records: list[list[str]] = []
    found: list[tuple[int, int, str]] = []  # (row, column position, the error)
    for number, row_cells in enumerate(chain(head[header_row:], rows), start=header_row + 1):
        if not row_cells:
            continue  # a blank row keeps its number, as in a spreadsheet, and is no record
        if not EXCEL_ERRORS.isdisjoint(row_cells):
            for position, cell in enumerate(row_cells):
                if cell in EXCEL_ERRORS:
                    found.append((number, position, cell))
                    row_cells[position] = ""
        numbers.append(number)
        records.append(row_cells)
    if on_bytes is not None:
        on_bytes(size)
    return _table(path, list(header_cells), records, numbers, found, notes)


def _sheet_parts(archive: zipfile.ZipFile) -> tuple[dict[str, str], str | None]:
    """The file in the archive of each sheet, by name ("xl/worksheets/sheet1.xml"; sheets whose file
    is missing are left out), and the name of the active sheet (the one Excel opens on): calamine
    tells neither."""
    book = ET.fromstring(archive.read("xl/workbook.xml"))
    views = [e for e in book.iter() if _local(e.tag) == "workbookView"]
    active = int(views[0].get("activeTab", "0")) if views else 0
    names = archive.namelist()
    targets = {}
    if "xl/_rels/workbook.xml.rels" in names:
        rels = ET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
        targets = {e.get("Id"): e.get("Target", "") for e in rels.iter() if _local(e.tag) == "Relationship"}
    # Part names are case-insensitive in a workbook (ECMA-376 Part 2), a ZIP's names are not.
    stored = {n.lower(): n for n in names}
    parts, active_name = {}, None
    for position, sheet in enumerate(e for e in book.iter() if _local(e.tag) == "sheet"):
        name = sheet.get("name", "")
        rel = next((v for k, v in sheet.attrib.items() if _local(k) == "id"), "")
        target = targets.get(rel, "")
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath("xl/" + target) if target else ""
        if part.lower() in stored:
            parts[name] = stored[part.lower()]
        if position == active:
            active_name = name
    return parts, active_name


def _local(tag: str) -> str:
    """An XML name without its namespace (``{...}sheet`` and ``sheet`` alike)."""
    return tag.rpartition("}")[2]


def _chosen_sheet(path: Path, book, active: str | None, notes: list[str]) -> tuple[str, object, list[list]]:
    """The active sheet when it holds data, else the first visible sheet that does (said in `notes`
    when another sheet holds data too): its name, calamine's sheet and its rows of values from A1."""
    from python_calamine import SheetTypeEnum, SheetVisibleEnum

    with_data: dict[str, object] = {}
    for meta in book.sheets_metadata:
        if meta.typ != SheetTypeEnum.WorkSheet or meta.visible != SheetVisibleEnum.Visible:
            continue
        sheet = book.get_sheet_by_name(meta.name)
        if any(_text_rows(sheet.iter_rows())):  # (up to the first row with a value; a blank row is [])
            with_data[meta.name] = sheet
    if not with_data:
        raise ImportFileError(f"{path}: the workbook holds no data (no visible sheet has a value in a cell)")
    chosen = active if active in with_data else next(iter(with_data))
    others = [name for name in with_data if name != chosen]
    if others:
        which = "the active sheet" if chosen == active else "the first sheet with data"
        notes.append(f"read sheet {chosen!r} ({which}); {len(others)} other sheet(s) with data not read: "
                     f"{', '.join(repr(t) for t in others)} (to import one, save it as a workbook of its own)")
    return chosen, with_data[chosen], with_data[chosen].to_python(skip_empty_area=False)


#: A cell of type error in a sheet's XML (``<c r="F4" t="e">``); searched for before the sheet is parsed.
_ERROR_TYPE = re.compile(rb"""\st\s*=\s*["']e["']""")


def _error_cells(archive: zipfile.ZipFile, part: str) -> list[tuple[int, int, str]]:
    """The cells of a sheet that hold an Excel error, as (row from 1, column from 0, the error).

    Most sheets have none, and a byte search of the sheet's XML says so; only a sheet with some is
    parsed. A cell without a reference (``r`` is optional) follows the one before it.
    """
    with archive.open(part) as stream:
        tail = b""
        for block in iter(lambda: stream.read(1 << 20), b""):
            if _ERROR_TYPE.search(tail + block):
                break
            tail = block[-16:]
        else:
            return []
    found = []
    row, column = 0, -1
    with archive.open(part) as stream:
        for event, element in ET.iterparse(stream, events=("start", "end")):
            tag = _local(element.tag)
            if event == "start" and tag == "row":
                row, column = int(element.get("r") or row + 1), -1
            elif event == "start" and tag == "c":
                ref = element.get("r")
                if ref:
                    letters = ref.rstrip("0123456789")
                    row, column = int(ref[len(letters):]), _column_index(letters)
                else:
                    column += 1
            elif event == "end" and tag == "c":
                if element.get("t") == "e":
                    value = next((v.text or "" for v in element if _local(v.tag) == "v"), "")
                    found.append((row, column, value.strip()))
                element.clear()
    return found


def _column_index(letters: str) -> int:
    """A column's position from 0 by its letters ("A" 0, "Z" 25, "AA" 26)."""
    index = 0
    for letter in letters.upper():
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1


def _text_rows(rows: Iterable[Sequence], on_bytes: Callable[[int], None] | None = None, size: int = 0,
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
