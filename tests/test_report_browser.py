"""The HTML report in a real browser (Debian's Chromium via Playwright) with the network cut off.

It must render completely from the file alone (every map drawn, no request leaving the page), print to
PDF with each account on its own page, and show hostile names as text without running anything.
Locally these tests skip when Chromium or Playwright is missing; under CI (or with
GRAPHMAP_REQUIRE_BROWSER set) they must run.
"""

from __future__ import annotations

import os
import re
import shutil

import pytest

import graphmap
from graphmap.report.export import write_report
from tests.reporting import HOSTILE_ACCOUNT, HOSTILE_PEOPLE, hostile_map

pytestmark = pytest.mark.browser

REQUIRED = bool(os.environ.get("CI") or os.environ.get("GRAPHMAP_REQUIRE_BROWSER"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser():
    chromium = shutil.which("chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        sync_playwright = None
    if chromium is None or sync_playwright is None:
        message = "needs Debian's chromium (apt-get install chromium) and the playwright package"
        if REQUIRED:
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _open_offline(browser, path):
    """Open the report with every request but the file itself refused; return the page and what it tried."""
    page = browser.new_page(viewport={"width": 1100, "height": 900})
    attempts, problems, dialogs = [], [], []
    url = path.resolve().as_uri()

    def route(request_route):
        if request_route.request.url == url:
            request_route.continue_()
        else:
            attempts.append(request_route.request.url)
            request_route.abort()

    page.route("**/*", route)
    page.on("console", lambda msg: problems.append(msg.text) if msg.type in ("error", "warning") else None)
    page.on("pageerror", lambda err: problems.append(str(err)))
    page.on("requestfailed", lambda req: problems.append(f"request failed: {req.url}"))
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(url)
    page.wait_for_selector("html[data-rendered]")
    return page, attempts, problems, dialogs


def test_sample_report_renders_offline_and_prints_one_page_per_account(browser, tmp_path, sample_map,
                                                                        sample_findings):
    path = write_report(sample_map, sample_findings, "html", tmp_path / "coverage.html")
    page, attempts, problems, dialogs = _open_offline(browser, path)

    assert attempts == [] and problems == [] and dialogs == []
    n = len(sample_findings.accounts)
    assert page.get_attribute("html", "data-rendered") == str(n)
    # Every map drawn: an SVG per figure holding the connection lines and both columns of people.
    assert page.locator("figure.gm-figure svg.main-svg").count() >= n
    for figure in page.locator("figure.gm-figure").all():
        assert figure.locator(".scatterlayer .trace").count() >= 3
    vela = page.locator("#account-acc-vela")
    assert vela.locator("svg text", has_text="Fatima Zahra").count() == 1
    assert vela.locator("table.findings-uncovered").inner_text().count("KEY") == 1

    shot = page.screenshot(path=tmp_path / "report.png", full_page=True)
    assert len(shot) > 100_000
    pdf = page.pdf(format="A4", print_background=True)
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
    assert pages >= 1 + n  # the portfolio, then each account from a new page
    page.close()


def test_hostile_names_show_as_text_and_run_nothing(browser, tmp_path):
    amap = hostile_map()
    findings = graphmap.analyze(amap, as_of=graphmap.SAMPLE_AS_OF)
    path = write_report(amap, findings, "html", tmp_path / "hostile.html")
    page, attempts, problems, dialogs = _open_offline(browser, path)

    assert dialogs == []  # no alert() ran
    assert attempts == []  # the <img src=x> never loaded: it is text
    assert problems == []
    assert page.locator("img").count() == 0
    assert page.get_attribute("html", "data-rendered") == str(len(findings.accounts))
    vela = page.locator("section.account").filter(has=page.locator("h2", has_text=HOSTILE_ACCOUNT[1]))
    assert vela.count() == 1
    assert HOSTILE_PEOPLE["vl5"] in vela.locator("table.findings-uncovered").inner_text()
    # Drawn in the map as labels, exactly as written: Plotly's own label markup (<b>, <a>) does not apply.
    labels = vela.locator("figure svg text").all_text_contents()
    assert HOSTILE_PEOPLE["vl5"] in labels and HOSTILE_PEOPLE["s07"] in labels
    page.close()


def test_content_security_policy_stops_what_escaping_might_miss(browser, tmp_path, sample_map, sample_findings):
    # Second line of defence: were a name ever printed unescaped, the page's policy would still refuse to run
    # it or to fetch anything, and graphmap's own nonce-carrying scripts would still draw every map.
    path = write_report(sample_map, sample_findings, "html", tmp_path / "coverage.html")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("<body>", '<body><script>alert("injected")</script>'
                                 '<img src="https://tracker.example/p.gif" onerror="alert(2)">', 1), encoding="utf-8")
    page, attempts, problems, dialogs = _open_offline(browser, path)
    assert dialogs == []
    assert attempts == []  # the policy stopped the image before it reached the network
    blocked = [p for p in problems if "Content Security Policy" in p]
    assert any("inline script" in p for p in blocked) and any("img-src" in p for p in blocked), problems
    assert all(p in blocked or p == "request failed: https://tracker.example/p.gif" for p in problems), problems
    assert page.get_attribute("html", "data-rendered") == str(len(sample_findings.accounts))
    page.close()
