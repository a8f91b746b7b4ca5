"""Reading export files as they really come: any common encoding, delimiter and preamble.

`read_export` turns one file into an `ExportTable`: every cell text ("" when blank), the header
cleaned (empty and duplicate cells named), the spreadsheet row of every record, the rows that could
not be parsed (with the reason), and a list of what was detected or assumed, for the user to read.

Clean UTF-8 files take pyarrow's multi-threaded parser; a file with ragged rows is parsed again with
Python's `csv` module, so that each bad row is named by its exact row number. An Excel workbook
(.xlsx) is told by its first bytes and read by `graphmap.imports.workbooks` into the same table, its
header found by the same `header_record`.
"""

from __future__ import annotations

import codecs
import csv
import re
import io
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path
from typing import Callable, Iterable, Iterator, NoReturn, Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from graphmap.exceptions import ImportFileError
from graphmap.imports.normalize import text_series
from graphmap.text_buffers import empty_cells, may_have_outer_space

__all__ = ["ExportTable", "BadRow", "CellError", "read_export", "detect_encoding"]

_SNIFF_BYTES = 1 << 16

# How a ZIP archive (an .xlsx workbook is one) and an OLE2 compound file (an .xls workbook, or any
# password-protected Office file) start: what CRMs give for "Export > Excel" and a "Formatted Report".
_ZIP_SIGNATURE = b"PK\x03\x04"
_OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

_DELIMITERS = (",", ";", "\t", "|")
#: Records looked at for the header; LinkedIn's "Notes:" preamble takes three, a Salesforce
#: Formatted Report's title and filters a few more.
PREAMBLE_ROWS = 20
#: Bytes decoded at a time when a whole file is searched for UTF-8 text.
_DECODE_STEP = 1 << 24


@dataclass(frozen=True)
class BadRow:
    """A record of an export that could not be read or used."""

    row: int
    """The row as a spreadsheet shows it (the header is row 1 of the table; preamble rows count)."""
    reason: str
    """What is wrong with it."""
    original: str
    """The record as it was in the file (cells joined by the file's delimiter)."""


@dataclass(frozen=True)
class CellError:
    """A cell of a workbook that holds an Excel error value (``#N/A``, ``#REF!``, ...): read as blank."""

    row: int
    """The row as the spreadsheet shows it."""
    column: str
    """The column's (cleaned) header."""
    value: str
    """The error as Excel shows it."""


@dataclass(frozen=True)
class ExportTable:
    """One export file, read: text cells, row numbers and what was assumed."""

    path: Path
    """The file."""
    frame: pd.DataFrame
    """Every cell as text ("" when blank), columns named by the cleaned header."""
    rows: np.ndarray
    """The spreadsheet row of each record of `frame` (int64)."""
    header: tuple[str, ...]
    """The cleaned column names, in file order."""
    encoding: str
    """The encoding the file was decoded with (``xlsx`` for an Excel workbook)."""
    delimiter: str
    """The cell delimiter (``,`` for a workbook: its rows are written back for the error file with it)."""
    bad_rows: tuple[BadRow, ...] = ()
    """Records that could not be parsed (a wrong number of cells)."""
    notes: tuple[str, ...] = field(default_factory=tuple)
    """What was detected or assumed, in words."""
    cell_errors: tuple[CellError, ...] = ()
    """A workbook's cells that hold an Excel error, read as blank (a CSV file has none)."""

    def subset(self, mask: np.ndarray) -> "ExportTable":
        """The table of the records of `mask` only (their rows keep their numbers; the bad rows stay
        with the whole table, whose issues report them)."""
        if mask.all():  # (the usual case: no copy of a million rows)
            return replace(self, bad_rows=())
        return replace(self, frame=self.frame[mask].reset_index(drop=True), rows=self.rows[mask], bad_rows=())

    def original_rows(self, positions: np.ndarray) -> pd.Series:
        """The records at these positions of `frame`, written back as delimited text (for the error file)."""
        if not len(positions) or not len(self.frame.columns):
            return pd.Series([], dtype=object)
        at = pa.array(np.asarray(positions, dtype=np.int64))
        cells = [_quoted(_text_cells(self.frame[col], at), self.delimiter) for col in self.frame.columns]
        joined = pc.binary_join_element_wise(*cells, pa.scalar(self.delimiter, pa.large_string()))
        return pd.Series(joined.to_pylist(), dtype=object)


def _text_cells(values: pd.Series, at: pa.Array) -> pa.Array:
    """The cells of a column of the export at positions `at`, as one Arrow text array (taken from the
    column's chunks as they are: only the taken cells are copied)."""
    if isinstance(values.dtype, pd.StringDtype):
        array = _take(pa.array(values.array), at.to_numpy())
    else:
        array = pa.array(values.iloc[at.to_numpy()].astype(object).astype(str).to_numpy(dtype=object))
    array = array.combine_chunks() if isinstance(array, pa.ChunkedArray) else array
    array = array.cast(pa.large_string())
    return array.fill_null("nan") if array.null_count else array


def _take(array: pa.Array | pa.ChunkedArray, positions: np.ndarray) -> pa.Array:
    """`array.take(positions)`, chunk by chunk for a chunked array (Arrow's own take of a chunked
    array joins its chunks first: a copy of the whole column to take a few cells)."""
    if isinstance(array, pa.Array):
        return array.take(pa.array(positions))
    starts = np.cumsum([0] + [len(chunk) for chunk in array.chunks])
    chunk_of = np.searchsorted(starts, positions, side="right") - 1
    order = np.argsort(chunk_of, kind="stable")
    parts = [array.chunk(int(k)).take(pa.array(positions[order][chunk_of[order] == k] - starts[k]))
             for k in np.unique(chunk_of)]
    taken = pa.concat_arrays(parts) if parts else pa.array([], array.type)
    return taken.take(pa.array(np.argsort(order, kind="stable"))) if len(parts) > 1 else taken


def _quoted(values: pa.Array, delimiter: str) -> pa.Array:
    """Cells written back as the file had them: quoted where they hold a quote, line break or delimiter."""
    needs = pc.match_substring_regex(values, "[\"\r\n" + re.escape(delimiter) + "]")
    if not pc.any(needs).as_py():
        return values
    mark = pa.scalar('"', pa.large_string())
    quoted = pc.binary_join_element_wise(mark, pc.replace_substring(values.filter(needs), '"', '""'), mark,
                                         pa.scalar("", pa.large_string()))
    return pc.replace_with_mask(values, needs, quoted)


def detect_encoding(head: bytes, whole: bool = True) -> tuple[str, str | None]:
    """The encoding of a file from its first bytes, and a note when it was assumed rather than marked.

    `whole` says whether `head` is the whole file (else its last character may be cut).

    >>> detect_encoding("é".encode("utf-8-sig"))
    ('utf-8-sig', None)
    >>> detect_encoding("caf\\xe9".encode("cp1252"))[0]
    'cp1252'
    """
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", None
    if head.startswith(codecs.BOM_UTF16_LE) or head.startswith(codecs.BOM_UTF16_BE):
        return "utf-16", None
    if len(head) >= 4 and head[1:4:2] == b"\x00\x00" and head[0:1] != b"\x00":
        return "utf-16-le", "no byte-order mark; assumed UTF-16 little-endian (every other byte is zero)"
    if len(head) >= 4 and head[0:3:2] == b"\x00\x00" and head[1:2] != b"\x00":
        return "utf-16-be", "no byte-order mark; assumed UTF-16 big-endian (every other byte is zero)"
    try:
        head.decode("utf-8")
        return "utf-8", None
    except UnicodeDecodeError as err:
        if not whole and err.start >= len(head) - 3 and err.reason.startswith("unexpected end"):
            return "utf-8", None  # a character cut by the sniffing window, not a foreign encoding
    try:
        head.decode("cp1252")
        return "cp1252", "not UTF-8; assumed Windows-1252 (as Excel saves CSV on Windows)"
    except UnicodeDecodeError:
        return "latin-1", "neither UTF-8 nor Windows-1252; assumed Latin-1"


def read_export(path: str | os.PathLike, on_bytes: Callable[[int], None] | None = None) -> ExportTable:
    """Read one export file (raises `ImportFileError` when it cannot be read at all).

    Parameters
    ----------
    path
        The CSV file, or an Excel workbook (.xlsx: `graphmap.imports.workbooks.read_workbook`).
    on_bytes
        Called with the number of bytes read so far, for a progress bar.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        with open(path, "rb") as handle:
            head = handle.read(_SNIFF_BYTES)
    except OSError as err:
        raise ImportFileError(f"{path}: cannot be read: {err.strerror or err}") from None
    if not head.strip(b"\x00\r\n\t \xef\xbb\xbf\xff\xfe"):
        raise ImportFileError(f"{path}: the file is empty; an export needs a header row")
    if head.startswith(_ZIP_SIGNATURE):
        # The workbook reader is loaded only for a workbook: a CSV import does not pay for it.
        from graphmap.imports.workbooks import read_workbook

        return read_workbook(path, on_bytes)
    if head.startswith(_OLE2_SIGNATURE):
        raise ImportFileError(f"{path}: an encrypted or old-format Excel file (a password-protected workbook, or "
                              "an .xls one), which graphmap cannot read: open it in Excel, remove any password "
                              "(File > Info > Protect Workbook), and save it as an Excel Workbook (.xlsx) or as "
                              "'CSV UTF-8 (Comma delimited)'")
    encoding, note = detect_encoding(head, whole=len(head) < _SNIFF_BYTES)
    notes = [note] if note else []
    if encoding == "utf-8-sig":
        notes.append("UTF-8 with a byte-order mark")
    elif encoding == "utf-16":
        notes.append("UTF-16 with a byte-order mark (as Excel's 'Unicode Text' saves)")
    if encoding in ("utf-8", "utf-8-sig"):
        raw = None
        text_head = head.decode(encoding, errors="ignore")
    else:
        try:
            raw = path.read_bytes().decode(encoding)
        except UnicodeDecodeError as err:
            raise ImportFileError(f"{path}: not readable as {encoding} (byte {err.start}); "
                                  "save it as UTF-8 CSV") from None
        text_head = raw[:_SNIFF_BYTES]
    if "\x00" in text_head:
        raise ImportFileError(f"{path}: holds NUL bytes; it is not a text (CSV) file")
    header_row, header_chars, cells, delimiter = _find_header(path, text_head)
    if header_row > 1:
        notes.append(f"skipped {header_row - 1} line(s) above the header (a preamble such as LinkedIn's 'Notes:')")
    if delimiter != ",":
        notes.append(f"delimiter {_delimiter_name(delimiter)} detected")
    header = clean_header(cells, notes)
    if encoding in ("utf-8", "utf-8-sig"):
        skip = len(text_head[:header_chars].encode("utf-8")) + (3 if encoding == "utf-8-sig" else 0)
        # The body is the file's pages mapped, not read into a copy: allocating and filling 150 MB
        # costs more than parsing it on two cores.
        try:
            with pa.memory_map(str(path)) as mapped:
                whole = mapped.read_buffer()
                body = whole.slice(min(skip, whole.size))
        except OSError as err:
            raise ImportFileError(f"{path}: cannot be read: {err}") from None
        # Invalid UTF-8 is told before parsing (Arrow validates the whole body at memory speed): pyarrow
        # would otherwise hand a ragged row's undecodable bytes to `invalid`, fail, and print the failure.
        if not _is_utf8(body):
            encoding, note, text = _single_byte_text(path, head, body, header_row)
            notes.insert(0, note)
            body = pa.py_buffer(text[header_chars:].encode("utf-8"))
    else:
        body = pa.py_buffer(raw[header_chars:].encode("utf-8"))
    frame, rows, bad = _parse_body(path, body, header, delimiter, header_row, on_bytes, size)
    if bad:
        notes.append(f"{len(bad)} row(s) could not be parsed (wrong number of cells); see the error file")
    return ExportTable(path, frame, rows, tuple(header), encoding, delimiter, tuple(bad), tuple(notes))


def _delimiter_name(delimiter: str) -> str:
    return {";": "semicolon ';'", "\t": "tab", "|": "pipe '|'"}.get(delimiter, repr(delimiter))


def _records(text: str, delimiter: str) -> Iterator[tuple[list[str], int, int]]:
    """Each record of `text` with its first physical line (1-based) and the characters consumed after it."""
    lines = io.StringIO(text, newline="")
    position = {"n": 0, "chars": 0}

    def feed() -> Iterator[str]:
        for line in lines:
            position["n"] += 1
            position["chars"] += len(line)
            yield line

    reader = csv.reader(feed(), delimiter=delimiter, strict=False)
    while True:
        start = position["n"] + 1
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            raise ImportFileError(f"line {start}: not CSV: {err}") from None
        consumed = position["chars"]
        yield record, start, consumed


def _find_header(path: Path, text: str) -> tuple[int, int, list[str], str]:
    """The header's row number, the characters up to its end, its cells and the delimiter.

    The header is found by `header_record`; each delimiter is tried and the one that finds a header
    earliest (then with the most cells) wins, so a comma wins a tie.
    """
    found = []
    for rank, delimiter in enumerate(_DELIMITERS):
        ends: list[int] = []

        def records() -> Iterator[list[str]]:
            for record, _, consumed in _records(text, delimiter):
                ends.append(consumed)
                yield record

        try:
            header = header_record(records())
        except ImportFileError as err:
            raise ImportFileError(f"{path}: {err}") from None
        if header is not None:
            index, record = header
            # A header a profile recognises wins over a title row that only looks like one.
            key = (not recognised_header(record), index + 1, -len(record), rank)
            found.append((key, index + 1, ends[index], record, delimiter))
    if not found:
        raise ImportFileError(no_header_message(path))
    _, row, consumed, record, delimiter = min(found, key=lambda f: f[0])
    return row, consumed, record, delimiter


def header_record(records: Iterable[Sequence[str]]) -> tuple[int, Sequence[str]] | None:
    """The header among an export's first records: its position (from 0) and its cells, or None.

    The header is the first record among the first 20 that a profile recognises
    (`recognised_header`), else the first with two or more named cells; a preamble above it
    (LinkedIn's "Notes:" lines, a report's title and filters, even a filter line of two cells) is
    passed over. CSV files and workbooks find their header here alike.

    >>> header_record([["Notes:"], ["Some addresses are missing", ""], ["First Name", "Last Name"]])
    (2, ['First Name', 'Last Name'])
    >>> header_record([["Filtered By:", "Account Name equals Cobalt"], ["Last Name", "Account Name"]])
    (1, ['Last Name', 'Account Name'])
    """
    candidate = None
    for index, record in enumerate(islice(records, PREAMBLE_ROWS)):
        filled = [c for c in record if c.strip()]
        if len(filled) >= 2 and not record[0].strip().lower().startswith("notes"):
            if recognised_header(record):
                return index, record
            candidate = candidate or (index, record)
    return candidate


def recognised_header(cells: Sequence[str]) -> bool:
    """Whether some profile recognises `cells` as its header (`graphmap.imports.detect`)."""
    from graphmap.imports.detect import PROFILES, profile_kind  # detect reads profiles that read exports

    return any(profile_kind(profile, list(cells)) for profile in PROFILES)


def no_header_message(path: Path) -> str:
    """What is said of an export in which `header_record` finds no header."""
    return f"{path}: no header row found in the first {PREAMBLE_ROWS} rows (a header needs at least two named columns)"


def clean_header(cells: Sequence[str], notes: list[str], positions: Sequence[int] | None = None) -> list[str]:
    """The header's cells as column names: white space folded, an empty cell named ``column N`` (N: its
    position, or its entry in `positions`), a duplicate ``Email (2)``; each such naming is said in `notes`."""
    header: list[str] = []
    seen: set[str] = set()
    for position, cell in zip(positions or range(1, len(cells) + 1), cells):
        name = " ".join(cell.replace("\ufeff", "").split())
        if not name:
            name = f"column {position}"
            notes.append(f"header cell {position} is empty; named it {name!r}")
        base, n = name, 1
        while name.lower() in seen:
            n += 1
            name = f"{base} ({n})"
        if n > 1:
            notes.append(f"header {base!r} appears more than once; the copy in column {position} is named {name!r}")
        seen.add(name.lower())
        header.append(name)
    return header


def _parse_body(path: Path, body: pa.Buffer, header: list[str], delimiter: str, header_row: int,
                on_bytes: Callable[[int], None] | None, size: int
                ) -> tuple[pd.DataFrame, np.ndarray, list[BadRow]]:
    ragged = []

    def invalid(row) -> str:
        ragged.append(row)
        return "skip"

    if _blank_bytes(body):
        empty = pd.DataFrame({h: pd.Series(dtype=object) for h in header})
        return empty, np.zeros(0, dtype=np.int64), []
    body = _without_trailing_line_ends(body)
    try:
        # read_csv parses blocks on all cores (open_csv's streaming reader uses one). An empty line is
        # kept as a row of empty cells, dropped below like any blank row, so that it still takes its
        # row number as in a spreadsheet (and as in Python's csv module); one inside a quoted value is
        # part of the value.
        table = pacsv.read_csv(
            pa.BufferReader(body) if on_bytes is None else _Counting(body, on_bytes, size),
            read_options=pacsv.ReadOptions(column_names=header, block_size=1 << 23),
            parse_options=pacsv.ParseOptions(delimiter=delimiter, newlines_in_values=True,
                                              ignore_empty_lines=False, invalid_row_handler=invalid),
            convert_options=pacsv.ConvertOptions(column_types={h: pa.string() for h in header},
                                                 strings_can_be_null=False, quoted_strings_can_be_null=False),
        )
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        ragged.append(None)
    if not ragged:
        # Each column made one large_string array here, once (every step after works on whole
        # columns), two at a time (the copy releases the GIL); the parser's blocks of a column are
        # let go as soon as it is copied, so the file is never held twice over.
        parsed = table.columns
        del table

        def combined(i: int) -> pa.Array:
            column, parsed[i] = parsed[i], None
            return column.cast(pa.large_string()).combine_chunks()

        with ThreadPoolExecutor(max_workers=2) as pool:
            columns = list(pool.map(combined, range(len(parsed))))
        blank = np.ones(len(columns[0]), dtype=bool) if columns else np.zeros(0, dtype=bool)
        for column in columns:
            empty = empty_cells(column)
            if may_have_outer_space([column]):  # a cell of spaces is blank too, as Python's csv reading has it
                empty |= empty_cells(pc.utf8_trim_whitespace(column))
            blank &= empty
        kept = None
        if blank.any():
            kept = ~blank
            columns = [column.filter(pa.array(kept)) for column in columns]
        frame = pd.DataFrame({name: text_series(column) for name, column in zip(header, columns)})
        # Records follow the header one per row; quoted line breaks do not add rows in a spreadsheet.
        rows = np.arange(header_row + 1, header_row + 1 + (len(kept) if kept is not None else len(frame)),
                         dtype=np.int64)
        return frame, (rows[kept] if kept is not None else rows), []
    return _parse_slowly(path, body.to_pybytes().decode("utf-8"), header, delimiter, header_row)


def _blank_bytes(body: pa.Buffer) -> bool:
    """Whether `body` holds nothing but white space (looked at whole only when its start is blank)."""
    return not body.size or (body.slice(0, min(64, body.size)).to_pybytes().isspace() and body.to_pybytes().isspace())


def _without_trailing_line_ends(body: pa.Buffer) -> pa.Buffer:
    """`body` without the line ends at its very end, so that empty lines there make no rows to drop
    (only the end of the buffer is looked at)."""
    end = body.size
    while end:
        tail = body.slice(max(end - 64, 0), min(end, 64)).to_pybytes()
        kept = tail.rstrip(b"\r\n")
        end -= len(tail) - len(kept)
        if kept:
            break
    return body if end == body.size else body.slice(0, end)


def _is_utf8(body: pa.Buffer) -> bool:
    """Whether `body` is valid UTF-8, checked by Arrow without copying it."""
    starts = pa.py_buffer(np.array([0, body.size], dtype=np.int64).tobytes())
    try:
        pa.Array.from_buffers(pa.large_binary(), 1, [None, starts, body]).cast(pa.large_string())
    except pa.ArrowInvalid:
        return False
    return True


def _single_byte_text(path: Path, head: bytes, body: pa.Buffer, header_row: int) -> tuple[str, str, str]:
    """The encoding, the note saying so and the text of a file whose first 64 KiB decode as UTF-8 but
    whose body does not: Windows-1252, else Latin-1, when nothing in the file is UTF-8 text (its start is
    plain ASCII, which proves no encoding, and no multi-byte UTF-8 character follows); otherwise the
    file mixes UTF-8 with stray bytes, which a single-byte reading would garble, and it is refused."""
    if not head.isascii():
        _raise_not_utf8(path, body, header_row)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise ImportFileError(f"{path}: cannot be read: {err.strerror or err}") from None
    if _holds_utf8_text(data):
        _raise_not_utf8(path, body, header_row)
    line = data[: _utf8_end(data)].count(b"\n") + 1
    where = f"from line {line} (the lines above are plain ASCII)"
    try:
        return "cp1252", f"not UTF-8 {where}; assumed Windows-1252 (as Excel saves CSV on Windows)", \
            data.decode("cp1252")
    except UnicodeDecodeError:
        return "latin-1", f"neither UTF-8 {where} nor Windows-1252; assumed Latin-1", data.decode("latin-1")


def _holds_utf8_text(data: bytes) -> bool:
    """Whether `data` holds a character of two bytes or more in UTF-8: decoded with each stray byte kept
    as one character, it then gives fewer characters than it has bytes (decoded in steps, to hold no
    copy of a large file)."""
    decoder = codecs.getincrementaldecoder("utf-8")(errors="surrogateescape")
    view = memoryview(data)
    chars = sum(len(decoder.decode(view[at:at + _DECODE_STEP], at + _DECODE_STEP >= len(data)))
                for at in range(0, len(data), _DECODE_STEP))
    return chars < len(data)


def _raise_not_utf8(path: Path, buffer: pa.Buffer, header_row: int) -> NoReturn:
    """Raise the error for a body that is not UTF-8 although the file's start is, naming the line."""
    body = buffer.to_pybytes()
    end = _utf8_end(body)
    if end < len(body):
        line = header_row + body[:end].count(b"\n") + 1
        raise ImportFileError(f"{path}, line {line}: not UTF-8 although the start of the file is "
                              f"(byte {end}); save the whole file as UTF-8 CSV")
    raise ImportFileError(f"{path}: not UTF-8 although the start of the file is; save it as UTF-8 CSV")


def _utf8_end(data: bytes) -> int:
    """Where the first byte of `data` that is not UTF-8 is (the length of `data` when there is none)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as err:
        return err.start
    return len(data)


class _Counting(io.RawIOBase):
    """A byte stream over a buffer that reports how far it has been read (drives the progress bar).

    `read` hands out views of the buffer, which pyarrow takes without copying.
    """

    def __init__(self, data: pa.Buffer, report: Callable[[int], None], size: int) -> None:
        self._view = memoryview(data)
        self._at = 0
        self._report = report
        self._offset = max(size - data.size, 0)

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> memoryview:
        end = len(self._view) if size is None or size < 0 else min(self._at + size, len(self._view))
        chunk = self._view[self._at:end]
        self._at = end
        self._report(self._offset + end)
        return chunk

    def readinto(self, buffer) -> int:
        chunk = self.read(len(buffer))
        buffer[:len(chunk)] = chunk
        return len(chunk)


def _parse_slowly(path: Path, text: str, header: list[str], delimiter: str, header_row: int
                  ) -> tuple[pd.DataFrame, np.ndarray, list[BadRow]]:
    good: list[list[str]] = []
    rows: list[int] = []
    bad: list[BadRow] = []
    width = len(header)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    number = header_row
    while True:
        try:
            record = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            raise ImportFileError(f"{path}, row {number + 1}: not CSV: {err}") from None
        number += 1
        if not any(c.strip() for c in record):
            continue
        if len(record) == width:
            good.append(record)
            rows.append(number)
        else:
            bad.append(BadRow(number, f"the row has {len(record)} cells; the header has {width}",
                              delimiter.join(record)))
    frame = pd.DataFrame(good, columns=header, dtype=object) if good else \
        pd.DataFrame({h: pd.Series(dtype=object) for h in header})
    return frame, np.asarray(rows, dtype=np.int64), bad
