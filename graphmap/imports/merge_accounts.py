"""Merging an export's companies into a map's accounts (`merge_accounts`).

Accounts match by Salesforce id when both sides have one, else by normalised company name
(`graphmap.imports.normalize.company_keys`); an account's own id from a map file counts only with
the same name. A Salesforce id contradicts a name: an account with one that its id does not find
takes by name only the map's one account of that name, and only one without a Salesforce id
(accounts with other ids, or several of the name, are other companies or a guess), else it is an
account of its own and the file's notes say so. A company without a Salesforce id whose name is
that of several accounts is placed at none of them (`AccountsMerge.unplaced`: its contacts' rows are
refused, not guessed), or, a map file's account (whose people are no rows to refuse), is an account of
its own, keeping its account_id where the map has it free (so that a re-import finds it), and the
file's notes say so. New companies become accounts with ids
``acc-<name>``, numbered where they repeat. An account that the map
names by its Salesforce id (a Data Loader contacts export imported without its Account export)
takes the name an export gives it; where that name is the name of exactly one other account of the
map, one without a Salesforce id, the two are one company and become one account (the map's, which
keeps its id, takes the Salesforce id, and receives the people and team memberships:
`fold_references`, after which `graphmap.imports.fold_namesakes` makes each person moved one with
her namesake there); where it is the name of several, or of one with another Salesforce id, they
stay apart and the file's notes say why. Only the accounts just named are compared with the others.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa

from graphmap.imports.normalize import arrow_text, company_keys, lookup, slugs, text_series, where_text
from graphmap.imports.rows import fill_blanks, in_set, joined, unique_ids, write_at
from graphmap.model.accountmap import counts_in_words

__all__ = ["AccountsMerge", "merge_accounts", "fold_references", "one_membership_per_pair", "differing_values",
           "named_by_salesforce_id"]


@dataclass(frozen=True)
class AccountsMerge:
    """What `merge_accounts` made of a batch's companies."""

    account_of: pd.Series
    """The account_id of each staged key."""
    accounts: pd.DataFrame
    """The accounts after the merge."""
    added: int
    """How many accounts were added (the last rows of `accounts`)."""
    changed: np.ndarray
    """The rows of the map's accounts that changed (a row may repeat)."""
    folded: pd.DataFrame = field(default_factory=lambda: _no_folds())
    """Accounts named by their Salesforce id that the batch named as one account of the map is
    named, made one with it: ``from_id`` (gone from `accounts`), ``into_id``, ``name`` (the name the
    batch gave), ``into_name``, ``salesforce_id`` and ``differing`` (values of ``from_id`` left out
    where ``into_id`` had another, `differing_values`). People and team rows of ``from_id`` are
    still to be moved (`fold_references`)."""
    kept_apart: tuple[str, ...] = ()
    """Why each account named by its id whose new name other accounts of the map hold too was not
    made one with any of them, and why each Salesforce account named as other accounts are was made
    an account of its own, and why each map file's account named as several accounts of the map was
    made an account of its own, for the file's notes."""
    unplaced: pd.DataFrame = field(default_factory=lambda: _none_unplaced())
    """Staged companies without a Salesforce id whose name two or more accounts of the map hold,
    placed at none of them (their ``account_of`` is ""): ``key``, ``name`` and ``accounts`` (those
    it could be, with their Salesforce ids). The rows of contacts there are refused."""


def merge_accounts(accounts: pd.DataFrame, incoming: pd.DataFrame) -> AccountsMerge:
    """Merge staged accounts into the map's (`AccountsMerge` says what became of them)."""
    if incoming.empty:
        return AccountsMerge(pd.Series(dtype=object), accounts, 0, np.zeros(0, dtype=np.int64))
    incoming = incoming.drop_duplicates("key").reset_index(drop=True)
    norm = company_keys(incoming["name"])
    target = pd.Series([""] * len(incoming), dtype=object)
    if "salesforce_id" in incoming.columns and "salesforce_id" in accounts.columns:
        by_id = accounts[accounts["salesforce_id"] != ""].drop_duplicates("salesforce_id")
        target = lookup(incoming["salesforce_id"], dict(zip(by_id["salesforce_id"], by_id["account_id"])), "")
        target = target.where(incoming["salesforce_id"] != "", "")
    map_keys = company_keys(accounts["name"]).to_numpy()
    by_name = pd.Series(accounts["account_id"].to_numpy(), index=map_keys)
    repeated_names = by_name.index.duplicated()
    by_name = by_name[~repeated_names]
    if "account_id" in incoming.columns:  # the same id counts only with the same name, and no other Salesforce id
        by_id = pd.Series(map_keys, index=accounts["account_id"].to_numpy())
        same = lookup(incoming["account_id"], by_id, "#") == norm
        if "salesforce_id" in incoming.columns and "salesforce_id" in accounts.columns:
            theirs = lookup(incoming["account_id"], accounts.set_index("account_id")["salesforce_id"], "")
            same &= (theirs == "") | (incoming["salesforce_id"] == "") | (theirs == incoming["salesforce_id"])
        target = target.where((target != "") | ~same, incoming["account_id"])
    named_as = lookup(norm, by_name, "")
    with_id = _salesforce_ids(incoming)
    apart = np.zeros(len(incoming), dtype=bool)
    if with_id is not None:
        apart = _contradicted_by_id(accounts, map_keys, norm, with_id, (target == "").to_numpy()
                                    & (named_as != "").to_numpy())
        named_as = where_text(named_as, ~apart, "")
    unplaced, own, own_notes = _none_unplaced(), np.zeros(len(incoming), dtype=bool), ()
    if repeated_names.any():  # (a map whose account names are all distinct has no doubt to look for)
        several = _named_as_several(map_keys, norm, with_id, (target == "").to_numpy() & (named_as != "").to_numpy())
        if "account_id" in incoming.columns:  # a map file's account: no rows to refuse, an account of its own
            own = several
        elif several.any():
            unplaced = _unplaced(accounts, map_keys, incoming, norm, several)
        named_as = where_text(named_as, ~several, "")
    target = target.where(target != "", named_as)
    # Two spellings of one new company in the same batch become one account; two Salesforce
    # accounts of one name stay two, and so does a map file's account named as several of the map.
    new = (target == "").to_numpy()
    if len(unplaced):
        new = new & ~incoming["key"].isin(unplaced["key"]).to_numpy()
    company = norm if with_id is None else joined(norm, with_id)
    if own.any():
        company = where_text(company, ~own, incoming["key"])
    first_of_company = incoming[new].groupby(company[new], sort=False)["key"].transform("first")
    added = incoming[new & (incoming["key"] == first_of_company.reindex(incoming.index))]
    wanted = "acc-" + slugs(added["name"])
    if own.any():  # (its own account_id, where the map has it free, finds it again on a re-import)
        wanted = where_text(wanted, ~own[added.index], added["account_id"])
    new_ids = unique_ids(wanted, arrow_text(accounts["account_id"]))
    id_of_company = pd.Series(new_ids.array, index=pd.Index(company[added.index]))
    target = where_text(target, ~new, lookup(company, id_of_company, ""))
    if own.any():
        own_notes = _own_accounts_of_map_files(accounts, map_keys, incoming, norm, target, own)
    kept_as_two = _kept_as_own_accounts(accounts, map_keys, incoming, norm, with_id, target, new, apart) \
        if with_id is not None else ()
    matched = (target != "").to_numpy() & ~new
    positions = pd.Index(accounts["account_id"]).get_indexer(target[matched])
    extra = [c for c in incoming.columns if c not in ("key", "name", "account_id", "strategy_owner_key")]
    filled = fill_blanks(accounts, positions, incoming[matched], extra)
    named = _name_accounts_named_by_id(accounts, positions, incoming[matched])
    changed = positions[filled | named]
    folded, kept_apart = _no_folds(), kept_as_two + own_notes
    if named.any():  # (the rest of the batch never makes two accounts one)
        map_keys[positions[named]] = norm[matched].to_numpy()[named]
        folded, also_apart, accounts, changed = _fold_named_accounts(accounts, map_keys, positions[named], changed)
        kept_apart += also_apart
        target = target.replace(dict(zip(folded["from_id"], folded["into_id"])))
    rows = added.drop(columns=["key", "strategy_owner_key"], errors="ignore").assign(account_id=new_ids.to_numpy())
    accounts = pd.concat([accounts, rows], ignore_index=True).fillna("")
    return AccountsMerge(pd.Series(target.to_numpy(), index=incoming["key"].to_numpy()), accounts, len(rows),
                         changed, folded, kept_apart, unplaced)


def _named_as_several(map_keys: np.ndarray, norm: pd.Series, with_id: pd.Series | None, todo: np.ndarray
                      ) -> np.ndarray:
    """Which staged companies still unmatched (`todo`) and without a Salesforce id have a name that
    two or more accounts of the map hold: which of them it is would be a guess. Work over the
    accounts only."""
    if with_id is not None:
        todo = todo & (with_id == "").to_numpy()
    if not todo.any():
        return todo
    codes, keys = pd.factorize(map_keys)
    several = keys[(np.bincount(codes) > 1) & (keys != "")] if len(keys) else keys
    return todo & norm.isin(several).to_numpy()


def _accounts_of_names(accounts: pd.DataFrame, map_keys: np.ndarray, names) -> dict[str, list[int]]:
    """The rows of the map's accounts of each of `names` (a few company keys)."""
    return {key: np.flatnonzero(map_keys == key).tolist() for key in pd.unique(np.asarray(names, dtype=object))}


def _unplaced(accounts: pd.DataFrame, map_keys: np.ndarray, incoming: pd.DataFrame, norm: pd.Series,
              several: np.ndarray) -> pd.DataFrame:
    """`AccountsMerge.unplaced`: the staged companies `several` marks, each with the accounts it could be."""
    ids, map_ids = accounts["account_id"].to_numpy(dtype=object), _map_salesforce_ids(accounts)
    said = {key: f"{len(rows)} accounts of the map (" + "; ".join(
        f"{ids[o]}: {'Salesforce id ' + map_ids[o] if map_ids[o] else 'no Salesforce id'}" for o in rows) + ")"
        for key, rows in _accounts_of_names(accounts, map_keys, norm[several]).items()}
    return pd.DataFrame({"key": incoming["key"][several].to_numpy(), "name": incoming["name"][several].to_numpy(),
                         "accounts": norm[several].map(said).to_numpy()}, dtype=object)


def _own_accounts_of_map_files(accounts: pd.DataFrame, map_keys: np.ndarray, incoming: pd.DataFrame, norm: pd.Series,
                               target: pd.Series, own: np.ndarray) -> tuple[str, ...]:
    """The notes on a map file's accounts (`own`) made accounts of their own because two or more
    accounts of the map hold their name (`accounts` are the map's before the batch's new ones)."""
    ids, map_ids = accounts["account_id"].to_numpy(dtype=object), _map_salesforce_ids(accounts)
    rows_of = _accounts_of_names(accounts, map_keys, norm[own])
    notes = []
    for row in np.flatnonzero(own):
        listed = ", ".join(f"{ids[o]} ({'Salesforce id ' + map_ids[o] if map_ids[o] else 'no Salesforce id'})"
                           for o in rows_of[norm.iloc[row]])
        made = target.iloc[row]
        notes.append(f"account {incoming['account_id'].iloc[row]} of the map imported is named "
                     f"{incoming['name'].iloc[row]!r}, as {len(rows_of[norm.iloc[row]])} accounts of the map are: "
                     f"{listed}: not guessed which of them it is, so made an account of its own, {made}; if it is one "
                     f"of them, move {made}'s people and team memberships to it in people.csv and team.csv, and "
                     f"remove {made}")
    return tuple(notes)


def _none_unplaced() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in ("key", "name", "accounts")})


def _salesforce_ids(incoming: pd.DataFrame) -> pd.Series | None:
    """The Salesforce id of each staged account ("" for none), or None where the batch has none at all."""
    if "salesforce_id" not in incoming.columns or (incoming["salesforce_id"] == "").all():
        return None
    return incoming["salesforce_id"]


def _contradicted_by_id(accounts: pd.DataFrame, map_keys: np.ndarray, norm: pd.Series, with_id: pd.Series,
                        by_name: np.ndarray) -> np.ndarray:
    """Which staged accounts that would match the map by name (`by_name`) an id says are another
    company: one with a Salesforce id (which found no account of the map) whose name is that of an
    account with another Salesforce id, or of several accounts, so that taking one would be a guess.
    It takes by name only the map's one account of that name, and only one without a Salesforce id.

    Work over the accounts of the names looked at, never the contacts.
    """
    todo = by_name & (with_id != "").to_numpy()
    if not todo.any() or not len(accounts):
        return np.zeros(len(norm), dtype=bool)
    # (two Salesforce accounts of the batch with one name: the map's account of that name is either)
    ids_of_name = pd.DataFrame({"name": norm, "id": with_id})[todo].drop_duplicates()["name"].value_counts()
    held = pd.Series(map_keys).value_counts()
    holders = norm[todo].map(held).fillna(0).to_numpy()
    map_ids = _map_salesforce_ids(accounts)
    first = pd.Series(np.arange(len(map_keys)), index=map_keys)
    first = first[~first.index.duplicated()]
    at = first.reindex(norm[todo].to_numpy()).to_numpy()
    apart = np.zeros(len(norm), dtype=bool)
    apart[np.flatnonzero(todo)] = (holders > 1) | (map_ids[at] != "") | (norm[todo].map(ids_of_name).to_numpy() > 1)
    return apart


def _kept_as_own_accounts(accounts: pd.DataFrame, map_keys: np.ndarray, incoming: pd.DataFrame, norm: pd.Series,
                          with_id: pd.Series, target: pd.Series, new: np.ndarray, apart: np.ndarray) -> tuple[str, ...]:
    """The file's notes on the Salesforce accounts made accounts of their own although other
    accounts (of the map, or of the batch with another Salesforce id) hold their name: one per name
    where every one of them has a Salesforce id, else one per new account, naming the others.

    `accounts` are the map's before the batch's new ones; `target` the account_id of each staged
    account. Only the accounts of the names concerned are looked at.
    """
    new_with_id = new & (with_id != "").to_numpy()
    repeated = norm[new_with_id].value_counts()
    names = set(repeated.index[repeated > 1]) | set(norm[apart])
    if not names:
        return ()
    map_ids = _map_salesforce_ids(accounts)
    account_ids, map_names = accounts["account_id"].to_numpy(dtype=object), accounts["name"].to_numpy(dtype=object)
    notes = []
    for name in pd.unique(norm[new_with_id & norm.isin(names).to_numpy()]):
        theirs = np.flatnonzero(map_keys == name)
        mine = np.flatnonzero(new_with_id & (norm == name).to_numpy())
        mine = mine[~pd.Series(target.to_numpy(dtype=object)[mine]).duplicated().to_numpy()]  # (one per account)
        shown = map_names[theirs[0]] if len(theirs) else incoming["name"].iloc[mine[0]]
        if (map_ids[theirs] != "").all():
            ids = [*account_ids[theirs], *target.to_numpy(dtype=object)[mine]]
            sf_ids = [*map_ids[theirs], *with_id.to_numpy(dtype=object)[mine]]
            notes.append(f"{_number(len(ids))} Salesforce accounts named {shown!r} (ids {', '.join(sf_ids)}): kept as "
                         f"{_number(len(ids))} accounts ({', '.join(ids)})")
            continue
        listed = ", ".join(f"{account_ids[o]} ({'Salesforce id ' + map_ids[o] if map_ids[o] else 'no Salesforce id'})"
                           for o in theirs)
        other = "another account" if len(theirs) == 1 else f"{len(theirs)} other accounts"
        for row in mine:
            sf_id, made = with_id.iloc[row], target.iloc[row]
            notes.append(f"Salesforce account {sf_id} is named {incoming['name'].iloc[row]!r}, as {other} of the map "
                         f"{'is' if len(theirs) == 1 else 'are'}: {listed}: not guessed which of them it is, so made "
                         f"an account of its own, {made}; if it is one of them, give that one salesforce_id {sf_id} in "
                         f"accounts.csv, move {made}'s people and team memberships to it in people.csv and team.csv, "
                         f"and remove {made}")
    return tuple(notes)


def _map_salesforce_ids(accounts: pd.DataFrame) -> np.ndarray:
    if "salesforce_id" not in accounts.columns:
        return np.full(len(accounts), "", dtype=object)
    return accounts["salesforce_id"].to_numpy(dtype=object)


def _number(n: int) -> str:
    return ("two", "three", "four", "five", "six", "seven", "eight", "nine")[n - 2] if 2 <= n <= 9 else str(n)


def _name_accounts_named_by_id(accounts: pd.DataFrame, positions: np.ndarray, incoming: pd.DataFrame) -> np.ndarray:
    """Give a real name to a matched account the map names by its Salesforce id; returns which of
    `positions` were named.

    A Data Loader contacts export without its Account export names each account by its id (the
    import says so); when an Account export later gives the name, that placeholder gives way, as an
    inferred role does (a name typed by hand never equals the id, so it stays).
    """
    if "salesforce_id" not in accounts.columns or not len(positions):
        return np.zeros(len(positions), dtype=bool)
    named_by_id = named_by_salesforce_id(accounts)[positions]
    name = incoming["name"].to_numpy()
    better = named_by_id & (name != "") & (name != accounts["name"].to_numpy()[positions])
    if better.any():
        write_at(accounts, "name", positions[better], arrow_text(incoming["name"]).filter(pa.array(better)))
    return better


def named_by_salesforce_id(accounts: pd.DataFrame) -> np.ndarray:
    """Which accounts the map names by their Salesforce id (a Data Loader contacts export imported
    without its Account export names them so, until an import gives the name).

    >>> named_by_salesforce_id(pd.DataFrame({"name": ["001A", "Orion Bank", ""], "salesforce_id": ["001A", "001B", ""]}))
    array([ True, False, False])
    """
    if "salesforce_id" not in accounts.columns:
        return np.zeros(len(accounts), dtype=bool)
    ids = accounts["salesforce_id"].to_numpy(dtype=object)
    return (accounts["name"].to_numpy(dtype=object) == ids) & (ids != "")


def _fold_named_accounts(accounts: pd.DataFrame, keys: np.ndarray, named_rows: np.ndarray, changed: np.ndarray
                         ) -> tuple[pd.DataFrame, tuple[str, ...], pd.DataFrame, np.ndarray]:
    """Make each account just named (`named_rows`, whose id named it) one with the map's account of
    that name, where exactly one other account holds the name (`keys`: each account's company key)
    and it has no Salesforce id; returns the folds (`AccountsMerge.folded`), why the others were kept
    apart, the accounts without the folded ones, and `changed` as rows of those.

    The map's account stays, with its id (people, team rows and other files name it), its name and
    values, and takes the Salesforce id and whatever it had blank; the account named by its id goes.
    Where the name is that of two or more other accounts, or of one with another Salesforce id (two
    companies of one name in Salesforce), nothing is guessed: the accounts stay apart, and the file's
    notes say so.
    """
    codes = pd.factorize(keys)[0]
    named_rows = np.unique(named_rows)
    shared = named_rows[(np.bincount(codes)[codes[named_rows]] > 1) & (keys[named_rows] != "")]
    if not len(shared):
        return _no_folds(), (), accounts, changed
    rows_of: dict[int, list[int]] = {}
    for row in np.flatnonzero(np.isin(codes, codes[shared])):  # the few accounts of the names just given
        rows_of.setdefault(int(codes[row]), []).append(int(row))
    ids, names = accounts["account_id"].to_numpy(dtype=object), accounts["name"].to_numpy(dtype=object)
    salesforce = accounts["salesforce_id"].to_numpy(dtype=object)
    from_rows, into_rows, kept_apart = [], [], []
    for row in shared:
        others = [other for other in rows_of[int(codes[row])] if other != row]
        if len(others) == 1 and salesforce[others[0]] == "":
            from_rows.append(int(row))
            into_rows.append(others[0])
            continue
        listed = ", ".join(f"{ids[o]} ({'Salesforce id ' + salesforce[o] if salesforce[o] else 'no Salesforce id'})"
                           for o in others)
        if all(salesforce[o] not in ("", salesforce[row]) for o in others):
            why = "a company of that name in Salesforce", "so kept apart"
        else:
            why = "", (f"not guessed which of them it is, so kept apart; if it is one of them, give that one "
                       f"salesforce_id {salesforce[row]} in accounts.csv, move {ids[row]}'s people and team "
                       f"memberships to it in people.csv and team.csv, and remove {ids[row]}")
        other = "another account" if len(others) == 1 else f"{len(others)} other accounts"
        kept_apart.append(f"account {ids[row]}, named by its Salesforce id {salesforce[row]} until this import, is "
                          f"named {names[row]!r}, as {other} of the map {'is' if len(others) == 1 else 'are'}: "
                          f"{listed}{', ' + why[0] if why[0] else ''}: {why[1]}")
    if not from_rows:
        return _no_folds(), tuple(kept_apart), accounts, changed
    gone, into = np.asarray(from_rows, dtype=np.int64), np.asarray(into_rows, dtype=np.int64)
    folded = pd.DataFrame({"from_id": ids[gone], "into_id": ids[into], "name": names[gone],
                           "into_name": names[into], "salesforce_id": salesforce[gone]})
    values = [c for c in accounts.columns if c not in ("account_id", "name")]
    folded["differing"] = differing_values(accounts.iloc[into], accounts.iloc[gone], values)
    fill_blanks(accounts, into, accounts.iloc[gone].reset_index(drop=True), values)
    changed = np.concatenate([changed[~np.isin(changed, gone)], into])
    keep = np.ones(len(accounts), dtype=bool)
    keep[gone] = False
    # (the rows below a folded account move up by one for each folded above them)
    return folded, tuple(kept_apart), accounts[keep].reset_index(drop=True), \
        changed - np.searchsorted(np.sort(gone), changed)


def fold_references(people: pd.DataFrame, team: pd.DataFrame, folded: pd.DataFrame
                    ) -> tuple[np.ndarray, pd.DataFrame, tuple[str, ...]]:
    """Move the people and team memberships of the accounts `merge_accounts` folded into the map's
    account of their name (`AccountsMerge.folded`); returns the rows of `people` moved (changed in
    place), the team, and a note per fold for the file's summary.

    A member on both teams keeps one membership: the map account's, its blanks filled from the other
    (a value both have, and that differs, stays the map account's: the note gives the other).
    """
    from_ids = pa.array(folded["from_id"].tolist(), pa.large_string())
    into = pd.Series(folded["into_id"].to_numpy(), index=folded["from_id"].to_numpy())
    moved = np.flatnonzero(in_set(arrow_text(people["account_id"]), from_ids))
    was = text_series(arrow_text(people["account_id"]).take(pa.array(moved)))
    write_at(people, "account_id", moved, arrow_text(lookup(was, into, "")))
    on_team = in_set(arrow_text(team["account_id"]), from_ids)
    team_was = team["account_id"].to_numpy(dtype=object)[on_team]
    differing = dict(zip(folded["from_id"], folded["differing"]))
    if on_team.any():
        team = team.copy()
        write_at(team, "account_id", np.flatnonzero(on_team), arrow_text(lookup(pd.Series(team_was), into, "")))
        person = team["person_id"].to_numpy(dtype=object)
        team, dropped, left_out = one_membership_per_pair(team, on_team)
        source = pd.Series(team_was, index=np.flatnonzero(on_team))[dropped]
        for account, who, lost in zip(source, person[dropped], left_out):
            if lost:
                differing[account] += ("; " if differing[account] else "") + f"{who}'s {lost}"
    n_people, n_team = was.value_counts(), pd.Series(team_was, dtype=object).value_counts()
    notes = tuple(
        f"account {row.from_id}, named by its Salesforce id {row.salesforce_id} until this import, is named "
        f"{row.name!r}, and so is the map's {row.into_id} ({row.into_name!r}), which had no Salesforce id: made one "
        f"account, {row.into_id}, which takes the id; {counts_in_words({'people': n_people.get(row.from_id, 0)})} "
        f"and {counts_in_words({'team': n_team.get(row.from_id, 0)})} moved to it"
        + (f"; where both had a value, {row.into_id}'s was kept, and {row.from_id}'s was: {differing[row.from_id]}"
           if differing[row.from_id] else "")
        for row in folded.itertuples(index=False))
    return moved, team, notes


def one_membership_per_pair(team: pd.DataFrame, moved: np.ndarray) -> tuple[pd.DataFrame, np.ndarray, list[str]]:
    """`team` with each (account_id, person_id) pair once, where rows just moved or re-pointed
    (`moved`, a mask) repeat a pair: the first row not moved (else the first) stays, its blanks
    filled from the others (changed in place), which go. Returns the team, the rows that went (of
    the given `team`), and what each of them had that the row kept had otherwise (`differing_values`).

    >>> team = pd.DataFrame({"account_id": ["a", "a", "a"], "person_id": ["s1", "s2", "s1"],
    ...                      "team_role": ["", "se", "ae"], "responsibilities": ["x", "", "y"]})
    >>> team, dropped, lost = one_membership_per_pair(team, np.array([False, False, True]))
    >>> team.values.tolist(), dropped.tolist(), lost
    ([['a', 's1', 'ae', 'x'], ['a', 's2', 'se', '']], [2], ["responsibilities 'y'"])
    """
    pair = joined(team["account_id"], team["person_id"]).to_numpy(dtype=object)
    order = np.argsort(moved, kind="stable")
    first = ~pd.Series(pair[order]).duplicated().to_numpy()
    kept, dropped = order[first], order[~first]
    if not len(dropped):
        return team, dropped, []
    at = kept[pd.Index(pair[kept]).get_indexer(pair[dropped])]
    values = [c for c in team.columns if c not in ("account_id", "person_id")]
    left_out = differing_values(team.iloc[at], team.iloc[dropped], values)
    fill_blanks(team, at, team.iloc[dropped].reset_index(drop=True), values)
    keep = np.ones(len(team), dtype=bool)
    keep[dropped] = False
    return team[keep].reset_index(drop=True), dropped, left_out


def differing_values(kept: pd.DataFrame, other: pd.DataFrame, columns) -> list[str]:
    """Per pair of rows (the i-th of `kept` and of `other`), the values of `other` in `columns` that
    differ from a value `kept` has ("" where none): what keeping the first row's values leaves out.

    >>> differing_values(pd.DataFrame({"role": ["ae", ""], "note": ["x", "y"]}),
    ...                  pd.DataFrame({"role": ["se", "se"], "note": ["x", ""]}), ["role", "note"])
    ["role 'se'", '']
    """
    out = [[] for _ in range(len(kept))]
    for col in columns:
        mine, theirs = kept[col].to_numpy(dtype=object), other[col].to_numpy(dtype=object)
        for i in np.flatnonzero((mine != "") & (theirs != "") & (mine != theirs)):
            out[i].append(f"{col} {theirs[i]!r}")
    return [", ".join(values) for values in out]


def _no_folds() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=object) for c in ("from_id", "into_id", "name", "into_name",
                                                              "salesforce_id", "differing")})
