"""The HTML report, parsed with the standard library's html.parser and compared with the findings."""

from __future__ import annotations

import re

import graphmap
from graphmap.report.export import report_bytes
from tests.reporting import parse_html


def _rows(section, cls: str) -> list:
    return [tr for tr in section.find("table", cls).find_all("tr") if "data-id" in tr.attrs]


def test_html_account_sections_match_the_findings(sample_map, sample_findings):
    doc = parse_html(report_bytes(sample_map, sample_findings, "html").decode())
    sections = doc.find_all("section", "account")
    # A portfolio summary first, then one section per account, riskiest first.
    assert doc.find("section", "portfolio")
    assert [s.attrs["id"] for s in sections] == [
        f"account-{r.account_id}" for r in sample_findings.portfolio.accounts_by_risk]
    for found in sample_findings.accounts:
        section = doc.find("section", id=f"account-{found.account_id}")
        assert found.name in section.find("h2").text()
        if found.uncovered:
            assert [tr.attrs["data-id"] for tr in _rows(section, "findings-uncovered")] == [
                u.person_id for u in found.uncovered]
        if found.weak_links:
            assert [tr.attrs["data-id"] for tr in _rows(section, "findings-weak-links")] == [
                f"{w.supplier_id}|{w.customer_id}" for w in found.weak_links]
        checks = _rows(section, "findings-alignment")
        assert [(tr.attrs["data-id"], tr.attrs["class"]) for tr in checks] == [
            (ch.id, "pass" if ch.passed else "fail") for ch in found.alignment.checks]
        assert [tr.find_all("td")[2].text() for tr in checks] == [ch.detail for ch in found.alignment.checks]

    vela = doc.find("section", id="account-acc-vela")
    names = [tr.find("td").text() for tr in _rows(vela, "findings-uncovered")]
    assert names[0].startswith("Fatima Zahra") and names[1].startswith("Yuki Tanaka")
    cobalt = doc.find("section", id="account-acc-cobalt")
    hero = _rows(cobalt, "findings-heroes")[0]
    assert hero.find("td").text() == "Dana Reyes"
    assert hero.find_all("td")[3].text() == "Helen Brandt, Raj Malhotra"  # who depends on her


def test_html_coverage_matrix_shows_strength_and_recency(sample_map, sample_findings):
    doc = parse_html(report_bytes(sample_map, sample_findings, "html").decode())
    harbor = doc.find("section", id="account-acc-harbor")
    matrix = harbor.find("table", "matrix")
    members = [th.attrs["data-id"] for th in matrix.find_all("th", "member")]
    assert members[0] == "s06"  # the quarterback first
    samuel = matrix.find("tr", data_id="hh2")
    assert "uncovered" in samuel.attrs["class"]
    cell = samuel.find_all("td")[members.index("s06")]
    assert "stale" in cell.attrs["class"].split()
    assert cell.text() == "4165 d"  # strength 4, last contact 165 days before the as-of date
    assert "healthy" in matrix.find("tr", data_id="hh1").find_all("td")[0].attrs["class"].split()


def test_html_is_self_contained_with_one_plotly_and_a_figure_per_account(sample_map, sample_findings):
    text = report_bytes(sample_map, sample_findings, "html").decode()
    doc = parse_html(text)
    scripts = doc.find_all("script")
    assert not [s for s in scripts if s.attrs.get("src")]
    assert not doc.find_all("link")
    assert sum("Plotly" in s.text() and len(s.text()) > 1_000_000 for s in scripts) == 1  # plotly.js, once
    assert len(doc.find_all("script", "gm-figure-data")) == len(sample_findings.accounts)
    assert "http-equiv" in doc.find("meta", http_equiv="Content-Security-Policy").attrs
    policy = doc.find("meta", http_equiv="Content-Security-Policy").attrs["content"]
    assert "default-src 'none'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
    assert all(s.attrs.get("nonce") == nonce for s in scripts if s.attrs.get("type") != "application/json")
    assert "@media print" in doc.find("style").text() and "break-before: page" in doc.find("style").text()


def test_html_maps_are_capped_for_big_portfolios(sample_map, sample_findings):
    doc = parse_html(report_bytes(sample_map, sample_findings, "html", max_maps=2).decode())
    assert len(doc.find_all("figure", "gm-figure")) == 2
    riskiest = [r.account_id for r in sample_findings.portfolio.accounts_by_risk[:2]]
    assert [f.attrs["id"] for f in doc.find_all("section", "account") if f.find_all("figure")] == [
        f"account-{a}" for a in riskiest]
    none = parse_html(report_bytes(sample_map, sample_findings, "html", max_maps=0).decode())
    assert not none.find_all("figure") and all(len(s.text()) < 1000 for s in none.find_all("script"))


def test_html_single_account_has_no_portfolio_and_takes_a_richer_figure(sample_map, as_of):
    import plotly.graph_objects as go

    found = graphmap.analyze(sample_map, as_of=as_of, accounts=["acc-orion"])
    calls = []

    def richer(amap, findings, account_id):
        calls.append(account_id)
        return go.Figure(go.Scatter(x=[0], y=[0], name="richer map"))

    doc = parse_html(report_bytes(sample_map, found, "html", account_figure=richer).decode())
    assert calls == ["acc-orion"]
    assert not doc.find_all("section", "portfolio")
    assert doc.find("title").text().startswith("Orion Bank")
    assert "richer map" in doc.find("script", "gm-figure-data").text()
    outside = _rows(doc, "findings-outside-team")
    assert [tr.attrs["data-id"] for tr in outside] == ["s09"]
