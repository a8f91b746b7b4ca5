"""Options shared by several commands: the as-of date and every threshold of `Settings`."""

from __future__ import annotations

import datetime as dt
from dataclasses import fields
from typing import Any, Callable

import click

from graphmap.settings import Settings

__all__ = ["as_of_option", "settings_options", "settings_from", "parse_as_of"]


def parse_as_of(text: str | None) -> dt.date:
    """An ISO date, or today when none is given."""
    if not text:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise click.BadParameter(f"{text!r} is not an ISO date (YYYY-MM-DD)", param_hint="--as-of") from None


def as_of_option(func: Callable) -> Callable:
    return click.option("--as-of", "as_of", metavar="DATE",
                        help="Judge contacts as of this ISO date (default: today).")(func)


_HELP = {
    "stale_days": "Days after which a contact is stale",
    "weak_max_strength": "Strength at or below which a connection is weak",
    "key_min_influence": "Influence at or above which a stakeholder is key",
    "hero_share": "Share of an account's healthy connections above which a member is a hero",
    "hero_sole_key_min": "Key stakeholders held alone that make a member a hero",
    "capacity": "Healthy connection points a member can hold across the portfolio",
    "hero_accounts_min": "Accounts on which a member must be a hero to be a portfolio hero",
}


def settings_options(func: Callable) -> Callable:
    """Add one ``--<threshold>`` option per field of `Settings`, defaulting to the documented value."""
    for field in reversed(fields(Settings)):
        flag = "--" + field.name.replace("_", "-")
        kind = float if field.type in (float, "float") else int
        func = click.option(flag, field.name, type=kind, default=None, show_default=str(field.default),
                            help=_HELP[field.name] + ".")(func)
    return func


def settings_from(options: dict[str, Any]) -> Settings:
    """The `Settings` given by the threshold options that were set (raises `SettingsError`)."""
    chosen = {f.name: options[f.name] for f in fields(Settings) if options.get(f.name) is not None}
    return Settings(**chosen)
