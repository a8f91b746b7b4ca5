"""The Markdown brief and the JSON report, read back and compared with the findings."""

from __future__ import annotations

import json

import graphmap
from graphmap.report.context import next_steps
from graphmap.report.export import report_bytes
from graphmap.report.jsonfmt import findings_dict
from tests.builders import AS_OF, build_map, days_ago


def _table(lines: list[str], heading: str) -> list[list[str]]:
    """The rows of the Markdown table under `heading` (cells split on unescaped pipes)."""
    start = next(i for i in range(lines.index(heading), len(lines)) if lines[i].startswith("|"))
    rows = []
    for line in lines[start + 2:]:  # past the header row and the alignment row
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in _split(line)])
    return rows


def _split(line: str) -> list[str]:
    cells, current, escaped = [], "", False
    for ch in line.strip()[1:-1]:
        if ch == "|" and not escaped:
            cells.append(current)
            current = ""
        else:
            current += ch
        escaped = ch == "\\" and not escaped
    return cells + [current]


def test_markdown_brief_matches_the_findings(sample_map, as_of):
    found = graphmap.analyze(sample_map, as_of=as_of, accounts=["acc-vela"])
    lines = report_bytes(sample_map, found, "md").decode().splitlines()
    assert lines[0] == "# Vela Logistics"
    assert "## Vela Logistics (acc-vela)" in lines
    uncovered = _table(lines, "### Uncovered stakeholders")
    assert [(row[0], row[5]) for row in uncovered] == [("Fatima Zahra", "no connection at all"),
                                                       ("Yuki Tanaka", "only weak connections")]
    assert [row[0] for row in _table(lines, "### Single threads")] == ["Thomas Becker"]
    checklist = [line for line in lines if line.startswith("- [")]
    assert [line.startswith("- [x]") for line in checklist] == [ch.passed for ch in found.accounts[0].alignment.checks]
    steps = lines[lines.index("### Next steps") + 2]
    assert steps == "1. Reach Fatima Zahra (economic buyer): no connection at all from our side."


def test_markdown_portfolio_lists_accounts_riskiest_first(sample_map, sample_findings):
    lines = report_bytes(sample_map, sample_findings, "md").decode().splitlines()
    accounts = _table(lines, "## Portfolio")
    assert [row[1] for row in accounts] == [f"{r.name} ({r.account_id})"
                                            for r in sample_findings.portfolio.accounts_by_risk]
    heroes = _table(lines, "### Heroes")
    assert heroes[0][0] == "Dana Reyes"


def test_json_report_is_the_findings_schema(sample_map, sample_findings):
    document = json.loads(report_bytes(sample_map, sample_findings, "json"))
    assert document == findings_dict(sample_findings)
    vela = next(a for a in document["accounts"] if a["account_id"] == "acc-vela")
    assert [u["name"] for u in vela["uncovered"]] == ["Fatima Zahra", "Yuki Tanaka"]


def test_next_steps_say_one_stakeholder_depends_on_a_hero():
    # Dana alone reaches the economic buyer and holds most of the account's connections: one person
    # depends on her ("Mia Storm depends", not "Mia Storm depend"), two or more depend.
    amap = build_map([("s1", "c1", 4, days_ago(5)), ("s1", "c2", 4, days_ago(5)), ("s2", "c2", 4, days_ago(5))],
                     customers={"c1": ("economic_buyer", 5), "c2": ("user_buyer", 2)},
                     suppliers={"s1": "account_executive", "s2": "sales_engineer"})
    steps = next_steps(graphmap.analyze(amap, as_of=AS_OF).accounts[0])
    assert "Spread Member s1's relationships: Stakeholder c1 depends on them alone." in steps
    amap = build_map([("s1", "c1", 4, days_ago(5)), ("s1", "c2", 4, days_ago(5))],
                     customers={"c1": ("economic_buyer", 5), "c2": ("decision_maker", 5)})
    steps = next_steps(graphmap.analyze(amap, as_of=AS_OF).accounts[0])
    assert "Spread Member s1's relationships: Stakeholder c1, Stakeholder c2 depend on them alone." in steps
