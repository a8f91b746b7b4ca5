"""Hostile names from CRMs and strangers' profiles: every report format must show them, never run them."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile

import openpyxl
import pytest

import graphmap
from graphmap.report.export import report_bytes
from graphmap.report.safe import spreadsheet_safe
from tests.reporting import FORMULA_TRIGGERS, HOSTILE_ACCOUNT, HOSTILE_PEOPLE, HOSTILE_TITLE, hostile_map, parse_html

PLAIN_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


@pytest.fixture(scope="module")
def hostile():
    amap = hostile_map()
    return amap, graphmap.analyze(amap, as_of=graphmap.SAMPLE_AS_OF)


def _is_inert(text: str) -> bool:
    return not text.startswith(FORMULA_TRIGGERS) or bool(PLAIN_NUMBER.fullmatch(text))


@pytest.mark.parametrize("value, shown", [
    ("=1+2", "'=1+2"), ("+1+1", "'+1+1"), ("-2+3", "'-2+3"), ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
    ("\t=1", "'\t=1"), ("\r=1", "'\r=1"), ("-12", "-12"), ("+3.5", "+3.5"), (-7, -7), (0.5, 0.5),
    ("Dana Reyes", "Dana Reyes"), ("a=b", "a=b"), ("", ""),
])
def test_spreadsheet_safe_prefixes_formulas_and_keeps_numbers(value, shown):
    assert spreadsheet_safe(value) == shown


def test_hostile_map_really_carries_the_hostile_names(hostile):
    amap, findings = hostile
    vela = findings.account("acc-vela")
    assert vela.name == HOSTILE_ACCOUNT[1]
    assert [u.name for u in vela.uncovered] == [HOSTILE_PEOPLE["vl2"], HOSTILE_PEOPLE["vl5"]]
    assert amap.person("vl4").name == HOSTILE_PEOPLE["vl4"]
    assert amap.person("vl2").title == HOSTILE_TITLE[1]


def test_csv_neutralises_every_formula(hostile):
    amap, findings = hostile
    archive = zipfile.ZipFile(io.BytesIO(report_bytes(amap, findings, "csv")))
    cells = []
    for name in archive.namelist():
        cells += [cell for row in csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig"))) for cell in row]
    assert all(_is_inert(cell) for cell in cells), [c for c in cells if not _is_inert(c)]
    for name in HOSTILE_PEOPLE.values():
        assert ("'" + name if name.startswith(FORMULA_TRIGGERS) else name) in cells  # shown, a formula behind a quote
    assert "'" + HOSTILE_ACCOUNT[1] not in cells and HOSTILE_ACCOUNT[1] in cells  # starts with '"': inert as is
    assert "'" + HOSTILE_TITLE[1] in cells


def test_xlsx_has_no_formula_and_neutralises_every_text(hostile):
    amap, findings = hostile
    book = openpyxl.load_workbook(io.BytesIO(report_bytes(amap, findings, "xlsx")))
    texts = []
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.append(cell.value)
    assert all(_is_inert(text) for text in texts), [t for t in texts if not _is_inert(t)]
    assert "'" + HOSTILE_PEOPLE["vl2"] in texts and "'" + HOSTILE_PEOPLE["s04"] in texts
    assert HOSTILE_PEOPLE["vl5"] in texts


def test_html_shows_hostile_names_as_text(hostile):
    amap, findings = hostile
    text = report_bytes(amap, findings, "html").decode()
    doc = parse_html(text)
    assert not doc.find_all("img") and not doc.find_all("b")
    assert not [n for n in doc.iter() for attr in n.attrs if attr.startswith("on")]
    scripts = doc.find_all("script")
    # Only graphmap's own scripts: plotly.js, the render script, and one JSON block per figure.
    assert len(scripts) == 2 + len(findings.accounts)
    assert all("alert(" not in s.text() for s in scripts if s.attrs.get("type") != "application/json")
    figure_data = [json.loads(s.text()) for s in doc.find_all("script", "gm-figure-data")]
    drawn = [name for fig in figure_data for trace in fig["data"] for name in (trace.get("text") or [])]
    # The name travels as data (its "</script>" escaped in the page), entity-encoded for Plotly's label markup.
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in drawn

    vela = doc.find("section", id="account-acc-vela")
    assert vela.find("h2").text().startswith(HOSTILE_ACCOUNT[1])
    uncovered = [tr.find("td").text() for tr in vela.find("table", "findings-uncovered").find_all("tr")[1:]]
    assert uncovered[1].startswith(HOSTILE_PEOPLE["vl5"])
    assert HOSTILE_PEOPLE["s07"] in vela.find("table", "matrix").text()
    assert "<script>alert(4)</script>" in vela.find("p", "strategy-text").text()


def test_markdown_escapes_markup_html_and_pipes(hostile):
    amap, findings = hostile
    text = report_bytes(amap, findings, "md").decode()
    assert "<script" not in text and "<img" not in text and "<b>" not in text
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert r"-2+3 \| &lt;b&gt;bold&lt;/b&gt;" in text
    # Every table row keeps its columns: no name adds a cell.
    columns, previous, rows = 0, "", 0
    for line in text.splitlines():
        if line.startswith("|"):
            cells = len(re.findall(r"(?<!\\)\|", line)) - 1
            if not previous.startswith("|"):
                columns = cells  # a table's header row
            assert cells == columns, line
            rows += 1
        previous = line
    assert rows > 20


def test_json_keeps_hostile_names_exactly(hostile):
    amap, findings = hostile
    document = json.loads(report_bytes(amap, findings, "json"))
    vela = next(a for a in document["accounts"] if a["account_id"] == "acc-vela")
    assert [u["name"] for u in vela["uncovered"]] == [HOSTILE_PEOPLE["vl2"], HOSTILE_PEOPLE["vl5"]]


@pytest.mark.parametrize("fmt", ["html", "xlsx", "csv", "md", "json"])
def test_no_report_carries_a_password_or_connection_string(hostile, fmt, monkeypatch):
    # Store credentials live in the environment of the process that writes reports; none may leak.
    monkeypatch.setenv("GRAPHMAP_NEO4J_URI", "bolt://db.internal.example:7687")
    monkeypatch.setenv("GRAPHMAP_NEO4J_PASSWORD", "s3cret-pa55word")
    amap, findings = hostile
    data = report_bytes(amap, findings, fmt)
    if fmt in ("xlsx", "csv"):
        archive = zipfile.ZipFile(io.BytesIO(data))
        data = b"".join(archive.read(name) for name in archive.namelist())
    assert b"s3cret-pa55word" not in data and b"bolt://" not in data
