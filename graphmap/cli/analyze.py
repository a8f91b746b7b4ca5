"""``graphmap analyze``, ``validate``, ``sample`` and ``generate``: the core commands."""

from __future__ import annotations

import gc
import sys

import click

from graphmap.analysis import analyze as analyze_map
from graphmap.cli import cli
from graphmap.cli.options import as_of_option, parse_as_of, settings_from, settings_options
from graphmap.cli.store_options import neo4j_options, open_neo4j_from_options
from graphmap.mapfolder import read_map
from graphmap.report.jsonfmt import write_findings_json
from graphmap.sample import write_sample_map


@cli.command()
@click.argument("map_folder", metavar="[MAP]", type=click.Path(file_okay=False), required=False)
@as_of_option
@click.option("--account", "accounts", multiple=True, metavar="ID", help="Only this account (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="table", show_default=True)
@click.option("--store", type=click.Choice(["folder", "neo4j"]), default="folder", show_default=True,
              help="Where the map is: folder MAP, or a Neo4j database (then give no MAP).")
@neo4j_options
@settings_options
def analyze(map_folder: str | None, as_of: str | None, accounts: tuple[str, ...], fmt: str, store: str,
            **thresholds) -> None:
    """Print the findings of the map in folder MAP (or, with --store neo4j, of the map in Neo4j)."""
    # A one-shot command over possibly a million acyclic records: the cyclic collector would only
    # walk them again and again, so it stays off until the process ends.
    gc.disable()
    neo4j = {k: thresholds.pop(k) for k in ("neo4j_uri", "neo4j_user", "neo4j_database")}
    settings = settings_from(thresholds)
    date = parse_as_of(as_of)
    if store == "neo4j":
        if map_folder is not None:
            raise click.UsageError("with --store neo4j the map is read from Neo4j: give no MAP folder")
        from graphmap.store.neo4j_findings import analyze_store

        with open_neo4j_from_options(neo4j) as db:
            findings = analyze_store(db, settings, date, list(accounts) or None)
    else:
        if map_folder is None:
            raise click.UsageError("missing the MAP folder (or use --store neo4j)")
        findings = analyze_map(read_map(map_folder), settings, date, list(accounts) or None)
    if fmt == "json":
        write_findings_json(findings, sys.stdout.buffer)
        sys.stdout.flush()
    else:
        from graphmap.report.table import print_findings_table

        print_findings_table(findings)


@cli.command()
@click.argument("map_folder", metavar="MAP", type=click.Path(file_okay=False))
def validate(map_folder: str) -> None:
    """Check the map in folder MAP; print one line per fault (exit code 2 when there is any)."""
    amap = read_map(map_folder)
    click.echo(f"{map_folder}: valid: {amap.size_in_words()}")


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
