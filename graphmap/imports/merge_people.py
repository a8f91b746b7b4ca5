"""Merging staged people into the map's people: who is who, and what each export may change.

A staged person is the map's person with the same e-mail (case-insensitive), else the same CRM id
or LinkedIn URL, else the same person_id and name, else the same name at the same place (side and
account) with no contradicting e-mail; two rows of one batch that are one person are collapsed
first. A row the merge may refuse (a contact row of a file) whose name, with no e-mail or id to go
by, is held by two or more people at its account is refused: it is not merged, nor made a person
(`graphmap.imports.namesakes`). A matched person keeps every value it has, gains the blanks an
export fills, and takes an export's buying role over one inferred from a title (a role typed by
hand stays). New people get ids made of their names. See `graphmap.imports.merge` for the whole merge.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from typing import NamedTuple

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from graphmap.imports.managers import resolve_reports_to
from graphmap.imports.namesakes import people_at, places_of_several_emails
from graphmap.imports.normalize import (arrow_text, blank_text, filter_rows, first_of_codes, lookup, name_keys,
                                        positions_in, slugs, text_series, where_text)
from graphmap.imports.person_ids import (ID_COLUMNS, batch_rows_by_id, id_codes, map_rows_by_id, withheld_reasons,
                                        withhold_taken_ids)
from graphmap.imports.other_emails import (OTHER_EMAILS, join_rows_by_ids, learn_other_emails, listed_as_other,
                                           one_code_per_person, person_emails, rows_by_other_emails, split_emails)
from graphmap.imports.person_match import match_people
from graphmap.imports.role_merge import merge_roles
from graphmap.imports.rows import append_rows, equals, fill_blanks, in_set, joined, no_rows, unique_ids
from graphmap.text_buffers import empty_cells

__all__ = ["PEOPLE_COLUMNS", "PeopleMerge", "merge_people"]

#: The columns of a staged person.
PEOPLE_COLUMNS = ("key", "side", "account_key", "name", "title", "email", "role", "role_source", "reports_to_key")


def _first_non_blank(frame: pd.DataFrame, ident: np.ndarray) -> tuple[pd.DataFrame, np.ndarray]:
    """Collapse rows sharing an ident (an integer code) into one, keeping each column's first
    non-blank value; returns the groups (the rows of a single ident first) and each row's group."""
    dup = np.bincount(ident)[ident] > 1
    if not dup.any():
        return frame.reset_index(drop=True), np.arange(len(frame))
    single = frame[~dup].reset_index(drop=True)
    multi = frame[dup].replace("", np.nan).assign(_ident=ident[dup])
    grouped = multi.groupby("_ident", sort=False).first()
    if "role" in frame.columns and "role_source" in frame.columns:
        # A role and its source come from one row, the best-founded: an export's role, else one
        # inferred from a title (taken column by column, an "unknown" row's role went with another
        # row's source, and an export's "Champion" after it was lost).
        role = multi["role"].fillna("")
        source = multi["role_source"].fillna("")
        known = ~role.isin(["", "unknown"])
        rank = np.select([known & (source == "export"), known & (source == "title")], [0, 1], 2)
        best = multi[["_ident", "role", "role_source"]].assign(_rank=rank).sort_values("_rank", kind="stable")
        best = best.drop_duplicates("_ident").set_index("_ident")
        grouped["role"] = best["role"].reindex(grouped.index)
        grouped["role_source"] = best["role_source"].reindex(grouped.index)
    group_of = np.full(int(ident.max()) + 1, -1, dtype=np.int64)
    group_of[ident[~dup]] = np.arange(len(single))
    group_of[grouped.index.to_numpy()] = len(single) + np.arange(len(grouped))
    combined = pd.concat([single, grouped.reset_index(drop=True)], ignore_index=True)
    return combined.fillna(""), group_of[ident]


class PeopleMerge(NamedTuple):
    """What `merge_people` made of a batch."""

    person_of: pd.Series
    """The person_id of each batch key ("" for a refused row)."""
    row_of: np.ndarray
    """The row of `people` each staged row is (-1 for a refused row)."""
    people: pd.DataFrame
    """The new people table."""
    counts: tuple[int, int, int]
    """People added, updated and unchanged."""
    refused: pd.DataFrame
    """The refused rows (see `merge_people`)."""
    ids_withheld: pd.DataFrame
    """The rows imported without an id that would have named two people, as ``row`` (in the batch)
    and ``reason`` (`graphmap.imports.person_ids.withhold_taken_ids`)."""
    unchanged: np.ndarray
    """The rows of `people` matched and counted unchanged (a manager found for one once every file
    is merged makes it updated)."""


def merge_people(people: pd.DataFrame, incoming: pd.DataFrame, account_of: pd.Series,
                 refusable: np.ndarray | None = None, link_rows: tuple[np.ndarray, np.ndarray] | None = None,
                 unplaced: np.ndarray | None = None) -> PeopleMerge:
    """Merge staged people (`PeopleMerge` says what comes back).

    `refusable` marks the staged rows that may be refused (rows of a file, which the import can
    report; None: none may be), and `link_rows` the staged rows at the two ends of each staged
    connection (-1: an end named by key), so that a person staged only as the end of refused rows'
    connections (their contact owner) is left out too. A refused row's name matches two or more
    people at its account and nothing else says which. When rows may be refused, a contact owner
    known only by a name two or more members hold is left out the same way (with its connections:
    no row of the file is it, so the rows naming it are imported). The refusals, owners among them,
    are a frame of ``row`` (its position in `incoming`), ``name``, ``account_id``, ``email`` and
    ``candidates`` (the person_ids it could be).

    `unplaced` marks the staged rows at a company whose account could not be told (its name is
    several accounts', `graphmap.imports.merge_accounts`): such a row of `refusable` that no e-mail
    or id finds in the map (which says where the person is) is refused too, its ``account_id`` "".
    """
    if incoming.empty:
        return PeopleMerge(pd.Series(dtype=object), np.zeros(0, dtype=np.int64), people, (0, 0, 0), _no_refusals(),
                           no_rows(), np.zeros(0, dtype=np.int64))
    for col in PEOPLE_COLUMNS:
        if col not in incoming.columns:
            incoming[col] = ""
    added_cols = [c for c in ("role_source", *[c for c in incoming.columns if c not in PEOPLE_COLUMNS])
                  if c not in people.columns and c != OTHER_EMAILS]  # (other e-mails: `add_other_emails`)
    for col in added_cols:
        people[col] = ""
    # Into a map without people every staged row is a new person, unless two rows are one person:
    # their ids are made on a second thread while the rows are grouped (both hash a million strings).
    early_ids = _started(_new_ids, incoming["side"], incoming["name"], arrow_text(people["person_id"])) \
        if people.empty else None
    customer = equals(arrow_text(incoming["side"]), "customer")
    incoming["account_id"] = where_text(lookup(incoming["account_key"], account_of, ""), customer, "")
    # Arrow's lower case on both sides, whatever the column's dtype (Python's str.lower differs on a
    # final Σ or an İ, and a map folder's columns come as Python objects).
    email = pc.utf8_lower(arrow_text(incoming["email"]).fill_null(""))
    has_email = ~empty_cells(email)
    # Each row's e-mail as a code: the map's e-mails are coded in the same pass, so that matching the
    # batch to the map by e-mail is integer work, not a second hash of both columns. Rows with one
    # CRM id or LinkedIn URL are then one person, whatever their e-mails (the ids are hashed on a
    # second thread meanwhile). A map file's people are taken as the map has them: two of its people
    # holding one id stay two (the name rules decide, as for the map itself). A person's other e-mails
    # are coded with the person's e-mail, so rows of either are one person.
    coding_ids = _started(id_codes, incoming) if refusable is not None else None
    everyone, email_person = person_emails(people) if len(people) else (None, None)
    map_emails = everyone.slice(0, len(people)) if everyone is not None else None  # (each person's `email`)
    # A row's other e-mails (HubSpot's "Additional email addresses") are coded with the e-mails, so
    # that they join it to the rows of those e-mails as an id would (a map file's are taken as they are).
    theirs, their_row = split_emails(arrow_text(incoming[OTHER_EMAILS])) \
        if coding_ids is not None and OTHER_EMAILS in incoming.columns else (None, None)
    coded = email if theirs is None or not len(theirs) else pa.concat_arrays([email, pc.utf8_lower(theirs)])
    email_codes, emails_seen, map_row_of_email = _email_codes(coded, everyone, email_person)
    if email_person is not None:
        email_codes = one_code_per_person(email_codes, map_row_of_email)
    email_codes, other_codes = email_codes[: len(incoming)], email_codes[len(incoming):]
    known_email = map_row_of_email >= 0 if map_row_of_email is not None else np.zeros(emails_seen, dtype=bool)
    unjoined = email_codes
    if coding_ids is not None:
        email_codes, ids_left_apart = join_rows_by_ids(email_codes, has_email, known_email, coding_ids.result(),
                                                 other_codes, their_row)
    else:
        ids_left_apart = []
    # The row whose e-mail identifies each row: itself, or for a row without one, the row it joins.
    email_row = np.arange(len(incoming))
    use_email = has_email.copy()
    without = np.flatnonzero(~has_email)
    # A row without e-mail whose CRM id or LinkedIn URL names a person of the map is that person: it
    # is neither joined to nor grouped with its namesakes in the batch.
    id_row = map_rows_by_id(people, incoming, without)
    by_id, without = without[id_row >= 0], without[id_row < 0]
    # One whose id another row of the batch has is that row's person (else one export's two rows of
    # a contact became two people holding its id, and a re-import put them together).
    same_row = batch_rows_by_id(incoming, without, email_codes, has_email)
    same_id, without = without[same_row >= 0], without[same_row < 0]
    place = _places(incoming, without) if len(without) else None
    # Contact owners known by a name only: they are no row of the file, so where a name does not say
    # which person they are they are left unplaced (with their connection points) rather than refused.
    owner_rows = _named_owners(incoming, refusable) if refusable is not None else np.zeros(len(incoming), dtype=bool)
    doubtful = owner_rows | (refusable if refusable is not None else False)
    # A row without e-mail joins a row of the batch with the same name and account that has one.
    # (Arrow hash joins, no dict: the places of rows without e-mail are usually few, so the rows
    # with e-mail are first narrowed to those places, then the first of each is found.) Where rows
    # with different e-mails share the place, a refusable row or an owner joins none: it is "torn".
    torn = np.zeros(len(incoming), dtype=bool)
    if len(without) and has_email.any():
        place_text = arrow_text(place)
        without_place = place_text.take(pa.array(without))
        # The rows with an e-mail at a place some row without one has (usually few of them).
        near = np.asarray(pc.is_in(place_text, value_set=without_place).to_numpy(zero_copy_only=False), dtype=bool)
        near_rows = np.flatnonzero(near & has_email)
        first_with = positions_in(without_place, place_text.take(pa.array(near_rows)))
        paired = first_with >= 0
        if len(near_rows) > 1 and doubtful[without].any():
            # (By person, not by e-mail: rows of one id with two e-mails are one person, `join_by_ids`.)
            several = places_of_several_emails(place_text.take(pa.array(near_rows)), pa.array(email_codes[near_rows]))
            if len(several):
                torn[without] = doubtful[without] & in_set(without_place, several)
                paired &= ~torn[without]
        email_row[without[paired]] = near_rows[first_with[paired]]
        use_email[without[paired]] = True
    # Each row's ident as a code: its e-mail's, else (the rest, known by their place: side, account
    # and name) one after the e-mails' codes, else (a row placed by an id) its person's row after those.
    ident = email_codes[email_row]
    alone = ~use_email
    alone[by_id] = False
    alone[same_id] = False
    places_seen = 0
    if alone.any():
        place_codes, places_seen = _codes(arrow_text(place).filter(pa.array(alone)))
        ident[alone] = emails_seen + place_codes
    ident[by_id] = emails_seen + places_seen + id_row[id_row >= 0]
    if len(same_id):  # (that row may itself be placed by another id of a still earlier one)
        parent = np.arange(len(incoming))
        parent[same_id] = same_row[same_row >= 0]
        while (parent[parent] != parent).any():
            parent = parent[parent]
        ident[same_id] = ident[parent[same_id]]
    groups, group_of_row = _first_non_blank(incoming, ident)
    known_row = None  # the map's row of each group its e-mail or an id already names, else -1
    by_email = np.zeros(len(groups), dtype=bool)  # the groups their own e-mail found in the map
    if map_row_of_email is not None:
        group_ident = np.empty(len(groups), dtype=np.int64)
        group_ident[group_of_row] = ident  # the rows of a group share its ident
        known = group_ident < emails_seen  # a group known by e-mail
        known_row = np.where(known, map_row_of_email[np.where(known, group_ident, 0)], -1)
        placed = group_ident >= emails_seen + places_seen  # a group placed by an id (not looked up again)
        known_row[placed] = group_ident[placed] - emails_seen - places_seen
        by_email = known_row >= 0
        by_email[placed] = False
        if OTHER_EMAILS in groups.columns:  # (an export's other e-mails: HubSpot's "Additional email addresses")
            todo = np.flatnonzero(known_row < 0)
            known_row[todo] = rows_by_other_emails(arrow_text(groups[OTHER_EMAILS]).take(pa.array(todo)),
                                                   everyone, email_person)

    group_refusable = np.zeros(len(groups), dtype=bool)
    if refusable is not None:
        group_refusable[group_of_row[refusable]] = True
    owners = np.zeros(len(groups), dtype=bool)
    owners[group_of_row[owner_rows]] = True
    owners &= ~group_refusable  # (a group with a row of the file is that row's person)
    # The map's row of each group, or -1; which groups matched by name, and which of those by a name
    # two or more people of the map hold.
    group_row, by_name, shared = match_people(people, groups, known_row, map_emails, group_refusable | owners)
    # A namesake without an e-mail is one of the e-mails that find it: the one of a group found by its
    # id, else the first row's; a group of another e-mail found it by name only and is someone else
    # (it took the namesake too, and lost its e-mail; a re-import then made it a new person).
    taken = _namesake_taken(group_row, by_name, groups["email"], group_of_row)
    group_row[taken], by_name[taken] = -1, False
    group_torn = np.zeros(len(groups), dtype=bool)
    group_torn[group_of_row[torn]] = True
    # A torn group is refused unless an id placed it; a group matched by a shared name always is.
    # A contact owner named like two or more members is no row to refuse: it is left unplaced, and
    # so are its connection points (the import reports the rows that named it).
    doubt = shared | (group_torn & (by_name | (group_row < 0)))
    if unplaced is not None and refusable is not None:
        # (a group with another row at an account is placed there: its rows' first account)
        nowhere = np.zeros(len(groups), dtype=bool)
        nowhere[group_of_row[unplaced & refusable]] = True
        doubt = doubt | (nowhere & (group_row < 0) & equals(arrow_text(groups["account_id"]), ""))
    unplaced, refused = doubt & owners, doubt & ~owners
    group_row[refused | unplaced] = -1
    left_out = refused | _only_linked_to(refused[group_of_row], link_rows, group_of_row, len(groups)) \
        if refused.any() else refused
    left_out = left_out | unplaced
    # Two rows of the batch that match one person of the map merge into that person, each value
    # from the first that has one (a row found by its e-mail and one by its id can both be the person).
    hit = group_row >= 0
    repeat = ~first_of_codes(group_row)
    keep = ~(hit & repeat) & ~left_out
    # An id names one person: where the people of a file's rows would make it name two, it is not
    # written (and the rows say so). A map file's people are taken as the map has them.
    withheld = withhold_taken_ids(people, groups, group_row, ~left_out, ids_left_apart) \
        if refusable is not None else []
    matched = keep & hit
    positions = group_row[matched]
    inc = filter_rows(groups, matched)
    if (hit & repeat & ~left_out).any():
        both = hit & ~left_out
        inc, person_of_group = _first_non_blank(filter_rows(groups, both), group_row[both])
        positions = np.empty(len(inc), dtype=np.int64)
        positions[person_of_group] = group_row[both]
    fill_cols = [c for c in inc.columns if c not in ("key", "side", "account_key", "account_id", "role", "role_source",
                                                     "reports_to_key", OTHER_EMAILS)]
    if email_person is not None and len(positions):  # (an address a person lists already fills no blank e-mail)
        listed = listed_as_other(inc["email"], positions, everyone.slice(len(people)), email_person[len(people):])
        inc = inc.assign(email=where_text(inc["email"], ~listed, ""))
    # A matched person changed where a role was replaced or a blank filled (nothing else is written).
    changed = merge_roles(people, positions, inc) | fill_blanks(people, positions, inc, fill_cols)

    fresh = keep & ~hit
    new = filter_rows(groups, fresh)
    # (With as many new people as staged rows, no two rows were one: they are the rows, in order.)
    new_ids = early_ids.result() if early_ids is not None and len(new) == len(incoming) else \
        _new_ids(new["side"], new["name"], arrow_text(people["person_id"]))
    # The person_id of each group, then of each batch key: arrays indexed by group, no dict per row.
    if fresh.all():  # a new map, or a batch of new people only
        group_pid = arrow_text(new_ids)
    else:
        found_pid = arrow_text(people["person_id"]).take(pa.array(group_row, mask=~hit)).fill_null("")
        group_pid = pc.replace_with_mask(found_pid, pa.array(fresh), arrow_text(new_ids))
    rows = new.drop(columns=["key", "account_key", "reports_to_key", *[c for c in (OTHER_EMAILS,) if c in new.columns]]
                    ).assign(person_id=new_ids)
    rows["role"] = where_text(rows["role"], (rows["side"] == "customer").to_numpy(), "")
    group_row[fresh] = len(people) + np.arange(len(rows))
    people = append_rows(people, rows)
    learned = learn_other_emails(people, incoming, groups, group_row, group_of_row,
                                  np.flatnonzero(has_email & (email_codes != unjoined)), ~by_email & hit)
    changed = changed | np.isin(positions, learned)
    person_of = text_series(group_pid.take(pa.array(group_of_row)), pd.Index(incoming["key"]))
    managed = (groups["reports_to_key"] != "").to_numpy() & keep
    if managed.any():
        at = pa.array(positions)
        before = arrow_text(people["reports_to"]).take(at).fill_null("") if "reports_to" in people.columns else None
        resolve_reports_to(people, filter_rows(groups.assign(_pid=text_series(group_pid)), managed), person_of)
        if before is not None:  # a matched person given a manager is updated too
            after = arrow_text(people["reports_to"]).take(at).fill_null("")
            changed = changed | ~np.asarray(pc.equal(before, after).to_numpy(zero_copy_only=False), dtype=bool)
    n_changed = int(changed.sum())
    withheld_rows = withheld_reasons(withheld, incoming, group_of_row, arrow_text(people["person_id"]), group_pid)
    refusals = _no_refusals()
    if refused.any() or unplaced.any():
        refusals = _refusals(people, incoming, np.flatnonzero((refused | unplaced)[group_of_row]), place, has_email,
                             group_row[group_of_row])
        # A column only the refused rows would have filled is not added (the map stays as it was).
        people = people.drop(columns=[c for c in added_cols if equals(arrow_text(people[c]), "").all()])
    counts = (len(rows), n_changed, int(matched.sum()) - n_changed)
    return PeopleMerge(person_of, group_row[group_of_row], people, counts, refusals, withheld_rows, positions[~changed])


def _namesake_taken(group_row: np.ndarray, by_name: np.ndarray, email: pd.Series, group_of_row: np.ndarray
                    ) -> np.ndarray:
    """A mask of the groups with an e-mail matched by name (`by_name`) to a person of the map whom a
    group with another e-mail matched too, by e-mail or id, or by name from an earlier row."""
    taken = np.zeros(len(group_row), dtype=bool)
    rows = np.flatnonzero((group_row >= 0) & ~equals(arrow_text(email).fill_null(""), ""))
    named = rows[by_name[rows]]
    if len(named) == 0:
        return taken
    rows = rows[np.isin(group_row[rows], group_row[named])]
    first_row = np.full(len(group_row), len(group_of_row), dtype=np.int64)
    np.minimum.at(first_row, group_of_row, np.arange(len(group_of_row)))
    rows = rows[np.lexsort((first_row[rows], by_name[rows]))]  # found by e-mail or id first, then in file order
    later = ~first_of_codes(group_row[rows])
    taken[rows[later & by_name[rows]]] = True
    return taken


def _named_owners(incoming: pd.DataFrame, refusable: np.ndarray) -> np.ndarray:
    """A mask of the staged rows that are a contact owner known by its name only: supplier members
    staged by no row of a file (not `refusable`), with no e-mail or source id to match them by."""
    rows = np.flatnonzero(~refusable)  # the owners, a few hundred among a million rows: only they are looked at
    at = pa.array(rows)
    named = equals(arrow_text(incoming["side"]).take(at), "supplier") & \
        equals(arrow_text(incoming["email"]).take(at).fill_null(""), "")
    for col in ID_COLUMNS:
        if col in incoming.columns:
            named &= equals(arrow_text(incoming[col]).take(at).fill_null(""), "")
    owner = np.zeros(len(incoming), dtype=bool)
    owner[rows[named]] = True
    return owner


def _only_linked_to(refused: np.ndarray, link_rows: tuple[np.ndarray, np.ndarray] | None, group_of_row: np.ndarray,
                    n_groups: int) -> np.ndarray:
    """A mask of the groups whose rows are all ends of connections, every one of them to a `refused`
    row (over the staged rows): a contact owner named only by refused rows, who would otherwise
    be made a member with no connection point."""
    linked = np.zeros(n_groups, dtype=bool)
    if link_rows is None:
        return linked
    a, b = link_rows
    # (An end named by key, -1, is a person of the map, not a staged row: the other end decides.)
    dead = ((a >= 0) & refused[np.maximum(a, 0)]) | ((b >= 0) & refused[np.maximum(b, 0)])
    live_rows = np.zeros(len(refused), dtype=bool)
    linked_rows = np.zeros(len(refused), dtype=bool)
    for end in (a, b):
        linked_rows[end[end >= 0]] = True
        live_rows[end[~dead & (end >= 0)]] = True
    orphan = linked_rows & ~live_rows & ~refused
    linked[group_of_row[orphan]] = True
    not_orphan = np.zeros(n_groups, dtype=bool)
    not_orphan[group_of_row[~orphan]] = True
    return linked & ~not_orphan


def _no_refusals() -> pd.DataFrame:
    return pd.DataFrame({"row": pd.Series(dtype=np.int64), "name": pd.Series(dtype=object),
                         "account_id": pd.Series(dtype=object), "email": pd.Series(dtype=object),
                         "candidates": pd.Series(dtype=object)})


def _refusals(people: pd.DataFrame, incoming: pd.DataFrame, rows: np.ndarray, place: pa.Array | None,
              has_email: np.ndarray, person_row: np.ndarray) -> pd.DataFrame:
    """The refused `rows` of `incoming`, each with the person_ids it could be. A row without an
    e-mail could be any of the people (of the merged table) at its place, or one of those the
    batch's rows with e-mails there became (`place`: the batch's places, see `_places`); a row with
    an e-mail only one of the people there without an e-mail."""
    customer = (incoming["side"] == "customer").to_numpy()[rows]
    at = pa.array(rows)
    where = joined(text_series(arrow_text(incoming["side"]).take(at)),
                   where_text(text_series(arrow_text(incoming["account_id"]).take(at)), customer, ""))
    wanted = pc.binary_join_element_wise(arrow_text(where),
                                         arrow_text(name_keys(text_series(arrow_text(incoming["name"]).take(at)))),
                                         pa.scalar("|", pa.large_string()))
    holders = people_at(people, wanted)
    from_batch: dict[str, list[int]] = {}
    if place is not None:
        place = arrow_text(place)
        with_email = np.flatnonzero(has_email & in_set(place, wanted))
        for row, key in zip(with_email, place.take(pa.array(with_email)).to_pylist()):
            if person_row[row] >= 0:
                from_batch.setdefault(key, []).append(int(person_row[row]))
    no_email = equals(arrow_text(people["email"]), "")
    person_ids = people["person_id"].to_numpy(dtype=object)
    candidates = []
    for key, row_has_email in zip(wanted.to_pylist(), has_email[rows]):
        could_be = [r for r in holders[key] if no_email[r]] if row_has_email else \
            sorted(set(holders[key]) | set(from_batch.get(key, ())))
        candidates.append([person_ids[r] for r in could_be])
    return pd.DataFrame({"row": rows, "name": incoming["name"].to_numpy(dtype=object)[rows],
                         "account_id": incoming["account_id"].to_numpy(dtype=object)[rows],
                         "email": incoming["email"].to_numpy(dtype=object)[rows],
                         "candidates": pd.Series(candidates, dtype=object)})


def _email_codes(batch: pa.Array, map_emails: pa.Array | None, map_rows: np.ndarray | None = None
                 ) -> tuple[np.ndarray, int, np.ndarray | None]:
    """Codes of the batch's (lower-case) e-mails, how many distinct e-mails there are, and, given the
    map's, the first row of the map holding each code's e-mail (-1 for none): one hash of both.
    `map_rows` gives the row of each of `map_emails` where they are not one per row."""
    if map_emails is None:
        codes, distinct = _codes(batch)
        return codes, distinct, None
    codes, distinct = _codes(pa.concat_arrays([batch, map_emails]))
    map_codes = codes[len(batch):]
    rows = np.flatnonzero(~empty_cells(map_emails))  # a blank e-mail matches nothing
    first = first_of_codes(map_codes[rows])
    row_of = np.full(distinct, -1, dtype=np.int64)
    row_of[map_codes[rows[first]]] = rows[first] if map_rows is None else map_rows[rows[first]]
    return codes[: len(batch)], distinct, row_of


def _codes(values: pa.Array) -> tuple[np.ndarray, int]:
    """Each cell's code (equal cells, equal codes) and how many distinct cells there are."""
    encoded = pc.dictionary_encode(values)
    return np.asarray(encoded.indices.to_numpy(zero_copy_only=False), dtype=np.int64), len(encoded.dictionary)


def _new_ids(side: pd.Series, name: pd.Series, taken: pa.Array) -> pd.Series:
    """Ids for new people: "s-<name>" for a supplier member, "c-<name>" for anyone else, numbered
    where they repeat one another or one of `taken` (the prefix is taken by code)."""
    prefix = pa.array(["c-", "s-"], pa.large_string()).take(pa.array((side == "supplier").to_numpy(np.int8)))
    candidates = pc.binary_join_element_wise(prefix, arrow_text(slugs(name)), pa.scalar("", pa.large_string()))
    return unique_ids(text_series(candidates), taken)


def _started(func, *args) -> Future:
    """`func(*args)` started on a thread of its own (it must only read its arguments)."""
    pool = ThreadPoolExecutor(max_workers=1)
    try:
        return pool.submit(func, *args)
    finally:
        pool.shutdown(wait=False)  # the thread ends when the call does


def _places(incoming: pd.DataFrame, without: np.ndarray) -> pa.Array:
    """The place (side|account|name key) of each staged row that can share one with a row of
    `without` (the rows without e-mail), "" for the others.

    Only the rows on the same side of the same account can, so only their names are folded: an
    export where a few contacts lack an e-mail folds a few accounts' names, not a million. (Those
    rows are found by side and by account, each a look-up in a few values; a row on a side and at
    an account of two different such rows gets a place too, which can only match its own.)
    """
    side, account = arrow_text(incoming["side"]), arrow_text(incoming["account_id"])
    at = pa.array(without)
    nearby = pa.array(in_set(side, side.take(at)) & in_set(account, account.take(at)))
    where = joined(text_series(side.filter(nearby)), text_series(account.filter(nearby)))
    names = name_keys(text_series(arrow_text(incoming["name"]).filter(nearby)))
    place = pc.binary_join_element_wise(arrow_text(where), arrow_text(names), pa.scalar("|", pa.large_string()))
    return pc.replace_with_mask(blank_text(len(incoming)), nearby, place)
