"""Merging what an export holds into a map's tables, without duplicating or blanking anything.

Every profile turns its file into a `Staged` batch: accounts, people, connections and team rows that
refer to one another by the batch's own keys. `merge_staged` matches them to the map (DESIGN §3
tables, as text) and returns the new tables and what changed. The rules (docs/imports.md, "Companies, people and merge rules"):

- accounts match by a CRM id when both sides have it, else by normalised name, which another
  Salesforce id contradicts (two Salesforce accounts of one name are two accounts); new ones get an id;
  an account named by its Salesforce id that the batch names becomes one with the map's only other
  account of that name when that one has no Salesforce id (`graphmap.imports.merge_accounts`), and
  a person it moves there who is the one namesake there is made one with her
  (`graphmap.imports.fold_namesakes`);
- people match by e-mail (case-insensitive), else by a CRM id or LinkedIn URL, else by normalised
  name within the same account (supplier members: among supplier members); a contact row whose name
  is all there is to go by and is held by two or more people there is refused, not guessed, and
  returned with the reason for the error file; a contact owner known by such a name is left out
  with its connection points, and the rows naming it returned with the reason;
- a value the map already has is never replaced by a blank, and the map's own values win over an
  export's, except where an import wrote them: an inferred role (``role_source = title``) gives way to
  an export's role, and a derived strength gives way to a better-founded one (activities over CRM
  ownership over a LinkedIn tie); a strength or role typed by hand always stays;
- a connection's last contact only moves forward.

Everything is a column operation, so that merging a million contacts takes seconds. People are
merged in `merge_people`, accounts in `merge_accounts`, connections in `merge_links`, managers in
`graphmap.imports.managers`; team rows here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa

from graphmap.imports.managers import managers_not_found
from graphmap.imports.fold_namesakes import merge_folded_namesakes
from graphmap.imports.merge_accounts import fold_references, merge_accounts
from graphmap.imports.merge_links import LINK_COLUMNS, LINK_ROWS, STRENGTH_SOURCES, Ends, merge_links
from graphmap.imports.merge_people import PEOPLE_COLUMNS, merge_people
from graphmap.imports.person_ids import ID_COLUMNS
from graphmap.imports.namesakes import namesake_reasons
from graphmap.imports.normalize import arrow_text, lookup, positions_in
from graphmap.imports.rows import fill_blanks, no_rows, text_table

__all__ = ["Staged", "MergeCounts", "RowFindings", "Ends", "merge_staged", "empty_staged",
           "STRENGTH_SOURCES", "ID_COLUMNS"]


@dataclass(frozen=True)
class Staged:
    """One export, converted: rows that refer to one another by keys of the batch.

    ``accounts``: key, name, and any extra columns (``salesforce_id``, strategy fields).
    ``people``: key, side, account_key (customers), name, title, email, role, role_source,
    reports_to_key (a key, CRM id, e-mail or name of the manager), and extra columns.
    ``links``: from_key, to_key (batch keys or person_ids of the map), strength (float, NaN = none),
    strength_source, last_contact (datetime64), optionally from_row and to_row (the row of that end in
    ``people``, -1 where the key must be looked up: saves a hash look-up per row) or from_map_row and
    to_map_row (the row among the map's people of an end that is a person_id of the map), and extra
    columns (the factors of a derived strength).
    ``team``: account_key, person_key, team_role, responsibilities, and extra columns.
    ``people_rows``: the file row (as a spreadsheet shows it) each staged person comes from, -1 for
    one that is no row of its own (a contact owner); None when no person is. Only a person with a
    row can be refused by the merge, since only a row can be reported.
    """

    accounts: pd.DataFrame
    people: pd.DataFrame
    links: pd.DataFrame
    team: pd.DataFrame
    people_rows: np.ndarray | None = field(default=None, compare=False)


@dataclass(frozen=True)
class MergeCounts:
    """What one merge changed in the map."""

    accounts_added: int = 0
    accounts_updated: int = 0
    """Accounts of the map given a value they had blank (an id, a strategy owner, an extra column),
    or their name where the map named them by their Salesforce id."""
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

    links = frame(LINK_COLUMNS)
    links["strength"] = links["strength"].astype(float)
    links["last_contact"] = pd.Series(dtype="datetime64[ns]")
    return Staged(frame(("key", "name")), frame(PEOPLE_COLUMNS), links,
                  frame(("account_key", "person_key", "team_role", "responsibilities")))


@dataclass(frozen=True)
class RowFindings:
    """What a merge found about rows of the file it merged, for the import to report on them."""

    refused: pd.DataFrame
    """Rows left out, as ``row`` (of the file, from ``Staged.people_rows``) and ``reason``: a contact
    whose name is held by several people at its account. Nothing of them is in the tables."""
    no_manager: np.ndarray
    """Rows of ``Staged.people`` that name a manager (``reports_to_key``) while their person, merged,
    has none: the name matched no one else, or several people (`find_managers_again` looks again
    once every file is merged, and says which)."""
    no_manager_people: tuple[str, ...] = ()
    """The person_id of each row of `no_manager`, to look for its manager again once every file is
    merged (`find_managers_again`)."""
    owner_unplaced: pd.DataFrame = field(default_factory=no_rows)
    """Rows imported without a connection point to their contact owner, as ``row`` and ``reason``:
    the owner, known by name only, is the name of two or more members."""
    ids_withheld: pd.DataFrame = field(default_factory=no_rows)
    """Rows imported without their CRM id or LinkedIn URL, as ``row`` and ``reason``: another person
    holds it (`graphmap.imports.person_ids.withhold_taken_ids`)."""
    no_manager_unchanged: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    """Which rows of `no_manager` are of a person the merge counted unchanged (found a manager once
    every file is merged, it is updated)."""
    account_notes: tuple[str, ...] = ()
    """What became of accounts the map named by their Salesforce id and the file named, where other
    accounts of the map hold that name: made one with the map's account of the name, or kept apart
    (`graphmap.imports.merge_accounts`), for the file's notes."""
    account_unknown: pd.DataFrame = field(default_factory=no_rows)
    """Rows left out, as ``row`` and ``reason``: a contact at a company whose name two or more
    accounts of the map hold, which no e-mail or id finds in the map. Nothing of them is in the tables."""


def merge_staged(tables: dict[str, pd.DataFrame], staged: Staged, ends: Ends | None = None
                 ) -> tuple[dict[str, pd.DataFrame], MergeCounts, Ends | None, RowFindings]:
    """Merge one staged export into text tables of a map; returns the new tables, the counts, the
    new connections' `Ends` (given `ends`, the `Ends` of the map's connections, it need not look up
    their ids; validation takes the result for the same reason) and what the merge found about rows
    of the file, for the error file (`RowFindings`)."""
    accounts, people = text_table(tables["accounts"]), text_table(tables["people"])
    team, conns = text_table(tables["team"]), text_table(tables["connections"])
    made = merge_accounts(accounts, text_table(staged.accounts))
    account_of, accounts, accounts_added, accounts_changed = made.account_of, made.accounts, made.added, made.changed
    moved, account_notes = np.zeros(0, dtype=np.int64), made.kept_apart
    if len(made.folded):  # before the people merge, which then finds the people of both accounts at one
        moved, team, notes = fold_references(people, team, made.folded)
        # A person moved who is her namesake at the map's account is made one with her, as the
        # same files in one import would have matched her there.
        same = merge_folded_namesakes(people, moved, made.folded, team, conns, accounts)
        people, team, conns, accounts, moved = same.people, same.team, same.connections, same.accounts, same.moved
        account_notes = notes + same.notes + account_notes
        if same.merged:  # (rows of people went: the connections' ends are found again)
            ends = None
    incoming = text_table(staged.people)
    refusable = staged.people_rows >= 0 if staged.people_rows is not None else None
    link_rows = tuple(staged.links[c].to_numpy(dtype=np.int64) for c in LINK_ROWS) \
        if all(c in staged.links.columns for c in LINK_ROWS) else None
    unplaced = None
    if len(made.unplaced):  # (contacts at a company named as several accounts: placed at none of them)
        unplaced = incoming["account_key"].isin(made.unplaced["key"]).to_numpy() & \
            (incoming["side"] == "customer").to_numpy()
    merged = merge_people(people, incoming, account_of, refusable, link_rows, unplaced)
    person_of, row_of, people, namesakes, withheld = merged.person_of, merged.row_of, merged.people, merged.refused, \
        merged.ids_withheld
    no_manager = managers_not_found(incoming, people, row_of)
    no_manager_people = tuple(arrow_text(people["person_id"]).take(pa.array(row_of[no_manager])).to_pylist()) \
        if len(no_manager) else ()
    no_manager_unchanged = np.isin(row_of[no_manager], merged.unchanged)
    conns, conn_counts, ends = merge_links(conns, people, staged.links, person_of, row_of, ends)
    team, team_added = _merge_team(team, text_table(staged.team), account_of, person_of)
    if "strategy_owner_key" in staged.accounts.columns:
        owners = text_table(staged.accounts)
        owners = owners.assign(account_id=owners["key"].map(account_of),
                               owner=owners["strategy_owner_key"].map(person_of))
        owners = owners.dropna(subset=["account_id", "owner"])
        positions = pd.Index(accounts["account_id"]).get_indexer(owners["account_id"])
        written = fill_blanks(accounts, positions, pd.DataFrame({"strategy_owner": owners["owner"].to_numpy()}),
                              ["strategy_owner"])
        # (an account added by this batch is counted as added, not updated)
        accounts_changed = np.concatenate([accounts_changed, positions[written & (positions < len(accounts)
                                                                                  - accounts_added)]])
    counts = MergeCounts(accounts_added, len(np.unique(accounts_changed)), *_with_moved(merged, moved, len(people)),
                         *conn_counts, team_added)
    refused, owner_unplaced, account_unknown = no_rows(), no_rows(), no_rows()
    if unplaced is not None and len(namesakes):
        nowhere = unplaced[namesakes["row"].to_numpy()] & (namesakes["account_id"] == "").to_numpy()
        account_unknown = _rows_at_several_accounts(staged, incoming, namesakes[nowhere], made.unplaced)
        namesakes = namesakes[~nowhere]
    if len(namesakes):
        filed = staged.people_rows[namesakes["row"].to_numpy()] >= 0
        owners, namesakes = namesakes[~filed], namesakes[filed]
        name_of = dict(zip(accounts["account_id"], accounts["name"]))
        refused = pd.DataFrame({"row": staged.people_rows[namesakes["row"].to_numpy()], "reason": namesake_reasons(
            namesakes["name"].tolist(), [name_of.get(a, a) for a in namesakes["account_id"]],
            namesakes["candidates"].tolist(), namesakes["email"].tolist())})
        owner_unplaced = _rows_of_unplaced_owners(staged, incoming, owners, row_of)
    ids_withheld = no_rows()
    if len(withheld):  # (a contact owner is no row of the file: an id withheld from one goes unreported)
        file_rows = staged.people_rows[withheld["row"].to_numpy()]
        ids_withheld = pd.DataFrame({"row": file_rows, "reason": withheld["reason"].to_numpy()})[file_rows >= 0]
    return ({"accounts": accounts, "people": people, "team": team, "connections": conns}, counts, ends,
            RowFindings(refused, no_manager, no_manager_people, owner_unplaced, ids_withheld, no_manager_unchanged,
                        account_notes, account_unknown))


def _rows_at_several_accounts(staged: Staged, incoming: pd.DataFrame, refused: pd.DataFrame,
                              unplaced: pd.DataFrame) -> pd.DataFrame:
    """The file rows refused because their company is the name of several accounts of the map
    (`AccountsMerge.unplaced`), each with the reason: the accounts it could be, and what says which."""
    said = dict(zip(unplaced["key"], zip(unplaced["name"], unplaced["accounts"])))
    reasons = []
    for key in incoming["account_key"].to_numpy(dtype=object)[refused["row"].to_numpy()]:
        name, accounts = said[key]
        reasons.append(f'company "{name}" is the name of {accounts}: not guessed which; import the contact from a '
                       "Salesforce Contact export (its AccountId says which), or rename one of the accounts in "
                       "accounts.csv")
    return pd.DataFrame({"row": staged.people_rows[refused["row"].to_numpy()], "reason": reasons})


def _with_moved(merged, moved: np.ndarray, n_people: int) -> tuple[int, int, int]:
    """The people merge's counts (added, updated, unchanged) with the people of the map that moved to
    another account (`fold_references`) counted as updated, once each."""
    added, updated, unchanged = merged.counts
    if not len(moved):
        return added, updated, unchanged
    matched = merged.row_of[(merged.row_of >= 0) & (merged.row_of < n_people - added)]
    was_unchanged = int(np.isin(moved, merged.unchanged).sum())
    return added, updated + was_unchanged + int((~np.isin(moved, matched)).sum()), unchanged - was_unchanged


def _rows_of_unplaced_owners(staged: Staged, incoming: pd.DataFrame, owners: pd.DataFrame, row_of: np.ndarray
                             ) -> pd.DataFrame:
    """The file rows whose contact owner is one of `owners` (owners the merge left unplaced, as
    `merge_people` returns them), each with the reason it was imported without that connection
    point. A row the merge refused (`row_of` -1) is reported as refused, not here."""
    if not len(owners):
        return no_rows()
    key_of = incoming["key"].to_numpy(dtype=object)
    reason_of = {key_of[row]: f'contact owner "{name}" matches {len(ids)} members named "{name}" ({", ".join(ids)}): '
                 "imported without a connection point to its owner; write the owner's e-mail in the owner column "
                 "to say which" for row, name, ids in zip(owners["row"], owners["name"], owners["candidates"])}
    links = staged.links
    named = links["from_key"].isin(list(reason_of)).to_numpy()  # an owner is the from end of its links
    contact = links["to_row"].to_numpy(dtype=np.int64)[named] if "to_row" in links.columns else \
        positions_in(links["to_key"][named], incoming["key"])
    imported = contact >= 0
    imported[imported] = row_of[contact[imported]] >= 0
    frame = pd.DataFrame({"row": staged.people_rows[contact[imported]],
                          "reason": links["from_key"][named][imported].map(reason_of).to_numpy(dtype=object)})
    return frame[frame["row"] >= 0].drop_duplicates("row").sort_values("row", ignore_index=True)


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
