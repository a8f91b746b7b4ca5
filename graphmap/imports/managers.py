"""Managers: the ``reports_to`` a contact row names (Salesforce's Reports To, a name, an e-mail or an id).

A row's manager is looked for when its file is merged (`resolve_reports_to`: a key of the batch, an
e-mail, a CRM id or a person_id, else a name one other person holds at the contact's account), and,
for the rows that found no one manager then, once more when every file of the import is merged
(`find_managers_again`), so that a manager in a later file is found too. A name two or more other
people hold at the account is not guessed: the import reports the candidates (docs/imports.md).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from graphmap.imports.person_ids import ID_COLUMNS
from graphmap.imports.namesakes import people_at, repeated
from graphmap.imports.normalize import (arrow_text, filter_rows, lookup, name_keys, positions_in, text_series,
                                        where_text)
from graphmap.imports.rows import equals, fill_blanks, first_match, in_set, joined, write_array

__all__ = ["resolve_reports_to", "managers_not_found", "find_managers_again"]


def resolve_reports_to(people: pd.DataFrame, wanted: pd.DataFrame, person_of: pd.Series) -> None:
    """Set ``reports_to`` of the people in `wanted` (``_pid``, ``account_id`` and ``reports_to_key``,
    the manager they name) where it is blank.

    The manager is named by a key of the batch, else an e-mail, a source id or a person_id of the
    map, else a name that one person holds at the same account; each way is tried only for the names
    still unresolved.
    """
    ref = arrow_text(wanted["reports_to_key"])
    person_ids = arrow_text(people["person_id"])
    found = arrow_text(lookup(wanted["reports_to_key"], person_of, ""))
    lookups = [("email", pc.utf8_lower(ref))] + [(c, ref) for c in ID_COLUMNS] + [("person_id", ref)]
    for col, values in lookups:
        todo = np.flatnonzero(equals(found, ""))
        if col not in people.columns or not len(todo):
            continue
        keys = pc.utf8_lower(arrow_text(people[col])) if col == "email" else arrow_text(people[col])
        at = first_match(values.take(pa.array(todo)), keys)
        hit = at >= 0
        found = write_array(found, todo[hit], person_ids.take(pa.array(at[hit])))
    todo = np.flatnonzero(equals(found, ""))
    if len(todo):
        found = write_array(found, todo, _managers_by_name(people, wanted, todo))
    positions = first_match(wanted["_pid"], person_ids)
    ok = ~equals(found, "") & ~np.asarray(pc.equal(found, arrow_text(wanted["_pid"])).to_numpy(zero_copy_only=False),
                                          dtype=bool)
    fill_blanks(people, positions[ok], pd.DataFrame({"reports_to": text_series(found.filter(pa.array(ok)))}),
                ["reports_to"])


def _managers_by_name(people: pd.DataFrame, wanted: pd.DataFrame, rows: np.ndarray) -> pa.Array:
    """The person_id of the manager each of `rows` of `wanted` names, where one person other than
    the contact holds the name at the contact's account ("" elsewhere): a name two people hold does
    not say which of them is meant (the contact stays without a manager, and the import reports the
    candidates). Only the names of people at those accounts are folded."""
    at = pa.array(rows)
    account = arrow_text(wanted["account_id"]).take(at)
    # A supplier member's account_id (which a map may hold) does not place them at the account.
    works_at = arrow_text(where_text(people["account_id"], (people["side"] == "customer").to_numpy(), ""))
    nearby = np.flatnonzero(in_set(works_at, account))
    near = pa.array(nearby)
    place = arrow_text(joined(text_series(works_at.take(near)),
                              name_keys(text_series(arrow_text(people["name"]).take(near)))))
    wanted_place = arrow_text(joined(text_series(account),
                                     name_keys(text_series(arrow_text(wanted["reports_to_key"]).take(at)))))
    first = first_match(wanted_place, place)
    manager = np.where(first >= 0, nearby[np.maximum(first, 0)] if len(nearby) else -1, -1)
    manager[repeated(place, wanted_place)] = -1
    # A contact named like its manager holds the name too: it is none of the candidates (rare: one
    # look at the people there per such contact).
    own = first_match(arrow_text(wanted["_pid"]).take(at), arrow_text(people["person_id"]))
    own_place = arrow_text(joined(text_series(account), name_keys(text_series(
        arrow_text(people["name"]).take(pa.array(np.maximum(own, 0)))))))
    for i in np.flatnonzero(np.asarray(pc.equal(own_place, wanted_place).to_numpy(zero_copy_only=False), dtype=bool)
                            & (own >= 0)):
        others = nearby[equals(place, wanted_place[i].as_py())]
        others = others[others != own[i]]
        manager[i] = others[0] if len(others) == 1 else -1
    ids = arrow_text(people["person_id"]).take(pa.array(manager, mask=manager < 0))
    return ids.fill_null("")


def managers_not_found(incoming: pd.DataFrame, people: pd.DataFrame, row_of: np.ndarray) -> np.ndarray:
    """The staged rows that name a manager while their person, merged, has none: the name matched no
    one else, or several people (a manager the map already had would have stayed, so those rows are
    not counted)."""
    if not len(incoming) or "reports_to" not in people.columns:
        return np.zeros(0, dtype=np.int64)
    named = np.flatnonzero(~equals(arrow_text(incoming["reports_to_key"]), "") & (row_of >= 0))  # not refused
    if not len(named):
        return named
    kept = arrow_text(people["reports_to"]).take(pa.array(row_of[named]))
    return named[equals(kept.fill_null(""), "")]


def find_managers_again(people: pd.DataFrame, person_ids: Sequence[str], managers: Sequence[str]
                        ) -> tuple[np.ndarray, tuple[tuple[str, ...], ...]]:
    """Look again for the managers (`managers`, as rows named them) of `person_ids`, which the merges
    of their files did not find, in `people` once every file of the import is merged: a manager may
    come in a file merged after the contact's. Where a person is on several rows (in file order), the
    first counts, as within one file. Sets ``reports_to`` where a manager is found; returns a mask
    of the rows whose person is still without one and, for each of those, the other people at its
    account holding the name it gives when two or more do (none when the name matched no one)."""
    pid = pd.Series(list(person_ids), dtype="str")
    ref = pd.Series(list(managers), dtype="str")
    rows = positions_in(pid, people["person_id"])
    account = text_series(arrow_text(people["account_id"]).take(pa.array(rows)))
    first = ~pid.duplicated().to_numpy()
    resolve_reports_to(people, filter_rows(pd.DataFrame({"reports_to_key": ref, "account_id": account, "_pid": pid}),
                                           first), pd.Series(dtype="str"))  # (no batch keys now: people of the map)
    still = equals(arrow_text(people["reports_to"]).take(pa.array(rows)).fill_null(""), "")
    todo = np.flatnonzero(still)
    if not len(todo):
        return still, ()
    at = pa.array(todo)
    text = lambda value: pa.scalar(value, pa.large_string())  # noqa: E731  (the type of the text columns)
    places = pc.binary_join_element_wise(text("customer"), arrow_text(account).take(at),
                                         arrow_text(name_keys(text_series(arrow_text(ref).take(at)))), text("|"))
    ids = people["person_id"].to_numpy(dtype=object)
    holders = people_at(people, places)
    candidates = []
    for place, own in zip(places.to_pylist(), rows[todo].tolist()):
        others = [ids[r] for r in holders[place] if r != own]  # a contact named like its manager is not one
        candidates.append(tuple(others) if len(others) >= 2 else ())
    return still, tuple(candidates)
