"""People known by the ids other systems give them: a CRM's record id or a LinkedIn profile URL.

These match like e-mails (`graphmap.imports.merge_people`): a staged row is the map's person holding
its id, or the row of the same batch that holds it, except where two people hold the id, which then
does not say which of them a row is (their names may: `graphmap.imports.namesakes`). Rows of a batch
with different e-mails and one id are one person (`join_by_ids`): a CRM holds one record per id, and
a contact's e-mail changes between two exports.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from graphmap.imports.namesakes import repeated
from graphmap.imports.normalize import arrow_text, text_series
from graphmap.imports.rows import equals, first_match, in_set

__all__ = ["ID_COLUMNS", "map_rows_by_id", "only_holder", "batch_rows_by_id", "IdCodes", "id_codes", "join_by_ids",
           "withhold_taken_ids", "withheld_reasons"]

#: Extra columns that identify a person or account in a source system; they match like e-mails.
ID_COLUMNS = ("salesforce_id", "hubspot_id", "linkedin_url")
#: What the exports call them (the error file names an id by this).
_ID_LABELS = {"salesforce_id": "Salesforce Id", "hubspot_id": "HubSpot Record ID", "linkedin_url": "LinkedIn URL"}


def map_rows_by_id(people: pd.DataFrame, incoming: pd.DataFrame, rows: np.ndarray) -> np.ndarray:
    """For each of the staged `rows`, the row of `people` its CRM id or LinkedIn URL names (the first
    of `ID_COLUMNS` that does), -1 where none does."""
    found = np.full(len(rows), -1, dtype=np.int64)
    if not len(rows) or people.empty:
        return found
    for col in ID_COLUMNS:
        todo = np.flatnonzero(found < 0)
        if col in incoming.columns and col in people.columns and len(todo):
            found[todo] = only_holder(arrow_text(incoming[col]).take(pa.array(rows[todo])), arrow_text(people[col]))
    return found


def only_holder(ids: pa.Array, held: pa.Array) -> np.ndarray:
    """The row of `held` holding each of `ids`, -1 where none does or two or more do (an id two people
    of the map hold does not say which of them a row is: their names may)."""
    at = first_match(ids, held)
    at[repeated(held, ids)] = -1
    return at


def batch_rows_by_id(incoming: pd.DataFrame, rows: np.ndarray, person: np.ndarray, has_email: np.ndarray
                     ) -> np.ndarray:
    """For each of the staged `rows` (rows without an e-mail), the row of the batch that is its person
    by its CRM id or LinkedIn URL (the first of `ID_COLUMNS` that names one): the first row with an
    e-mail holding that id, else the first row holding it when that is an earlier row; -1 for none,
    and where rows with an e-mail that are different people (`person`, each row's code from its
    e-mail, `join_by_ids`) hold the id, which does not say which of them it is. (Every row found has
    an e-mail or is an earlier row: they lead to no cycle.)"""
    found = np.full(len(rows), -1, dtype=np.int64)
    with_email = np.flatnonzero(has_email)
    for col in ID_COLUMNS:
        todo = np.flatnonzero(found < 0)
        if col in incoming.columns and len(todo):
            values = arrow_text(incoming[col])
            theirs = values.take(pa.array(rows[todo]))
            first = first_match(theirs, values)
            if len(with_email):
                held = values.take(pa.array(with_email))
                emailed = first_match(theirs, held)
                first = np.where(emailed >= 0, with_email[np.maximum(emailed, 0)], first)
                near = np.flatnonzero(in_set(held, theirs))
                pairs = pd.DataFrame({"id": text_series(held.take(pa.array(near))), "person": person[with_email[near]]})
                first[repeated(arrow_text(pairs.drop_duplicates()["id"]), theirs)] = -1
            found[todo] = np.where((first >= 0) & (first != rows[todo]), first, -1)
    return found


#: Each row's id in one of `ID_COLUMNS` as an integer code (-1: blank), and the ids coded.
IdCodes = tuple[str, np.ndarray, pa.Array]


def id_codes(incoming: pd.DataFrame) -> list[IdCodes]:
    """The batch's ids in each of `ID_COLUMNS` where two of its rows hold one, coded (one hash of each
    column), for `join_by_ids`."""
    coded = []
    for col in ID_COLUMNS:
        if col in incoming.columns:
            encoded = pc.dictionary_encode(arrow_text(incoming[col]).fill_null(""))
            codes = np.asarray(encoded.indices.to_numpy(zero_copy_only=False), dtype=np.int64)
            blank = np.flatnonzero(equals(encoded.dictionary, ""))
            if len(blank):
                codes[codes == blank[0]] = -1
            if (codes >= 0).sum() > len(encoded.dictionary) - len(blank):  # (else each id is on one row)
                coded.append((col, codes, encoded.dictionary))
    return coded


def join_by_ids(person: np.ndarray, has_email: np.ndarray, known: np.ndarray, ids: list[IdCodes]
                ) -> tuple[np.ndarray, list[tuple[str, str]]]:
    """Each row's `person` code (its e-mail's), with the codes of rows with an e-mail holding one id
    made one: a CRM holds one record per id, so rows of one id are one person whatever e-mails they
    carry (a contact's e-mail changed between two exports). That is how rows of one id meet when
    imported one after the other: the later row's e-mail is not the map's, its id is.

    The code kept is one the map holds (`known`, a mask over codes) where there is one, else the
    lowest (the first row's e-mail). Two codes the map holds are never made one: each e-mail names
    a person of the map, and an id does not merge them, nor join another row to either. Those ids
    are returned, as (column, id)."""
    rows = np.flatnonzero(has_email)
    pairs = []
    left_apart = []
    for col, codes, dictionary in ids:
        held = rows[codes[rows] >= 0]
        id_of, who = codes[held], person[held]
        # An id on rows of two people of the map does not say which of them its other rows are: it
        # joins none of them (else a row with a third e-mail went to whichever came first in the file).
        mapped = np.unique(id_of[known[who]] * len(known) + who[known[who]])
        torn = np.flatnonzero(np.bincount(mapped // len(known), minlength=len(dictionary)) >= 2)
        if len(torn):
            left_apart += [(col, dictionary[int(i)].as_py()) for i in torn]
            apart = np.isin(id_of, torn)
            id_of, who = id_of[~apart], who[~apart]
        low = np.full(len(dictionary), np.iinfo(np.int64).max)
        high = np.full(len(dictionary), -1)
        np.minimum.at(low, id_of, who)
        np.maximum.at(high, id_of, who)
        mixed = np.flatnonzero(low[id_of] != high[id_of])  # rows whose id rows of another e-mail hold
        pairs += [(col, dictionary[int(i)].as_py(), int(a), int(b))
                  for i, a, b in zip(id_of[mixed], low[id_of[mixed]], who[mixed])]
    if not pairs:
        return person, sorted(set(left_apart))
    parent: dict[int, int] = {}

    def root(code: int) -> int:
        while parent.get(code, code) != code:
            code = parent[code]
        return code

    for col, value, a, b in sorted(set(pairs)):
        a, b = root(a), root(b)
        if a == b:
            continue
        if known[a] and known[b]:
            left_apart.append((col, value))
            continue
        keep, join = (a, b) if known[a] or (not known[b] and a < b) else (b, a)
        parent[join] = keep
    lookup = np.arange(len(known))
    for code in parent:
        lookup[code] = root(code)
    return lookup[person], sorted(set(left_apart))


def withhold_taken_ids(people: pd.DataFrame, groups: pd.DataFrame, group_row: np.ndarray, writes: np.ndarray,
                       left_apart: list[tuple[str, str]]) -> list[tuple[str, str, np.ndarray, np.ndarray]]:
    """Blank, in the staged `groups` that `writes` (a mask: the groups merged or added), each id that
    would name two people: one another person of the map holds (a group found by its e-mail, a new
    one), or one of `left_apart` (column, id), which rows of two people of the map carry (their
    e-mails keep them apart: `join_by_ids`). A group of a person who holds the id already keeps it.
    `group_row` is each group's row of `people`, -1 for a new person. Returns, for each id withheld:
    its column, its value, the groups it is withheld from, and the rows of `people` holding it."""
    withheld = []
    for col in ID_COLUMNS:
        if col not in groups.columns:
            continue
        own = arrow_text(people[col]) if col in people.columns and len(people) else None
        shared = pa.array([value for c, value in left_apart if c == col], pa.large_string())
        if own is None and not len(shared):  # (a new map: the batch's own ids were made one person each)
            continue
        values = arrow_text(groups[col])
        giving = writes & ~equals(values, "")
        if own is not None:  # (a person who holds an id keeps it; a blank is what is written)
            giving &= (group_row < 0) | equals(own.take(pa.array(np.maximum(group_row, 0))), "")
        rows = np.flatnonzero(giving)
        theirs = values.take(pa.array(rows))
        taken = in_set(theirs, shared) if len(shared) else np.zeros(len(rows), dtype=bool)
        if own is not None and len(rows):
            taken |= first_match(theirs, own) >= 0
        if not taken.any():
            continue
        for value in pd.unique(text_series(theirs.filter(pa.array(taken)))):
            holders = np.flatnonzero(equals(own, value)) if own is not None else np.zeros(0, dtype=np.int64)
            withheld.append((col, value, rows[taken & equals(theirs, value)], holders))
        groups.loc[rows[taken], col] = ""
    return withheld


def withheld_reasons(withheld: list[tuple[str, str, np.ndarray, np.ndarray]], incoming: pd.DataFrame,
                     group_of_row: np.ndarray, person_ids: pa.Array, group_pid: pa.Array) -> pd.DataFrame:
    """The rows of `incoming` that carried an id `withhold_taken_ids` withheld, as ``row`` and
    ``reason`` (naming the people the id would name; `group_pid` is each group's person_id)."""
    rows, reasons = [], []
    for col, value, groups_of, holders in withheld:
        named = pd.unique(np.concatenate([np.asarray(person_ids.take(pa.array(holders)).to_pylist(), dtype=object),
                                          np.asarray(group_pid.take(pa.array(groups_of)).to_pylist(), dtype=object)]))
        carried = np.flatnonzero(np.isin(group_of_row, groups_of) & equals(arrow_text(incoming[col]), value))
        for row in carried:
            mine = group_pid[int(group_of_row[row])].as_py()
            others = sorted(n for n in named if n != mine)
            listed = " and ".join([", ".join(others[:-1]), others[-1]] if len(others) > 1 else others)
            rows.append(int(row))
            where = f"is {listed}'s in the map" if len(holders) else f"is also on a row of {listed}"
            everyone = "both" if len(others) == 1 else f"all {len(others) + 1}"
            reasons.append(f"{_ID_LABELS[col]} {value} {where}, and this row is {mine}: imported without the id, "
                           f"which would name {everyone} (if they are one person, merge them in people.csv)")
    return pd.DataFrame({"row": np.asarray(rows, dtype=np.int64), "reason": np.asarray(reasons, dtype=object)})
