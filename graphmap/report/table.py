"""The findings as a readable terminal summary (rich): one panel per account, the portfolio last."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from graphmap.analysis.findings import AccountFindings, Findings

__all__ = ["print_findings_table", "findings_renderables"]


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _account_panel(found: AccountFindings) -> Panel:
    c = found.coverage
    head = Text.assemble(
        ("coverage ", "dim"), (_pct(c.weighted), "bold"), ("  key ", "dim"), (_pct(c.key), "bold"),
        ("  unweighted ", "dim"), (_pct(c.unweighted), "bold"),
        ("  alignment ", "dim"), (f"{sum(ch.passed for ch in found.alignment.checks)}/7", "bold"))
    parts: list = [head]

    if found.uncovered:
        table = Table("uncovered stakeholder", "role", "infl.", "key", "why", title_justify="left", expand=False,
                      box=None, header_style="bold red")
        for u in found.uncovered:
            table.add_row(u.name, u.role, str(u.influence), "yes" if u.key else "", u.reason)
        parts.append(table)
    if found.single_threaded:
        table = Table("single-threaded key stakeholder", "only thread", box=None, header_style="bold yellow")
        for s in found.single_threaded:
            table.add_row(s.name, s.supplier_name)
        parts.append(table)
    if found.heroes:
        table = Table("hero", "why", "share", "critical for", box=None, header_style="bold magenta")
        for h in found.heroes:
            table.add_row(h.name, ", ".join(h.reasons), _pct(h.share), ", ".join(p.name for p in h.critical_for))
        parts.append(table)
    if found.weak_links:
        table = Table("weak link", "", "strength", "last contact", "why", box=None, header_style="bold yellow")
        for w in found.weak_links:
            table.add_row(w.supplier_name, w.customer_name, str(w.strength),
                          "unknown" if w.last_contact is None else f"{w.last_contact} ({w.days_since_contact} d)",
                          w.reason)
        parts.append(table)
    checks = Table("alignment check", "", "detail", box=None, header_style="bold")
    for ch in found.alignment.checks:
        checks.add_row(ch.id, Text("pass", "green") if ch.passed else Text("FAIL", "bold red"), ch.detail)
    parts.append(checks)
    if found.outside_team:
        table = Table("connected from outside the team", "to", box=None, header_style="bold cyan")
        for o in found.outside_team:
            table.add_row(o.name, ", ".join(p.name for p in o.stakeholders))
        parts.append(table)
    return Panel(Group(*parts), title=f"[bold]{found.name}[/] ({found.account_id})", title_align="left")


def findings_renderables(findings: Findings) -> list:
    """The panels and tables that make up the summary, for a rich console."""
    out: list = [Text(f"graphmap findings as of {findings.as_of}", style="bold")]
    out += [_account_panel(found) for found in findings.accounts]
    p = findings.portfolio
    risk = Table("account", "coverage", "key", "uncovered key", "heroes", "alignment",
                 title=f"Portfolio: {_count(p.accounts, 'account')}, {_count(p.stakeholders, 'stakeholder')}, "
                       f"{_count(p.members, 'member')}, coverage {_pct(p.coverage_weighted)} — riskiest first",
                 title_justify="left")
    for r in p.accounts_by_risk[:25]:
        risk.add_row(r.name, _pct(r.coverage_weighted), _pct(r.coverage_key), str(r.uncovered_key), str(r.heroes),
                     _pct(r.alignment_score))
    if len(p.accounts_by_risk) > 25:
        risk.add_row(f"… and {len(p.accounts_by_risk) - 25} more", "", "", "", "", "")
    out.append(risk)
    if p.heroes:
        heroes = Table("portfolio hero", "why", "healthy connections", "hero on", title_justify="left")
        for h in p.heroes:
            heroes.add_row(h.name, ", ".join(h.reasons), str(h.healthy_connections), ", ".join(h.hero_accounts))
        out.append(heroes)
    return out


def print_findings_table(findings: Findings, console: Console | None = None) -> None:
    """Print the summary to the terminal (or to `console`)."""
    console = console or Console()
    for item in findings_renderables(findings):
        console.print(item)
