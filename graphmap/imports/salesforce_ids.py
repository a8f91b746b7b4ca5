"""Salesforce record ids: 15-character (reports, URLs) and 18-character (API, Data Loader) forms as one.

Reports and the address bar give 15-character ids, case-sensitive ("0019000000B98de"); the API and
Data Loader give the same id with three characters that encode the case of the first fifteen
("0019000000B98deAAB"), Salesforce's CASESAFEID. graphmap keeps every id in its 18-character form,
so that a contact exported both ways is one contact. The first three characters tell the object
(``003`` a Contact, ``00Q`` a Lead, ``005`` a User, ``001`` an Account).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from graphmap.imports.contacts import column
from graphmap.imports.normalize import arrow_text, text_series
from graphmap.text_buffers import cell_bytes, offsets

__all__ = ["case_safe_ids", "case_safe_map_ids", "id_column", "LEAD_PREFIX"]

#: The key prefix of a Lead's id (a prospect not yet converted into a contact).
LEAD_PREFIX = "00Q"


def case_safe_ids(ids: pd.Series) -> pd.Series:
    """Salesforce ids (clean text) in their 18-character form; other values as they are.

    >>> case_safe_ids(pd.Series(["a0D30000001n7Pi", "500x000000003TR", "0019000000B98deAAB", "", "15 but not id!"]
    ...                         )).tolist()
    ['a0D30000001n7PiEAI', '500x000000003TRAAY', '0019000000B98deAAB', '', '15 but not id!']
    """
    text = arrow_text(ids)
    bounds = offsets(text)
    short = np.flatnonzero(np.diff(bounds) == 15)
    if not len(short):
        return ids
    data = np.frombuffer(cell_bytes(text), dtype=np.uint8)
    chars = data[(bounds[short] - bounds[0])[:, None] + np.arange(15)]
    alnum = (_ALNUM[chars]).all(axis=1)  # a 15-byte cell with a non-ASCII letter or a space is no id
    short, chars = short[alnum], chars[alnum]
    # Each block of five characters gives one character: bit i is set when its i-th is upper case.
    upper = ((chars >= ord("A")) & (chars <= ord("Z"))).reshape(-1, 3, 5)
    suffix = _SUFFIX_LETTERS[(upper * (1 << np.arange(5))).sum(axis=2)]
    suffixes = pa.array(suffix.view("S3").ravel().astype(object), pa.large_binary()).cast(pa.large_string())
    longer = pc.binary_join_element_wise(text.take(pa.array(short)), suffixes, pa.scalar("", pa.large_string()))
    mask = np.zeros(len(text), dtype=bool)
    mask[short] = True
    return text_series(pc.replace_with_mask(text, pa.array(mask), longer), ids.index)


def case_safe_map_ids(tables: dict[str, pd.DataFrame]) -> tuple[dict[str, pd.DataFrame], int]:
    """A map's tables (as text) with the ``salesforce_id`` of its people and accounts in 18
    characters, and how many ids that lengthened.

    A map made by hand, or by graphmap before it kept the 18-character form, may hold the
    15-character ids of reports and URLs; the imports find contacts, accounts and owners by the
    18-character form, so the map's ids take it too (and are written so).
    """
    out, changed = dict(tables), 0
    for table in ("people", "accounts"):
        frame = tables[table]
        if "salesforce_id" in frame.columns:
            ids = case_safe_ids(frame["salesforce_id"])
            if ids is not frame["salesforce_id"]:
                changed += int((ids.str.len() != frame["salesforce_id"].str.len()).sum())
                out[table] = frame.assign(salesforce_id=ids)
    return out, changed


def id_column(frame: pd.DataFrame, name: str | None) -> pd.Series:
    """A column of an export as Salesforce ids in their 18-character form (blanks when it is missing).

    >>> id_column(pd.DataFrame({"Id": [" 0019000000B98de "]}), "Id").tolist()
    ['0019000000B98deAAB']
    """
    return case_safe_ids(column(frame, name))


_ALNUM = np.isin(np.arange(256), np.frombuffer(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", np.uint8))
_SUFFIX_LETTERS = np.frombuffer(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ012345", dtype=np.uint8)
