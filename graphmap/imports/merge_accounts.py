"""Merging an export's companies into a map's accounts (`merge_accounts`).

Accounts match by Salesforce id when both sides have one, else by normalised company name
(`graphmap.imports.normalize.company_keys`); an account's own id from a map file counts only with
the same name. New companies become accounts with ids ``acc-<name>``. An account that the map
names by its Salesforce id (a Data Loader contacts export imported without its Account export)
takes the name an export gives it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

from graphmap.imports.normalize import arrow_text, company_keys, lookup, slugs, where_text
from graphmap.imports.rows import fill_blanks, unique_ids, write_at

__all__ = ["merge_accounts"]


def merge_accounts(accounts: pd.DataFrame, incoming: pd.DataFrame
                   ) -> tuple[pd.Series, pd.DataFrame, int, np.ndarray]:
    """Merge staged accounts; returns each staged key's account_id, the accounts, how many were
    added and the rows of the map's accounts that changed (a row may repeat)."""
    if incoming.empty:
        return pd.Series(dtype=object), accounts, 0, np.zeros(0, dtype=np.int64)
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
    filled = fill_blanks(accounts, positions, incoming[matched], extra)
    named = _name_accounts_named_by_id(accounts, positions, incoming[matched])
    rows = added.drop(columns=["key", "strategy_owner_key"], errors="ignore").assign(account_id=new_ids.to_numpy())
    accounts = pd.concat([accounts, rows], ignore_index=True).fillna("")
    return (pd.Series(target.to_numpy(), index=incoming["key"].to_numpy()), accounts, len(rows),
            positions[filled | named])


def _name_accounts_named_by_id(accounts: pd.DataFrame, positions: np.ndarray, incoming: pd.DataFrame) -> np.ndarray:
    """Give a real name to a matched account the map names by its Salesforce id; returns which of
    `positions` were named.

    A Data Loader contacts export without its Account export names each account by its id (the
    import says so); when an Account export later gives the name, that placeholder gives way, as an
    inferred role does (a name typed by hand never equals the id, so it stays).
    """
    if "salesforce_id" not in accounts.columns or not len(positions):
        return np.zeros(len(positions), dtype=bool)
    named_by_id = (accounts["name"].to_numpy()[positions] == accounts["salesforce_id"].to_numpy()[positions]) & \
        (accounts["salesforce_id"].to_numpy()[positions] != "")
    name = incoming["name"].to_numpy()
    better = named_by_id & (name != "") & (name != accounts["name"].to_numpy()[positions])
    if better.any():
        write_at(accounts, "name", positions[better], arrow_text(incoming["name"]).filter(pa.array(better)))
    return better
