"""Merging staged connections into the map's: each pair of people once, the best-founded strength.

A connection matches the map's connection between the same two people, whichever way round. Its
strength replaces the map's only when it is at least as well founded (`STRENGTH_SOURCES`: activities
over CRM ownership over a LinkedIn tie; a strength typed by hand always stays; of two activity logs'
scores, the one of the log with the later reference date), and its last contact only moves forward. A connection point is written supplier first. See `graphmap.imports.merge` for
the whole merge.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from graphmap.imports.normalize import arrow_text, filter_rows, first_of_codes, positions_in, text_series
from graphmap.imports.rows import append_rows, equals, snapshot, text_table, write_at
from graphmap.model.accountmap import text_by_distinct_value
from graphmap.model.validation import refers_to_rows

__all__ = ["STRENGTH_SOURCES", "ACTIVITY_AS_OF", "LINK_COLUMNS", "LINK_ROWS", "LINK_MAP_ROWS", "Ends", "merge_links"]

#: How well founded a strength is, by the import that derived it; a blank source means typed by hand.
STRENGTH_SOURCES = {"linkedin": 1, "crm": 2, "activities": 3}
_MANUAL = 9
#: The factor of an activity log's score that names the date it was scored as of (the log's latest).
ACTIVITY_AS_OF = "activity_as_of"

#: The columns of a staged connection.
LINK_COLUMNS = ("from_key", "to_key", "strength", "strength_source", "last_contact")
#: Optional link columns: the row of an end in the batch's people (-1 = look its key up).
LINK_ROWS = ("from_row", "to_row")
#: Optional link columns: the row of an end among the map's people, when the key is a person_id of
#: the map (-1 = look it up). Checked before use, like every hint about rows.
LINK_MAP_ROWS = ("from_map_row", "to_map_row")

#: Per connections row, the rows of people its from_id and to_id name (what validation finds by
#: hashing the ids; a merge knows it for the connections it writes).
Ends = tuple[np.ndarray, np.ndarray]


def _whole_numbers(levels) -> list[str]:
    return [str(int(level)) for level in levels]


def _iso_dates(days: pd.Index) -> pd.Index:
    return days.strftime("%Y-%m-%d")


def _rank(sources) -> np.ndarray:
    """How well founded each strength is (`STRENGTH_SOURCES`; anything else was typed by hand)."""
    encoded = pc.dictionary_encode(arrow_text(sources))
    ranks = np.array([STRENGTH_SOURCES.get(u, _MANUAL) for u in encoded.dictionary.to_pylist()] + [_MANUAL],
                     dtype=np.int64)
    codes = np.asarray(encoded.indices.fill_null(len(ranks) - 1).to_numpy(zero_copy_only=False), dtype=np.int64)
    return ranks[codes]


def merge_links(conns: pd.DataFrame, people: pd.DataFrame, links: pd.DataFrame, person_of: pd.Series,
                 row_of: np.ndarray, ends: Ends | None = None) -> tuple[pd.DataFrame, tuple[int, int, int], Ends | None]:
    """Merge staged connections; `person_of` and `row_of` give each batch key's person_id and row in
    `people` (an end that is not a batch key is a person_id of the map).

    `ends` may give the `Ends` of `conns` (checked before use; else the ids are looked up). Returns
    the new connections, the counts (added, changed, unchanged) and the new table's `Ends`.
    """
    if links.empty:
        return conns, (0, 0, 0), ends
    links = links.reset_index(drop=True)
    # The row of each end among the people (a batch key's row, else a person_id's): tells "known",
    # the side, and gives each pair integer codes, so no pair of ids is ever joined into a string.
    end_keys = arrow_text(pd.concat([links["from_key"], links["to_key"]], ignore_index=True))
    person_ids = arrow_text(people["person_id"])
    both = np.full(len(end_keys), -1, dtype=np.int64)
    if all(c in links.columns for c in LINK_ROWS) and len(row_of):
        staged_row = np.concatenate([links[c].to_numpy(dtype=np.int64) for c in LINK_ROWS])
        given = staged_row >= 0
        both[given] = row_of[staged_row[given]]
    if all(c in links.columns for c in LINK_MAP_ROWS):
        map_row = np.concatenate([links[c].to_numpy(dtype=np.int64) for c in LINK_MAP_ROWS])
        hinted = (both < 0) & (map_row >= 0)
        if hinted.any() and refers_to_rows(end_keys.filter(pa.array(hinted)), person_ids, map_row[hinted]):
            both[hinted] = map_row[hinted]
    todo = np.flatnonzero(both < 0)
    if len(todo):
        at_key = positions_in(end_keys.take(pa.array(todo)), person_of.index) if len(person_of) \
            else np.full(len(todo), -1)
        both[todo] = np.where(at_key >= 0, row_of[np.maximum(at_key, 0)] if len(row_of) else -1, -1)
        other = todo[at_key < 0]
        if len(other):
            both[other] = positions_in(end_keys.take(pa.array(other)), person_ids)
    at_a, at_b = both[: len(links)], both[len(links):]
    ok = (at_a >= 0) & (at_b >= 0) & (at_a != at_b)
    links, at_a, at_b = filter_rows(links, ok), at_a[ok], at_b[ok]
    side = people["side"]
    customer, supplier = (side == "customer").to_numpy(), (side == "supplier").to_numpy()
    # A connection point is written supplier first, as people read it.
    swap = customer[at_a] & supplier[at_b]
    src, dst = np.where(swap, at_b, at_a), np.where(swap, at_a, at_b)
    days = pd.to_datetime(links["last_contact"]).to_numpy(dtype="datetime64[D]").astype(np.int64)
    strength = links["strength"].astype(float).to_numpy()
    extra_cols = [c for c in links.columns if c not in LINK_COLUMNS + LINK_ROWS + LINK_MAP_ROWS and c != "_row"]
    inc = text_table(links[extra_cols]).assign(
        from_id=text_series(person_ids.take(pa.array(src))), to_id=text_series(person_ids.take(pa.array(dst))),
        strength=text_by_distinct_value(pd.Series(strength), _whole_numbers),
        strength_source=text_series(arrow_text(links["strength_source"]).fill_null("")))
    rank = _rank(inc["strength_source"])
    pair = np.minimum(src, dst) * len(person_ids) + np.maximum(src, dst)
    # Within a batch, the best-founded strength and the latest contact of each pair (most batches
    # have each pair once, and then there is nothing to do).
    order = np.argsort(-rank, kind="stable") if len(rank) and rank.min() != rank.max() else np.arange(len(rank))
    first = first_of_codes(pair[order]) if _pairs_may_repeat(src, dst, len(person_ids)) else np.ones(len(order), bool)
    if not first.all():
        days = pd.Series(days).groupby(pair).transform("max").to_numpy()
        order = order[first]
    if len(order) != len(inc) or (order != np.arange(len(order))).any():
        inc, rank, pair, days = inc.iloc[order].reset_index(drop=True), rank[order], pair[order], days[order]
        src, dst = src[order], dst[order]
    inc = inc.assign(last_contact=text_by_distinct_value(pd.Series(days.astype("datetime64[D]")), _iso_dates))
    for col in ("strength_source", *extra_cols):
        if col not in conns.columns:
            conns[col] = ""
    c_from = c_to = np.zeros(0, dtype=np.int64)
    if len(conns):
        c_from, c_to = _ends_of(conns, person_ids, ends)
        existing = np.minimum(c_from, c_to) * len(person_ids) + np.maximum(c_from, c_to)
        existing[(c_from < 0) | (c_to < 0)] = -1
        positions = _pair_positions(pair, existing)
    else:
        positions = np.full(len(inc), -1)
    matched = positions >= 0
    counts_changed = 0
    if matched.any():
        pos = positions[matched]
        m = inc[matched].reset_index(drop=True)
        written = ("strength", "strength_source", *extra_cols)
        before = snapshot(conns[list(written) + ["last_contact"]], pos)
        ex_rank = _rank(before["strength_source"])
        take = (rank[matched] >= ex_rank) & (ex_rank != _MANUAL) & ~equals(arrow_text(m["strength"]), "")
        # Extras only fill blanks, except the factors of a strength, which follow it.
        factors = take
        if ACTIVITY_AS_OF in extra_cols:  # of two activity logs' scores, the later log's wins, whatever the order
            activities = equals(before["strength_source"], "activities") & equals(arrow_text(m["strength_source"]),
                                                                                 "activities")
            older = np.asarray(pc.less(arrow_text(m[ACTIVITY_AS_OF]), before[ACTIVITY_AS_OF]).fill_null(False)
                               .to_numpy(zero_copy_only=False), dtype=bool)
            take &= ~(activities & older)
            # A strength typed by hand stays, and the factors beside it are still the later log's.
            factors = take | ((ex_rank == _MANUAL) & ~older)
        changed = np.zeros(len(pos), dtype=bool)  # a connection changed where a value written differs
        for col in written:
            values = arrow_text(m[col])
            write = take
            if col in extra_cols:
                # (never with a blank: a LinkedIn row without Connected On kept the map's date no more)
                write = (factors | equals(before[col], "")) & ~equals(values, "")
            write_at(conns, col, pos[write], values.filter(pa.array(write)))
            changed |= write & ~np.asarray(pc.equal(values, before[col]).to_numpy(zero_copy_only=False), dtype=bool)
        contact = arrow_text(m["last_contact"])
        newer = np.asarray(pc.greater(contact, before["last_contact"]).fill_null(False).to_numpy(zero_copy_only=False),
                           dtype=bool)
        write_at(conns, "last_contact", pos[newer], contact.filter(pa.array(newer)))
        counts_changed = int((changed | newer).sum())
    added = inc[~matched]
    conns = append_rows(conns, added)
    ends = (np.concatenate([c_from, src[~matched]]), np.concatenate([c_to, dst[~matched]]))
    return conns, (len(added), counts_changed, int(matched.sum()) - counts_changed), ends


def _pair_positions(pairs: np.ndarray, existing: np.ndarray) -> np.ndarray:
    """Where each pair code first occurs in `existing` (-1 where it does not; -1 codes match nothing).

    A map holds each pair once, so pandas' integer hash index answers (twice as fast as Arrow's
    index_in on a million codes); with a repeated pair, Arrow's first occurrence does.
    """
    known = np.flatnonzero(existing >= 0)
    index = pd.Index(existing[known])
    if index.is_unique:
        found = index.get_indexer(pairs)
        return np.where(found >= 0, known[np.maximum(found, 0)] if len(known) else -1, -1)
    return np.asarray(pc.index_in(pa.array(pairs), value_set=pa.array(existing)).fill_null(-1)
                      .to_numpy(zero_copy_only=False), dtype=np.int64)


def _ends_of(conns: pd.DataFrame, person_ids: pa.Array, ends: Ends | None) -> Ends:
    """The `Ends` of the map's connections: `ends` when they hold, else found by hashing (-1 where an
    id is not a person's)."""
    from_ids, to_ids = arrow_text(conns["from_id"]), arrow_text(conns["to_id"])
    if ends is not None and refers_to_rows(from_ids, person_ids, ends[0]) and refers_to_rows(to_ids, person_ids, ends[1]):
        return ends
    known = positions_in(pa.concat_arrays([from_ids, to_ids]), person_ids)
    return known[: len(conns)], known[len(conns):]


def _pairs_may_repeat(src: np.ndarray, dst: np.ndarray, people: int) -> bool:
    """Whether two connections may join the same two people: only if some person is at an end of
    several and another person too (an export's contacts are mostly at the end of one each)."""
    low, high = np.minimum(src, dst), np.maximum(src, dst)
    return bool(((np.bincount(low, minlength=people)[low] > 1) & (np.bincount(high, minlength=people)[high] > 1)).any())
