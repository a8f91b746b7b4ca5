"""People known by the ids other systems give them: a CRM's record id or a LinkedIn profile URL.

These match like e-mails (`graphmap.imports.merge_people`): a staged row is the map's person holding
its id, or the row of the same batch that holds it, except where two people hold the id, which then
does not say which of them a row is (their names may: `graphmap.imports.namesakes`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

from graphmap.imports.namesakes import repeated
from graphmap.imports.normalize import arrow_text, text_series
from graphmap.imports.rows import first_match, in_set
from graphmap.text_buffers import empty_cells

__all__ = ["ID_COLUMNS", "map_rows_by_id", "only_holder", "batch_rows_by_id"]

#: Extra columns that identify a person or account in a source system; they match like e-mails.
ID_COLUMNS = ("salesforce_id", "hubspot_id", "linkedin_url")


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


def batch_rows_by_id(incoming: pd.DataFrame, rows: np.ndarray, email: pa.Array) -> np.ndarray:
    """For each of the staged `rows` (rows without an e-mail), the row of the batch that is its person
    by its CRM id or LinkedIn URL (the first of `ID_COLUMNS` that names one): the first row with an
    e-mail holding that id, else the first row holding it when that is an earlier row; -1 for none,
    and where rows with different e-mails (`email`, lower case) hold the id, which does not say which
    of them it is. (Every row found has an e-mail or is an earlier row: they lead to no cycle.)"""
    found = np.full(len(rows), -1, dtype=np.int64)
    with_email = np.flatnonzero(~empty_cells(email))
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
                near = pa.array(np.flatnonzero(in_set(held, theirs)))
                pairs = pd.DataFrame({"id": text_series(held.take(near)),
                                      "email": text_series(email.take(pa.array(with_email)).take(near))})
                first[repeated(arrow_text(pairs.drop_duplicates()["id"]), theirs)] = -1
            found[todo] = np.where((first >= 0) & (first != rows[todo]), first, -1)
    return found
