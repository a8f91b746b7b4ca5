"""What-if: take members off the team or add connection points, and compare the findings with today's.

The one what-if of graphmap: the app's What-if page and ``graphmap whatif`` both call `whatif`. It
changes the map with `graphmap.analysis.changes.apply_changes` (a new, validated map; the one given is
never changed), analyses both maps under the same settings and date, and compares them with
`graphmap.analysis.diff.diff_findings`, passing the members taken off as *departed* (a hero who left is
not "relieved").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Iterable, Sequence

from graphmap.analysis import analyze
from graphmap.analysis.changes import NewConnection, apply_changes
from graphmap.analysis.diff import AccountDiff, FindingsDiff, diff_findings
from graphmap.analysis.findings import Findings, PersonRef
from graphmap.model.accountmap import AccountMap
from graphmap.settings import DEFAULT_SETTINGS, Settings

__all__ = ["WhatIfResult", "whatif"]


@dataclass(frozen=True)
class WhatIfResult:
    """Today's findings, the what-if's findings, the changed map, and their difference."""

    before: Findings
    after: Findings
    after_map: AccountMap
    """The map as it would be (members taken off, connections added)."""
    removed_members: tuple[PersonRef, ...]
    added_connections: tuple[NewConnection, ...]
    """As added: each dated (its own date, else the what-if's as-of date)."""
    removed_from: str | None
    """The account the members were taken off (reassigned), or None when they leave the company."""
    diff: FindingsDiff
    """The comparison, account by account (`diff_findings`)."""

    @property
    def accounts(self) -> tuple[AccountDiff, ...]:
        """The change on every account compared, in the findings' order."""
        return self.diff.accounts

    def account(self, account_id: str) -> AccountDiff:
        """The change on one account (raises `KeyError`)."""
        return self.diff.account(account_id)

    @property
    def stakeholders_lost(self) -> tuple[PersonRef, ...]:
        """Every stakeholder, across accounts, who would become uncovered."""
        return tuple(p for change in self.accounts for p in change.lost)

    @property
    def stakeholders_gained(self) -> tuple[PersonRef, ...]:
        """Every stakeholder, across accounts, who would become covered."""
        return tuple(p for change in self.accounts for p in change.newly_covered)


def whatif(amap: AccountMap, remove_members: Iterable[str] = (), add_connections: Iterable[NewConnection] = (),
           settings: Settings = DEFAULT_SETTINGS, as_of: dt.date | None = None, account_id: str | None = None,
           accounts: Sequence[str] | None = None, before: Findings | None = None) -> WhatIfResult:
    """Compare today's findings with those of a changed team.

    Parameters
    ----------
    amap
        Today's map; it is not changed.
    remove_members, add_connections, account_id
        The change, as for `apply_changes`: without `account_id` the members leave the company; with it
        they are taken off that account only.
    settings, as_of
        The thresholds and the date, the same for both sides of the comparison (as_of defaults to today).
    accounts
        Compare these accounts only (default: every account).
    before
        Today's findings when the caller already holds them (same map, settings, date and accounts);
        computed otherwise.

    Raises
    ------
    UnknownPersonError, UnknownAccountError, SettingsError
        As `apply_changes`.

    Examples
    --------
    >>> import datetime, graphmap, tempfile
    >>> amap = graphmap.read_map(graphmap.write_sample_map(tempfile.mkdtemp() + "/s"))
    >>> result = whatif(amap, remove_members=["s01"], as_of=datetime.date(2026, 11, 27))
    >>> [p.name for p in result.account("acc-cobalt").lost]
    ['Helen Brandt', 'Raj Malhotra']
    >>> result.account("acc-cobalt").coverage_key.after < result.account("acc-cobalt").coverage_key.before
    True
    """
    as_of = as_of or dt.date.today()
    removed = tuple(dict.fromkeys(remove_members))
    added = tuple(replace(n, last_contact=n.last_contact or as_of) for n in add_connections)
    after_map = apply_changes(amap, removed, added, as_of, account_id)
    wanted = list(accounts) if accounts else None
    before = before if before is not None else analyze(amap, settings, as_of, wanted)
    after = analyze(after_map, settings, as_of, wanted)
    names = dict(zip(amap.people["person_id"], amap.people["name"]))
    return WhatIfResult(before, after, after_map, tuple(PersonRef(p, names[p]) for p in removed), added,
                        account_id, diff_findings(before, after, departed=removed))
