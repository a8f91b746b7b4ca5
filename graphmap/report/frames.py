"""The findings as tables (pandas DataFrames), one per kind of finding, and as a zip of CSV files.

The app's Findings and Portfolio pages show these tables; the CSV download is the same tables written
out, so what a user sees and what they download agree.
"""

from __future__ import annotations

import io
import zipfile

import pandas as pd

from graphmap.analysis.alignment import CHECK_TITLES
from graphmap.analysis.findings import Findings

__all__ = ["findings_frames", "findings_csv_zip", "TABLES"]


#: The tables, in the order they are shown and written.
TABLES = ("accounts", "uncovered", "single_threads", "heroes", "weak_links", "alignment", "outside_team",
          "portfolio_heroes")


def findings_frames(findings: Findings, account_id: str | None = None) -> dict[str, pd.DataFrame]:
    """Every finding as a table, keyed by `TABLES`; one account's rows only when `account_id` is given.

    ``accounts`` is ranked by risk (riskiest first) like the portfolio; the other tables follow the
    findings' own order (uncovered: key first, then by influence).

    Examples
    --------
    >>> import graphmap, tempfile
    >>> amap = graphmap.read_map(graphmap.write_sample_map(tempfile.mkdtemp() + "/s"))
    >>> tables = findings_frames(graphmap.analyze(amap, as_of=graphmap.SAMPLE_AS_OF), "acc-vela")
    >>> tables["uncovered"]["stakeholder"].tolist()
    ['Fatima Zahra', 'Yuki Tanaka']
    """
    accounts = [a for a in findings.accounts if account_id is None or a.account_id == account_id]
    if account_id is not None and not accounts:
        findings.account(account_id)  # raises KeyError naming the account
    by_id = {a.account_id: a for a in accounts}
    rank = {r.account_id: i for i, r in enumerate(findings.portfolio.accounts_by_risk)}

    rows: dict[str, list[dict]] = {name: [] for name in TABLES}
    for a in sorted(accounts, key=lambda a: rank.get(a.account_id, 0)):
        rows["accounts"].append({
            "account_id": a.account_id, "account": a.name,
            "coverage": a.coverage.weighted, "key_coverage": a.coverage.key,
            "coverage_unweighted": a.coverage.unweighted,
            "alignment": a.alignment.score,
            "uncovered_key": sum(u.key for u in a.uncovered), "uncovered": len(a.uncovered),
            "single_threads": len(a.single_threaded),
            "heroes": ", ".join(h.name for h in a.heroes),
            "uncovered_key_stakeholders": ", ".join(u.name for u in a.uncovered if u.key),
        })
    for a in accounts:
        base = {"account_id": a.account_id, "account": a.name}
        for u in a.uncovered:
            rows["uncovered"].append({**base, "person_id": u.person_id, "stakeholder": u.name, "title": u.title,
                                      "role": u.role, "influence": u.influence, "key": u.key, "reason": u.reason})
        for s in a.single_threaded:
            rows["single_threads"].append({**base, "person_id": s.person_id, "stakeholder": s.name, "title": s.title,
                                           "role": s.role, "influence": s.influence, "only_thread": s.supplier_name,
                                           "only_thread_id": s.supplier_id})
        for h in a.heroes:
            rows["heroes"].append({**base, "person_id": h.person_id, "member": h.name, "reasons": ", ".join(h.reasons),
                                   "critical_for": ", ".join(p.name for p in h.critical_for),
                                   "critical_for_count": len(h.critical_for), "sole_key_contacts": h.sole_key_contacts,
                                   "healthy_connections": h.healthy_connections, "share": h.share})
        for w in a.weak_links:
            rows["weak_links"].append({**base, "member": w.supplier_name, "stakeholder": w.customer_name,
                                       "strength": w.strength, "last_contact": w.last_contact,
                                       "days_since_contact": w.days_since_contact, "reason": w.reason,
                                       "member_id": w.supplier_id, "stakeholder_id": w.customer_id})
        for c in a.alignment.checks:
            rows["alignment"].append({**base, "check_id": c.id, "check": CHECK_TITLES.get(c.id, c.id),
                                      "passed": c.passed, "detail": c.detail})
        for o in a.outside_team:
            rows["outside_team"].append({**base, "person_id": o.person_id, "member": o.name,
                                         "stakeholders": ", ".join(p.name for p in o.stakeholders),
                                         "healthy_connections": o.healthy_connections})
    for h in findings.portfolio.heroes:
        if account_id is None or account_id in h.hero_accounts:
            rows["portfolio_heroes"].append({
                "person_id": h.person_id, "member": h.name, "reasons": ", ".join(h.reasons),
                "healthy_connections": h.healthy_connections, "hero_on": len(h.hero_accounts),
                "hero_accounts": ", ".join(by_id[i].name if i in by_id else i for i in h.hero_accounts)})
    columns = {
        "accounts": ["account_id", "account", "coverage", "key_coverage", "coverage_unweighted", "alignment",
                     "uncovered_key", "uncovered", "single_threads", "heroes", "uncovered_key_stakeholders"],
        "uncovered": ["account_id", "account", "person_id", "stakeholder", "title", "role", "influence", "key",
                      "reason"],
        "single_threads": ["account_id", "account", "person_id", "stakeholder", "title", "role", "influence",
                           "only_thread", "only_thread_id"],
        "heroes": ["account_id", "account", "person_id", "member", "reasons", "critical_for", "critical_for_count",
                   "sole_key_contacts", "healthy_connections", "share"],
        "weak_links": ["account_id", "account", "member", "stakeholder", "strength", "last_contact",
                       "days_since_contact", "reason", "member_id", "stakeholder_id"],
        "alignment": ["account_id", "account", "check_id", "check", "passed", "detail"],
        "outside_team": ["account_id", "account", "person_id", "member", "stakeholders", "healthy_connections"],
        "portfolio_heroes": ["person_id", "member", "reasons", "healthy_connections", "hero_on", "hero_accounts"],
    }
    return {name: pd.DataFrame(rows[name], columns=columns[name]) for name in TABLES}


def findings_csv_zip(findings: Findings) -> bytes:
    """A zip archive holding one CSV file per findings table (``uncovered.csv``, ``heroes.csv``, ...)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, frame in findings_frames(findings).items():
            archive.writestr(f"{name}.csv", frame.to_csv(index=False, lineterminator="\n"))
        archive.writestr("README.txt", f"graphmap findings as of {findings.as_of.isoformat()}; one CSV per "
                                       "kind of finding (see docs/app.md).\n")
    return buffer.getvalue()
