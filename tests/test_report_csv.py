"""The CSV report: one file per finding table, read back with the csv module and compared with the findings."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest

import graphmap
from graphmap.exceptions import ReportError
from graphmap.report.csvfmt import CSV_FILES
from graphmap.report.export import report_bytes, write_report


def _read(path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_csv_folder_holds_one_file_per_table_matching_the_findings(tmp_path, sample_map, sample_findings):
    folder = write_report(sample_map, sample_findings, "csv", tmp_path / "tables")
    assert sorted(p.name for p in folder.iterdir()) == sorted(CSV_FILES)

    uncovered = _read(folder / "uncovered.csv")
    assert [(r["person_id"], r["name"], r["reason"]) for r in uncovered if r["account_id"] == "acc-vela"] == [
        ("vl2", "Fatima Zahra", "no_connection"), ("vl5", "Yuki Tanaka", "weak")]
    assert len(uncovered) == sum(len(f.uncovered) for f in sample_findings.accounts)

    heroes = {(r["account_id"], r["person_id"]): r for r in _read(folder / "heroes.csv")}
    dana = heroes[("acc-cobalt", "s01")]
    assert dana["name"] == "Dana Reyes"
    assert dana["critical_for_ids"].split("; ") == ["cm1", "cm2"]

    weak = _read(folder / "weak_links.csv")
    riskiest_first = [sample_findings.account(r.account_id) for r in sample_findings.portfolio.accounts_by_risk]
    expected = [(w.supplier_id, w.customer_id, w.reason, "" if w.last_contact is None else w.last_contact.isoformat())
                for f in riskiest_first for w in f.weak_links]
    assert [(r["supplier_id"], r["customer_id"], r["reason"], r["last_contact"]) for r in weak] == expected

    summary = _read(folder / "summary.csv")
    by_id = {r["account_id"]: r for r in summary}
    assert set(by_id) == {f.account_id for f in sample_findings.accounts}
    assert float(by_id["acc-cobalt"]["coverage_weighted"]) == sample_findings.account("acc-cobalt").coverage.weighted
    assert by_id[sample_findings.portfolio.accounts_by_risk[0].account_id]["risk_rank"] == "1"

    alignment = _read(folder / "alignment.csv")
    assert len(alignment) == 7 * len(sample_findings.accounts)
    assert {r["passed"] for r in alignment} == {"true", "false"}


def test_csv_ids_join_back_to_the_map(tmp_path, sample_map, sample_findings):
    folder = write_report(sample_map, sample_findings, "csv", tmp_path / "tables")
    people = set(sample_map.people["person_id"])
    accounts = set(sample_map.accounts["account_id"])
    coverage = _read(folder / "coverage.csv")
    assert {r["account_id"] for r in coverage} == accounts
    assert {r["stakeholder_id"] for r in coverage} <= people
    assert {r["member_id"] for r in coverage} - {""} <= people
    # Every stakeholder of the map is in the coverage table, those with no connection once, member blank.
    customers = set(sample_map.people.loc[sample_map.people["side"] == "customer", "person_id"])
    assert {r["stakeholder_id"] for r in coverage} == customers
    karen = [r for r in coverage if r["stakeholder_id"] == "cm5"]
    assert [(r["member_id"], r["status"]) for r in karen] == [("", "no_connection")]
    stale = next(r for r in coverage if (r["stakeholder_id"], r["member_id"]) == ("hh2", "s06"))
    assert (stale["strength"], stale["last_contact"], stale["days_since_contact"], stale["status"]) == (
        "4", "2026-06-15", "165", "stale")


def test_csv_zip_holds_the_same_tables(tmp_path, sample_map, sample_findings):
    write_report(sample_map, sample_findings, "csv", tmp_path / "tables")
    archive = zipfile.ZipFile(write_report(sample_map, sample_findings, "csv", tmp_path / "tables.zip"))
    assert sorted(archive.namelist()) == sorted(CSV_FILES)
    for name in CSV_FILES:
        assert archive.read(name) == (tmp_path / "tables" / name).read_bytes()
    in_memory = zipfile.ZipFile(io.BytesIO(report_bytes(sample_map, sample_findings, "csv")))
    assert in_memory.read("uncovered.csv") == archive.read("uncovered.csv")


def test_csv_report_replaces_an_earlier_report_but_never_other_files(tmp_path, sample_map, sample_findings):
    folder = tmp_path / "tables"
    write_report(sample_map, sample_findings, "csv", folder)
    vela = graphmap.analyze(sample_map, as_of=sample_findings.as_of, accounts=["acc-vela"])
    write_report(sample_map, vela, "csv", folder)
    assert {r["account_id"] for r in _read(folder / "summary.csv")} == {"acc-vela"}

    (folder / "notes.txt").write_text("mine")
    with pytest.raises(ReportError, match="notes.txt"):
        write_report(sample_map, sample_findings, "csv", folder)
    assert (folder / "notes.txt").read_text() == "mine"
    assert {r["account_id"] for r in _read(folder / "summary.csv")} == {"acc-vela"}
