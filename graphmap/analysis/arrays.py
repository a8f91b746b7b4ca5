"""The map as integer-coded arrays, computed once per analysis and shared by every finding.

People and accounts become positions (0..P-1, 0..A-1); each connection point becomes a row of
parallel numpy arrays (supplier, stakeholder, account, strength, age, health). Every finding is then a
column operation or a short loop over one account's rows, so the cost grows linearly with the
number of connections.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from graphmap.model.accountmap import AccountMap, IdPositions
from graphmap.model.roles import KEY_ROLES
from graphmap.settings import Settings

__all__ = ["MapArrays", "group_rows", "split_records", "UNKNOWN_DAYS"]

#: The age given to a contact of unknown date: never stale.
UNKNOWN_DAYS = np.iinfo(np.int64).min


def group_rows(groups: np.ndarray, count: int) -> tuple[np.ndarray, np.ndarray]:
    """Order rows by group; rows of group g are ``order[bounds[g]:bounds[g + 1]]``.

    >>> order, bounds = group_rows(np.array([1, 0, 1]), 2)
    >>> order[bounds[1]:bounds[2]].tolist()
    [0, 2]
    """
    order = np.argsort(groups, kind="stable")
    bounds = np.searchsorted(groups[order], np.arange(count + 1))
    return order, bounds


def split_records(groups: np.ndarray, records: list, count: int) -> list[tuple]:
    """Split records, already ordered by their group, into one tuple per group 0..count-1.

    >>> split_records(np.array([0, 0, 2]), ["a", "b", "c"], 3)
    [('a', 'b'), (), ('c',)]
    """
    bounds = np.searchsorted(groups, np.arange(count + 1)).tolist()
    return [tuple(records[bounds[g]:bounds[g + 1]]) for g in range(count)]


@dataclass(eq=False)
class MapArrays:
    """Integer-coded columns of a map, as of a date, under some settings."""

    amap: AccountMap
    settings: Settings
    as_of: dt.date

    def __post_init__(self) -> None:
        people, accounts, s = self.amap.people, self.amap.accounts, self.settings
        self.account_index = pd.Index(accounts["account_id"])
        self.n_people = len(people)
        self.n_accounts = len(accounts)
        self.is_supplier = (people["side"] == "supplier").to_numpy()
        pos = self.amap.positions
        if pos is None or len(pos.from_person) != len(self.amap.connections) or len(pos.owner) != self.n_accounts:
            pos = _positions_of(self.amap)
        self.person_account = pos.person_account
        self.influence = people["influence"].to_numpy(dtype=np.int64)
        self.role = people["role"].to_numpy(dtype=object)
        self.is_key = (~self.is_supplier) & (people["role"].isin(KEY_ROLES).to_numpy()
                                             | (self.influence >= s.key_min_influence))
        self.owner = pos.owner

        conns = self.amap.connections
        a, b = pos.from_person, pos.to_person
        days = _days_before(conns["last_contact"], self.as_of)
        sup_a, sup_b = self.is_supplier[a], self.is_supplier[b]
        point = sup_a != sup_b
        self.cp_row = np.flatnonzero(point)
        self.cp_supplier = np.where(sup_a, a, b)[point]
        self.cp_customer = np.where(sup_a, b, a)[point]
        self.cp_account = self.person_account[self.cp_customer]
        self.cp_strength = conns["strength"].to_numpy(dtype=np.int64)[point]
        self.cp_days = days[point]
        self.cp_weak = self.cp_strength <= s.weak_max_strength
        self.cp_stale = self.cp_days > s.stale_days
        self.cp_healthy = ~self.cp_weak & ~self.cp_stale

        internal = sup_a & sup_b
        self.link_a, self.link_b = a[internal], b[internal]
        self.link_fresh = days[internal] <= s.stale_days  # an unknown date counts as not stale

        team = self.amap.team
        self.team_account, self.team_person = pos.team_account, pos.team_person
        own_role = people["role"].to_numpy(dtype=object)[self.team_person] if len(team) else np.array([], object)
        team_role = team["team_role"].to_numpy(dtype=object)
        self.team_role = np.where(team_role != "", team_role, own_role) if len(team) else team_role
        self.team_responsibilities = team["responsibilities"].to_numpy(dtype=object)

    # -- per-person counts ------------------------------------------------------------------------

    @cached_property
    def healthy_count(self) -> np.ndarray:
        """Per person: healthy connection points (for a stakeholder: members reaching them)."""
        return np.bincount(self.cp_customer[self.cp_healthy], minlength=self.n_people)

    @cached_property
    def covered(self) -> np.ndarray:
        """Per person: a stakeholder with at least one healthy connection point."""
        return (~self.is_supplier) & (self.healthy_count > 0)

    @cached_property
    def cp_sole(self) -> np.ndarray:
        """Per connection point: healthy and the only healthy one its stakeholder has."""
        return self.cp_healthy & (self.healthy_count[self.cp_customer] == 1)

    # -- names, fetched only for the people who appear in findings ----------------------------------

    @cached_property
    def names(self) -> np.ndarray:
        return self.amap.people["name"].to_numpy(dtype=object)

    @cached_property
    def titles(self) -> np.ndarray:
        return self.amap.people["title"].to_numpy(dtype=object)

    @cached_property
    def person_ids(self) -> np.ndarray:
        return self.amap.people["person_id"].to_numpy(dtype=object)

    # -- pair keys: one integer per (account, person) -----------------------------------------------

    def pair_key(self, account: np.ndarray, person: np.ndarray) -> np.ndarray:
        return account.astype(np.int64) * max(self.n_people, 1) + person

    @cached_property
    def team_keys(self) -> np.ndarray:
        """Sorted (account, member) keys of the team memberships."""
        return np.sort(self.pair_key(self.team_account, self.team_person))

    def on_team(self, account: np.ndarray, person: np.ndarray) -> np.ndarray:
        """Per pair: the member is on the account's team."""
        return _isin_sorted(self.pair_key(account, person), self.team_keys)


def _positions_of(amap: AccountMap) -> IdPositions:
    """Row positions of the id references of a map that validation did not index (a subset)."""
    people, accounts = amap.people, amap.accounts
    person_ids, account_ids = _arrow(people["person_id"]), _arrow(accounts["account_id"])
    return IdPositions(
        person_account=_positions(people["account_id"], account_ids),
        owner=_positions(accounts["strategy_owner"], person_ids),
        team_account=_positions(amap.team["account_id"], account_ids),
        team_person=_positions(amap.team["person_id"], person_ids),
        from_person=_positions(amap.connections["from_id"], person_ids),
        to_person=_positions(amap.connections["to_id"], person_ids),
    )


def _arrow(values: pd.Series) -> pa.Array:
    return pa.array(values.array, type=pa.string())


def _positions(values: pd.Series, ids: pa.Array) -> np.ndarray:
    """Position of each value among `ids`, -1 where absent (hashing in Arrow, not in Python objects)."""
    found = pc.index_in(_arrow(values), value_set=ids)
    return found.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)


def _isin_sorted(values: np.ndarray, sorted_keys: np.ndarray) -> np.ndarray:
    if not len(sorted_keys):
        return np.zeros(len(values), dtype=bool)
    pos = np.minimum(np.searchsorted(sorted_keys, values), len(sorted_keys) - 1)
    return sorted_keys[pos] == values


def _days_before(dates: pd.Series, as_of: dt.date) -> np.ndarray:
    """Days from each date to `as_of`; `UNKNOWN_DAYS` where the date is unknown (so never stale)."""
    day = dates.to_numpy(dtype="datetime64[D]")
    known = ~np.isnat(day)
    out = np.full(len(day), UNKNOWN_DAYS, dtype=np.int64)
    out[known] = (np.datetime64(as_of, "D") - day[known]).astype(np.int64)
    return out
