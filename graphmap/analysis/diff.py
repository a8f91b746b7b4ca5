"""What changed between two sets of findings: what improved and what decayed, account by account.

The two findings may come from two snapshots of a map, from one map at two as-of dates, or from a map and
the same map after a what-if (`graphmap.analysis.changes.apply_changes`). The comparison only reads the
findings, so it says what the findings say, except for the people named as *departed* (members removed
in a what-if, people missing from a newer snapshot): their disappearance is not counted as an improvement
(a hero who left is not "relieved", a stakeholder who left is not "newly covered").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Iterable

from graphmap.analysis.findings import AccountFindings, Findings, PersonRef

__all__ = ["AccountDiff", "FindingsDiff", "LinkChange", "ScoreChange", "ThreadChange", "diff_findings",
           "diff_account"]

_BAD_LINK = ("weak", "stale")


@dataclass(frozen=True, slots=True)
class ScoreChange:
    """A score before and after (None where there is none, e.g. no stakeholders)."""

    before: float | None
    after: float | None
    change: float | None
    """after − before, rounded to 4 places; None unless both exist."""


@dataclass(frozen=True, slots=True)
class LinkChange:
    """A connection point whose flag changed."""

    supplier_id: str
    supplier_name: str
    customer_id: str
    customer_name: str
    before: str
    """``weak``, ``stale``, ``single_thread``, or ``unflagged`` (healthy, or not in the map)."""
    after: str


@dataclass(frozen=True, slots=True)
class ThreadChange:
    """A key stakeholder whose single thread appeared or was resolved, with the member holding it."""

    person_id: str
    name: str
    supplier_id: str
    supplier_name: str


@dataclass(frozen=True, slots=True)
class AccountDiff:
    """How one account changed."""

    account_id: str
    name: str
    status: str
    """``compared``, ``added`` (only in the after findings) or ``removed`` (only in the before findings)."""
    verdict: str
    """``improved`` (only good changes), ``decayed`` (only bad ones), ``mixed`` or ``unchanged``."""
    coverage_weighted: ScoreChange
    coverage_key: ScoreChange
    alignment: ScoreChange
    newly_covered: tuple[PersonRef, ...]
    """Stakeholders uncovered before and not after."""
    lost: tuple[PersonRef, ...]
    """Stakeholders uncovered after and not before (newly uncovered)."""
    links_decayed: tuple[LinkChange, ...]
    """Connection points weak or stale after and not before."""
    links_refreshed: tuple[LinkChange, ...]
    """Connection points weak or stale before and not after."""
    single_threads_appeared: tuple[ThreadChange, ...]
    """Key stakeholders single-threaded after who were covered by more than one member before."""
    single_threads_resolved: tuple[ThreadChange, ...]
    """Key stakeholders single-threaded before and reached by more than one member after."""
    heroes_appeared: tuple[PersonRef, ...]
    heroes_relieved: tuple[PersonRef, ...]
    checks_passing: tuple[str, ...]
    """Alignment checks failing before and passing after."""
    checks_failing: tuple[str, ...]
    """Alignment checks passing before and failing after."""

    @property
    def improvements(self) -> int:
        """How many good changes."""
        return (len(self.newly_covered) + len(self.links_refreshed) + len(self.single_threads_resolved)
                + len(self.heroes_relieved) + len(self.checks_passing))

    @property
    def decays(self) -> int:
        """How many bad changes."""
        return (len(self.lost) + len(self.links_decayed) + len(self.single_threads_appeared)
                + len(self.heroes_appeared) + len(self.checks_failing))


@dataclass(frozen=True, slots=True)
class FindingsDiff:
    """Every account's changes, and the portfolio's coverage before and after."""

    before_as_of: dt.date
    after_as_of: dt.date
    coverage_weighted: ScoreChange
    """Across the portfolio."""
    accounts: tuple[AccountDiff, ...]
    """In the order of the after findings, then accounts removed."""
    departed: tuple[str, ...] = ()
    """Person ids no longer in the map (as given to `diff_findings`)."""

    def account(self, account_id: str) -> AccountDiff:
        """The changes of one account (raises `KeyError`)."""
        for found in self.accounts:
            if found.account_id == account_id:
                return found
        raise KeyError(account_id)

    @property
    def improved(self) -> tuple[str, ...]:
        """Ids of the accounts whose verdict is ``improved``."""
        return tuple(a.account_id for a in self.accounts if a.verdict == "improved")

    @property
    def decayed(self) -> tuple[str, ...]:
        """Ids of the accounts whose verdict is ``decayed``."""
        return tuple(a.account_id for a in self.accounts if a.verdict == "decayed")


def _score(before: float | None, after: float | None) -> ScoreChange:
    change = None if before is None or after is None else round(after - before, 4)
    return ScoreChange(before, after, change)


def diff_account(before: AccountFindings | None, after: AccountFindings | None,
                 departed: frozenset[str] = frozenset()) -> AccountDiff:
    """The changes of one account; either side may be None (the account was added or removed).

    `departed` holds person ids no longer in the map: their findings disappearing is no improvement.
    """
    either = after or before
    if either is None:
        raise ValueError("diff_account needs at least one side")
    status = "compared" if before and after else "added" if after else "removed"

    def uncovered(f: AccountFindings | None) -> dict[str, PersonRef]:
        return {u.person_id: PersonRef(u.person_id, u.name) for u in f.uncovered} if f else {}

    def singles(f: AccountFindings | None) -> dict[str, ThreadChange]:
        return ({s.person_id: ThreadChange(s.person_id, s.name, s.supplier_id, s.supplier_name)
                 for s in f.single_threaded} if f else {})

    def links(f: AccountFindings | None) -> dict[tuple[str, str], tuple[str, str, str]]:
        return {(w.supplier_id, w.customer_id): (w.reason, w.supplier_name, w.customer_name)
                for w in f.weak_links} if f else {}

    def heroes(f: AccountFindings | None) -> dict[str, PersonRef]:
        return {h.person_id: PersonRef(h.person_id, h.name) for h in f.heroes} if f else {}

    def checks(f: AccountFindings | None) -> dict[str, bool]:
        return {c.id: c.passed for c in f.alignment.checks} if f else {}

    unc_b, unc_a = uncovered(before), uncovered(after)
    one_b, one_a = singles(before), singles(after)
    link_b, link_a = links(before), links(after)
    hero_b, hero_a = heroes(before), heroes(after)
    check_b, check_a = checks(before), checks(after)

    decayed, refreshed = [], []
    for pair in list(link_a) + [p for p in link_b if p not in link_a]:
        was = link_b.get(pair, ("unflagged",))[0]
        now = link_a.get(pair, ("unflagged",))[0]
        names = (link_a.get(pair) or link_b[pair])[1:]
        change = LinkChange(pair[0], names[0], pair[1], names[1], was, now)
        if now in _BAD_LINK and was not in _BAD_LINK:
            decayed.append(change)
        elif was in _BAD_LINK and now not in _BAD_LINK and not departed.intersection(pair):
            refreshed.append(change)

    both = status == "compared"
    diff = AccountDiff(
        either.account_id, either.name, status, "unchanged",
        _score(before.coverage.weighted if before else None, after.coverage.weighted if after else None),
        _score(before.coverage.key if before else None, after.coverage.key if after else None),
        _score(before.alignment.score if before else None, after.alignment.score if after else None),
        newly_covered=tuple(p for k, p in unc_b.items() if k not in unc_a and k not in departed) if both else (),
        lost=tuple(p for k, p in unc_a.items() if k not in unc_b) if both else (),
        links_decayed=tuple(decayed) if both else (),
        links_refreshed=tuple(refreshed) if both else (),
        # A single thread that appears on someone uncovered before is a gain (newly covered), not a decay.
        single_threads_appeared=tuple(t for k, t in one_a.items() if k not in one_b and k not in unc_b)
        if both else (),
        # A single thread that disappears because its stakeholder is now uncovered is a loss, listed as lost.
        single_threads_resolved=tuple(t for k, t in one_b.items()
                                      if k not in one_a and k not in unc_a and k not in departed) if both else (),
        heroes_appeared=tuple(p for k, p in hero_a.items() if k not in hero_b) if both else (),
        heroes_relieved=tuple(p for k, p in hero_b.items() if k not in hero_a and k not in departed) if both else (),
        checks_passing=tuple(c for c, ok in check_a.items() if ok and check_b.get(c) is False) if both else (),
        checks_failing=tuple(c for c, ok in check_a.items() if not ok and check_b.get(c) is True) if both else (),
    )
    good, bad = diff.improvements, diff.decays
    verdict = "mixed" if good and bad else "improved" if good else "decayed" if bad else "unchanged"
    return replace(diff, verdict=verdict)


def diff_findings(before: Findings, after: Findings, departed: Iterable[str] = ()) -> FindingsDiff:
    """Compare two findings account by account.

    Parameters
    ----------
    before, after
        The findings to compare (any as-of dates, any maps).
    departed
        Person ids that are in the map behind `before` and not in the map behind `after` (members removed
        in a what-if, people gone from a newer snapshot); see the module's docstring.

    Examples
    --------
    >>> import datetime, graphmap, tempfile
    >>> amap = graphmap.read_map(graphmap.write_sample_map(tempfile.mkdtemp() + "/s"))
    >>> old = graphmap.analyze(amap, as_of=datetime.date(2026, 9, 1))
    >>> new = graphmap.analyze(amap, as_of=datetime.date(2026, 11, 27))
    >>> change = diff_findings(old, new).account("acc-harbor")
    >>> change.verdict, [p.name for p in change.lost]
    ('decayed', ['Samuel Park'])
    """
    old = {f.account_id: f for f in before.accounts}
    new_ids = {f.account_id for f in after.accounts}
    gone = frozenset(departed)
    accounts = [diff_account(old.get(f.account_id), f, gone) for f in after.accounts]
    accounts += [diff_account(f, None, gone) for f in before.accounts if f.account_id not in new_ids]
    return FindingsDiff(before.as_of, after.as_of,
                        _score(before.portfolio.coverage_weighted, after.portfolio.coverage_weighted),
                        tuple(accounts), tuple(sorted(gone)))
