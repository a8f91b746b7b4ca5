"""Typed records for the four kinds of row in a map (DESIGN.md §3).

The analysis works on columns (`graphmap.model.AccountMap`); these records are the convenient,
typed view for code that handles a few rows at a time: importers, the app, the Neo4j store.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Mapping

__all__ = ["Account", "Person", "TeamMembership", "Connection"]


@dataclass(frozen=True)
class Account:
    """A customer organisation we sell to."""

    account_id: str
    """The account's id, unique in the map."""
    name: str
    """The organisation's name."""
    strategy_owner: str = ""
    """The person_id of the quarterback, or "" when none is named."""
    strategy_type: str = ""
    """``pursuit``, ``growth``, ``delivery``, or "" when not set."""
    strategy: str = ""
    """The strategy in words."""
    extra: Mapping[str, str] = field(default_factory=dict)
    """Columns of accounts.csv that graphmap does not interpret, kept as they were."""


@dataclass(frozen=True)
class Person:
    """A supplier member (our side) or a stakeholder (the customer's side)."""

    person_id: str
    """The person's id, unique in the map."""
    name: str
    """Full name."""
    side: str
    """``supplier`` or ``customer``."""
    account_id: str = ""
    """The account a stakeholder works at ("" for supplier members)."""
    role: str = ""
    """A canonical supplier role or buying role (`graphmap.model.roles`); stakeholders default to ``unknown``."""
    title: str = ""
    """Job title."""
    email: str = ""
    """E-mail address."""
    influence: int = 3
    """Influence on the decision, 1 to 5 (blank in the map means 3)."""
    stance: str = ""
    """``supporter``, ``neutral``, ``detractor``, or "" when unknown."""
    reports_to: str = ""
    """The person_id of this person's manager, or ""."""
    extra: Mapping[str, str] = field(default_factory=dict)
    """Columns of people.csv that graphmap does not interpret."""


@dataclass(frozen=True)
class TeamMembership:
    """A supplier member on an account's team."""

    account_id: str
    """The account."""
    person_id: str
    """The supplier member."""
    team_role: str = ""
    """Their position on this team (a canonical supplier role), or "" when not defined."""
    responsibilities: str = ""
    """What they are responsible for, in words."""
    extra: Mapping[str, str] = field(default_factory=dict)
    """Columns of team.csv that graphmap does not interpret."""


@dataclass(frozen=True)
class Connection:
    """An edge between two people; its kind follows from their sides."""

    from_id: str
    """One end (a person_id)."""
    to_id: str
    """The other end (a person_id)."""
    strength: int = 3
    """1 (weak) to 5 (strong); blank in the map means 3."""
    last_contact: dt.date | None = None
    """The date of the last contact, or None when unknown."""
    notes: str = ""
    """Free text."""
    extra: Mapping[str, str] = field(default_factory=dict)
    """Columns of connections.csv that graphmap does not interpret."""
