"""The findings as one self-contained HTML document: readable offline, printable, safe to open.

Built from the Jinja2 template ``templates/report.html.j2`` with autoescaping on, so every name from
a CRM shows as text. Plotly's script is embedded once per document (no CDN, no web font), and the page's
Content-Security-Policy forbids every request, so it opens the same on a plane as in the office. Print
styles put each account on its own page, so "print to PDF" gives a clean document.

A portfolio streams: the template is rendered account by account into the file. Interactive maps are
drawn for the `max_maps` riskiest accounts only (a browser draws a few dozen Plotly figures quickly,
not thousands); every account keeps its coverage matrix and its findings.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import os
from functools import lru_cache
from typing import Any, BinaryIO, Iterator

import jinja2
from markupsafe import Markup

import graphmap
from graphmap.analysis.findings import AccountFindings, Findings
from graphmap.model.accountmap import AccountMap
from graphmap.report.atomic import atomic_path
from graphmap.report.figures import STATUS_COLOURS, AccountFigure, relationship_figure
from graphmap.report.matrix import coverage_matrices

__all__ = ["DEFAULT_MAX_MAPS", "write_html"]

#: How many accounts (the riskiest) get an interactive map by default.
DEFAULT_MAX_MAPS = 40

CHECK_LABELS = {
    "quarterback_named": "A quarterback is named and on the team",
    "roles_defined": "Every member has a role and responsibilities",
    "members_connected": "Every member has a healthy connection point",
    "strategy_set": "A strategy type and text are set",
    "quarterback_in_touch": "The quarterback is in touch with every member",
    "key_stakeholders_covered": "Every key stakeholder is covered",
    "role_fit": "Buyers are reached by fitting roles",
}
LINK_REASONS = {"weak": "weak (low strength)", "stale": "stale (no recent contact)",
                "single_thread": "only thread to a key stakeholder"}
CHECK_ACTIONS = {
    "quarterback_named": "Name a quarterback on the team",
    "roles_defined": "Write down roles and responsibilities",
    "members_connected": "Connect every member with a stakeholder",
    "strategy_set": "Write down the strategy",
    "quarterback_in_touch": "Quarterback to reconnect with the team",
    "role_fit": "Match buyers with fitting roles",
}
REASON_LABELS = {
    "no_connection": "no connection at all",
    "stale": "connections gone stale",
    "weak": "only weak connections",
    "single_thread": "the only thread to a key stakeholder",
    "sole_key_contact": "only thread to key stakeholders",
    "majority_of_connections": "holds most of the connections",
}


def write_html(amap: AccountMap, findings: Findings, target: str | os.PathLike | BinaryIO, *,
               account_figure: AccountFigure | None = None, max_maps: int = DEFAULT_MAX_MAPS,
               title: str | None = None) -> None:
    """Write the HTML report to a path (atomically) or into a binary file object.

    Parameters
    ----------
    amap, findings
        The map and its findings (from `graphmap.analyze`); the report covers the findings' accounts.
    target
        A file path, or a binary file object (e.g. `io.BytesIO` for a download button).
    account_figure
        Draws one account's map, ``account_figure(amap, findings, account_id)``; by default the built-in
        `relationship_figure`.
    max_maps
        Draw interactive maps for this many accounts (the riskiest first); 0 for none.
    title
        The document's title (default: "Account coverage report" or the account's name).
    """
    if isinstance(target, (str, os.PathLike)):
        with atomic_path(target) as temp, open(temp, "wb") as handle:
            _render(amap, findings, handle, account_figure, max_maps, title)
    else:
        _render(amap, findings, target, account_figure, max_maps, title)


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.PackageLoader("graphmap.report", "templates"),
                             autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True,
                             lstrip_blocks=True)
    env.filters["pct"] = _pct
    env.filters["label"] = lambda text: str(text).replace("_", " ")
    env.filters["reason"] = lambda reason: REASON_LABELS.get(reason, str(reason).replace("_", " "))
    env.filters["link_reason"] = lambda reason: LINK_REASONS.get(reason, str(reason).replace("_", " "))
    env.filters["check"] = lambda check: CHECK_LABELS.get(check, str(check).replace("_", " "))
    env.filters["level"] = _level
    env.filters["longdate"] = lambda day: f"{day.day} {day:%B %Y}"
    return env


@lru_cache(maxsize=1)
def _plotly_js() -> Markup:
    from plotly.offline import get_plotlyjs

    # Plotly's own bundle, embedded as plotly.py's to_html(include_plotlyjs=True) embeds it.
    return Markup(get_plotlyjs())


def _render(amap: AccountMap, findings: Findings, handle: BinaryIO, account_figure: AccountFigure | None,
            max_maps: int, title: str | None) -> None:
    several = len(findings.accounts) > 1
    if several:
        # Riskiest first, as a review goes through them.
        order = {r.account_id: i for i, r in enumerate(findings.portfolio.accounts_by_risk)}
        findings = dataclasses.replace(
            findings, accounts=tuple(sorted(findings.accounts, key=lambda f: order[f.account_id])))
    if title is None:
        title = "Account coverage report" if several or not findings.accounts else findings.accounts[0].name
    context = {
        "title": title,
        "as_of": findings.as_of,
        "generated": dt.date.today(),
        "version": graphmap.__version__,
        "settings": findings.settings,
        "portfolio": findings.portfolio if several else None,
        "account_names": {r.account_id: r.name for r in findings.portfolio.accounts_by_risk},
        "accounts": _account_contexts(amap, findings, account_figure, max_maps),
        "max_maps": max_maps,
        "colours": STATUS_COLOURS,
        "plotly_js": _plotly_js() if max_maps > 0 and findings.accounts else None,
    }
    text = io.TextIOWrapper(handle, encoding="utf-8", newline="\n", write_through=False)
    for chunk in _environment().get_template("report.html.j2").generate(context):
        text.write(chunk)
    text.flush()
    text.detach()


def _account_contexts(amap: AccountMap, findings: Findings, account_figure: AccountFigure | None,
                      max_maps: int) -> Iterator[dict[str, Any]]:
    frame = amap.accounts.set_index("account_id")
    people = amap.people.set_index("person_id")["name"]
    for i, (found, matrix) in enumerate(zip(findings.accounts, coverage_matrices(amap, findings))):
        account = frame.loc[found.account_id]
        owner = account["strategy_owner"]
        figure = None
        if i < max_maps:
            drawn = (relationship_figure(matrix) if account_figure is None
                     else account_figure(amap, findings, found.account_id))
            figure = _figure_json(drawn.to_json())
        yield {
            "found": found,
            "matrix": matrix,
            "strategy_type": account["strategy_type"],
            "strategy": account["strategy"],
            "quarterback": people.get(owner, owner) if owner else "",
            "checks_passed": sum(ch.passed for ch in found.alignment.checks),
            "actions": next_steps(found),
            "figure": figure,
        }


def _figure_json(text: str) -> Markup:
    """Figure JSON that is safe inside a ``<script>`` element: no ``<``, ``>`` or ``&`` left to close it."""
    return Markup(text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
                  .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def next_steps(found: AccountFindings, limit: int = 6) -> list[str]:
    """The few actions that would most improve the account, in words for the account review.

    Uncovered key stakeholders first, then single threads, heroes and failed alignment checks.
    """
    steps = []
    for u in found.uncovered:
        if u.key:
            role = u.role.replace("_", " ")
            steps.append(f"Reach {u.name} ({role}): {REASON_LABELS[u.reason]} from our side.")
    for s in found.single_threaded:
        steps.append(f"Add a second thread to {s.name}: only {s.supplier_name} reaches them.")
    for h in found.heroes:
        names = ", ".join(p.name for p in h.critical_for)
        steps.append(f"Spread {h.name}'s relationships" + (f": {names} depend on them alone." if names else
                                                            f": they hold {h.share:.0%} of the healthy connections."))
    failed = {check.id: check.detail for check in found.alignment.checks if not check.passed}
    if "quarterback_named" in failed:
        failed.pop("quarterback_in_touch", None)  # the same gap, said once
    failed.pop("key_stakeholders_covered", None)  # already listed stakeholder by stakeholder above
    steps += [f"{CHECK_ACTIONS[check]}: {detail}" for check, detail in failed.items()]
    return steps[:limit]


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def _level(value: float | None) -> str:
    """A traffic-light class for a share: good, fair or poor."""
    if value is None or value < 0.6:
        return "poor"
    return "good" if value >= 0.85 else "fair"
