"""The app in a real browser: `streamlit run app.py` on a free port, driven by Playwright in Debian's Chromium.

Each test opens a page as a person would and checks what they see; the screenshots a sales leader should
see are saved to docs/img/ (portfolio, account map, findings, what-if). Without chromium these tests skip
locally; in CI (or with GRAPHMAP_REQUIRE_BROWSER set) they fail instead.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHOTS = Path(os.environ.get("GRAPHMAP_SCREENSHOTS", ROOT / "docs" / "img"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.browser


def _required() -> bool:
    return bool(os.environ.get("CI") or os.environ.get("GRAPHMAP_REQUIRE_BROWSER"))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def chromium_path() -> str:
    path = shutil.which("chromium")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        path = None
    if path is None:
        if _required():
            pytest.fail("chromium (Debian package) and the playwright package are required in CI")
        pytest.skip("chromium or playwright not installed (apt-get install chromium; pip install playwright)")
    return path


@pytest.fixture(scope="module")
def server(chromium_path) -> str:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k != "GRAPHMAP_MAP"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as reply:
                    if reply.read().strip() == b"ok":
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                output = proc.stdout.read().decode(errors="replace") if proc.poll() is not None else ""
                pytest.fail(f"streamlit did not start on port {port}: {output[-2000:]}")
            time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1440, "height": 1400}, accept_downloads=True)
    page = context.new_page()
    yield page
    context.close()


def open_page(page, server: str, path: str, wait_text: str):
    page.goto(f"{server}/{path}")
    page.get_by_text(wait_text, exact=False).first.wait_for(timeout=60_000)
    _settle(page)
    assert "Traceback" not in page.inner_text("body")
    return page


def _settle(page) -> None:
    """Wait until Streamlit has finished the rerun (no spinner, status not 'running')."""
    page.wait_for_timeout(500)
    page.locator("[data-testid='stStatusWidget']").wait_for(state="detached", timeout=60_000)
    page.wait_for_timeout(700)


def choose(page, widget: str, index: int, option: str) -> None:
    """Pick an option of the index-th selectbox/multiselect (data-testid `widget`) by its text."""
    page.locator(f"[data-testid='{widget}']").nth(index).click()
    page.get_by_role("option", name=option, exact=True).click()
    _settle(page)


def table_text(page, *expect_texts: str) -> str:
    """The text of every table shown, once each of `expect_texts` appears in one of them."""
    # Streamlit's data grid draws on a canvas and keeps an accessible table of the cells beside it; the
    # grid fills it in as it renders, so wait for every text the test reads, not just the first.
    from playwright.sync_api import expect

    for text in expect_texts:
        expect(page.locator("[data-testid='stDataFrame'] table", has_text=text).first).to_be_attached(
            timeout=30_000)
    return " ".join(t.text_content() for t in page.locator("[data-testid='stDataFrame'] table").all())


def plot_text(page, index: int = 0) -> list[str]:
    return [t.strip("\xa0") for t in page.locator(".js-plotly-plot").nth(index).locator("text").all_text_contents()]


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=True)


def test_portfolio_page_ranks_accounts(page, server):
    open_page(page, server, "", "Accounts by risk")
    page.get_by_text("as of 27 Nov 2026").first.wait_for(timeout=30_000)
    tables = table_text(page, "Kestrel Energy", "Vela Logistics", "Fatima Zahra", "Dana Reyes")
    assert tables.index("Vela Logistics") < tables.index("Kestrel Energy")  # riskiest first
    assert "Fatima Zahra" in tables and "Dana Reyes" in tables
    page.locator(".js-plotly-plot").first.wait_for()
    assert "Vela Logistics" in plot_text(page)
    shot(page, "portfolio.png")


def test_account_map_reads_across_the_gap_and_shows_a_clicked_person(page, server):
    open_page(page, server, "account_map", "OUR TEAM")
    choose(page, "stSelectbox", 0, "Cobalt Mining Inc.")
    texts = plot_text(page)
    assert "OUR TEAM" in texts and "THEIR ORGANISATION" in texts
    for name in ("Dana Reyes", "Helen Brandt", "Karen Liu", "Uncovered stakeholder (red ring)",
                 "Hero: carries too much alone (gold star)", "Only thread to a key person"):
        assert name in texts
    # The map is drawn: one marker per person of Cobalt's map.
    assert page.locator(".js-plotly-plot .scatterlayer .trace .points path").count() >= 11
    # Clicking a person on the map shows their details below it.
    dana = page.locator(".js-plotly-plot .scatterlayer .trace", has=page.locator("text", has_text="Dana Reyes"))
    dana.locator(".points path").first.click(force=True)
    _settle(page)
    page.get_by_role("heading", name="Dana Reyes").wait_for(timeout=30_000)
    page.get_by_text("Would leave uncovered: Helen Brandt, Raj Malhotra").wait_for(timeout=30_000)
    shot(page, "account_map.png")


def test_account_map_force_layout(page, server):
    open_page(page, server, "account_map", "OUR TEAM")
    page.get_by_text("Force-directed").click()
    _settle(page)
    assert any("force-directed" in t for t in plot_text(page))


def test_findings_page_lists_what_is_at_risk(page, server):
    open_page(page, server, "findings", "Uncovered stakeholders (6)")
    for text in ("Fatima Zahra", "Samuel Park", "Dana Reyes", "our contacts have gone stale", "❌ fail"):
        assert text in table_text(page, text)
    shot(page, "findings.png")


def test_plan_page_assigns_the_gaps_and_shows_warm_paths(page, server):
    open_page(page, server, "plan", "Assignments")
    choose(page, "stSelectbox", 0, "Vela Logistics")
    tables = table_text(page, "Fatima Zahra", "Lukas Meyer")
    assert "no fitting member" in tables  # Vela's team has nobody who may own an economic buyer
    assert "Aisha Bello → Tom Okafor → Thomas Becker" in tables
    choose(page, "stSelectbox", 0, "Cobalt Mining Inc.")
    assert "Priya Natarajan" in table_text(page, "Priya Natarajan", "Helen Brandt", "Raj Malhotra")
    shot(page, "plan.png")


def test_what_if_shows_who_would_be_lost(page, server):
    open_page(page, server, "whatif", "Take members off")
    choose(page, "stSelectbox", 0, "Cobalt Mining Inc.")
    choose(page, "stMultiSelect", 0, "Dana Reyes")
    page.get_by_text("Would be lost", exact=True).wait_for(timeout=30_000)
    # A metric's delta can be redrawn after the rest of the rerun: wait for it (a loaded machine showed the gap).
    page.get_by_text("-67 pts").first.wait_for(timeout=30_000)
    body = page.inner_text("body")
    assert "Helen Brandt, Raj Malhotra" in body
    assert "-67 pts" in body
    page.locator(".js-plotly-plot").nth(1).wait_for(timeout=30_000)
    assert page.locator(".js-plotly-plot").count() == 2
    assert "Black cross: would be lost" in page.inner_text("body")
    page.locator("h1").first.click()  # close the open dropdown
    page.set_viewport_size({"width": 1440, "height": 1900})
    _settle(page)
    shot(page, "whatif.png")


def test_import_refuses_a_bad_file_and_applies_a_good_one(page, server, tmp_path):
    open_page(page, server, "import_map", "Upload the map")
    uploader = page.locator("[data-testid='stFileUploader'] input[type=file]")
    uploader.set_input_files([{"name": "people.csv", "mimeType": "text/csv",
                               "buffer": b"person_id,name,side\nx1,Ann,martian\n"}])
    page.get_by_text("The upload cannot be used").wait_for(timeout=30_000)
    assert "the current map is kept" in page.inner_text("body")
    assert "unknown side" in table_text(page, "unknown side")
    page.screenshot(path=str(tmp_path / "import-bad.png"))

    people = (ROOT / "data/sample/people.csv").read_bytes().replace(b"Fatima Zahra", b"Fatima Haddad")
    uploader.set_input_files([{"name": "people.csv", "mimeType": "text/csv", "buffer": people}])
    page.get_by_text("The upload is valid").wait_for(timeout=30_000)
    # The rest of the page streams in after that line: wait for it (a loaded machine showed the gap).
    page.get_by_text("What would change").wait_for(timeout=30_000)
    page.get_by_role("button", name="Apply the upload").click()
    _settle(page)
    page.get_by_text("Using the upload applied in this session").wait_for(timeout=30_000)
    page.get_by_role("link", name="Portfolio").click()
    page.get_by_text("Accounts by risk").wait_for(timeout=30_000)
    _settle(page)
    assert "Fatima Haddad" in table_text(page, "Fatima Haddad")


def test_downloads_give_the_findings_as_json(page, server, tmp_path):
    open_page(page, server, "downloads", "Findings as JSON")
    with page.expect_download() as download:
        page.get_by_role("button", name="Findings as JSON").click()
    document = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert document["as_of"] == "2026-11-27"
    assert {a["account_id"] for a in document["accounts"]} >= {"acc-vela", "acc-harbor"}
    with page.expect_download() as download:
        page.get_by_role("button", name="Findings as CSV (zip of the report's tables)").click()
    assert download.value.suggested_filename == "graphmap-report-2026-11-27.zip"
    assert zipfile.ZipFile(download.value.path()).namelist()
    # The HTML report is built when clicked (a deferred download), with the app's account maps.
    with page.expect_download() as download:
        page.get_by_role("button", name="HTML report (interactive account maps)").click()
    html = Path(download.value.path()).read_text(encoding="utf-8")
    assert download.value.suggested_filename == "graphmap-report-2026-11-27.html"
    assert "Cobalt Mining" in html and "Uncovered stakeholder (red ring)" in html
