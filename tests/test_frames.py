"""The findings as tables and as a zip of CSV files (what the app shows and what it downloads)."""

from __future__ import annotations

import io
import zipfile

import pandas as pd
import pytest

from graphmap.report.frames import TABLES, findings_csv_zip, findings_frames


def test_accounts_are_ranked_by_risk(sample_findings):
    accounts = findings_frames(sample_findings)["accounts"]
    assert accounts["account"].tolist()[:2] == ["Vela Logistics", "Harbor Health Systems"]
    vela = accounts.iloc[0]
    assert vela["uncovered_key_stakeholders"] == "Fatima Zahra" and vela["key_coverage"] == 0.5


def test_tables_hold_every_finding(sample_findings):
    tables = findings_frames(sample_findings)
    assert len(tables["uncovered"]) == sum(len(a.uncovered) for a in sample_findings.accounts)
    assert len(tables["weak_links"]) == sum(len(a.weak_links) for a in sample_findings.accounts)
    assert len(tables["alignment"]) == 7 * len(sample_findings.accounts)
    heroes = tables["heroes"]
    cobalt = heroes[heroes["account_id"] == "acc-cobalt"].iloc[0]
    assert cobalt["member"] == "Dana Reyes" and cobalt["critical_for"] == "Helen Brandt, Raj Malhotra"
    assert tables["portfolio_heroes"]["member"].tolist() == ["Dana Reyes"]


def test_one_accounts_tables(sample_findings):
    tables = findings_frames(sample_findings, "acc-harbor")
    assert set(tables["uncovered"]["account_id"]) == {"acc-harbor"}
    assert tables["portfolio_heroes"].empty  # Dana Reyes is not a hero at Harbor
    with pytest.raises(KeyError):
        findings_frames(sample_findings, "acc-none")


def test_the_zip_holds_one_csv_per_table(sample_findings):
    archive = zipfile.ZipFile(io.BytesIO(findings_csv_zip(sample_findings)))
    assert {f"{t}.csv" for t in TABLES} <= set(archive.namelist())
    uncovered = pd.read_csv(archive.open("uncovered.csv"))
    assert "Samuel Park" in uncovered["stakeholder"].tolist()
