"""The people a fold moves made one with their namesakes at the map's account (`merge_folded_namesakes`).

When an account the map named by its Salesforce id is made one with the map's account of its name
(`graphmap.imports.merge_accounts.fold_references`), its people move there, beside the people the
map already had at that account. Imported with the Account export, the same contacts would have
been matched to those people by the merge rules (docs/imports.md, "Companies, people and merge
rules"): a contact without an e-mail, or with one the map did not know, is the one namesake at its
account whose e-mail and ids do not contradict it. So a person moved whose normalised name is that
of exactly one person already at the account, with no other e-mail (one of the two has none, or
both the same) and no other Salesforce id, HubSpot id or LinkedIn URL, is that person: the map's
person stays, with its person_id, fills its blanks from the one moved, and takes its references
(connections, team memberships, managers, strategy owners); the one moved goes. Where two or more
people there could be the one moved, or two people moved could be one person there, nothing is
guessed: they stay apart and the file's notes say so. Only the people of a fold are looked at.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa

from graphmap.imports.merge_accounts import differing_values, one_membership_per_pair
from graphmap.imports.merge_links import LINK_COLUMNS, merge_links
from graphmap.imports.normalize import arrow_text, lookup, name_keys, text_series
from graphmap.imports.other_emails import OTHER_EMAILS, add_other_emails, split_emails
from graphmap.imports.person_ids import ID_COLUMNS
from graphmap.imports.role_merge import merge_roles
from graphmap.imports.rows import fill_blanks, in_set, write_at

__all__ = ["FoldedNamesakes", "merge_folded_namesakes", "namesake_pairs"]

#: The words of a strength typed by hand (DESIGN §3), for the link rules, which compare numbers.
_STRENGTH_WORDS = {"weak": "1", "medium": "3", "strong": "5"}


@dataclass(frozen=True)
class FoldedNamesakes:
    """What `merge_folded_namesakes` made of the people a fold moved."""

    people: pd.DataFrame
    """The people, without the moved people made one with a person already at the account."""
    team: pd.DataFrame
    """The team rows, pointing at the people kept (one membership per account and person)."""
    connections: pd.DataFrame
    """The connections, pointing at the people kept (one per pair of people)."""
    accounts: pd.DataFrame
    """The accounts, their strategy owners pointing at the people kept."""
    moved: np.ndarray
    """The rows of `people` that moved, or took the values of a person moved, each once."""
    notes: tuple[str, ...]
    """For the file's notes: each person moved made one with a person there, and each kept apart."""
    merged: int
    """How many people moved were made one with a person already at the account."""


def namesake_pairs(people: pd.DataFrame, moved: np.ndarray, accounts: pd.Series
                   ) -> tuple[np.ndarray, np.ndarray, list[tuple[list[int], list[int]]]]:
    """Which person moved (`moved`, rows of `people` now at one of `accounts`) is which person already
    there: the row moved and the row it is, one pair each, where the moved one's normalised name is
    that of exactly one person there with no other e-mail or id, and no other person moved is that
    person too. Also each doubt: a row and the rows (of `people`) it could be one with, where it
    could be several people there, or is one of several people moved who could be one person there:
    the rows moved and the rows there, as two lists.

    >>> people = pd.DataFrame({"person_id": ["c1", "c2", "c3", "c4"], "side": ["customer"] * 4,
    ...     "name": ["Ines Duarte", "Karl Berg", "INES DUARTE", "Karl Berg"], "account_id": ["a"] * 4,
    ...     "email": ["", "karl@x", "ines@x", "karl@y"]})
    >>> moved, there, doubts = namesake_pairs(people, np.array([2, 3]), pd.Series(["a"]))
    >>> moved.tolist(), there.tolist(), doubts
    ([2], [0], [])
    """
    nothing = np.zeros(0, dtype=np.int64)
    customer = (people["side"] == "customer").to_numpy()
    moved = np.unique(moved)
    at_account = in_set(arrow_text(people["account_id"]), arrow_text(accounts)) & customer
    at_account[moved] = False
    moved = moved[customer[moved]]  # (a supplier member is matched among the members, wherever it is)
    there = np.flatnonzero(at_account)
    if not len(there) or not len(moved):
        return nothing, nothing, []

    def facts(rows: np.ndarray) -> pd.DataFrame:
        frame = people.iloc[rows]
        out = pd.DataFrame({"row": rows, "account_id": frame["account_id"].to_numpy(dtype=object),
                            "key": name_keys(text_series(arrow_text(frame["name"]))).to_numpy(dtype=object),
                            "email": frame["email"].str.lower().to_numpy(dtype=object)})
        for col in ID_COLUMNS:
            out[col] = frame[col].to_numpy(dtype=object) if col in people.columns else ""
        return out

    pairs = facts(moved).merge(facts(there), on=["account_id", "key"], suffixes=("", "_there"))
    pairs = pairs[pairs["key"] != ""]
    agree = (pairs["email"] == "") | (pairs["email_there"] == "") | (pairs["email"] == pairs["email_there"])
    for col in ID_COLUMNS:
        agree &= (pairs[col] == "") | (pairs[f"{col}_there"] == "") | (pairs[col] == pairs[f"{col}_there"])
    pairs = pairs[agree]
    if pairs.empty:
        return nothing, nothing, []
    could_be = pairs["row"].map(pairs.groupby("row")["row_there"].size())
    claimed = pairs["row_there"].map(pairs.groupby("row_there")["row"].size())
    one = (could_be == 1) & (claimed == 1)
    doubts = [([int(row)], sorted(group["row_there"].astype(int))) for row, group in
              pairs[could_be > 1].groupby("row", sort=True)]
    claimers = pairs.groupby("row_there")["row"].agg(lambda rows: sorted(int(r) for r in rows))
    doubts += [(claimers[row], [int(row)]) for row in sorted(pd.unique(pairs["row_there"][(could_be == 1) & (claimed > 1)]))]
    return pairs["row"][one].to_numpy(dtype=np.int64), pairs["row_there"][one].to_numpy(dtype=np.int64), doubts


def merge_folded_namesakes(people: pd.DataFrame, moved: np.ndarray, folded: pd.DataFrame, team: pd.DataFrame,
                           connections: pd.DataFrame, accounts: pd.DataFrame) -> FoldedNamesakes:
    """Make each person a fold moved (`moved`, rows of `people`, as `fold_references` returns them;
    `folded` as `AccountsMerge.folded`) one with the person already at the map's account that it is
    (`namesake_pairs`): that person keeps its person_id and values, fills its blanks from the one
    moved (its buying role by the rules of `merge_roles`), and takes its connections (one per pair
    of people, by the link rules of `merge_links`), team memberships, reports and strategy
    ownerships; the one moved goes. `people` is changed in place before its rows are dropped.
    """
    moved_at, there, doubts = namesake_pairs(people, moved, folded["into_id"])
    notes = _doubt_notes(people, doubts, folded)
    if not len(moved_at):
        return FoldedNamesakes(people, team, connections, accounts, np.unique(moved), notes, 0)
    ids = people["person_id"].to_numpy(dtype=object)
    into_id = pd.Series(ids[there], index=ids[moved_at])
    if "reports_to" in people.columns:  # (those who reported to a person moved report to the person it is)
        _repoint(people, "reports_to", into_id)
    gone = people.iloc[moved_at].reset_index(drop=True)
    if "role" in people.columns and "role_source" in people.columns:
        merge_roles(people, there, gone.assign(side="customer"))
    fill_blanks(people, there, gone.assign(email=_emails_not_listed(people, there, gone)),
                [c for c in people.columns if c not in (*_NOT_COMPARED, "role", "role_source")])
    # (what the person kept had otherwise, once the role rules and the blanks have taken what they take)
    left_out = differing_values(people.iloc[there], gone,
                                [c for c in people.columns if c not in (*_NOT_COMPARED, "role_source")])
    if "reports_to" in people.columns:  # (one who reported to her namesake reports to no one)
        own = there[(people["reports_to"].to_numpy(dtype=object)[there] == ids[there])]
        write_at(people, "reports_to", own, pa.array([""] * len(own), pa.large_string()))
    keep = np.ones(len(people), dtype=bool)
    keep[moved_at] = False
    row_now = np.cumsum(keep) - 1  # (each row kept moves up by the rows dropped above it)
    people = people[keep].reset_index(drop=True)
    if OTHER_EMAILS in gone.columns:  # (once the moved rows are gone, their addresses are no one else's)
        theirs, cell = split_emails(arrow_text(gone[OTHER_EMAILS]))
        add_other_emails(people, row_now[there][cell], theirs)
    moved = np.unique(np.concatenate([row_now[np.setdiff1d(moved, moved_at)], row_now[there]]))
    notes = _merged_notes(ids, people, moved_at, there, folded, left_out) + notes
    return FoldedNamesakes(people, _team_of(team, into_id), _connections_of(connections, people, into_id),
                           _owners_of(accounts, into_id), moved, notes, len(moved_at))


#: The columns of a person that say who and where it is, not what is known of it.
_NOT_COMPARED = ("person_id", "name", "side", "account_id", OTHER_EMAILS)


def _emails_not_listed(people: pd.DataFrame, there: np.ndarray, gone: pd.DataFrame) -> pd.Series:
    """The e-mails of the people moved, blank where the person they are lists it among her other
    e-mails already (it would be listed twice)."""
    email = gone["email"].to_numpy(dtype=object)
    if OTHER_EMAILS not in people.columns:
        return pd.Series(email, dtype=object)
    theirs = people[OTHER_EMAILS].to_numpy(dtype=object)[there]
    listed = [e.lower() in {a.strip().lower() for a in o.replace(",", ";").split(";")} if e and o else False
              for e, o in zip(email, theirs)]
    return pd.Series(np.where(listed, "", email), dtype=object)


def _repoint(table: pd.DataFrame, col: str, into_id: pd.Series) -> np.ndarray:
    """Replace, in `table`'s column `col` (in place), each person_id of `into_id`'s index by its value;
    returns which rows changed."""
    touched = in_set(arrow_text(table[col]), arrow_text(pd.Series(into_id.index, dtype=object)))
    if touched.any():
        was = table[col][touched].reset_index(drop=True)
        write_at(table, col, np.flatnonzero(touched), arrow_text(lookup(was, into_id, was)))
    return touched


def _team_of(team: pd.DataFrame, into_id: pd.Series) -> pd.DataFrame:
    """The team rows with the people moved replaced by those they are (one membership per pair)."""
    team = team.copy(deep=False)  # (a column written replaces the column: the caller's frame stays)
    touched = _repoint(team, "person_id", into_id)
    if not touched.any():
        return team
    return one_membership_per_pair(team, touched)[0]


def _owners_of(accounts: pd.DataFrame, into_id: pd.Series) -> pd.DataFrame:
    """The accounts with a strategy owner that was a person moved owned by the person it is."""
    if "strategy_owner" not in accounts.columns:
        return accounts
    accounts = accounts.copy(deep=False)
    _repoint(accounts, "strategy_owner", into_id)
    return accounts


def _connections_of(connections: pd.DataFrame, people: pd.DataFrame, into_id: pd.Series) -> pd.DataFrame:
    """The connections with the people moved replaced by those they are: a connection between the
    two goes, and two connections of one pair become one by the link rules (`merge_links`: the
    better-founded strength, the later last contact), the map person's own first."""
    connections = connections.copy(deep=False)
    touched = _repoint(connections, "from_id", into_id) | _repoint(connections, "to_id", into_id)
    if not touched.any():
        return connections
    low = np.minimum(connections["from_id"].to_numpy(dtype=object), connections["to_id"].to_numpy(dtype=object))
    high = np.maximum(connections["from_id"].to_numpy(dtype=object), connections["to_id"].to_numpy(dtype=object))
    order = np.argsort(touched, kind="stable")  # (the connections not touched are kept)
    repeated = np.zeros(len(connections), dtype=bool)
    repeated[order] = pd.DataFrame({"a": low[order], "b": high[order]}).duplicated().to_numpy()
    drop = repeated | (low == high)
    later = connections[repeated & ~(low == high)]
    connections = connections[~drop].reset_index(drop=True)
    if later.empty:
        return connections
    strength = later["strength"].str.strip().str.lower().replace(_STRENGTH_WORDS) if "strength" in later.columns \
        else pd.Series("", index=later.index)
    links = later.drop(columns=["from_id", "to_id", "strength", "strength_source", "last_contact"], errors="ignore")
    links = links.assign(from_key=later["from_id"], to_key=later["to_id"],
                         strength=pd.to_numeric(strength, errors="coerce").astype(float),
                         strength_source=later["strength_source"] if "strength_source" in later.columns else "",
                         last_contact=pd.to_datetime(later.get("last_contact", ""), errors="coerce"))
    links = links[list(LINK_COLUMNS) + [c for c in links.columns if c not in LINK_COLUMNS]].reset_index(drop=True)
    return merge_links(connections, people, links, pd.Series(dtype=object), np.zeros(0, dtype=np.int64))[0]


def _merged_notes(ids: np.ndarray, people: pd.DataFrame, moved_at: np.ndarray, there: np.ndarray,
                  folded: pd.DataFrame, left_out: list[str]) -> tuple[str, ...]:
    """A note per person moved made one with the person already at the account that it is."""
    into = dict(zip(folded["into_id"], folded["from_id"]))
    kept = dict(zip(people["person_id"], zip(people["name"], people["account_id"])))
    notes = []
    for gone, stays, lost in zip(ids[moved_at], ids[there], left_out):
        name, account = kept[stays]
        notes.append(f"{gone}, moved to {account} with {into[account]}, is {stays} ({name!r}) there: the same name, "
                     f"and no other e-mail or id: made one person, {stays}, which takes {gone}'s connections, team "
                     f"memberships and the values it had blank"
                     + (f"; where both had a value, {stays}'s was kept, and {gone}'s was: {lost}" if lost else ""))
    return tuple(notes)


def _doubt_notes(people: pd.DataFrame, doubts: list[tuple[list[int], list[int]]], folded: pd.DataFrame
                 ) -> tuple[str, ...]:
    """A note per person moved, or people moved, that could be several people there, or one
    person there that several people moved could be: kept apart, not guessed."""
    into = dict(zip(folded["into_id"], folded["from_id"]))
    ids, names = people["person_id"].to_numpy(dtype=object), people["name"].to_numpy(dtype=object)
    accounts = people["account_id"].to_numpy(dtype=object)
    notes = []
    for moved, there in doubts:
        account = accounts[there[0]]
        them = ", ".join(ids[moved])
        if len(moved) == 1:
            said = (f"{them} ({names[moved[0]]!r}), moved to {account} with {into[account]}, could be any of "
                    f"{len(there)} people there: {', '.join(ids[there])}")
        else:
            said = (f"{them}, moved to {account} with {into[account]}, could each be {ids[there[0]]} "
                    f"({names[there[0]]!r}) there")
        notes.append(f"{said}: not guessed which is who, so kept apart; if two of them are one person, merge them "
                     "in people.csv, connections.csv and team.csv")
    return tuple(notes)
