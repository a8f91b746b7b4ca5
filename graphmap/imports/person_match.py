"""Which person of the map each staged group of rows is: by e-mail, a CRM id or LinkedIn URL, the
person_id with the same name, else the name at the same place (side and account) with no
contradicting e-mail (`graphmap.imports.merge_people` groups the rows and merges the values).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from graphmap.imports.namesakes import repeated
from graphmap.imports.normalize import arrow_text, name_keys, text_series, where_text
from graphmap.imports.person_ids import ID_COLUMNS, only_holder
from graphmap.imports.rows import equals, first_match, in_set, joined

__all__ = ["match_people"]


def match_people(people: pd.DataFrame, groups: pd.DataFrame, known_row: np.ndarray | None = None,
                 emails: pa.Array | None = None, refusable: np.ndarray | None = None
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The row of `people` each staged group is (by e-mail, a source id, the person_id with the same
    name, else the name at the same place with no contradicting e-mail), -1 for a new person; a mask
    of the groups matched by name; and a mask of the groups of `refusable` without an e-mail that
    matched by a name two or more people at that place hold (the first of them is in the row).

    `known_row` may give each group's match by e-mail (or by an id, found before), and `emails` the
    map's e-mails in lower case, when the caller has them (else they are worked out here).
    """
    at = np.full(len(groups), -1, dtype=np.int64)
    by_name = np.zeros(len(groups), dtype=bool)
    shared = np.zeros(len(groups), dtype=bool)
    if people.empty:
        return at, by_name, shared
    person_ids = arrow_text(people["person_id"])
    emails = pc.utf8_lower(arrow_text(people["email"])) if emails is None else emails

    def fill(rows: np.ndarray, found: np.ndarray) -> None:
        at[rows[found >= 0]] = found[found >= 0]

    at[:] = first_match(pc.utf8_lower(arrow_text(groups["email"])), emails) if known_row is None else known_row
    for col in ID_COLUMNS:
        todo = np.flatnonzero(at < 0)
        if col in groups.columns and col in people.columns and len(todo):
            fill(todo, only_holder(arrow_text(groups[col]).take(pa.array(todo)), arrow_text(people[col])))
    todo = np.flatnonzero(at < 0)
    if not len(todo):  # every group is known by e-mail or id: no name needs folding
        return at, by_name, shared

    def name_keys_at(table: pd.DataFrame, rows: np.ndarray) -> pa.Array:  # only the names compared are folded
        return arrow_text(name_keys(text_series(arrow_text(table["name"]).take(pa.array(rows)))))

    if "person_id" in groups.columns:  # the same id counts only with the same name
        by_id = first_match(arrow_text(groups["person_id"]).take(pa.array(todo)), person_ids)
        known = by_id >= 0
        same = np.zeros(len(todo), dtype=bool)
        same[known] = np.asarray(pc.equal(name_keys_at(people, by_id[known]),
                                          name_keys_at(groups, todo[known])).to_numpy(zero_copy_only=False))
        fill(todo, np.where(same, by_id, -1))
    todo = np.flatnonzero(at < 0)
    if len(todo):
        # A place is side|account|name; only the map's people on the side and at the account of a
        # group still unmatched can share one, so only their names are folded.
        customer = (people["side"] == "customer").to_numpy()
        where = arrow_text(joined(people["side"], where_text(people["account_id"], customer, "")))
        incoming_where = arrow_text(joined(groups["side"], groups["account_id"])).take(pa.array(todo))
        nearby = np.flatnonzero(in_set(where, incoming_where))
        bar = pa.scalar("|", pa.large_string())
        place = pc.binary_join_element_wise(where.take(pa.array(nearby)), name_keys_at(people, nearby), bar)
        incoming_place = pc.binary_join_element_wise(incoming_where, name_keys_at(groups, todo), bar)
        # A name matches only where the e-mails do not contradict it: a group with an e-mail (one the
        # map does not have) can only be a namesake without one, so it is looked for among those.
        theirs = pc.utf8_lower(arrow_text(groups["email"]).take(pa.array(todo)))
        has_email = ~equals(theirs, "")
        open_place = pc.if_else(pa.array(equals(emails.take(pa.array(nearby)), "")), place,
                                pa.scalar("", pa.large_string()))
        found_nearby = first_match(incoming_place, place)
        if has_email.any():
            found_nearby[has_email] = first_match(incoming_place.filter(pa.array(has_email)), open_place)
        found = np.where(found_nearby >= 0, nearby[np.maximum(found_nearby, 0)] if len(nearby) else -1, -1)
        named = found >= 0
        fill(todo, found)
        by_name[todo[named]] = True
        # The refusable groups matched by a name that two or more people there hold (for a group
        # with an e-mail: two or more without one) are checked for namesakes.
        check = named & (refusable[todo] if refusable is not None else False)
        for with_email, among in ((False, place), (True, open_place)):
            rows = check & (has_email == with_email)
            if rows.any():
                shared[todo[rows]] = repeated(among, incoming_place.filter(pa.array(rows)))
    return at, by_name, shared
