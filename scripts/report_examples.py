"""Regenerate the committed example reports and their screenshots from the sample map.

Usage::

    .venv/bin/python scripts/report_examples.py

Writes docs/examples/coverage-report.{html,xlsx}, docs/examples/coverage-brief.md (the sample as of
2026-11-27) and docs/img/report-portfolio.png, docs/img/report-account.png, taken in headless Chromium
with every request but the report itself refused, as the browser tests do.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import graphmap
from graphmap.report.export import write_report

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "docs" / "examples"
IMAGES = ROOT / "docs" / "img"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def main() -> int:
    amap = graphmap.read_map(ROOT / "data" / "sample")
    findings = graphmap.analyze(amap, as_of=graphmap.SAMPLE_AS_OF)
    html = write_report(amap, findings, "html", EXAMPLES / "coverage-report.html")
    write_report(amap, findings, "xlsx", EXAMPLES / "coverage-report.xlsx")
    write_report(amap, findings, "md", EXAMPLES / "coverage-brief.md")

    from playwright.sync_api import sync_playwright

    IMAGES.mkdir(parents=True, exist_ok=True)
    url = html.resolve().as_uri()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1100, "height": 1000}, device_scale_factor=1)
        page.route("**/*", lambda route: route.continue_() if route.request.url == url else route.abort())
        page.goto(url)
        page.wait_for_selector("html[data-rendered]")
        page.screenshot(path=IMAGES / "report-portfolio.png")
        page.locator("#account-acc-harbor").screenshot(path=IMAGES / "report-account.png")
        browser.close()
    for path in sorted(EXAMPLES.iterdir()) + sorted(IMAGES.glob("report-*.png")):
        print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
