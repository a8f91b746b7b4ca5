"""``graphmap analyze``, ``validate``, ``sample`` and ``generate``: the core commands."""

from __future__ import annotations

import gc
import sys

import click

from graphmap.analysis import analyze as analyze_map
from graphmap.cli import cli
from graphmap.cli.options import as_of_option, parse_as_of, settings_from, settings_options
from graphmap.mapfolder import read_map
from graphmap.report.jsonfmt import findings_json
from graphmap.sample import write_sample_map


@cli.command()
@click.argument("map_folder", metavar="MAP", type=click.Path(file_okay=False))
@as_of_option
@click.option("--account", "accounts", multiple=True, metavar="ID", help="Only this account (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="table", show_default=True)
@settings_options
def analyze(map_folder: str, as_of: str | None, accounts: tuple[str, ...], fmt: str, **thresholds) -> None:
    """Print the findings of the map in folder MAP."""
    # A one-shot command over possibly a million acyclic records: the cyclic collector would only
    # walk them again and again, so it stays off until the process ends.
    gc.disable()
    settings = settings_from(thresholds)
    date = parse_as_of(as_of)
    amap = read_map(map_folder)
    findings = analyze_map(amap, settings, date, list(accounts) or None)
    if fmt == "json":
        sys.stdout.buffer.write(findings_json(findings))
        sys.stdout.flush()
    else:
        from graphmap.report.table import print_findings_table

        print_findings_table(findings)


@cli.command()
@click.argument("map_folder", metavar="MAP", type=click.Path(file_okay=False))
def validate(map_folder: str) -> None:
    """Check the map in folder MAP; print one line per fault (exit code 2 when there is any)."""
    amap = read_map(map_folder)
    click.echo(f"{map_folder}: valid: {len(amap.accounts)} accounts, {len(amap.people)} people, "
               f"{len(amap.team)} team memberships, {len(amap.connections)} connections")


@cli.command()
@click.argument("folder", metavar="DIR", type=click.Path(file_okay=False))
def sample(folder: str) -> None:
    """Write the sample portfolio (five accounts, every kind of finding) into a new folder DIR."""
    path = write_sample_map(folder)
    click.echo(f"wrote the sample map to {path}; try: graphmap analyze {path} --as-of 2026-11-27")


@cli.command()
@click.argument("folder", metavar="OUT", type=click.Path(file_okay=False))
@click.option("--accounts", "n_accounts", type=click.IntRange(1, 10_000_000), required=True,
              help="How many accounts to generate.")
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed (same seed, same map).")
@as_of_option
def generate(folder: str, n_accounts: int, seed: int, as_of: str | None) -> None:
    """Write a synthetic portfolio of N accounts to OUT, for scale work."""
    from graphmap.generate import write_generated_map

    counts = write_generated_map(folder, n_accounts, seed=seed, as_of=parse_as_of(as_of))
    click.echo(f"wrote {folder}: " + ", ".join(f"{n} {what}" for what, n in counts.items()))
