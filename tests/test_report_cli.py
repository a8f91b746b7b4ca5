"""``graphmap report`` end to end, and the promise that a failed export leaves no half-written file."""

from __future__ import annotations

import json
import os

import openpyxl
import pytest
from click.testing import CliRunner

import graphmap
from graphmap.cli import cli
from graphmap.exceptions import ReportError
from graphmap.report import csvfmt
from graphmap.report.export import FORMATS, format_for_path, report_file_name, write_report

SAMPLE_ARGS = ["--as-of", "2026-11-27"]


@pytest.mark.parametrize("name, fmt", [("r.html", "html"), ("r.xlsx", "xlsx"), ("r.zip", "csv"), ("r.md", "md"),
                                       ("r.json", "json")])
def test_report_command_writes_each_format_from_the_output_suffix(tmp_path, sample_folder, name, fmt):
    out = tmp_path / "out" / name
    result = CliRunner().invoke(cli, ["report", str(sample_folder), *SAMPLE_ARGS, "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output == f"wrote {out} ({fmt}, 5 accounts, as of 2026-11-27)\n"
    assert out.stat().st_size > 100
    assert [p.name for p in out.parent.iterdir()] == [name]  # no temporary file left beside it


def test_report_command_filters_accounts_and_applies_thresholds(tmp_path, sample_folder):
    out = tmp_path / "vela.json"
    result = CliRunner().invoke(cli, ["report", str(sample_folder), *SAMPLE_ARGS, "--account", "acc-vela",
                                      "--stale-days", "10", "-o", str(out)])
    assert result.exit_code == 0, result.output
    document = json.loads(out.read_bytes())
    assert [a["account_id"] for a in document["accounts"]] == ["acc-vela"]
    assert document["settings"]["stale_days"] == 10
    expected = graphmap.analyze(graphmap.read_map(sample_folder), graphmap.Settings(stale_days=10),
                                graphmap.SAMPLE_AS_OF, ["acc-vela"])
    assert [u["name"] for u in document["accounts"][0]["uncovered"]] == [
        u.name for u in expected.accounts[0].uncovered]


def test_report_command_csv_folder_and_explicit_format(tmp_path, sample_folder):
    result = CliRunner().invoke(cli, ["report", str(sample_folder), *SAMPLE_ARGS, "--format", "csv",
                                      "-o", str(tmp_path / "tables")])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "tables").iterdir()) == sorted(csvfmt.CSV_FILES)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no staging folder left
    result = CliRunner().invoke(cli, ["report", str(sample_folder), *SAMPLE_ARGS, "--format", "xlsx",
                                      "-o", str(tmp_path / "book.data")])
    assert result.exit_code == 0, result.output
    with open(tmp_path / "book.data", "rb") as handle:  # openpyxl judges a path by its suffix, a file by content
        assert openpyxl.load_workbook(handle).sheetnames[0] == "Summary"


@pytest.mark.parametrize("args, message", [
    (["-o", "report.txt"], "cannot tell the format from 'report.txt'"),
    (["--account", "acc-nowhere", "-o", "r.md"], "account 'acc-nowhere' is not in the map"),
    (["--format", "pdf", "-o", "r.pdf"], "'pdf' is not one of"),
])
def test_report_command_refuses_bad_input_with_exit_code_2(tmp_path, sample_folder, args, message, monkeypatch):
    (tmp_path / "out").mkdir()
    monkeypatch.chdir(tmp_path / "out")
    result = CliRunner().invoke(cli, ["report", str(sample_folder), *SAMPLE_ARGS, *args])
    assert result.exit_code == 2
    assert message in result.output
    assert not any((tmp_path / "out").iterdir())


def test_report_command_refuses_a_folder_of_other_files(tmp_path, sample_folder):
    result = CliRunner().invoke(cli, ["report", str(sample_folder), *SAMPLE_ARGS, "--format", "csv",
                                      "-o", str(sample_folder)])
    assert result.exit_code == 2
    assert "holds files that are not part of a CSV report (accounts.csv" in result.output
    assert graphmap.read_map(sample_folder)  # the map is untouched


def test_a_failed_html_export_leaves_the_old_report_and_no_temporary_file(tmp_path, sample_map, sample_findings):
    target = tmp_path / "coverage.html"
    target.write_text("the old report")

    def broken(amap, findings, account_id):
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError, match="disk full"):
        write_report(sample_map, sample_findings, "html", target, account_figure=broken)
    assert target.read_text() == "the old report"
    assert [p.name for p in tmp_path.iterdir()] == ["coverage.html"]


@pytest.mark.parametrize("name", ["tables", "tables.zip", "r.xlsx", "r.md"])
def test_a_failed_export_midway_writes_nothing(tmp_path, sample_map, sample_findings, monkeypatch, name):
    from graphmap.report import markdown, xlsx

    calls = []

    def failing_rows(*args):
        calls.append(1)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return real_rows(*args)

    real_rows = csvfmt.account_rows
    monkeypatch.setattr(csvfmt, "account_rows", failing_rows)
    monkeypatch.setattr(xlsx, "account_rows", failing_rows)
    real_steps = markdown.account_contexts

    def failing_contexts(*args):
        for i, context in enumerate(real_steps(*args)):
            if i == 2:
                raise OSError(28, "No space left on device")
            yield context

    monkeypatch.setattr(markdown, "account_contexts", failing_contexts)
    fmt = format_for_path(name) or "csv"
    with pytest.raises(OSError, match="No space"):
        write_report(sample_map, sample_findings, fmt, tmp_path / name)
    assert not any(tmp_path.iterdir())


def test_unknown_format_and_download_names(sample_findings, sample_map):
    with pytest.raises(ReportError, match="unknown report format 'pdf'; accepted: html, xlsx, csv, md, json"):
        write_report(sample_map, sample_findings, "pdf", "r.pdf")
    assert FORMATS == ("html", "xlsx", "csv", "md", "json")
    assert report_file_name(sample_findings, "xlsx") == "graphmap-report-2026-11-27.xlsx"
    vela = graphmap.analyze(sample_map, as_of=sample_findings.as_of, accounts=["acc-vela"])
    assert report_file_name(vela, "csv") == "graphmap-acc-vela-2026-11-27.zip"


def test_report_files_get_ordinary_permissions(tmp_path, sample_map, sample_findings):
    path = write_report(sample_map, sample_findings, "md", tmp_path / "brief.md")
    assert os.stat(path).st_mode & 0o777 == 0o644


def test_a_missing_reports_extra_says_what_to_install(tmp_path, sample_map, sample_findings, monkeypatch):
    import sys

    from graphmap.exceptions import MissingDependencyError

    monkeypatch.delitem(sys.modules, "graphmap.report.xlsx", raising=False)
    monkeypatch.setitem(sys.modules, "openpyxl", None)  # as if openpyxl were not installed
    expected = r"the xlsx report needs openpyxl: pip install 'graphmap\[reports\]'"
    with pytest.raises(MissingDependencyError, match=expected):
        write_report(sample_map, sample_findings, "xlsx", tmp_path / "r.xlsx")
    assert not any(tmp_path.iterdir())


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_copes_with_an_account_nobody_mapped_yet(fmt, as_of):
    from graphmap.model.records import Account
    from graphmap.report.export import report_bytes

    amap = graphmap.AccountMap.from_records(accounts=[Account("a1", "Solo Ltd")])
    data = report_bytes(amap, graphmap.analyze(amap, as_of=as_of), fmt)
    if fmt in ("html", "md", "json"):
        assert "Solo Ltd" in data.decode()
    if fmt == "html":
        assert "No stakeholders are mapped for this account yet." in data.decode()
