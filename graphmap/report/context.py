"""What the templated reports (HTML, Markdown) say about an account, in words a sales leader reads.

The labels of checks and reasons, the "next steps" drawn from the findings, and the Jinja2 environment
with the filters both templates use.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Callable, Iterator

import jinja2

from graphmap.analysis.alignment import CHECK_TITLES
from graphmap.analysis.findings import AccountFindings, Findings
from graphmap.model.accountmap import AccountMap

__all__ = ["REASON_LABELS", "LINK_REASONS", "account_contexts", "next_steps", "template_environment"]

CHECK_ACTIONS = {
    "quarterback_named": "Name a quarterback on the team",
    "roles_defined": "Write down roles and responsibilities",
    "members_connected": "Connect every member with a stakeholder",
    "strategy_set": "Write down the strategy",
    "quarterback_in_touch": "Quarterback to reconnect with the team",
    "role_fit": "Match buyers with fitting roles",
}
#: Why a stakeholder is uncovered, or why a member is a hero.
REASON_LABELS = {
    "no_connection": "no connection at all",
    "stale": "connections gone stale",
    "weak": "only weak connections",
    "sole_key_contact": "only thread to key stakeholders",
    "majority_of_connections": "holds most of the connections",
}
#: Why a connection point is a weak link.
LINK_REASONS = {
    "weak": "weak (low strength)",
    "stale": "stale (no recent contact)",
    "single_thread": "only thread to a key stakeholder",
}


def account_contexts(amap: AccountMap, findings: Findings) -> Iterator[dict[str, Any]]:
    """Per account of `findings`, in order: its findings and what the map says of its strategy."""
    frame = amap.accounts.set_index("account_id")
    names = amap.people.set_index("person_id")["name"]
    for found in findings.accounts:
        account = frame.loc[found.account_id]
        owner = account["strategy_owner"]
        yield {
            "found": found,
            "strategy_type": account["strategy_type"],
            "strategy": account["strategy"],
            "quarterback": names.get(owner, owner) if owner else "",
            "checks_passed": sum(ch.passed for ch in found.alignment.checks),
            "actions": next_steps(found),
        }


def next_steps(found: AccountFindings, limit: int = 6) -> list[str]:
    """The few actions that would most improve the account, in words for the account review.

    Uncovered key stakeholders first, then single threads, heroes and failed alignment checks.

    Examples
    --------
    >>> import graphmap
    >>> found = graphmap.analyze(graphmap.read_map(graphmap.sample.sample_map_path()),
    ...                          as_of=graphmap.SAMPLE_AS_OF, accounts=["acc-vela"]).accounts[0]
    >>> next_steps(found)[0]
    'Reach Fatima Zahra (economic buyer): no connection at all from our side.'
    """
    steps = []
    for u in found.uncovered:
        if u.key:
            steps.append(f"Reach {u.name} ({_label(u.role)}): {REASON_LABELS[u.reason]} from our side.")
    for s in found.single_threaded:
        steps.append(f"Add a second thread to {s.name}: only {s.supplier_name} reaches them.")
    for h in found.heroes:
        names = ", ".join(p.name for p in h.critical_for)
        verb = "depends" if len(h.critical_for) == 1 else "depend"
        steps.append(f"Spread {h.name}'s relationships" + (f": {names} {verb} on them alone." if names else
                                                            f": they hold {h.share:.0%} of the healthy connections."))
    failed = {check.id: check.detail for check in found.alignment.checks if not check.passed}
    if "quarterback_named" in failed:
        failed.pop("quarterback_in_touch", None)  # the same gap, said once
    failed.pop("key_stakeholders_covered", None)  # already listed stakeholder by stakeholder above
    steps += [f"{CHECK_ACTIONS.get(check, _label(check))}: {detail}" for check, detail in failed.items()]
    return steps[:limit]


def template_environment(autoescape: bool = True, finalize: Callable[[Any], Any] | None = None) -> jinja2.Environment:
    """The Jinja2 environment of the report templates, with their filters."""
    env = jinja2.Environment(loader=jinja2.PackageLoader("graphmap.report", "templates"), autoescape=autoescape,
                             finalize=finalize, undefined=jinja2.StrictUndefined, trim_blocks=True,
                             lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(
        pct=pct, level=level, label=_label,
        reason=lambda reason: REASON_LABELS.get(reason, _label(reason)),
        link_reason=lambda reason: LINK_REASONS.get(reason, _label(reason)),
        check=lambda check: CHECK_TITLES.get(check, _label(check)),
        longdate=lambda day: f"{day.day} {day:%B %Y}" if isinstance(day, dt.date) else str(day),
    )
    return env


def pct(value: float | None) -> str:
    """A share as a whole percentage; a dash when there is nothing to measure."""
    return "–" if value is None else f"{value:.0%}"


def level(value: float | None) -> str:
    """A traffic-light class for a share: ``good`` (85 % and up), ``fair`` (60 % and up) or ``poor``."""
    if value is None or value < 0.6:
        return "poor"
    return "good" if value >= 0.85 else "fair"


def _label(text: str) -> str:
    return str(text).replace("_", " ")
