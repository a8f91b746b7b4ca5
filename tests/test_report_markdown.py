"""The Markdown brief and the JSON report, read back and compared with the findings."""

from __future__ import annotations

import json

import graphmap
from graphmap.report.export import report_bytes
from graphmap.report.jsonfmt import findings_dict


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
