"""A person's other e-mails: the addresses besides ``email`` that name them (``other_emails`` in people.csv).

A contact's e-mail changes: a new domain after a rebrand or a merger, a personal address typed into
the CRM. Exports taken months apart then carry different ones for one record. The import keeps
every address it learns for a person, so that a later row with any of them is that person:

- rows of one CRM id or LinkedIn URL with different e-mails (`graphmap.imports.person_ids.join_by_ids`);
- a row whose id (or person_id and name) finds a person of the map who has another e-mail;
- HubSpot's "Additional email addresses", and the ``other_emails`` of a map imported as a map.

``email`` stays the address the map had first; the others are listed in ``other_emails``, joined by
";" as HubSpot writes them, each in the case the export gave. An address another person holds is not
added to anyone's list: an e-mail names one person.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from graphmap.imports.normalize import arrow_text
from graphmap.imports.person_ids import IdCodes, join_by_ids
from graphmap.imports.rows import equals, first_match, write_at

__all__ = ["OTHER_EMAILS", "split_emails", "person_emails", "one_code_per_person", "rows_by_other_emails",
           "listed_as_other", "add_other_emails", "join_rows_by_ids", "learn_other_emails"]

#: The people.csv column of a person's other e-mails.
OTHER_EMAILS = "other_emails"
#: How the addresses of one cell are joined (HubSpot's multi-value separator).
SEPARATOR = ";"


def split_emails(cells: pa.Array) -> tuple[pa.Array, np.ndarray]:
    """Each address of `cells` (lists joined by ";", or by "," as one may type them by hand), trimmed,
    and the position of the cell it is in; blanks are left out.

    >>> emails, cells = split_emails(pa.array(["a@x.com; B@y.com", "", "c@z.com;", "d@x.com, e@x.com"],
    ...                                       pa.large_string()))
    >>> emails.to_pylist(), cells.tolist()
    (['a@x.com', 'B@y.com', 'c@z.com', 'd@x.com', 'e@x.com'], [0, 0, 2, 3, 3])
    """
    lists = pc.split_pattern_regex(cells.fill_null(""), "[;,]")
    flat = pc.utf8_trim_whitespace(pc.list_flatten(lists))
    at = np.asarray(pc.list_parent_indices(lists).to_numpy(zero_copy_only=False), dtype=np.int64)
    filled = ~equals(flat, "")
    return flat.filter(pa.array(filled)), at[filled]


def person_emails(people: pd.DataFrame) -> tuple[pa.Array, np.ndarray | None]:
    """Every e-mail of `people` in lower case, each person's ``email`` first, then the other e-mails
    of all of them, and the row of `people` each names (None when there are no other e-mails: the
    e-mails are the rows)."""
    emails = pc.utf8_lower(arrow_text(people["email"]).fill_null(""))
    if OTHER_EMAILS not in people.columns or not len(people):
        return emails, None
    others, rows = split_emails(arrow_text(people[OTHER_EMAILS]))
    if not len(others):
        return emails, None
    return pa.concat_arrays([emails, pc.utf8_lower(others)]), np.concatenate([np.arange(len(people)), rows])


def one_code_per_person(codes: np.ndarray, row_of: np.ndarray) -> np.ndarray:
    """E-mail `codes` with the codes of one person of the map made one (the lowest of them), given
    the map's row each code names (`row_of`, -1 for none): rows of a person's two e-mails are then
    one person, as rows of one e-mail are.

    >>> one_code_per_person(np.array([0, 1, 2, 3]), np.array([-1, 5, 7, 5])).tolist()
    [0, 1, 2, 1]
    """
    held = np.flatnonzero(row_of >= 0)
    if not len(held):
        return codes
    lowest = np.full(int(row_of.max()) + 1, len(row_of), dtype=np.int64)
    np.minimum.at(lowest, row_of[held], held)
    canonical = np.arange(len(row_of))
    canonical[held] = lowest[row_of[held]]
    return canonical[codes]


def rows_by_other_emails(cells: pa.Array, emails: pa.Array, rows: np.ndarray | None) -> np.ndarray:
    """For each cell of other e-mails (a staged person's), the row of the map's person the first of
    them names (`emails`, lower case, and their `rows` as `person_emails` gives them), -1 for none."""
    found = np.full(len(cells), -1, dtype=np.int64)
    theirs, cell = split_emails(cells)
    if not len(theirs):
        return found
    at = first_match(pc.utf8_lower(theirs), emails)
    hit = at >= 0
    person = at[hit] if rows is None else rows[at[hit]]
    found[cell[hit][::-1]] = person[::-1]  # (the first address of a cell that finds someone wins)
    return found


def listed_as_other(emails: pa.Array, rows: np.ndarray, others: pa.Array, other_rows: np.ndarray) -> np.ndarray:
    """A mask of the `emails` (any case) that are among the other e-mails of the person at each of
    `rows`, given the people's other e-mails (`others`, lower case) and the row each is of.

    >>> listed_as_other(pa.array(["A@x.com", "a@x.com", "b@x.com"]), np.array([1, 0, 1]),
    ...                 pa.array(["b@y.com", "a@x.com"]), np.array([0, 1])).tolist()
    [True, False, False]
    """
    def keyed(values: pa.Array, at: np.ndarray) -> pa.Array:
        return pc.binary_join_element_wise(values, pa.array(at).cast(values.type), pa.scalar("|", values.type))

    lower = pc.utf8_lower(arrow_text(emails).fill_null(""))
    return first_match(keyed(lower, rows), keyed(arrow_text(others), other_rows)) >= 0


def add_other_emails(people: pd.DataFrame, rows: np.ndarray, emails: pa.Array) -> np.ndarray:
    """Add each of `emails` to the other e-mails of the person at its row of `people` (in place),
    unless it is that person's ``email`` or already listed, or another person holds it. Returns the
    rows of `people` given an address."""
    emails = pc.utf8_trim_whitespace(arrow_text(emails).fill_null(""))
    lower = pc.utf8_lower(emails)
    mine = pc.utf8_lower(arrow_text(people["email"]).fill_null("")).take(pa.array(rows))
    new = ~equals(lower, "") & ~np.asarray(pc.equal(lower, mine).to_numpy(zero_copy_only=False), dtype=bool)
    if not new.any():
        return np.zeros(0, dtype=np.int64)
    rows, emails, lower = rows[new], emails.filter(pa.array(new)), lower.filter(pa.array(new))
    everyone, holder = person_emails(people)
    held_by = first_match(lower, everyone)
    if holder is not None:
        held_by = np.where(held_by >= 0, holder[np.maximum(held_by, 0)], -1)
    keep = held_by < 0  # (one this person holds is listed already; one another holds would name two people)
    if not keep.any():
        return np.zeros(0, dtype=np.int64)
    rows, emails, lower = rows[keep], emails.filter(pa.array(keep)), lower.filter(pa.array(keep))
    # One address given twice to a person is added once (in the order of the rows that gave it).
    key = pd.Series(lower.to_pylist(), dtype=object) + "|" + pd.Series(rows.astype(str), dtype=object)
    first = ~key.duplicated().to_numpy()
    rows, emails = rows[first], np.asarray(emails.to_pylist(), dtype=object)[first]
    if OTHER_EMAILS not in people.columns:
        people[OTHER_EMAILS] = ""
    listed = arrow_text(people[OTHER_EMAILS]).fill_null("")
    given = sorted(set(rows.tolist()))
    added: dict[int, list[str]] = {row: [] for row in given}
    for row, email in zip(rows.tolist(), emails):
        added[row].append(email)
    cells = [SEPARATOR.join(filter(None, [listed[row].as_py(), *added[row]])) for row in given]
    at = np.asarray(given, dtype=np.int64)
    write_at(people, OTHER_EMAILS, at, pa.array(cells, pa.large_string()))
    return at


def join_rows_by_ids(codes: np.ndarray, has_email: np.ndarray, known: np.ndarray, ids: list[IdCodes],
                     other_codes: np.ndarray, other_row: np.ndarray | None) -> tuple[np.ndarray, list[tuple[str, str]]]:
    """`join_by_ids` with a row's other e-mails (`other_codes`, each of the row `other_row` gives) taken
    as ids it shares with the rows of those e-mails: a record listing another's e-mail among its own is
    that record's person, as when the two are imported one after the other."""
    if not len(other_codes):
        return join_by_ids(codes, has_email, known, ids)
    with_own = has_email[other_row]
    other_codes, other_row = other_codes[with_own], other_row[with_own]
    listed = np.flatnonzero(has_email & np.isin(codes, other_codes))  # (the rows those e-mails are)
    ext = len(codes) + np.arange(len(other_codes))
    every = np.full(len(codes) + len(other_codes), -1, dtype=np.int64)
    every[listed], every[ext] = codes[listed], other_codes
    padded = [(col, np.concatenate([col_codes, np.full(len(other_codes), -1, dtype=np.int64)]), dictionary)
              for col, col_codes, dictionary in ids]
    joined, left_apart = join_by_ids(np.concatenate([codes, codes[other_row]]),
                                     np.concatenate([has_email, np.ones(len(other_codes), dtype=bool)]), known,
                                     [*padded, (OTHER_EMAILS, every, pa.nulls(len(known), pa.large_string()))])
    return joined[: len(codes)], [(col, value) for col, value in left_apart if col != OTHER_EMAILS]


def learn_other_emails(people: pd.DataFrame, incoming: pd.DataFrame, groups: pd.DataFrame, group_row: np.ndarray,
                       group_of_row: np.ndarray, joined_rows: np.ndarray, found_otherwise: np.ndarray) -> np.ndarray:
    """Give the people of the batch the e-mails it knows them by besides their own (`add_other_emails`):
    those of `joined_rows` (rows an id made one person with rows of another e-mail), those of the
    groups `found_otherwise` (a mask: found in the map by an id or a name, not an e-mail) and each
    row's other e-mails. Returns the rows of `people` given one."""
    person = group_row[group_of_row[joined_rows]]
    rows = [person[person >= 0]]
    emails = [arrow_text(incoming["email"]).take(pa.array(joined_rows[person >= 0]))]
    found = np.flatnonzero(found_otherwise & (group_row >= 0))
    rows.append(group_row[found])
    emails.append(arrow_text(groups["email"]).take(pa.array(found)))
    if OTHER_EMAILS in incoming.columns:  # (every row's: rows made one person may list different ones)
        theirs, row = split_emails(arrow_text(incoming[OTHER_EMAILS]))
        person = group_row[group_of_row[row]]  # (-1: a refused row)
        rows.append(person[person >= 0])
        emails.append(theirs.filter(pa.array(person >= 0)))
    rows = np.concatenate(rows)
    if not len(rows):
        return rows
    return add_other_emails(people, rows, pa.concat_arrays([arrow_text(e) for e in emails]))
