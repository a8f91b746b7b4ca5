"""Salesforce record ids: 15-character (reports, URLs) and 18-character (API, Data Loader) forms as one.

Reports and the address bar give 15-character ids, case-sensitive ("0019000000B98de"); the API and
Data Loader give the same id with three characters that encode the case of the first fifteen
("0019000000B98deAAB"), Salesforce's CASESAFEID. graphmap keeps every id in its 18-character form,
so that a contact exported both ways is one contact. The first three characters tell the object
(``003`` a Contact, ``00Q`` a Lead, ``005`` a User, ``001`` an Account).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from graphmap.imports.contacts import column
from graphmap.imports.normalize import arrow_text, find_column, text_series
from graphmap.imports.readers import ExportTable
from graphmap.text_buffers import cell_bytes, offsets

__all__ = ["case_safe_ids", "case_safe_map_ids", "id_case_counts", "id_case_notes", "id_column", "ID_COLUMNS",
           "LEAD_PREFIX"]

#: The columns of Salesforce exports that hold record ids, by their API names (a report's ``Contact ID`` is
#: found as ``ContactId``: headers match whatever their spaces and case).
ID_COLUMNS = ("Id", "AccountId", "OwnerId", "ReportsToId", "ContactId", "WhoId")

#: The key prefix of a Lead's id (a prospect not yet converted into a contact).
LEAD_PREFIX = "00Q"


def case_safe_ids(ids: pd.Series) -> pd.Series:
    """Salesforce ids (clean text) in their 18-character form; other values as they are.

    A 15-character id takes its suffix. An 18-character id written in one case by a tool that
    ignores case (``0060H00000MBAZLQAM``, upper-cased; Salesforce does not find it so) takes back
    the case its last three characters record; one whose case and suffix merely disagree is kept as
    written (see `id_case_counts`).

    >>> case_safe_ids(pd.Series(["a0D30000001n7Pi", "500x000000003TR", "0019000000B98deAAB", "", "15 but not id!"]
    ...                         )).tolist()
    ['a0D30000001n7PiEAI', '500x000000003TRAAY', '0019000000B98deAAB', '', '15 but not id!']
    >>> case_safe_ids(pd.Series(["0060H00000MBAZLQAM", "0060h00000mbazlqam", "0060H00000mbAZlAAA"])).tolist()
    ['0060H00000mbAZlQAM', '0060H00000mbAZlQAM', '0060H00000mbAZlAAA']
    """
    text = arrow_text(ids)
    found = _ids_of(text)
    if not len(found.short) and not len(found.restored):
        return ids
    empty = pa.scalar("", pa.large_string())
    longer = pc.binary_join_element_wise(text.take(pa.array(found.short)), _text(found.suffix), empty)
    text = pc.replace_with_mask(text, pa.array(_mask(len(text), found.short)), longer)
    if len(found.restored):
        text = pc.replace_with_mask(text, pa.array(_mask(len(text), found.restored)), _text(found.restored_ids))
    return text_series(text, ids.index)


def id_case_counts(ids: pd.Series) -> tuple[int, int]:
    """How many 18-character ids of a column `case_safe_ids` takes back to their real case, and how
    many have a suffix that disagrees with their case and are kept as written.

    >>> id_case_counts(pd.Series(["0060h00000mbazlqam", "0060H00000mbAZlAAA", "0060H00000mbAZlQAM"]))
    (1, 1)
    """
    found = _ids_of(arrow_text(ids))
    return len(found.restored), len(found.mismatched)


def case_safe_map_ids(tables: dict[str, pd.DataFrame]) -> tuple[dict[str, pd.DataFrame], int, int]:
    """A map's tables (as text) with the ``salesforce_id`` of its people and accounts in 18
    characters, how many ids that lengthened, and how many it took back to their real case.

    A map made by hand, or by graphmap before it kept the 18-character form, may hold the
    15-character ids of reports and URLs, and a map edited in a tool that changes case may hold
    18-character ids in one case; the imports find contacts, accounts and owners by the
    18-character form, so the map's ids take it too (and are written so).
    """
    out, lengthened, recased = dict(tables), 0, 0
    for table in ("people", "accounts"):
        frame = tables[table]
        if "salesforce_id" in frame.columns:
            ids = case_safe_ids(frame["salesforce_id"])
            if ids is not frame["salesforce_id"]:
                longer = ids.str.len() != frame["salesforce_id"].str.len()
                lengthened += int(longer.sum())
                recased += int(((ids != frame["salesforce_id"]) & ~longer).sum())
                out[table] = frame.assign(salesforce_id=ids)
    return out, lengthened, recased


def id_case_notes(table: ExportTable) -> tuple[str, ...]:
    """What a Salesforce export's id columns hold in another case than Salesforce's, in words: ids
    taken back to their real case, and ids whose suffix disagrees with their case."""
    restored = mismatched = 0
    for found in dict.fromkeys(find_column(table.header, name) for name in ID_COLUMNS):
        if found:
            more, other = id_case_counts(column(table.frame, found))
            restored, mismatched = restored + more, mismatched + other
    notes = []
    if restored:
        notes.append(f"{restored:,} Salesforce id(s) written in one case, as a tool that ignores case saves them: "
                     "read in their real case, which their last three characters give")
    if mismatched:
        notes.append(f"{mismatched:,} Salesforce id(s) of 18 characters whose last three characters do not match the "
                     "case of their first fifteen (not as Salesforce writes them): kept as written, so the "
                     "15-character id of the same record does not match them")
    return tuple(notes)


def id_column(frame: pd.DataFrame, name: str | None) -> pd.Series:
    """A column of an export as Salesforce ids in their 18-character form (blanks when it is missing).

    >>> id_column(pd.DataFrame({"Id": [" 0019000000B98de "]}), "Id").tolist()
    ['0019000000B98deAAB']
    """
    return case_safe_ids(column(frame, name))


@dataclass(frozen=True)
class _Found:
    """The Salesforce ids of a text column that `case_safe_ids` rewrites, and those it cannot."""

    short: np.ndarray
    """Rows of 15-character ids."""
    suffix: np.ndarray
    """Their suffixes (uint8, one row of 3 per id)."""
    restored: np.ndarray
    """Rows of 18-character ids written in one case, whose suffix gives back their real case."""
    restored_ids: np.ndarray
    """Those ids in their real case (uint8, one row of 18 per id)."""
    mismatched: np.ndarray
    """Rows of other 18-character ids whose suffix disagrees with their case (kept as written)."""


def _ids_of(text: pa.Array) -> _Found:
    bounds = offsets(text)
    lengths = np.diff(bounds)
    data = np.frombuffer(cell_bytes(text), dtype=np.uint8)
    short, chars = _id_cells(data, bounds, np.flatnonzero(lengths == 15), 15)
    # An 18-character id is what Data Loader writes: only one whose suffix disagrees needs a look.
    long = np.flatnonzero(lengths == 18)
    long_chars = _cells(data, bounds, long, 18)
    written = _suffix(long_chars)
    off = (written[:, 0] != long_chars[:, 15]) | (written[:, 1] != long_chars[:, 16]) | \
        (written[:, 2] != long_chars[:, 17])
    long, long_chars = _id_cells(data, bounds, long[off], 18)
    # A tool that ignores case writes the whole id in one case, the suffix included (Salesforce
    # writes suffixes in capitals and digits 0-5), and the suffix says which letters are capitals.
    lower = (long_chars >= ord("a")) & (long_chars <= ord("z"))
    upper = (long_chars >= ord("A")) & (long_chars <= ord("Z"))
    code = _SUFFIX_CODE[np.where(lower[:, 15:], long_chars[:, 15:] - 32, long_chars[:, 15:])]
    capital = ((np.maximum(code, 0)[:, :, None] >> np.arange(5)) & 1).astype(bool).reshape(-1, 15)
    letter = lower[:, :15] | upper[:, :15]
    restorable = (~lower.any(axis=1) | ~upper.any(axis=1)) & (code >= 0).all(axis=1) & \
        ~(capital & ~letter).any(axis=1)
    head = long_chars[restorable, :15] | np.uint8(32) * letter[restorable]  # lower-case letters
    head = head - np.uint8(32) * capital[restorable]
    restored_ids = np.concatenate([head, _SUFFIX_LETTERS[code[restorable]]], axis=1).astype(np.uint8)
    return _Found(short, _suffix(chars), long[restorable], restored_ids, long[~restorable])


def _id_cells(data: np.ndarray, bounds: np.ndarray, rows: np.ndarray, width: int) -> tuple[np.ndarray, np.ndarray]:
    """The `rows` (all `width` bytes long) whose bytes are ASCII letters and digits, and their bytes."""
    chars = _cells(data, bounds, rows, width)
    alnum = _ALNUM[chars].all(axis=1)  # a cell with a non-ASCII letter or a space is no id
    return rows[alnum], chars[alnum]


def _cells(data: np.ndarray, bounds: np.ndarray, rows: np.ndarray, width: int) -> np.ndarray:
    """The bytes of `rows`, all `width` bytes long, one row each."""
    if not len(rows):
        return np.zeros((0, width), dtype=np.uint8)
    if len(rows) * width == len(data):  # every cell is one of them (a column of ids): no copy
        return data.reshape(-1, width)
    # Each row's bytes through a window over the data: no index array of width per row.
    return np.lib.stride_tricks.sliding_window_view(data, width)[bounds[rows] - bounds[0]]


def _suffix(chars: np.ndarray) -> np.ndarray:
    """The CASESAFEID suffixes of 15-character ids (rows of `chars`): each block of five characters
    gives one character, whose bit i is set when the block's i-th character is a capital."""
    code = np.zeros((len(chars), 3), dtype=np.uint8)
    for i, capital in enumerate(_CAPITAL_BITS):
        code |= capital[chars[:, i:15:5]]
    return _SUFFIX_LETTERS[code]


def _text(rows: np.ndarray) -> pa.Array:
    """Rows of ASCII bytes as a large_string array."""
    cells = np.ascontiguousarray(rows).view(f"S{rows.shape[1]}").ravel().astype(object)
    return pa.array(cells, pa.large_binary()).cast(pa.large_string())


def _mask(length: int, rows: np.ndarray) -> np.ndarray:
    mask = np.zeros(length, dtype=bool)
    mask[rows] = True
    return mask


_ALNUM = np.isin(np.arange(256), np.frombuffer(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", np.uint8))
_SUFFIX_LETTERS = np.frombuffer(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ012345", dtype=np.uint8)
#: Per byte and position i in a block of five: bit i when the byte is a capital letter.
_CAPITAL_BITS = [((np.arange(256) >= ord("A")) & (np.arange(256) <= ord("Z"))).astype(np.uint8) << i for i in range(5)]
#: The number each suffix character stands for (-1: not a suffix character).
_SUFFIX_CODE = np.full(256, -1, dtype=np.int64)
_SUFFIX_CODE[_SUFFIX_LETTERS] = np.arange(32)
