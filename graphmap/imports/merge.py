"""Merging what an export holds into a map's tables, without duplicating or blanking anything.

Every profile turns its file into a `Staged` batch: accounts, people, connections and team rows that
refer to one another by the batch's own keys. `merge_staged` matches them to the map (DESIGN §3
tables, as text) and returns the new tables and what changed. The rules (docs/imports.md, "Merge"):

- accounts match by a CRM id when both sides have it, else by normalised name; new ones get an id;
- people match by e-mail (case-insensitive), else by a CRM id or LinkedIn URL, else by normalised
  name within the same account (supplier members: among supplier members);
- a value the map already has is never replaced by a blank, and the map's own values win over an
  export's, except where an import wrote them: an inferred role (``role_source = title``) gives way to
  an export's role, and a derived strength gives way to a better-founded one (activities over CRM
  ownership over a LinkedIn tie); a strength or role typed by hand always stays;
- a connection's last contact only moves forward.

Everything is a column operation, so that merging a million contacts takes seconds.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from graphmap.imports.normalize import (arrow_text, blank_text, company_keys, filter_rows, first_of_codes, lookup,
                                        name_keys, positions_in, slugs, text_series, where_text)
from graphmap.imports.rows import (append_rows, equals, fill_blanks, first_match, in_set, joined,
                                   snapshot, unique_ids, write_array, write_at)
from graphmap.model.accountmap import text_by_distinct_value

__all__ = ["Staged", "MergeCounts", "merge_staged", "empty_staged", "STRENGTH_SOURCES", "ID_COLUMNS"]

#: How well founded a strength is, by the import that derived it; a blank source means typed by hand.
STRENGTH_SOURCES = {"linkedin": 1, "crm": 2, "activities": 3}
_MANUAL = 9

#: Extra columns that identify a person or account in a source system; they match like e-mails.
ID_COLUMNS = ("salesforce_id", "hubspot_id", "linkedin_url")

_PEOPLE_CORE = ("key", "side", "account_key", "name", "title", "email", "role", "role_source", "reports_to_key")
_LINK_CORE = ("from_key", "to_key", "strength", "strength_source", "last_contact")
#: Optional link columns: the row of an end in the batch's people (-1 = look its key up).
_LINK_ROWS = ("from_row", "to_row")


@dataclass(frozen=True)
class Staged:
    """One export, converted: rows that refer to one another by keys of the batch.

    ``accounts``: key, name, and any extra columns (``salesforce_id``, strategy fields).
    ``people``: key, side, account_key (customers), name, title, email, role, role_source,
    reports_to_key (a key, CRM id, e-mail or name of the manager), and extra columns.
    ``links``: from_key, to_key (batch keys or person_ids of the map), strength (float, NaN = none),
    strength_source, last_contact (datetime64), optionally from_row and to_row (the row of that end in
    ``people``, -1 where the key must be looked up: saves a hash look-up per row), and extra columns
    (the factors of a derived strength).
    ``team``: account_key, person_key, team_role, responsibilities, and extra columns.
    """

    accounts: pd.DataFrame
    people: pd.DataFrame
    links: pd.DataFrame
    team: pd.DataFrame


@dataclass(frozen=True)
class MergeCounts:
    """What one merge changed in the map."""

    accounts_added: int = 0
    people_added: int = 0
    people_updated: int = 0
    people_unchanged: int = 0
    connections_added: int = 0
    connections_updated: int = 0
    connections_unchanged: int = 0
    team_added: int = 0


def empty_staged() -> Staged:
    """A batch with nothing in it (every column present)."""
    def frame(cols):
        return pd.DataFrame({c: pd.Series(dtype="str") for c in cols})

    links = frame(_LINK_CORE)
    links["strength"] = links["strength"].astype(float)
    links["last_contact"] = pd.Series(dtype="datetime64[ns]")
    return Staged(frame(("key", "name")), frame(_PEOPLE_CORE), links,
                  frame(("account_key", "person_key", "team_role", "responsibilities")))


def _text(frame: pd.DataFrame) -> pd.DataFrame:
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


def _first_non_blank(frame: pd.DataFrame, ident: pd.Series) -> tuple[pd.DataFrame, pd.Series]:
    """Collapse rows sharing an ident into one, keeping each column's first non-blank value."""
    codes = np.asarray(pc.dictionary_encode(arrow_text(ident)).indices.to_numpy(zero_copy_only=False), dtype=np.int64)
    dup = np.bincount(codes)[codes] > 1
    if not dup.any():
        return frame.assign(_ident=ident), ident
    single = frame[~dup].assign(_ident=ident[~dup].to_numpy())
    multi = frame[dup].replace("", np.nan).assign(_ident=ident[dup].to_numpy())
    grouped = multi.groupby("_ident", sort=False).first().reset_index()
    combined = pd.concat([single, grouped], ignore_index=True)
    return combined.fillna(""), ident


def merge_staged(tables: dict[str, pd.DataFrame], staged: Staged) -> tuple[dict[str, pd.DataFrame], MergeCounts]:
    """Merge one staged export into text tables of a map; returns the new tables and the counts."""
    accounts, people = _text(tables["accounts"]), _text(tables["people"])
    team, conns = _text(tables["team"]), _text(tables["connections"])
    account_of, accounts, accounts_added = _merge_accounts(accounts, _text(staged.accounts))
    incoming = _text(staged.people.drop(columns=["_row"], errors="ignore"))
    person_of, row_of, people, people_counts = _merge_people(people, incoming, account_of)
    conns, conn_counts = _merge_links(conns, people, staged.links, person_of, row_of)
    team, team_added = _merge_team(team, _text(staged.team), account_of, person_of)
    if "strategy_owner_key" in staged.accounts.columns:
        owners = _text(staged.accounts)
        owners = owners.assign(account_id=owners["key"].map(account_of), owner=owners["strategy_owner_key"].map(person_of))
        owners = owners.dropna(subset=["account_id", "owner"])
        positions = pd.Index(accounts["account_id"]).get_indexer(owners["account_id"])
        fill_blanks(accounts, positions, pd.DataFrame({"strategy_owner": owners["owner"].to_numpy()}),
                    ["strategy_owner"])
    counts = MergeCounts(accounts_added, *people_counts, *conn_counts, team_added)
    return {"accounts": accounts, "people": people, "team": team, "connections": conns}, counts


# -- accounts ----------------------------------------------------------------------------------

def _merge_accounts(accounts: pd.DataFrame, incoming: pd.DataFrame) -> tuple[pd.Series, pd.DataFrame, int]:
    if incoming.empty:
        return pd.Series(dtype=object), accounts, 0
    incoming = incoming.drop_duplicates("key").reset_index(drop=True)
    norm = company_keys(incoming["name"])
    target = pd.Series([""] * len(incoming), dtype=object)
    if "salesforce_id" in incoming.columns and "salesforce_id" in accounts.columns:
        by_id = accounts[accounts["salesforce_id"] != ""].drop_duplicates("salesforce_id")
        target = lookup(incoming["salesforce_id"], dict(zip(by_id["salesforce_id"], by_id["account_id"])), "")
        target = target.where(incoming["salesforce_id"] != "", "")
    by_name = pd.Series(accounts["account_id"].to_numpy(), index=company_keys(accounts["name"]).to_numpy())
    by_name = by_name[~by_name.index.duplicated()]
    if "account_id" in incoming.columns:  # the same id counts only with the same name
        by_id = pd.Series(company_keys(accounts["name"]).to_numpy(), index=accounts["account_id"].to_numpy())
        same = lookup(incoming["account_id"], by_id, "#") == norm
        target = target.where((target != "") | ~same, incoming["account_id"])
    target = target.where(target != "", lookup(norm, by_name, ""))
    # Two spellings of one new company in the same batch become one account.
    new = target == ""
    first_of_norm = incoming[new].groupby(norm[new], sort=False)["key"].transform("first")
    added = incoming[new & (incoming["key"] == first_of_norm.reindex(incoming.index))]
    new_ids = unique_ids("acc-" + slugs(added["name"]), arrow_text(accounts["account_id"]))
    id_of_norm = pd.Series(new_ids.array, index=pd.Index(norm[added.index]))
    target = where_text(target, ~new.to_numpy(), lookup(norm, id_of_norm, ""))
    matched = ~new
    positions = pd.Index(accounts["account_id"]).get_indexer(target[matched])
    extra = [c for c in incoming.columns if c not in ("key", "name", "account_id", "strategy_owner_key")]
    fill_blanks(accounts, positions, incoming[matched], extra)
    rows = added.drop(columns=["key", "strategy_owner_key"], errors="ignore").assign(account_id=new_ids.to_numpy())
    accounts = pd.concat([accounts, rows], ignore_index=True).fillna("")
    return pd.Series(target.to_numpy(), index=incoming["key"].to_numpy()), accounts, len(rows)


# -- people ------------------------------------------------------------------------------------

def _merge_people(people: pd.DataFrame, incoming: pd.DataFrame, account_of: pd.Series
                  ) -> tuple[pd.Series, np.ndarray, pd.DataFrame, tuple[int, int, int]]:
    """Merge staged people; returns the person_id of each batch key, the row of the new people
    table holding it, the new people table and the counts (added, updated, unchanged)."""
    if incoming.empty:
        return pd.Series(dtype=object), np.zeros(0, dtype=np.int64), people, (0, 0, 0)
    for col in _PEOPLE_CORE:
        if col not in incoming.columns:
            incoming[col] = ""
    for col in ("role_source", *[c for c in incoming.columns if c not in _PEOPLE_CORE]):
        if col not in people.columns:
            people[col] = ""
    # Into a map without people every staged row is a new person, unless two rows are one person:
    # the names the new ids are made of are folded on a second thread while the rows are grouped.
    early_slugs = _started(slugs, incoming["name"]) if people.empty else None
    customer = incoming["side"] == "customer"
    incoming["account_id"] = where_text(lookup(incoming["account_key"], account_of, ""), customer.to_numpy(), "")
    email = incoming["email"].str.lower()
    has_email = (email != "").to_numpy()
    # The row whose e-mail identifies each row: itself, or for a row without one, the row it joins.
    email_row = np.arange(len(incoming))
    use_email = has_email.copy()
    without = np.flatnonzero(~has_email)
    place = _places(incoming, without) if len(without) else None
    # A row without e-mail joins a row of the batch with the same name and account that has one.
    # (Arrow hash joins, no dict: the places of rows without e-mail are usually few, so the rows
    # with e-mail are first narrowed to those places, then the first of each is found.)
    if len(without) and has_email.any():
        place_text = arrow_text(place)
        without_place = place_text.take(pa.array(without))
        # The rows with an e-mail at a place some row without one has (usually few of them).
        near = np.asarray(pc.is_in(place_text, value_set=without_place).to_numpy(zero_copy_only=False), dtype=bool)
        near_rows = np.flatnonzero(near & has_email)
        first_with = positions_in(without_place, place_text.take(pa.array(near_rows)))
        paired = first_with >= 0
        email_row[without[paired]] = near_rows[first_with[paired]]
        use_email[without[paired]] = True
    email_text = arrow_text(email)
    ident_text = email_text.take(pa.array(email_row))
    if not use_email.all():  # the rest are known by their place: "n|" + side|account|name
        by_place = pc.binary_join_element_wise(pa.scalar("n|", pa.large_string()),
                                               arrow_text(place).filter(pa.array(~use_email)),
                                               pa.scalar("", pa.large_string()))
        ident_text = pc.replace_with_mask(ident_text, pa.array(~use_email), by_place)
    ident = text_series(ident_text, incoming.index)
    groups, _ = _first_non_blank(incoming, ident)
    groups = groups.reset_index(drop=True)
    # Every row's group (each ident has one); with no ident repeated, the groups are the rows.
    group_of_row = np.arange(len(ident)) if len(groups) == len(ident) else positions_in(ident, groups["_ident"])

    group_row = _match_people(people, groups)  # the row of the map's person each group is, or -1
    # Two rows of the batch that match one person of the map merge into that person.
    hit = group_row >= 0
    repeat = ~first_of_codes(group_row)
    keep = ~(hit & repeat)
    matched = keep & hit
    positions = group_row[matched]
    inc = filter_rows(groups, matched)
    fill_cols = [c for c in inc.columns if c not in ("key", "side", "account_key", "account_id", "role", "role_source",
                                                     "reports_to_key", "_ident")]
    # A matched person changed where a role was replaced or a blank filled (nothing else is written).
    changed = _merge_roles(people, positions, inc) | fill_blanks(people, positions, inc, fill_cols)

    fresh = keep & ~hit
    new = filter_rows(groups, fresh)
    # "s-<name>" for a supplier member, "c-<name>" for anyone else: the prefix is taken by code.
    prefix = pa.array(["c-", "s-"], pa.large_string()).take(pa.array((new["side"] == "supplier").to_numpy(np.int8)))
    nothing = pa.scalar("", pa.large_string())
    # (With as many new people as staged rows, no two rows were one: they are the rows, in order.)
    slug = early_slugs.result() if early_slugs is not None and len(new) == len(incoming) else slugs(new["name"])
    new_ids = unique_ids(text_series(pc.binary_join_element_wise(prefix, arrow_text(slug), nothing)),
                         arrow_text(people["person_id"]))
    # The person_id of each group, then of each batch key: arrays indexed by group, no dict per row.
    if fresh.all():  # a new map, or a batch of new people only
        group_pid = arrow_text(new_ids)
    else:
        found_pid = arrow_text(people["person_id"]).take(pa.array(group_row, mask=~hit)).fill_null("")
        group_pid = pc.replace_with_mask(found_pid, pa.array(fresh), arrow_text(new_ids))
    rows = new.drop(columns=["key", "account_key", "reports_to_key", "_ident"]).assign(person_id=new_ids)
    rows["role"] = where_text(rows["role"], (rows["side"] == "customer").to_numpy(), "")
    group_row[fresh] = len(people) + np.arange(len(rows))
    people = append_rows(people, rows)
    person_of = text_series(group_pid.take(pa.array(group_of_row)), pd.Index(incoming["key"]))
    managed = (groups["reports_to_key"] != "").to_numpy()
    if managed.any():
        _resolve_reports_to(people, filter_rows(groups.assign(_pid=text_series(group_pid)), managed), person_of)
    n_changed = int(changed.sum())
    return person_of, group_row[group_of_row], people, (len(rows), n_changed, int(matched.sum()) - n_changed)


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
    export where a few contacts lack an e-mail folds a few accounts' names, not a million.
    """
    where = arrow_text(joined(incoming["side"], incoming["account_id"]))
    nearby = pa.array(in_set(where, where.take(pa.array(without))))
    names = name_keys(text_series(arrow_text(incoming["name"]).filter(nearby)))
    place = pc.binary_join_element_wise(where.filter(nearby), arrow_text(names), pa.scalar("|", pa.large_string()))
    return pc.replace_with_mask(blank_text(len(incoming)), nearby, place)


def _match_people(people: pd.DataFrame, groups: pd.DataFrame) -> np.ndarray:
    """The row of `people` each staged group is (by e-mail, a source id, the person_id with the same
    name, else the name at the same place with no contradicting e-mail), -1 for a new person."""
    at = np.full(len(groups), -1, dtype=np.int64)
    if people.empty:
        return at
    person_ids = arrow_text(people["person_id"])
    emails = pc.utf8_lower(arrow_text(people["email"]))
    incoming_email = pc.utf8_lower(arrow_text(groups["email"]))

    def fill(rows: np.ndarray, found: np.ndarray) -> None:
        at[rows[found >= 0]] = found[found >= 0]

    at[:] = first_match(incoming_email, emails)
    for col in ID_COLUMNS:
        todo = np.flatnonzero(at < 0)
        if col in groups.columns and col in people.columns and len(todo):
            fill(todo, first_match(arrow_text(groups[col]).take(pa.array(todo)), arrow_text(people[col])))
    todo = np.flatnonzero(at < 0)
    if not len(todo):  # every group is known by e-mail or id: no name needs folding
        return at

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
        found_nearby = first_match(incoming_place, place)
        found = np.where(found_nearby >= 0, nearby[np.maximum(found_nearby, 0)] if len(nearby) else -1, -1)
        # A name matches only where the e-mails do not contradict it.
        theirs = incoming_email.take(pa.array(todo))
        mine = emails.take(pa.array(np.maximum(found, 0)))
        agree = equals(mine, "") | equals(theirs, "") | \
            np.asarray(pc.equal(mine, theirs).to_numpy(zero_copy_only=False), dtype=bool)
        fill(todo, np.where(agree, found, -1))
    return at


def _merge_roles(people: pd.DataFrame, positions: np.ndarray, inc: pd.DataFrame) -> np.ndarray:
    """An export's role replaces an inferred or earlier exported one; a role typed by hand stays.
    Returns which of `positions` changed role or role source."""
    if not len(positions):
        return np.zeros(0, dtype=bool)
    from graphmap.imports.titles import roles_from_titles

    at = pa.array(positions)
    ex_role, ex_src = arrow_text(people["role"]).take(at), arrow_text(people["role_source"]).take(at)
    in_role, in_src = arrow_text(inc["role"]), arrow_text(inc["role_source"])
    customer = (inc["side"] == "customer").to_numpy()
    blank_role = equals(ex_role, "") | equals(ex_role, "unknown")
    # A role still marked "title" that no longer follows the title was edited by hand.
    if "title" in people.columns:
        follows = arrow_text(roles_from_titles(text_series(arrow_text(people["title"]).take(at))))
        edited = equals(ex_src, "title") & ~np.asarray(pc.equal(follows, ex_role).to_numpy(zero_copy_only=False))
    else:
        edited = equals(ex_src, "title") & ~equals(ex_role, "unknown")
    manual = equals(ex_src, "manual") | (equals(ex_src, "") & ~blank_role) | edited
    known = ~(equals(in_role, "") | equals(in_role, "unknown"))
    differs = ~np.asarray(pc.equal(in_role, ex_role).to_numpy(zero_copy_only=False), dtype=bool)
    take = customer & ~manual & known & (
        (equals(in_src, "export") & (differs | ~equals(ex_src, "export")))
        | (equals(in_src, "title") & (blank_role | equals(ex_src, "title"))))
    chosen = pa.array(take)
    write_at(people, "role", positions[take], in_role.filter(chosen))
    write_at(people, "role_source", positions[take], in_src.filter(chosen))
    return take & (differs | ~np.asarray(pc.equal(in_src, ex_src).to_numpy(zero_copy_only=False), dtype=bool))


def _resolve_reports_to(people: pd.DataFrame, wanted: pd.DataFrame, person_of: pd.Series) -> None:
    """Set ``reports_to`` of the staged groups in `wanted` (which name a manager) where it is blank.

    The manager is named by a key of the batch, else an e-mail, a source id or a person_id of the
    map, else a name at the same account; each way is tried only for the names still unresolved.
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
        place = joined(people["account_id"], name_keys(people["name"]))
        at = first_match(joined(text_series(arrow_text(wanted["account_id"]).take(pa.array(todo))),
                                name_keys(text_series(ref.take(pa.array(todo))))), arrow_text(place))
        hit = at >= 0
        found = write_array(found, todo[hit], person_ids.take(pa.array(at[hit])))
    positions = first_match(wanted["_pid"], person_ids)
    ok = ~equals(found, "") & ~np.asarray(pc.equal(found, arrow_text(wanted["_pid"])).to_numpy(zero_copy_only=False),
                                          dtype=bool)
    fill_blanks(people, positions[ok], pd.DataFrame({"reports_to": text_series(found.filter(pa.array(ok)))}),
                ["reports_to"])


# -- connections -------------------------------------------------------------------------------

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


def _merge_links(conns: pd.DataFrame, people: pd.DataFrame, links: pd.DataFrame, person_of: pd.Series,
                 row_of: np.ndarray) -> tuple[pd.DataFrame, tuple[int, int, int]]:
    """Merge staged connections; `person_of` and `row_of` give each batch key's person_id and row in
    `people` (an end that is not a batch key is a person_id of the map)."""
    if links.empty:
        return conns, (0, 0, 0)
    links = links.reset_index(drop=True)
    # The row of each end among the people (a batch key's row, else a person_id's): tells "known",
    # the side, and gives each pair integer codes, so no pair of ids is ever joined into a string.
    ends = arrow_text(pd.concat([links["from_key"], links["to_key"]], ignore_index=True))
    person_ids = arrow_text(people["person_id"])
    both = np.full(len(ends), -1, dtype=np.int64)
    if all(c in links.columns for c in _LINK_ROWS) and len(row_of):
        staged_row = np.concatenate([links[c].to_numpy(dtype=np.int64) for c in _LINK_ROWS])
        given = staged_row >= 0
        both[given] = row_of[staged_row[given]]
    todo = np.flatnonzero(both < 0)
    if len(todo):
        at_key = positions_in(ends.take(pa.array(todo)), person_of.index) if len(person_of) \
            else np.full(len(todo), -1)
        both[todo] = np.where(at_key >= 0, row_of[np.maximum(at_key, 0)] if len(row_of) else -1, -1)
        other = todo[at_key < 0]
        if len(other):
            both[other] = positions_in(ends.take(pa.array(other)), person_ids)
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
    extra_cols = [c for c in links.columns if c not in _LINK_CORE + _LINK_ROWS and c != "_row"]
    inc = _text(links[extra_cols]).assign(
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
    inc = inc.assign(last_contact=text_by_distinct_value(pd.Series(days.astype("datetime64[D]")), _iso_dates))
    for col in ("strength_source", *extra_cols):
        if col not in conns.columns:
            conns[col] = ""
    if len(conns):
        known = positions_in(pa.concat_arrays([arrow_text(conns["from_id"]), arrow_text(conns["to_id"])]), person_ids)
        c_from, c_to = known[: len(conns)], known[len(conns):]
        existing = np.minimum(c_from, c_to) * len(person_ids) + np.maximum(c_from, c_to)
        existing[(c_from < 0) | (c_to < 0)] = -1
        positions = np.asarray(pc.index_in(pa.array(pair), value_set=pa.array(existing)).fill_null(-1)
                               .to_numpy(zero_copy_only=False), dtype=np.int64)
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
        changed = np.zeros(len(pos), dtype=bool)  # a connection changed where a value written differs
        for col in written:
            values = arrow_text(m[col])
            write = take
            if col in extra_cols:  # factors of a strength follow it; other extras only fill blanks
                write = take | (equals(before[col], "") & ~equals(values, ""))
            write_at(conns, col, pos[write], values.filter(pa.array(write)))
            changed |= write & ~np.asarray(pc.equal(values, before[col]).to_numpy(zero_copy_only=False), dtype=bool)
        contact = arrow_text(m["last_contact"])
        newer = np.asarray(pc.greater(contact, before["last_contact"]).fill_null(False).to_numpy(zero_copy_only=False),
                           dtype=bool)
        write_at(conns, "last_contact", pos[newer], contact.filter(pa.array(newer)))
        counts_changed = int((changed | newer).sum())
    added = inc[~matched]
    conns = append_rows(conns, added)
    return conns, (len(added), counts_changed, int(matched.sum()) - counts_changed)


def _pairs_may_repeat(src: np.ndarray, dst: np.ndarray, people: int) -> bool:
    """Whether two connections may join the same two people: only if some person is at an end of
    several and another person too (an export's contacts are mostly at the end of one each)."""
    low, high = np.minimum(src, dst), np.maximum(src, dst)
    return bool(((np.bincount(low, minlength=people)[low] > 1) & (np.bincount(high, minlength=people)[high] > 1)).any())


# -- team --------------------------------------------------------------------------------------

def _merge_team(team: pd.DataFrame, incoming: pd.DataFrame, account_of: pd.Series, person_of: pd.Series
                ) -> tuple[pd.DataFrame, int]:
    if incoming.empty:
        return team, 0
    rows = incoming.assign(account_id=lookup(incoming["account_key"], account_of, ""),
                           person_id=lookup(incoming["person_key"], person_of, ""))
    rows = rows[(rows["account_id"] != "") & (rows["person_id"] != "")].drop(columns=["account_key", "person_key"])
    rows = rows.drop_duplicates(["account_id", "person_id"])
    pair = team["account_id"] + "|" + team["person_id"]
    incoming_pair = rows["account_id"] + "|" + rows["person_id"]
    positions = pd.Index(pair).get_indexer(incoming_pair) if len(team) else np.full(len(rows), -1)
    matched = positions >= 0
    fill_blanks(team, positions[matched], rows[matched].reset_index(drop=True),
                 [c for c in rows.columns if c not in ("account_id", "person_id")])
    added = rows[~matched]
    return pd.concat([team, added], ignore_index=True).fillna(""), len(added)
