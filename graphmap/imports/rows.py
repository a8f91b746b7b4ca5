"""Row operations on a map's text tables, for the merge: every one a pass of Arrow kernels.

The merge finds rows by integer position and reads, compares and overwrites their cells column by
column (`snapshot`, `write_at`, `fill_blanks`), appends new rows (`append_rows`), finds the first
row holding each value (`first_match`) and numbers new ids (`unique_ids`). The columns are pandas
text Series backed by Arrow; nothing here makes a Python string per row.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from graphmap.imports.normalize import arrow_text, blank_text, first_occurrences, positions_in, text_series

__all__ = ["equals", "in_set", "joined", "first_match", "snapshot", "write_array", "write_at", "fill_blanks",
           "text_table", "append_rows", "occurrence", "unique_ids", "no_rows"]


def equals(values: pa.Array, value: str) -> np.ndarray:
    """A mask of the cells of a text array equal to `value`."""
    return np.asarray(pc.equal(values, value).fill_null(False).to_numpy(zero_copy_only=False), dtype=bool)


def in_set(values: pa.Array, value_set: pa.Array | None) -> np.ndarray:
    """A mask of the cells of `values` found in `value_set` (none when there is no set)."""
    if value_set is None:
        return np.zeros(len(values), dtype=bool)
    return np.asarray(pc.is_in(values, value_set=value_set).to_numpy(zero_copy_only=False), dtype=bool)


def joined(*columns: pd.Series) -> pd.Series:
    """The cells of text columns joined by "|", row by row (one Arrow kernel)."""
    bar = pa.scalar("|", pa.large_string())
    return text_series(pc.binary_join_element_wise(*[arrow_text(c) for c in columns], bar), columns[0].index)


#: How many values `first_match` looks at to judge whether they repeat.
_SAMPLE = 1 << 14


def first_match(values, keys: pa.Array) -> np.ndarray:
    """The row of `keys` where each value first occurs; -1 where it does not, or is blank."""
    values = arrow_text(values)
    values = values.fill_null("") if values.null_count else values
    if 8 * len(values) >= len(keys) and len(values) > 8 * _SAMPLE:
        # Many values that may repeat (an activity log names a few hundred members a million
        # times): when a sample spread over them holds few distinct ones, the distinct values are
        # looked up (against many keys, the cheap way below) and spread back by their codes.
        spread = pa.array(np.linspace(0, len(values) - 1, _SAMPLE).astype(np.int64))
        if 8 * pc.count_distinct(values.take(spread)).as_py() < _SAMPLE:
            encoded = pc.dictionary_encode(values)
            at = first_match(encoded.dictionary, keys)
            return at[np.asarray(encoded.indices.to_numpy(zero_copy_only=False), dtype=np.int64)]
    if 8 * len(values) < len(keys):
        # A few values against many keys: hash the values and pass over the keys once, rather than
        # hashing a million keys to look up a few hundred values.
        hits = np.flatnonzero(np.asarray(pc.is_in(keys, value_set=values).to_numpy(zero_copy_only=False), dtype=bool))
        within = positions_in(values, keys.take(pa.array(hits)))
        at = np.where(within >= 0, hits[np.maximum(within, 0)] if len(hits) else -1, -1)
    else:
        at = positions_in(values, keys)
    at[equals(values, "")] = -1
    return at


def snapshot(table: pd.DataFrame, positions: np.ndarray) -> dict[str, pa.Array]:
    """The cells of every column of `table` at `positions`, to tell later which rows changed."""
    at = pa.array(positions)
    return {col: arrow_text(table[col]).take(at) for col in table.columns}


def write_array(column: pa.Array, positions: np.ndarray, values: pa.Array) -> pa.Array:
    """`column` with `values` at `positions` (where a position repeats, the last value wins)."""
    if not len(positions):
        return column
    mask = np.zeros(len(column), dtype=bool)
    if len(positions) == 1 or (np.diff(positions) > 0).all():  # in row order, each once (the usual case)
        mask[positions] = True
        return pc.replace_with_mask(column, pa.array(mask), values)
    # replace_with_mask takes the replacements in row order, one per row: sort, and keep the last writer.
    last = len(positions) - 1 - np.unique(positions[::-1], return_index=True)[1]
    mask[positions[last]] = True
    return pc.replace_with_mask(column, pa.array(mask), values.take(pa.array(last)))


def write_at(table: pd.DataFrame, col: str, positions: np.ndarray, values: pa.Array) -> None:
    """Set text column `col` of `table` to `values` at `positions` (where a position repeats, the
    last value wins), in one Arrow pass over the column."""
    if len(positions):
        table[col] = text_series(write_array(arrow_text(table[col]), positions, values), table.index)


def fill_blanks(table: pd.DataFrame, positions: np.ndarray, incoming: pd.DataFrame, columns) -> np.ndarray:
    """Write incoming values into `table` at `positions` where the table has a blank (a later row of
    `incoming` wins where two write the same position); returns which of `positions` were written
    (each such row changed: a blank became a value)."""
    written = np.zeros(len(positions), dtype=bool)
    for col in columns:
        if col not in incoming.columns:
            continue
        if col not in table.columns:
            table[col] = ""
        if not len(positions):
            continue
        new = arrow_text(incoming[col])
        fill = equals(arrow_text(table[col]).take(pa.array(positions)), "") & ~equals(new, "")
        write_at(table, col, positions[fill], new.filter(pa.array(fill)))
        written |= fill
    return written


def text_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Every cell text, "" when blank (text columns are kept as they are: no copy into Python objects)."""
    out = frame.reset_index(drop=True)
    columns = {}
    for col in out.columns:
        values = out[col]
        if isinstance(values.dtype, pd.StringDtype) or values.dtype == object:
            columns[col] = values.fillna("") if values.hasnans else values
        else:
            columns[col] = values.astype(object).where(values.notna(), "").astype(str)
    return pd.DataFrame(columns, index=out.index) if columns else out


def append_rows(table: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """`rows` added below `table`; cells of columns one side lacks are "".

    Each side gets the columns it lacks as blanks before the concatenation, so no million-row
    column is ever rewritten to fill a few missing cells.
    """
    def widen(frame: pd.DataFrame, columns) -> pd.DataFrame:
        missing = [c for c in columns if c not in frame.columns]
        if not missing:
            return frame
        blank = text_series(blank_text(len(frame)), frame.index)
        return frame.assign(**{c: blank for c in missing})

    return pd.concat([widen(table, rows.columns), widen(rows, table.columns)], ignore_index=True)


def occurrence(codes: np.ndarray, distinct: int) -> np.ndarray:
    """For each code, how many times it occurred before (0 for the first): pandas' ``cumcount``
    by one stable sort of the codes that repeat (a radix sort when they fit in 16 bits)."""
    repeats = np.bincount(codes, minlength=distinct)[codes] > 1
    if not repeats.all():  # most ids are made once: only the repeated ones need counting
        n = np.zeros(len(codes), dtype=np.int64)
        if repeats.any():
            n[repeats] = occurrence(codes[repeats], distinct)
        return n
    narrow = codes.astype(np.uint16) if distinct <= np.iinfo(np.uint16).max else codes
    order = np.argsort(narrow, kind="stable")
    ranked = codes[order]
    starts = np.flatnonzero(np.r_[True, ranked[1:] != ranked[:-1]])
    first_of_group = np.repeat(starts, np.diff(np.r_[starts, len(codes)]))
    n = np.empty(len(codes), dtype=np.int64)
    n[order] = np.arange(len(codes)) - first_of_group
    return n


def unique_ids(candidates: pd.Series, taken: pa.Array | None) -> pd.Series:
    """Make ids unique among themselves and against `taken` by adding -2, -3, ...

    A candidate takes the lowest numbers from 2 that neither `taken` nor a candidate kept as it is
    holds for it: with ``c-ana-silva`` and ``c-ana-silva-2`` in the map, the next Ana Silva is
    ``c-ana-silva-3``; with ``acc-vela`` and ``acc-vela-2025`` (a company named "Vela 2025"), the
    next Vela is ``acc-vela-2``, not ``acc-vela-2026``. Works on Arrow arrays and integer codes; only
    the ids that take a number are rebuilt.
    """
    if not len(candidates):
        return text_series(pa.array([], pa.large_string()))
    cand = arrow_text(candidates)
    taken = taken.cast(pa.large_string()) if taken is not None else None
    encoded = pc.dictionary_encode(cand)
    codes = np.asarray(encoded.indices.to_numpy(zero_copy_only=False), dtype=np.int64)
    n = occurrence(codes, len(encoded.dictionary))
    taken_set = taken if taken is not None and len(taken) else None
    clash = in_set(cand, taken_set)
    renamed = (n > 0) | clash
    dash = pa.scalar("-", pa.large_string())
    ids = cand
    suspect = False
    if renamed.any():
        which = pa.array(renamed)
        ordinal = (n + clash.astype(np.int64))[renamed]  # 1: the first number it needs, 2: the second, ...
        renamed_cand, kept = cand.filter(which), cand.filter(pa.array(~renamed))

        def numbered(held: list[pa.Array]) -> pa.Array:
            number = pa.array(_free_numbers(renamed_cand, ordinal, held)).cast(pa.large_string())
            return pc.binary_join_element_wise(renamed_cand, number, dash)

        given = numbered([taken_set] if taken_set is not None else [])
        # Numbered ids ("<candidate>-<n>", text after the last "-" being n) differ from one another,
        # and from the ids kept as they are, unless this batch keeps one that looks numbered ("x-2"
        # written as a name): then the numbers skip those too (a look-up in the few numbered ids
        # finds it, not a hash of every id).
        if _any_shared(given, kept):
            given = numbered([kept] + ([taken_set] if taken_set is not None else []))
            suspect = True  # checked once more below
        ids = pc.replace_with_mask(cand, which, given)
    first = True
    while True:
        dup = np.zeros(len(ids), dtype=bool)
        if suspect or not first:
            dup[~first_occurrences(ids)] = True
        first = False
        bad = dup
        if taken_set is not None and renamed.any():  # (a kept id is not taken: only renamed ones can be)
            bad[renamed] |= in_set(ids.filter(pa.array(renamed)), taken_set)
        if not bad.any():
            return text_series(ids)
        renamed = renamed | bad  # a suffixed id may now be a taken one: the next round checks it
        position = pa.array(np.arange(len(ids))).cast(pa.large_string())
        ids = pc.if_else(pa.array(bad), pc.binary_join_element_wise(ids, position, dash), ids)


#: A numbered id: the candidate it was made from, then "-" and a number (no leading zero).
_NUMBERED = r"^(?P<base>.+)-(?P<number>[1-9][0-9]{0,8})$"


def _free_numbers(candidates: pa.Array, ordinal: np.ndarray, held: list[pa.Array]) -> np.ndarray:
    """Per candidate, the `ordinal`-th number from 2 up that no id of `held` takes for it (as
    "<candidate>-<number>"): 2, 3, ... for a candidate with no numbered ids held."""
    # Only an id ending in a digit can be numbered: the pattern runs on those alone, not on the map.
    ending = [ids.filter(pc.utf8_is_digit(pc.utf8_slice_codeunits(ids, -1))) for ids in held if len(ids)]
    if not any(len(ids) for ids in ending):
        return ordinal + 1
    numbered = pc.extract_regex(pa.concat_arrays(ending), _NUMBERED)
    distinct = pc.unique(candidates)
    slot = pc.index_in(numbered.field("base"), value_set=distinct)  # null: not a candidate's number
    ours = pc.is_valid(slot)
    if not pc.any(ours).as_py():
        return ordinal + 1
    base = np.asarray(slot.filter(ours), dtype=np.int64)
    held = np.asarray(numbered.field("number").filter(ours).cast(pa.int64()))
    order = np.lexsort((held, base))
    order = order[held[order] >= 2]  # "-1" is never made
    base, held = base[order], held[order]
    # An id held twice (a faulty map: validation refuses it, but the numbering must not trip) counts once.
    once = np.r_[True, (np.diff(base) != 0) | (np.diff(held) != 0)] if len(base) else np.zeros(0, dtype=bool)
    base, held = base[once], held[once]
    # The j-th number a candidate holds (j from 1, ascending) leaves held[j] - j - 1 numbers free
    # below it, counting from 2; the k-th free number is k + 1 + (how many held ones leave fewer
    # than k free). Keys of (candidate, free-below) sort as the held numbers do, so one binary
    # search per candidate counts them.
    rank = np.arange(len(held)) - np.searchsorted(base, base)  # j - 1
    shift = np.int64(1) << 32  # above any number the pattern accepts (9 digits)
    keys = base * shift + (held - rank - 2)
    mine = np.asarray(pc.index_in(candidates, value_set=distinct), dtype=np.int64) * shift
    below = np.searchsorted(keys, mine + ordinal, side="left") - np.searchsorted(keys, mine, side="left")
    return ordinal + 1 + below


def _any_shared(one: pa.Array, other: pa.Array) -> bool:
    """Whether two text arrays have a value in common (the smaller one is hashed, the other probes it)."""
    small, large = (one, other) if len(one) <= len(other) else (other, one)
    return bool(len(small)) and bool(in_set(large, small).any())


def no_rows() -> pd.DataFrame:
    """No rows of a file to report: an empty frame of ``row`` and ``reason``."""
    return pd.DataFrame({"row": pd.Series(dtype=np.int64), "reason": pd.Series(dtype=object)})
