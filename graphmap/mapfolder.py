"""The canonical map folder (DESIGN.md §3): read, validate, write atomically.

A map folder holds ``accounts.csv`` and ``people.csv`` (required) and ``team.csv`` and
``connections.csv`` (optional: a missing one is an empty table). Files are UTF-8 with or without a
BOM, comma-separated, CRLF or LF, with a header row; quoted cells may hold line breaks.
"""

from __future__ import annotations

import csv
import io
import os
import secrets
import shutil
import stat
import tempfile
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from graphmap.exceptions import Fault, MapError, MapValidationError
from graphmap.model.accountmap import CANONICAL_COLUMNS, AccountMap, frame_as_text
from graphmap.model.validation import validate_tables
from graphmap.text_buffers import cell_bytes

__all__ = ["read_map", "write_map", "map_folder_to_write", "read_text_table", "tables_as_text", "write_text_csv",
           "MAP_FILES"]

#: The files of a map folder, by table.
MAP_FILES = {table: f"{table}.csv" for table in CANONICAL_COLUMNS}
_OPTIONAL = {"team", "connections"}


def read_text_table(path: Path) -> pd.DataFrame:
    """Read one CSV file with every cell as text ("" when blank).

    Raises `MapValidationError` naming the file for an empty or duplicate header cell, and `MapError`
    for a file that is not UTF-8 CSV.
    """
    try:
        with open(path, "rb") as handle:
            head = handle.read(1 << 16)
        first = head.decode("utf-8-sig", errors="strict").splitlines()[0] if head.strip() else ""
    except UnicodeDecodeError as err:
        raise MapError(f"{path}: not UTF-8 text (byte {err.start}); save the file as UTF-8 CSV") from None
    except IndexError:
        first = ""
    except OSError as err:
        raise MapError(f"{path}: cannot be read: {err.strerror}") from None
    if not first.strip():
        raise MapValidationError([Fault(path.name, 1, None, None, "the file is empty; a header row is required")],
                                 str(path.parent))
    header = next(csv.reader(io.StringIO(first)))
    header = [h.strip() for h in header]
    faults = []
    seen: set[str] = set()
    for position, name in enumerate(header, start=1):
        if not name:
            faults.append(Fault(path.name, 1, f"#{position}", "", "empty header cell; every column needs a name"))
        elif name in seen:
            faults.append(Fault(path.name, 1, name, name, "duplicate column name"))
        seen.add(name)
    if faults:
        raise MapValidationError(faults, str(path.parent))
    try:
        table = pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(column_names=header, skip_rows=1, block_size=1 << 24),
            parse_options=pacsv.ParseOptions(newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(column_types={h: pa.string() for h in header},
                                                 strings_can_be_null=False, quoted_strings_can_be_null=False),
        )
    except pa.ArrowInvalid as err:
        raise MapValidationError([Fault(path.name, None, None, None, f"not a well-formed CSV file: {err}")],
                                 str(path.parent)) from None
    frame = table.to_pandas()
    return frame


def read_map(folder: str | os.PathLike) -> AccountMap:
    """Read and validate a map folder.

    Raises `MapError` when the folder or a required file is missing and `MapValidationError` listing
    every fault (file, row, column, value) when the files hold any; a map with faults is never returned.

    Examples
    --------
    >>> import graphmap, tempfile
    >>> folder = graphmap.write_sample_map(tempfile.mkdtemp() + "/sample")
    >>> read_map(folder)  # doctest: +ELLIPSIS
    AccountMap(5 accounts, ... people, ... team memberships, ... connections)
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise MapError(f"{folder}: no such map folder")
    raw: dict[str, pd.DataFrame] = {}
    for table, file_name in MAP_FILES.items():
        path = folder / file_name
        if not path.exists():
            if table in _OPTIONAL:
                raw[table] = pd.DataFrame({c: pd.Series(dtype=object) for c in CANONICAL_COLUMNS[table]})
                continue
            raise MapError(f"{path}: missing; a map folder needs {', '.join(MAP_FILES.values())} "
                           f"({', '.join(MAP_FILES[t] for t in sorted(_OPTIONAL))} may be absent)")
        raw[table] = read_text_table(path)
    amap = validate_tables(raw, source=str(folder))
    # Validation's intermediate columns are gone; hand their pages back instead of keeping them pooled.
    pa.default_memory_pool().release_unused()
    return amap


def tables_as_text(amap: AccountMap) -> dict[str, pd.DataFrame]:
    """The map's tables with every cell as text, as they are written to the folder."""
    return {table: frame_as_text(getattr(amap, table)) for table in CANONICAL_COLUMNS}


def write_map(amap: AccountMap, folder: str | os.PathLike) -> Path:
    """Write a map folder atomically: the folder holds either the old map or the whole new one.

    The files are written to a temporary folder beside the target, then swapped in; an interruption
    at any point leaves the old folder (or nothing) in place, never a mixture.
    """
    folder = map_folder_to_write(folder)
    (folder.parent if str(folder.parent) else Path(".")).mkdir(parents=True, exist_ok=True)
    staging = _new_folder_beside(folder)
    try:
        # Arrow compute and file writes release the GIL, so the tables are written side by side,
        # the largest first so that the small ones fill in beside it.
        tables = sorted(CANONICAL_COLUMNS, key=lambda t: getattr(amap, t).size, reverse=True)
        with ThreadPoolExecutor(max_workers=max(1, min(len(tables), os.cpu_count() or 1))) as pool:
            jobs = [pool.submit(_write_table, getattr(amap, t), staging / MAP_FILES[t]) for t in tables]
            for job in jobs:
                job.result()
        _swap_in(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return folder


def _write_table(frame: pd.DataFrame, path: Path) -> None:
    write_text_csv(frame_as_text(frame), path)


_ROWS_PER_SLICE = 1 << 18  # bounds the memory of the joined text of a slice


def _csv_cells(values: pa.Array) -> pa.Array:
    """Cells as CSV text, quoted only where needed (a comma, quote or line break), as Python's csv does."""
    if not _may_need_quotes(values):
        return values  # no byte of the column needs quoting: skip the per-cell search
    needs = _cells_with_special_bytes(values)
    if not needs.any():
        return values
    # Only the cells that need quotes are quoted, then put back in their places.
    mark = pa.scalar('"', values.type)
    picked = pc.replace_substring(values.filter(needs), '"', '""')
    quoted = pc.binary_join_element_wise(mark, picked, mark, pa.scalar("", values.type))
    return pc.replace_with_mask(values, pa.array(needs), quoted)


def _cells_with_special_bytes(values: pa.Array) -> np.ndarray:
    """Per cell of a text array: whether it holds a comma, quote or line break.

    The special bytes are found in the whole text buffer at once and mapped to their cells through
    the offsets: a few vectorised passes instead of a regular expression run cell by cell.
    """
    width = np.int64 if pa.types.is_large_string(values.type) or pa.types.is_large_binary(values.type) else np.int32
    offsets = np.frombuffer(values.buffers()[1], dtype=width)[values.offset: values.offset + len(values) + 1]
    data = np.frombuffer(values.buffers()[2], dtype=np.uint8)[offsets[0]: offsets[-1]]
    hits = np.flatnonzero((data == ord(",")) | (data == ord('"')) | (data == ord("\n")) | (data == ord("\r")))
    needs = np.zeros(len(values), dtype=bool)
    # A hit belongs to the last cell starting at or before it (empty cells start where the next one does).
    needs[np.searchsorted(offsets, hits + offsets[0], side="right") - 1] = True
    return needs


def _may_need_quotes(values: pa.Array) -> bool:
    """Whether the cells of `values` hold a comma, quote or line break anywhere."""
    # bytes' substring search is memchr, several GB/s: a copy and four searches beat one numpy pass.
    raw = cell_bytes(values).tobytes()
    return b"," in raw or b'"' in raw or b"\n" in raw or b"\r" in raw


def _text_column(values: pd.Series) -> pa.ChunkedArray:
    """A text column as Arrow large_string chunks without nulls (no copy for Arrow-backed text)."""
    if isinstance(values.dtype, pd.StringDtype):
        arr = pa.array(values.array)
    else:
        arr = pa.array(values.to_numpy(dtype=object), type=pa.large_string(), from_pandas=True)
    if isinstance(arr, pa.Array):
        arr = pa.chunked_array([arr])
    if arr.type != pa.large_string():
        arr = arr.cast(pa.large_string())
    return arr.fill_null("") if arr.null_count else arr


def write_text_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write a text table as UTF-8 CSV: a header row, LF line ends, minimal quoting.

    The same bytes as ``frame.to_csv(path, index=False, lineterminator="\\n")`` (Python's csv with
    QUOTE_MINIMAL), except that a cell with a carriage return is always quoted, so that readers that
    take a bare CR for a line end read it back. pandas' writer goes through Python objects cell by
    cell, which for a million-row people table is most of the time of writing a map; here Arrow
    does the work: its CSV writer when no cell needs quotes, else compute kernels (each column
    quoted once, the cells of a row joined, the rows' text written from one buffer).
    """
    header = _csv_cells(pa.array([str(c) for c in frame.columns], type=pa.large_string()))
    with open(path, "wb") as handle:
        handle.write((",".join(header.to_pylist()) + "\n").encode("utf-8"))
        if not len(frame) or not len(frame.columns):
            return
        columns = [_text_column(frame[col]) for col in frame.columns]
        special = [any(_may_need_quotes(chunk) for chunk in col.chunks) for col in columns]
        if not any(special):
            # No cell needs quotes: Arrow's own writer lays out the rows (a third less work than
            # joining them); it refuses, never mangles, a cell with a comma, quote or line break.
            table = pa.table(columns, names=[str(c) for c in frame.columns])
            options = pacsv.WriteOptions(include_header=False, quoting_style="none", batch_size=1 << 14)
            # Batch by batch, empty ones skipped: write_csv of a whole table emits stale buffer bytes
            # for an empty batch (apache/arrow#36889), which unevenly chunked columns produce.
            with pacsv.CSVWriter(handle, table.schema, write_options=options) as writer:
                for batch in table.to_batches(max_chunksize=1 << 14):
                    if batch.num_rows:
                        writer.write_batch(batch)
            return
        columns = [pa.chunked_array([_csv_cells(chunk) for chunk in col.chunks], pa.large_string()) if quote else col
                   for col, quote in zip(columns, special)]
        # The line break joins the last column alone, so the rows are joined once, not twice.
        text = pa.large_string()
        columns[-1] = pc.binary_join_element_wise(columns[-1], pa.scalar("", text), pa.scalar("\n", text))
        comma = pa.scalar(",", text)

        def rows_of(start: int) -> pa.ChunkedArray:
            return pc.binary_join_element_wise(*[c.slice(start, _ROWS_PER_SLICE) for c in columns], comma)

        # Slices are joined two at a time on two threads (the kernel releases the GIL) and written
        # in order as they are done: at most two slices' text is held at once.
        with ThreadPoolExecutor(max_workers=2) as pool:
            joining: deque = deque()
            for start in range(0, len(frame), _ROWS_PER_SLICE):
                joining.append(pool.submit(rows_of, start))
                if len(joining) == 2:
                    _write_rows(handle, joining.popleft().result())
            while joining:
                _write_rows(handle, joining.popleft().result())


def _write_rows(handle, rows: pa.ChunkedArray) -> None:
    for chunk in rows.chunks:
        handle.write(cell_bytes(chunk))


def map_folder_to_write(folder: str | os.PathLike) -> Path:
    """The folder `write_map` writes for `folder` (absolute; where a symbolic link points), or a
    `MapError` saying why it cannot be written: a command checks this before its work, not after."""
    folder = _link_target(Path(os.path.abspath(folder)))
    here = Path.cwd().resolve()
    if folder.resolve() == here or folder.resolve() in here.parents:
        # The swap renames the folder away: a shell working in it would be left in a deleted folder.
        raise MapError(f"{folder}: the map folder is the current folder (or holds it); a map is replaced as a "
                       f"whole folder, so run the command from outside it (for example from {folder.parent})")
    return folder


def _new_folder_beside(folder: Path) -> Path:
    """An empty folder to write the map in, beside `folder`, with the permissions the map folder has
    (a new one gets those of any new folder: `mkdtemp` would make it private, and a map shared with a
    team could no longer be read by the others)."""
    parent = folder.parent if str(folder.parent) else Path(".")
    while True:
        staging = parent / f".{folder.name}.new-{secrets.token_hex(4)}"
        try:
            staging.mkdir()  # (the umask applies, as to any folder the user makes)
            break
        except FileExistsError:
            continue
    if folder.is_dir():
        os.chmod(staging, stat.S_IMODE(folder.stat().st_mode))
    return staging


def _link_target(folder: Path) -> Path:
    """The folder a map is written to: where `folder` points when it is a symbolic link (a map kept on
    a shared drive and linked to), so that the swap replaces the map, not the link. A link to nothing
    is refused (a drive not mounted, say): a map written there would be lost or misplaced."""
    if not folder.is_symlink():
        return folder
    target = folder.resolve()
    if not target.is_dir():
        raise MapError(f"{folder}: a symbolic link to {os.readlink(folder)}, which does not exist"
                       + (" as a folder" if target.exists() else "") + "; the map is not written")
    return target


def _swap_in(staging: Path, folder: Path) -> None:
    """Replace `folder` by `staging` with renames, so readers never see a half-written map."""
    if not folder.exists():
        os.rename(staging, folder)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{folder.name}.old-", dir=folder.parent))
    os.rmdir(retired)
    os.rename(folder, retired)
    try:
        os.rename(staging, folder)
    except BaseException:
        os.rename(retired, folder)
        raise
    # Files in the old folder that are not map files (notes, an import error file) stay with the map.
    for item in retired.iterdir():
        if item.name not in MAP_FILES.values() and not (folder / item.name).exists():
            shutil.move(str(item), folder / item.name)
    shutil.rmtree(retired, ignore_errors=True)
