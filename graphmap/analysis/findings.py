"""The findings records (DESIGN.md §4 and the JSON schema of §5).

Each record is a frozen dataclass; `graphmap.report.jsonfmt` turns them into the documented JSON in
one place. Field names are the JSON keys.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from graphmap.settings import Settings

__all__ = [
    "AccountFindings", "AccountRisk", "Alignment", "AlignmentCheck", "Coverage", "Findings", "Hero",
    "OutsideTeamConnection", "PersonRef", "Portfolio", "PortfolioHero", "SingleThread", "UncoveredStakeholder",
    "WeakLink",
]


@dataclass(frozen=True, slots=True)
class PersonRef:
    """A person named in a finding."""

    person_id: str
    name: str


@dataclass(frozen=True, slots=True)
class Coverage:
    """Shares of an account's stakeholders who are covered (a healthy connection point); None when there
    is nobody to cover."""

    weighted: float | None
    """Weighted by influence (1-5)."""
    unweighted: float | None
    """Each stakeholder counted once."""
    key: float | None
    """Key stakeholders alone (economic buyers, decision makers, influence at or above the key threshold)."""


@dataclass(frozen=True, slots=True)
class UncoveredStakeholder:
    """A stakeholder with no healthy connection point from any supplier member."""

    person_id: str
    name: str
    title: str
    role: str
    influence: int
    key: bool
    reason: str
    """``no_connection`` (none at all), ``stale`` (strong enough but all stale), else ``weak``."""


@dataclass(frozen=True, slots=True)
class SingleThread:
    """A key stakeholder reached by exactly one supplier member through a healthy connection point."""

    person_id: str
    name: str
    title: str
    role: str
    influence: int
    supplier_id: str
    """The one member who holds the thread."""
    supplier_name: str


@dataclass(frozen=True, slots=True)
class Hero:
    """A member who holds too much of one account's relationships."""

    person_id: str
    name: str
    reasons: tuple[str, ...]
    """``sole_key_contact`` (the only healthy connection to enough key stakeholders) and/or
    ``majority_of_connections`` (more than the hero share of the account's healthy connection points)."""
    critical_for: tuple[PersonRef, ...]
    """Every stakeholder, key or not, who would become uncovered if this member left."""
    sole_key_contacts: int
    """Key stakeholders for whom this member holds the only healthy connection."""
    healthy_connections: int
    """This member's healthy connection points into the account."""
    share: float
    """Their share of the account's healthy connection points."""


@dataclass(frozen=True, slots=True)
class WeakLink:
    """A connection point that is weak, stale, or the single healthy thread to a key stakeholder."""

    supplier_id: str
    supplier_name: str
    customer_id: str
    customer_name: str
    strength: int
    last_contact: dt.date | None
    days_since_contact: int | None
    reason: str
    """``weak`` (strength at or below the threshold, stale or not), ``stale``, or ``single_thread``."""


@dataclass(frozen=True, slots=True)
class AlignmentCheck:
    """One item of the coaching checklist."""

    id: str
    passed: bool
    detail: str
    """What was found, in words a sales leader reads."""


@dataclass(frozen=True, slots=True)
class Alignment:
    """The seven alignment checks and the share passed."""

    score: float
    checks: tuple[AlignmentCheck, ...]


@dataclass(frozen=True, slots=True)
class OutsideTeamConnection:
    """A supplier member connected to the account's stakeholders without being on its team."""

    person_id: str
    name: str
    stakeholders: tuple[PersonRef, ...]
    """The stakeholders they are connected to."""
    healthy_connections: int
    """How many of those connection points are healthy (and so count for coverage)."""


@dataclass(frozen=True, slots=True)
class AccountFindings:
    """Everything found for one account."""

    account_id: str
    name: str
    coverage: Coverage
    uncovered: tuple[UncoveredStakeholder, ...]
    """Ranked key first, then by influence (highest first), then by name."""
    single_threaded: tuple[SingleThread, ...]
    heroes: tuple[Hero, ...]
    weak_links: tuple[WeakLink, ...]
    alignment: Alignment
    outside_team: tuple[OutsideTeamConnection, ...]


@dataclass(frozen=True, slots=True)
class PortfolioHero:
    """A member who is a hero across the portfolio."""

    person_id: str
    name: str
    reasons: tuple[str, ...]
    """``over_capacity`` (more healthy connection points than the capacity) and/or ``hero_on_many_accounts``."""
    healthy_connections: int
    hero_accounts: tuple[str, ...]
    """The account ids on which this member is a hero."""


@dataclass(frozen=True, slots=True)
class AccountRisk:
    """One account's headline numbers, for the portfolio's ranking by risk."""

    account_id: str
    name: str
    coverage_weighted: float | None
    coverage_key: float | None
    alignment_score: float
    uncovered_key: int
    heroes: int


@dataclass(frozen=True, slots=True)
class Portfolio:
    """What spans accounts: portfolio heroes and the accounts ranked by risk."""

    accounts: int
    stakeholders: int
    members: int
    coverage_weighted: float | None
    """Across every stakeholder of the portfolio."""
    heroes: tuple[PortfolioHero, ...]
    accounts_by_risk: tuple[AccountRisk, ...]
    """Riskiest first: lowest key coverage (none counts as 0), most uncovered key stakeholders, lowest
    alignment score, lowest weighted coverage, then account id."""


@dataclass(frozen=True, slots=True)
class Findings:
    """The findings of a map as of a date under some settings."""

    as_of: dt.date
    settings: Settings
    accounts: tuple[AccountFindings, ...]
    portfolio: Portfolio

    def account(self, account_id: str) -> AccountFindings:
        """The findings of one account (raises `KeyError`)."""
        for found in self.accounts:
            if found.account_id == account_id:
                return found
        raise KeyError(account_id)
