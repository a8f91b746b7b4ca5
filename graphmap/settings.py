"""Every threshold of the findings (DESIGN.md §4), with its default.

The CLI exposes each field as a flag (``--stale-days``) and the app as a sidebar control; the names
here are the names everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from graphmap.exceptions import SettingsError

__all__ = ["Settings", "DEFAULT_SETTINGS"]


@dataclass(frozen=True)
class Settings:
    """The thresholds that turn a map into findings.

    Examples
    --------
    >>> Settings().stale_days
    90
    >>> Settings(stale_days=30).with_changes(weak_max_strength=1).weak_max_strength
    1
    """

    stale_days: int = 90
    """A connection whose last contact is more than this many days before the as-of date is stale."""
    weak_max_strength: int = 2
    """A connection of this strength or less is weak (strength runs 1 to 5)."""
    key_min_influence: int = 4
    """A stakeholder of this influence or more is key (as are economic buyers and decision makers)."""
    hero_share: float = 0.5
    """A member holding more than this share of an account's healthy connection points is a hero."""
    hero_sole_key_min: int = 2
    """A member holding the only healthy connection to this many key stakeholders is a hero."""
    capacity: int = 30
    """Across the portfolio, a member with more healthy connection points than this is over capacity."""
    hero_accounts_min: int = 3
    """Across the portfolio, a member who is a hero on this many accounts is a portfolio hero."""

    def __post_init__(self) -> None:
        limits: dict[str, tuple[float, float]] = {
            "stale_days": (0, 36500),
            "weak_max_strength": (0, 5),
            "key_min_influence": (1, 6),
            "hero_share": (0.0, 1.0),
            "hero_sole_key_min": (1, 10_000),
            "capacity": (1, 1_000_000),
            "hero_accounts_min": (1, 1_000_000),
        }
        for name, (low, high) in limits.items():
            value = getattr(self, name)
            if not low <= value <= high:
                raise SettingsError(f"setting {name}: {value!r} is out of range; accepted: {low} to {high}")

    def with_changes(self, **changes: Any) -> "Settings":
        """Return a copy with some thresholds changed (unknown names raise `SettingsError`)."""
        known = {f.name for f in fields(self)}
        unknown = sorted(set(changes) - known)
        if unknown:
            raise SettingsError(f"unknown setting(s): {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        return replace(self, **changes)


DEFAULT_SETTINGS = Settings()
