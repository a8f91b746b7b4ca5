"""``graphmap report``: the findings as an HTML, Excel, CSV, Markdown or JSON report file."""

from __future__ import annotations

import click

from graphmap.analysis import analyze as analyze_map
from graphmap.cli import cli
from graphmap.cli.options import as_of_option, parse_as_of, settings_from, settings_options
from graphmap.mapfolder import read_map
from graphmap.report.export import DEFAULT_MAX_MAPS, FORMATS, format_for_path, write_report


@cli.command()
@click.argument("map_folder", metavar="MAP", type=click.Path(file_okay=False))
@click.option("-o", "--output", "output", required=True, metavar="PATH", type=click.Path(),
              help="Where to write the report. For csv: a folder, or a file ending in .zip.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="The report's format (default: from the output's suffix: .html .xlsx .zip .md .json).")
@click.option("--account", "accounts", multiple=True, metavar="ID", help="Only this account (repeatable).")
@as_of_option
@click.option("--max-maps", type=click.IntRange(0), default=DEFAULT_MAX_MAPS, show_default=True,
              help="HTML: draw relationship maps for this many accounts, the riskiest first.")
@click.option("--title", default=None, help="HTML and Markdown: the report's title.")
@settings_options
def report(map_folder: str, output: str, fmt: str | None, accounts: tuple[str, ...], as_of: str | None,
           max_maps: int, title: str | None, **thresholds) -> None:
    """Write a coverage report of the map in folder MAP to PATH.

    \b
    Examples:
      graphmap report data/sample --as-of 2026-11-27 -o coverage.html
      graphmap report data/sample --account acc-vela --format md -o vela.md
      graphmap report data/sample --format csv -o tables/      (or tables.zip)
    """
    fmt = fmt or format_for_path(output)
    if fmt is None:
        raise click.UsageError(f"cannot tell the format from {output!r}; add --format ({'|'.join(FORMATS)})")
    settings = settings_from(thresholds)
    date = parse_as_of(as_of)
    amap = read_map(map_folder)
    findings = analyze_map(amap, settings, date, list(accounts) or None)
    path = write_report(amap, findings, fmt, output, max_maps=max_maps, title=title)
    n = len(findings.accounts)
    click.echo(f"wrote {path} ({fmt}, {n} account{'s' if n != 1 else ''}, as of {date})")
