"""What-if: take members off the team, or add a connection point, and compare the findings with today's.

A what-if never changes the map it is given: it derives a new map (`AccountMap.with_tables`, validated
again), analyses both under the same settings and date, and reports per account what would change —
coverage before and after, the stakeholders who would be lost or gained, heroes who would appear or be
relieved. The app's What-if page and the ``graphmap whatif`` command both call `whatif`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable

import pandas as pd

from graphmap.analysis import analyze
from graphmap.analysis.findings import AccountFindings, Coverage, Findings, PersonRef
from graphmap.exceptions import SettingsError, UnknownPersonError
from graphmap.model.accountmap import AccountMap
from graphmap.settings import DEFAULT_SETTINGS, Settings

__all__ = ["NewConnection", "AccountChange", "WhatIfResult", "whatif", "changed_map"]


@dataclass(frozen=True)
class NewConnection:
    """A connection point to add in a what-if: a supplier member reaching a stakeholder."""

    supplier_id: str
    """The member (side ``supplier``)."""
    customer_id: str
    """The stakeholder (side ``customer``)."""
    strength: int = 4
    """1 (weak) to 5 (strong)."""
    last_contact: dt.date | None = None
    """The date of the contact; None means the what-if's as-of date (a contact made today)."""


@dataclass(frozen=True)
class AccountChange:
    """What a what-if changes on one account."""

    account_id: str
    name: str
    coverage_before: Coverage
    coverage_after: Coverage
    alignment_before: float
    alignment_after: float
    lost: tuple[PersonRef, ...]
    """Stakeholders covered today who would be uncovered."""
    gained: tuple[PersonRef, ...]
    """Stakeholders uncovered today who would be covered."""
    heroes_appearing: tuple[PersonRef, ...]
    """Members who would become heroes of the account."""
    heroes_relieved: tuple[PersonRef, ...]
    """Members who are heroes today and would no longer be (members taken off are not listed here)."""
    new_single_threads: tuple[PersonRef, ...]
    """Key stakeholders who would hang on a single thread and do not today."""

    @property
    def changed(self) -> bool:
        """Whether any number or list differs between today and the what-if."""
        return bool(self.coverage_before != self.coverage_after or self.alignment_before != self.alignment_after
                    or self.lost or self.gained or self.heroes_appearing or self.heroes_relieved
                    or self.new_single_threads)


@dataclass(frozen=True)
class WhatIfResult:
    """Today's findings, the what-if's findings, and the difference account by account."""

    before: Findings
    after: Findings
    after_map: AccountMap
    """The map as it would be (members removed, connections added)."""
    removed_members: tuple[PersonRef, ...]
    added_connections: tuple[NewConnection, ...]
    accounts: tuple[AccountChange, ...]
    """One entry per account of the map, in the map's order."""

    @property
    def stakeholders_lost(self) -> tuple[PersonRef, ...]:
        """Every stakeholder, across accounts, who would become uncovered."""
        return tuple(p for change in self.accounts for p in change.lost)

    @property
    def stakeholders_gained(self) -> tuple[PersonRef, ...]:
        """Every stakeholder, across accounts, who would become covered."""
        return tuple(p for change in self.accounts for p in change.gained)

    def account(self, account_id: str) -> AccountChange:
        """The change on one account (raises `KeyError`)."""
        for change in self.accounts:
            if change.account_id == account_id:
                return change
        raise KeyError(account_id)


def changed_map(amap: AccountMap, remove_members: Iterable[str] = (),
                add_connections: Iterable[NewConnection] = (), as_of: dt.date | None = None,
                account_id: str | None = None) -> AccountMap:
    """The map with members taken off and connection points added (validated again).

    Parameters
    ----------
    amap
        Today's map; it is not changed.
    remove_members
        person_ids of supplier members to take off. Without `account_id` they leave: their team
        memberships, connections and quarterback roles go everywhere. With `account_id` they are taken
        off that account only (reassigned): its team membership, their connection points to its
        stakeholders and its quarterback role go; the rest of the portfolio keeps them.
    add_connections
        Connection points to add; one that joins a pair already connected replaces that connection.
    as_of
        The date of the added contacts that name none (default today).
    account_id
        Limit the removal to one account (see `remove_members`).

    Raises
    ------
    UnknownPersonError
        A person id the map does not hold, or a person on the wrong side.
    SettingsError
        A strength outside 1 to 5.
    """
    as_of = as_of or dt.date.today()
    people = amap.people.set_index("person_id")
    removed = list(dict.fromkeys(remove_members))
    for pid in removed:
        _require(people, pid, "supplier", "member to take off")
    added = list(add_connections)
    for new in added:
        _require(people, new.supplier_id, "supplier", "member of a new connection")
        _require(people, new.customer_id, "customer", "stakeholder of a new connection")
        if not 1 <= int(new.strength) <= 5:
            raise SettingsError(f"new connection {new.supplier_id}–{new.customer_id}: strength {new.strength!r} "
                                "is out of range; accepted: 1 to 5")
    accounts, team, conns, people_table = amap.accounts, amap.team, amap.connections, amap.people
    if removed:
        gone = set(removed)
        if account_id is None:
            team = team[~team["person_id"].isin(gone)]
            conns = conns[~(conns["from_id"].isin(gone) | conns["to_id"].isin(gone))]
            people_table = people_table[~people_table["person_id"].isin(gone)]
            people_table = people_table.assign(
                reports_to=people_table["reports_to"].where(~people_table["reports_to"].isin(gone), ""))
            accounts = accounts.assign(
                strategy_owner=accounts["strategy_owner"].where(~accounts["strategy_owner"].isin(gone), ""))
        else:
            amap.account(account_id)  # raises UnknownAccountError
            team = team[~((team["account_id"] == account_id) & team["person_id"].isin(gone))]
            theirs = set(people.index[people["account_id"] == account_id])
            touching = ((conns["from_id"].isin(gone) & conns["to_id"].isin(theirs))
                        | (conns["to_id"].isin(gone) & conns["from_id"].isin(theirs)))
            conns = conns[~touching]
            owner_gone = (accounts["account_id"] == account_id) & accounts["strategy_owner"].isin(gone)
            accounts = accounts.assign(strategy_owner=accounts["strategy_owner"].where(~owner_gone, ""))
    if added:
        pairs = {frozenset((n.supplier_id, n.customer_id)) for n in added}
        same = [frozenset(p) in pairs for p in zip(conns["from_id"], conns["to_id"])]
        conns = conns[~pd.Series(same, index=conns.index, dtype=bool)]
        rows = pd.DataFrame({
            "from_id": [n.supplier_id for n in added],
            "to_id": [n.customer_id for n in added],
            "strength": [str(int(n.strength)) for n in added],
            "last_contact": [(n.last_contact or as_of).isoformat() for n in added],
            "notes": ["what-if"] * len(added),
        })
        conns = pd.concat([_text(conns), rows], ignore_index=True).fillna("")
    return amap.with_tables(accounts=accounts, people=people_table, team=team, connections=conns)


def whatif(amap: AccountMap, remove_members: Iterable[str] = (), add_connections: Iterable[NewConnection] = (),
           settings: Settings = DEFAULT_SETTINGS, as_of: dt.date | None = None, account_id: str | None = None,
           before: Findings | None = None) -> WhatIfResult:
    """Compare today's findings with those of a changed team.

    Parameters
    ----------
    amap
        Today's map; it is not changed.
    remove_members, add_connections, account_id
        The change, as for `changed_map`.
    settings, as_of
        The thresholds and the date, the same for both sides of the comparison (as_of defaults to today).
    before
        Today's findings when the caller already holds them (same map, settings and date); computed
        otherwise.

    Examples
    --------
    >>> import datetime, graphmap, tempfile
    >>> amap = graphmap.read_map(graphmap.write_sample_map(tempfile.mkdtemp() + "/s"))
    >>> result = whatif(amap, remove_members=["s01"], as_of=datetime.date(2026, 11, 27))
    >>> [p.name for p in result.account("acc-cobalt").lost]
    ['Helen Brandt', 'Raj Malhotra']
    >>> result.account("acc-cobalt").coverage_after.key < result.account("acc-cobalt").coverage_before.key
    True
    """
    as_of = as_of or dt.date.today()
    removed = tuple(dict.fromkeys(remove_members))
    added = tuple(add_connections)
    after_map = changed_map(amap, removed, added, as_of, account_id)
    before = before if before is not None else analyze(amap, settings, as_of)
    after = analyze(after_map, settings, as_of)
    names = dict(zip(amap.people["person_id"], amap.people["name"]))
    changes = tuple(_account_change(old, after.account(old.account_id), set(removed), names)
                    for old in before.accounts)
    return WhatIfResult(before, after, after_map, tuple(PersonRef(p, names[p]) for p in removed), added, changes)


def _account_change(old: AccountFindings, new: AccountFindings, removed: set[str],
                    names: dict[str, str]) -> AccountChange:
    def refs(ids: Iterable[str]) -> tuple[PersonRef, ...]:
        return tuple(PersonRef(i, names[i]) for i in ids)

    old_uncovered = [u.person_id for u in old.uncovered]
    new_uncovered = [u.person_id for u in new.uncovered]
    old_heroes = [h.person_id for h in old.heroes]
    new_heroes = [h.person_id for h in new.heroes]
    old_single = {s.person_id for s in old.single_threaded}
    return AccountChange(
        old.account_id, old.name, old.coverage, new.coverage, old.alignment.score, new.alignment.score,
        lost=refs(p for p in new_uncovered if p not in set(old_uncovered)),
        gained=refs(p for p in old_uncovered if p not in set(new_uncovered)),
        heroes_appearing=refs(p for p in new_heroes if p not in set(old_heroes)),
        heroes_relieved=refs(p for p in old_heroes if p not in set(new_heroes) and p not in removed),
        new_single_threads=refs(s.person_id for s in new.single_threaded if s.person_id not in old_single),
    )


def _require(people: pd.DataFrame, person_id: str, side: str, what: str) -> None:
    if person_id not in people.index:
        raise UnknownPersonError(f"{what}: person {person_id!r} is not in the map")
    found = people.at[person_id, "side"]
    if found != side:
        raise UnknownPersonError(f"{what}: {person_id!r} ({people.at[person_id, 'name']}) is a {found}, "
                                 f"not a {side}")


def _text(conns: pd.DataFrame) -> pd.DataFrame:
    out = conns.copy()
    out["strength"] = out["strength"].astype(str)
    out["last_contact"] = out["last_contact"].dt.strftime("%Y-%m-%d").fillna("")
    return out
