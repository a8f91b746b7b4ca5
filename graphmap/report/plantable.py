"""Warm paths, coverage plans and diffs as readable terminal tables (rich)."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from graphmap.analysis.diff import AccountDiff, FindingsDiff, ScoreChange
from graphmap.analysis.paths import AccountPaths
from graphmap.analysis.plan import Plan

__all__ = ["diff_renderables", "paths_renderables", "plan_renderables", "print_renderables"]


def print_renderables(items: list, console: Console | None = None) -> None:
    """Print rich renderables to the terminal (or to `console`)."""
    console = console or Console()
    for item in items:
        console.print(item)


def paths_renderables(paths: AccountPaths) -> list:
    """One table per target: the members' warm paths, strongest first."""
    out: list = [Text(f"Warm paths in {paths.name} ({paths.account_id}) as of {paths.as_of}, "
                      f"at most {paths.max_hops} links", style="bold")]
    if not paths.targets:
        out.append(Text("No uncovered or single-threaded key stakeholders: nothing to reach."))
    for target in paths.targets:
        gap = {"uncovered": "uncovered", "single_thread": f"single thread held by {target.holder_name}",
               "none": "not a gap"}[target.gap]
        table = Table("member", "path", "links", "strength", title=f"{target.name} ({target.role}, {gap})",
                      title_justify="left", box=None, header_style="bold")
        for p in target.paths:
            table.add_row(p.member_name, " → ".join([p.member_name] + [s.name for s in p.steps]), str(p.hops),
                          f"{p.strength:.2f}")
        if not target.paths:
            table.add_row(Text("no warm path from the team", style="red"), "", "", "")
        out.append(table)
    return out


def plan_renderables(plan: Plan) -> list:
    """One panel per account (assignments and open gaps), then the members' loads."""
    out: list = [Text(f"Coverage plan as of {plan.as_of}, capacity {plan.capacity} healthy connection points "
                      "per member", style="bold")]
    for account in plan.accounts:
        parts: list = []
        if account.assignments:
            table = Table("stakeholder", "gap", "member", "why", box=None, header_style="bold green")
            for a in account.assignments:
                table.add_row(a.gap.name, a.gap.kind.replace("_", " "), a.member_name, a.explanation)
            parts.append(table)
        if account.unassigned:
            table = Table("left open", "gap", "reason", "detail", box=None, header_style="bold red")
            for u in account.unassigned:
                table.add_row(u.gap.name, u.gap.kind.replace("_", " "), u.reason, u.detail)
            parts.append(table)
        if not parts:
            parts.append(Text("No gaps: every key stakeholder has at least two healthy threads."))
        out.append(Panel(Group(*parts), title=f"[bold]{account.name}[/] ({account.account_id})", title_align="left"))
    if plan.members:
        table = Table("member", "load before", "new", "load after", title="Loads", title_justify="left")
        for m in plan.members:
            table.add_row(m.name, str(m.load_before), str(m.assigned), f"{m.load_after} / {m.capacity}")
        out.append(table)
    return out


def _score(change: ScoreChange) -> str:
    def pct(v: float | None) -> str:
        return "–" if v is None else f"{v:.0%}"

    delta = "" if change.change is None or change.change == 0 else f" ({change.change:+.0%})"
    return f"{pct(change.before)} → {pct(change.after)}{delta}"


def _account_lines(a: AccountDiff) -> Group:
    rows: list = [Text.assemble(("coverage ", "dim"), _score(a.coverage_weighted), ("  key ", "dim"),
                                _score(a.coverage_key), ("  alignment ", "dim"), _score(a.alignment))]
    items = [
        ("newly covered", [p.name for p in a.newly_covered], "green"),
        ("single threads resolved", [t.name for t in a.single_threads_resolved], "green"),
        ("heroes relieved", [p.name for p in a.heroes_relieved], "green"),
        ("links refreshed", [f"{link.supplier_name}–{link.customer_name}" for link in a.links_refreshed], "green"),
        ("checks now passing", list(a.checks_passing), "green"),
        ("lost (now uncovered)", [p.name for p in a.lost], "red"),
        ("single threads appeared", [f"{t.name} (only {t.supplier_name})" for t in a.single_threads_appeared], "red"),
        ("heroes appeared", [p.name for p in a.heroes_appeared], "red"),
        ("links gone weak or stale", [f"{link.supplier_name}–{link.customer_name} ({link.after})"
                                      for link in a.links_decayed], "red"),
        ("checks now failing", list(a.checks_failing), "red"),
    ]
    for label, names, style in items:
        if names:
            rows.append(Text.assemble((f"{label}: ", style), ", ".join(names)))
    return Group(*rows)


def diff_renderables(diff: FindingsDiff, title: str = "Changes") -> list:
    """One panel per account that changed, a line for those that did not."""
    out: list = [Text(f"{title}: {diff.before_as_of} → {diff.after_as_of}; portfolio coverage "
                      f"{_score(diff.coverage_weighted)}", style="bold")]
    style = {"improved": "green", "decayed": "red", "mixed": "yellow", "unchanged": "dim", "added": "cyan",
             "removed": "cyan"}
    unchanged = []
    for a in diff.accounts:
        if a.status != "compared":
            out.append(Text(f"{a.name} ({a.account_id}): {a.status}", style="cyan"))
        elif a.verdict == "unchanged" and not a.coverage_weighted.change and not a.alignment.change:
            unchanged.append(a.name)
        else:
            out.append(Panel(_account_lines(a), title=f"[bold]{a.name}[/] ({a.account_id}) — "
                             f"[{style[a.verdict]}]{a.verdict}[/]", title_align="left"))
    if unchanged:
        out.append(Text("Unchanged: " + ", ".join(unchanged), style="dim"))
    return out
