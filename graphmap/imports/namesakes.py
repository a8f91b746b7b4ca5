"""Namesakes: contacts whose name alone cannot say which person they are.

A staged contact with no e-mail, and no id the map knows, is matched by its name at its account
(its *place*: side|account|name key). Where two or more people hold that name there (people of the
map, or rows of the same import with different e-mails), taking one of them would be a guess: the
merge refuses the row, and the import reports it with the people it could be (docs/imports.md,
"Companies, people and merge rules"). The checks run on the few rows matched by name, as integer
work over Arrow codes; the reasons are worded once per refused row.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from graphmap.imports.normalize import arrow_text, name_keys, text_series, where_text
from graphmap.imports.rows import in_set, joined

__all__ = ["places_of_several_emails", "repeated", "people_at", "namesake_reasons"]


def _codes(values: pa.Array) -> tuple[np.ndarray, pa.Array]:
    encoded = pc.dictionary_encode(values)
    return np.asarray(encoded.indices.to_numpy(zero_copy_only=False), dtype=np.int64), encoded.dictionary


def places_of_several_emails(places: pa.Array, emails: pa.Array) -> pa.Array:
    """Of rows with an e-mail, the places that rows with two or more different e-mails share (a row
    without an e-mail there cannot join one of them).

    >>> places_of_several_emails(pa.array(["x", "x", "y", "y"]), pa.array(["a@", "b@", "c@", "c@"])).to_pylist()
    ['x']
    """
    place_codes, distinct = _codes(places)
    email_codes, emails_seen = _codes(emails)
    pairs = np.unique(place_codes * len(emails_seen) + email_codes)  # each (place, e-mail) once
    held = np.bincount(pairs // max(len(emails_seen), 1), minlength=len(distinct))
    return distinct.filter(pa.array(held >= 2))


def repeated(values: pa.Array, wanted: pa.Array) -> np.ndarray:
    """A mask of `wanted`: the cells that two or more cells of `values` hold.

    Only the cells of `values` found among `wanted` are counted (usually a handful).

    >>> repeated(pa.array(["a", "b", "a", "c"]), pa.array(["a", "b", "z"])).tolist()
    [True, False, False]
    """
    hits = in_set(values, wanted)
    if hits.sum() < 2:
        return np.zeros(len(wanted), dtype=bool)
    codes, distinct = _codes(values.filter(pa.array(hits)))
    twice = distinct.filter(pa.array(np.bincount(codes, minlength=len(distinct)) >= 2))
    return in_set(wanted, twice) if len(twice) else np.zeros(len(wanted), dtype=bool)


def people_at(people: pd.DataFrame, places: pa.Array) -> dict[str, list[int]]:
    """The rows of `people` at each of `places` (side|account|name key; an account only for a
    customer), in table order. Only the names of people at the places' sides and accounts are folded.
    """
    customer = (people["side"] == "customer").to_numpy()
    where = arrow_text(joined(people["side"], where_text(people["account_id"], customer, "")))
    # A place's side|account is all before its last "|" (a name key holds no "|").
    wanted_where = pc.replace_substring_regex(places, r"\|[^|]*$", "")
    nearby = np.flatnonzero(in_set(where, wanted_where))
    rows: dict[str, list[int]] = {place: [] for place in places.to_pylist()}
    if not len(nearby):
        return rows
    names = arrow_text(name_keys(text_series(arrow_text(people["name"]).take(pa.array(nearby)))))
    place = pc.binary_join_element_wise(where.take(pa.array(nearby)), names, pa.scalar("|", pa.large_string()))
    hit = in_set(place, places)
    for row, key in zip(nearby[hit], place.filter(pa.array(hit)).to_pylist()):
        rows[key].append(int(row))
    return rows


def namesake_reasons(names: list[str], accounts: list[str], candidates: list[list[str]],
                     emails: list[str] | None = None) -> list[str]:
    """The error file's reason for each refused row: its name, its account and the people it could be.
    A row with an e-mail (`emails`) was refused because its namesakes have none.

    >>> namesake_reasons(["Ana Silva"], ["Orion Bank"], [["c-ana-silva", "c-ana-silva-2"]])[0]
    'matches 2 people named "Ana Silva" at Orion Bank (c-ana-silva, c-ana-silva-2): give the e-mail to say which'
    >>> namesake_reasons(["Ana Silva"], [""], [["c-ana-silva", "c-ana-silva-2"]], ["ana@orion.example"])[0]
    'matches 2 people named "Ana Silva" without an e-mail (c-ana-silva, c-ana-silva-2): put ana@orion.example on the one it is in the map to say which'
    """
    out = []
    for name, account, ids, email in zip(names, accounts, candidates, emails or [""] * len(names)):
        at = f" at {account}" if account else ""
        out.append(f'matches {len(ids)} people named "{name}"{at} without an e-mail ({", ".join(ids)}): put {email} '
                   "on the one it is in the map to say which" if email else
                   f'matches {len(ids)} people named "{name}"{at} ({", ".join(ids)}): give the e-mail to say which')
    return out
