"""The findings as flat tables: one row per finding, canonical ids first, so they join back to the map.

The CSV and XLSX reports write exactly these tables (a file or a sheet each); the columns are defined
once here. Rows come account by account (`account_rows`), so a writer can stream a portfolio of any
size without holding every row in memory.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from graphmap.analysis.findings import AccountFindings, Findings
from graphmap.report.matrix import CoverageMatrix

__all__ = ["Column", "TableSpec", "TABLES", "PORTFOLIO_HEROES", "account_rows", "portfolio_hero_rows", "risk_ranks",
           "riskiest_first", "text_cell"]

#: Separator for a list of ids or names inside one cell.
LIST_SEP = "; "


@dataclass(frozen=True)
class Column:
    """One column of a table."""

    key: str
    """The column's name in CSV (snake_case, stable)."""
    header: str
    """The column's heading in a spreadsheet."""
    kind: str = "text"
    """``text``, ``id``, ``int``, ``share`` (0 to 1), ``date`` or ``bool``: how spreadsheets format it."""
    width: int = 14
    """A sensible spreadsheet column width, in characters."""


@dataclass(frozen=True)
class TableSpec:
    """A table of findings: its file stem, its sheet title and its columns."""

    name: str
    title: str
    columns: tuple[Column, ...]


_ACCOUNT = (Column("account_id", "Account id", "id", 14), Column("account", "Account", width=26))

SUMMARY = TableSpec("summary", "Summary", _ACCOUNT + (
    Column("risk_rank", "Risk rank", "int", 10),
    Column("coverage_weighted", "Coverage (weighted)", "share", 12),
    Column("coverage_unweighted", "Coverage (unweighted)", "share", 12),
    Column("coverage_key", "Key coverage", "share", 12),
    Column("alignment_score", "Alignment", "share", 11),
    Column("checks_passed", "Checks passed", "int", 10),
    Column("stakeholders", "Stakeholders", "int", 12),
    Column("uncovered", "Uncovered", "int", 11),
    Column("uncovered_key", "Uncovered key", "int", 11),
    Column("single_threaded", "Single threads", "int", 11),
    Column("heroes", "Heroes", "int", 9),
    Column("weak_links", "Weak links", "int", 10),
    Column("outside_team", "Connected from outside", "int", 12),
))
COVERAGE = TableSpec("coverage", "Coverage matrix", _ACCOUNT + (
    Column("stakeholder_id", "Stakeholder id", "id", 14),
    Column("stakeholder", "Stakeholder", width=22),
    Column("stakeholder_role", "Buying role", width=16),
    Column("influence", "Influence", "int", 10),
    Column("key", "Key", "bool", 7),
    Column("covered", "Covered", "bool", 9),
    Column("member_id", "Member id", "id", 12),
    Column("member", "Member", width=20),
    Column("member_role", "Team role", width=18),
    Column("on_team", "On team", "bool", 9),
    Column("strength", "Strength", "int", 9),
    Column("last_contact", "Last contact", "date", 12),
    Column("days_since_contact", "Days since", "int", 10),
    Column("status", "Status", width=14),
))
UNCOVERED = TableSpec("uncovered", "Uncovered", _ACCOUNT + (
    Column("person_id", "Stakeholder id", "id", 14),
    Column("name", "Stakeholder", width=22),
    Column("title", "Title", width=28),
    Column("role", "Buying role", width=16),
    Column("influence", "Influence", "int", 10),
    Column("key", "Key", "bool", 7),
    Column("reason", "Why", width=15),
))
SINGLE_THREADS = TableSpec("single_threads", "Single threads", _ACCOUNT + (
    Column("person_id", "Stakeholder id", "id", 14),
    Column("name", "Stakeholder", width=22),
    Column("title", "Title", width=28),
    Column("role", "Buying role", width=16),
    Column("influence", "Influence", "int", 10),
    Column("supplier_id", "Only thread id", "id", 14),
    Column("supplier_name", "Only thread", width=20),
))
HEROES = TableSpec("heroes", "Heroes", _ACCOUNT + (
    Column("person_id", "Member id", "id", 12),
    Column("name", "Hero", width=20),
    Column("reasons", "Why", width=34),
    Column("share", "Share of connections", "share", 12),
    Column("healthy_connections", "Healthy connections", "int", 12),
    Column("sole_key_contacts", "Sole key contacts", "int", 12),
    Column("critical_for_ids", "Critical for (ids)", "id", 20),
    Column("critical_for", "Critical for", width=40),
))
WEAK_LINKS = TableSpec("weak_links", "Weak links", _ACCOUNT + (
    Column("supplier_id", "Member id", "id", 12),
    Column("supplier_name", "Member", width=20),
    Column("customer_id", "Stakeholder id", "id", 14),
    Column("customer_name", "Stakeholder", width=22),
    Column("strength", "Strength", "int", 9),
    Column("last_contact", "Last contact", "date", 12),
    Column("days_since_contact", "Days since", "int", 10),
    Column("reason", "Why", width=14),
))
ALIGNMENT = TableSpec("alignment", "Alignment", _ACCOUNT + (
    Column("check", "Check", width=26),
    Column("passed", "Passed", "bool", 8),
    Column("detail", "Detail", width=70),
))
OUTSIDE_TEAM = TableSpec("outside_team", "Outside the team", _ACCOUNT + (
    Column("person_id", "Member id", "id", 12),
    Column("name", "Member", width=20),
    Column("healthy_connections", "Healthy connections", "int", 12),
    Column("stakeholder_ids", "Stakeholder ids", "id", 20),
    Column("stakeholders", "Connected to", width=40),
))
PORTFOLIO_HEROES = TableSpec("portfolio_heroes", "Portfolio heroes", (
    Column("person_id", "Member id", "id", 12),
    Column("name", "Member", width=20),
    Column("reasons", "Why", width=34),
    Column("healthy_connections", "Healthy connections", "int", 12),
    Column("hero_account_ids", "Hero on (account ids)", "id", 40),
))

#: Every per-account table, in the order reports present them.
TABLES: tuple[TableSpec, ...] = (SUMMARY, COVERAGE, UNCOVERED, SINGLE_THREADS, HEROES, WEAK_LINKS, ALIGNMENT,
                                 OUTSIDE_TEAM)


def riskiest_first(findings: Findings) -> Findings:
    """The same findings with the accounts in the portfolio's order of risk, as every report lists them."""
    order = risk_ranks(findings)
    return dataclasses.replace(findings, accounts=tuple(sorted(findings.accounts, key=lambda f: order[f.account_id])))


def risk_ranks(findings: Findings) -> dict[str, int]:
    """Each account's place in the portfolio's ranking by risk (1 = riskiest)."""
    return {r.account_id: rank for rank, r in enumerate(findings.portfolio.accounts_by_risk, start=1)}


def account_rows(found: AccountFindings, matrix: CoverageMatrix, rank: int) -> dict[str, list[tuple[Any, ...]]]:
    """One account's rows of every table in `TABLES`, by table name, in each table's column order."""
    acc = (found.account_id, found.name)
    c = found.coverage
    checks = found.alignment.checks
    key_uncovered = sum(u.key for u in found.uncovered)
    coverage_rows = []
    for i, s in enumerate(matrix.stakeholders):
        stake = (s.person_id, s.name, s.role, s.influence, s.key, s.covered)
        row = matrix.row(i)
        if not any(row):
            coverage_rows.append(acc + stake + ("", "", "", None, None, None, None, "no_connection"))
        for m, cell in zip(matrix.members, row):
            if cell is not None:
                coverage_rows.append(acc + stake + (m.person_id, m.name, m.role, m.on_team, cell.strength,
                                                    cell.last_contact, cell.days_since_contact, cell.status))
    return {
        "summary": [acc + (rank, c.weighted, c.unweighted, c.key, found.alignment.score,
                           sum(ch.passed for ch in checks), len(matrix.stakeholders), len(found.uncovered),
                           key_uncovered, len(found.single_threaded), len(found.heroes), len(found.weak_links),
                           len(found.outside_team))],
        "coverage": coverage_rows,
        "uncovered": [acc + (u.person_id, u.name, u.title, u.role, u.influence, u.key, u.reason)
                      for u in found.uncovered],
        "single_threads": [acc + (s.person_id, s.name, s.title, s.role, s.influence, s.supplier_id, s.supplier_name)
                           for s in found.single_threaded],
        "heroes": [acc + (h.person_id, h.name, LIST_SEP.join(h.reasons), h.share, h.healthy_connections,
                          h.sole_key_contacts, LIST_SEP.join(p.person_id for p in h.critical_for),
                          LIST_SEP.join(p.name for p in h.critical_for)) for h in found.heroes],
        "weak_links": [acc + (w.supplier_id, w.supplier_name, w.customer_id, w.customer_name, w.strength,
                              w.last_contact, w.days_since_contact, w.reason) for w in found.weak_links],
        "alignment": [acc + (ch.id, ch.passed, ch.detail) for ch in checks],
        "outside_team": [acc + (o.person_id, o.name, o.healthy_connections,
                                LIST_SEP.join(p.person_id for p in o.stakeholders),
                                LIST_SEP.join(p.name for p in o.stakeholders)) for o in found.outside_team],
    }


def portfolio_hero_rows(findings: Findings) -> list[tuple[Any, ...]]:
    """The rows of `PORTFOLIO_HEROES`."""
    return [(h.person_id, h.name, LIST_SEP.join(h.reasons), h.healthy_connections, LIST_SEP.join(h.hero_accounts))
            for h in findings.portfolio.heroes]


def text_cell(value: Any) -> str:
    """A cell as CSV text: ISO dates, ``true``/``false``, a blank for nothing."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
