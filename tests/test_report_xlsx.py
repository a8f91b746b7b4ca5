"""The Excel report, read back with openpyxl and compared with the findings."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl

from graphmap.report.export import report_bytes, write_report
from graphmap.report.xlsx import SHEETS, STATUS_FILLS


def _records(sheet) -> list[dict]:
    rows = sheet.iter_rows(values_only=True)
    header = next(rows)
    return [dict(zip(header, row)) for row in rows]


def test_workbook_has_every_sheet_with_frozen_filtered_headers(tmp_path, sample_map, sample_findings):
    book = openpyxl.load_workbook(write_report(sample_map, sample_findings, "xlsx", tmp_path / "r.xlsx"))
    assert book.sheetnames == list(SHEETS)
    assert SHEETS[:2] == ("Summary", "Coverage matrix")
    for title in ("Summary", "Uncovered", "Single threads", "Heroes", "Weak links", "Alignment", "Connections"):
        sheet = book[title]
        assert sheet.freeze_panes == "C2", title
        assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{sheet.max_row}", title
        assert sheet.column_dimensions["B"].width >= 20, title


def test_sheets_match_the_findings(sample_map, sample_findings):
    book = openpyxl.load_workbook(io.BytesIO(report_bytes(sample_map, sample_findings, "xlsx")))
    uncovered = _records(book["Uncovered"])
    assert [r["Stakeholder"] for r in uncovered if r["Account id"] == "acc-vela"] == ["Fatima Zahra", "Yuki Tanaka"]
    heroes = _records(book["Heroes"])
    assert ("acc-cobalt", "Dana Reyes", "Helen Brandt; Raj Malhotra") in [
        (r["Account id"], r["Hero"], r["Critical for"]) for r in heroes]

    summary = _records(book["Summary"])
    # Riskiest first, shares as numbers formatted as percentages.
    assert [r["Account id"] for r in summary] == [r.account_id for r in sample_findings.portfolio.accounts_by_risk]
    assert summary[0]["Key coverage"] == sample_findings.account(summary[0]["Account id"]).coverage.key
    assert book["Summary"]["F2"].number_format == "0%"

    weak = _records(book["Weak links"])
    first = sample_findings.account(sample_findings.portfolio.accounts_by_risk[0].account_id).weak_links[0]
    assert weak[0]["Last contact"] == dt.datetime.combine(first.last_contact, dt.time())  # a real date
    assert book["Weak links"]["H2"].is_date
    assert len(weak) == sum(len(f.weak_links) for f in sample_findings.accounts)

    checks = _records(book["Alignment"])
    assert ("acc-vela", "quarterback_named", False) in [(r["Account id"], r["Check"], r["Passed"]) for r in checks]


def test_coverage_matrix_colours_cells_by_connection_health(sample_map, sample_findings):
    book = openpyxl.load_workbook(io.BytesIO(report_bytes(sample_map, sample_findings, "xlsx")))
    sheet = book["Coverage matrix"]
    rows = list(sheet.iter_rows())
    title_row = next(i for i, row in enumerate(rows) if row[0].value == "Harbor Health Systems (acc-harbor)")
    members = [c.value for c in rows[title_row + 1][3:] if c.value]
    assert members[0] == "James Whitfield (QB)"
    samuel = next(row for row in rows[title_row:] if row[0].value == "Samuel Park")
    cell = samuel[3 + members.index("James Whitfield (QB)")]
    assert cell.value == 4 and cell.fill.fgColor.rgb.endswith(STATUS_FILLS["stale"])
    assert samuel[0].font.color.rgb.endswith("C00000")  # uncovered: a red name
    margaret = next(row for row in rows[title_row:] if row[0].value == "Margaret Osei")
    assert margaret[3].fill.fgColor.rgb.endswith(STATUS_FILLS["healthy"])

    connections = book["Connections"]
    rules = {rule.formula[0] for rng in connections.conditional_formatting for rule in rng.rules}
    assert '$P2="stale"' in rules and '$P2="weak"' in rules


def test_tables_longer_than_excel_allows_continue_on_numbered_sheets(sample_map, sample_findings, monkeypatch):
    from graphmap.report import xlsx

    monkeypatch.setattr(xlsx, "MAX_ROWS", 13)  # Excel stops at 1,048,576 rows; a big portfolio passes that
    book = openpyxl.load_workbook(io.BytesIO(report_bytes(sample_map, sample_findings, "xlsx")))
    names = book.sheetnames
    assert names[names.index("Connections"):names.index("Connections") + 3] == [
        "Connections", "Connections (2)", "Connections (3)"]
    assert names.index("Coverage matrix (2)") == names.index("Coverage matrix") + 1
    parts = [book[n] for n in names if n.startswith("Connections")]
    assert all(sheet.max_row <= 13 and sheet["A1"].value == "Account id" for sheet in parts)
    assert all(sheet.auto_filter.ref == f"A1:P{sheet.max_row}" for sheet in parts)
    rows = [r for sheet in parts for r in _records(sheet)]
    monkeypatch.undo()
    whole = openpyxl.load_workbook(io.BytesIO(report_bytes(sample_map, sample_findings, "xlsx")))
    assert rows == _records(whole["Connections"])
    stakeholders = [c.value for n in names if n.startswith("Coverage matrix") for c in book[n]["A"]]
    assert stakeholders.count("Karen Liu") == 1 and "Kestrel Energy (acc-kestrel)" in stakeholders
