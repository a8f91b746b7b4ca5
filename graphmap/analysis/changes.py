"""Changes to a map for a what-if: remove supplier members, add (or renew) connection points.

`apply_changes` returns a new, validated `AccountMap`; the map given is never changed. Compare the
findings before and after with `graphmap.analysis.diff.diff_findings`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable

import pandas as pd

from graphmap.exceptions import UnknownPersonError
from graphmap.model.accountmap import AccountMap

__all__ = ["NewConnection", "apply_changes", "HEALTHY_STRENGTH"]

#: The strength given to a proposed connection when none is said: the middle of the healthy range.
HEALTHY_STRENGTH = 4


@dataclass(frozen=True, slots=True)
class NewConnection:
    """A connection point to add to a map, or to renew when the two people are already connected."""

    supplier_id: str
    """The supplier member."""
    customer_id: str
    """The stakeholder."""
    strength: int = HEALTHY_STRENGTH
    """1 to 5."""
    last_contact: dt.date | None = None
    """The date of the contact; None means the as-of date of the change."""


def _check_person(people: pd.DataFrame, person_id: str, side: str, what: str) -> None:
    hit = people.loc[people["person_id"] == person_id, "side"]
    if hit.empty:
        raise UnknownPersonError(f"{what} {person_id!r} is not a person_id of the map")
    if hit.iloc[0] != side:
        raise UnknownPersonError(f"{what} {person_id!r} is a {hit.iloc[0]} person; a {side} person is needed")


def apply_changes(amap: AccountMap, remove_members: Iterable[str] = (),
                  add_connections: Iterable[NewConnection] = (), as_of: dt.date | None = None) -> AccountMap:
    """A copy of the map with supplier members removed and connection points added.

    Removing a member removes them from people, from every team, every connection they hold, and as the
    strategy owner of any account (which is then left without a quarterback). An added connection
    between two people who are already connected replaces the existing row.

    Parameters
    ----------
    amap
        The map (not changed).
    remove_members
        person_ids of supplier members (raises `UnknownPersonError` for an unknown id or a stakeholder).
    add_connections
        Connection points to add; their `last_contact` defaults to `as_of`.
    as_of
        The date given to added connections without one (default today).

    Examples
    --------
    >>> import graphmap, tempfile
    >>> amap = graphmap.read_map(graphmap.write_sample_map(tempfile.mkdtemp() + "/s"))
    >>> after = apply_changes(amap, remove_members=["s01"], add_connections=[NewConnection("s03", "cm1", 5)])
    >>> "s01" in set(after.people["person_id"]), after.account("acc-cobalt").strategy_owner
    (False, '')
    >>> int(after.connections.query("from_id == 's03' and to_id == 'cm1'")["strength"].iloc[0])
    5
    """
    as_of = as_of or dt.date.today()
    removed = list(dict.fromkeys(remove_members))
    added = list(add_connections)
    people = amap.people
    for member in removed:
        _check_person(people, member, "supplier", "member to remove")
    for new in added:
        _check_person(people, new.supplier_id, "supplier", "connection from")
        _check_person(people, new.customer_id, "customer", "connection to")
        if new.supplier_id in removed:
            raise UnknownPersonError(f"connection from {new.supplier_id!r}: that member is being removed")
        if not 1 <= new.strength <= 5:
            raise UnknownPersonError(f"connection {new.supplier_id}-{new.customer_id}: strength {new.strength!r} "
                                     "is out of range; accepted: 1 to 5")

    gone = set(removed)
    conns = amap.connections
    conns = conns[~(conns["from_id"].isin(gone) | conns["to_id"].isin(gone))]
    pairs = {frozenset((n.supplier_id, n.customer_id)) for n in added}
    if pairs:
        same = [frozenset(p) in pairs for p in zip(conns["from_id"], conns["to_id"])]
        conns = conns[~pd.Series(same, index=conns.index, dtype=bool)]
    rows = pd.DataFrame({
        "from_id": [n.supplier_id for n in added],
        "to_id": [n.customer_id for n in added],
        "strength": [str(n.strength) for n in added],
        "last_contact": [(n.last_contact or as_of).isoformat() for n in added],
        "notes": ["what-if" for _ in added],
    })
    if added:
        as_text = conns.assign(last_contact=conns["last_contact"].dt.strftime("%Y-%m-%d").fillna(""),
                               strength=conns["strength"].astype(str))
        conns = pd.concat([as_text, rows], ignore_index=True)

    accounts = amap.accounts.assign(
        strategy_owner=amap.accounts["strategy_owner"].where(~amap.accounts["strategy_owner"].isin(gone), ""))
    kept = people[~people["person_id"].isin(gone)]
    kept = kept.assign(reports_to=kept["reports_to"].where(~kept["reports_to"].isin(gone), ""))
    return amap.with_tables(
        accounts=accounts,
        people=kept,
        team=amap.team[~amap.team["person_id"].isin(gone)],
        connections=conns,
    )
