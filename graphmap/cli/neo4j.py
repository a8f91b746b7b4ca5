"""``graphmap neo4j push | pull | status``: keep a map in Neo4j.

Connection settings: ``--neo4j-uri`` / ``--neo4j-user`` / ``--neo4j-database`` or the variables
``GRAPHMAP_NEO4J_URI`` / ``_USER`` / ``_DATABASE``; the password only from ``GRAPHMAP_NEO4J_PASSWORD``.
"""

from __future__ import annotations

import click

from graphmap.cli import cli
from graphmap.cli.store_options import neo4j_options, open_neo4j_from_options
from graphmap.mapfolder import read_map, write_map
from graphmap.store.neo4j_store import DEFAULT_BATCH_SIZE


@cli.group()
def neo4j() -> None:
    """Push maps into Neo4j, pull them back, and see what a database holds."""


@neo4j.command()
@click.argument("map_folder", metavar="MAP", type=click.Path(file_okay=False))
@click.option("--account", "accounts", multiple=True, metavar="ID",
              help="Push only this account's part of the map (repeatable).")
@click.option("--batch-size", type=click.IntRange(1, 1_000_000), default=DEFAULT_BATCH_SIZE, show_default=True,
              help="Rows per write transaction.")
@click.option("--progress/--no-progress", default=True, show_default=True, help="Show a progress bar.")
@neo4j_options
def push(map_folder: str, accounts: tuple[str, ...], batch_size: int, progress: bool, **options) -> None:
    """Write the map in folder MAP into Neo4j (idempotent; replaces what changed for its accounts)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    amap = read_map(map_folder)
    console = Console(stderr=True)
    with open_neo4j_from_options(options) as store:
        with Progress(TextColumn("{task.description:<12}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=console, disable=not progress, transient=False) as bar:
            tasks: dict[str, int] = {}

            def report(stage: str, done: int, total: int) -> None:
                if stage not in tasks:
                    tasks[stage] = bar.add_task(stage, total=max(total, 1))
                bar.update(tasks[stage], completed=done if total else 1)

            counts = store.push(amap, list(accounts) or None, batch_size=batch_size, progress=report)
        click.echo(f"pushed {map_folder} to Neo4j at {store.location}: "
                   + ", ".join(f"{n} {what}" for what, n in counts.items()))


@neo4j.command()
@click.argument("folder", metavar="OUT", type=click.Path(file_okay=False))
@click.option("--account", "accounts", multiple=True, metavar="ID", help="Pull only this account (repeatable).")
@neo4j_options
def pull(folder: str, accounts: tuple[str, ...], **options) -> None:
    """Write the map held in Neo4j (or some accounts of it) to folder OUT, atomically."""
    with open_neo4j_from_options(options) as store:
        amap = store.load(list(accounts) or None)
        write_map(amap, folder)
        click.echo(f"pulled {amap!r} from Neo4j at {store.location} into {folder}")


@neo4j.command()
@neo4j_options
def status(**options) -> None:
    """Check the connection and print what the database holds."""
    with open_neo4j_from_options(options) as store:
        s = store.status()
    click.echo(f"Neo4j at {s.location}: {s.server}; {s.accounts} accounts, {s.people} people, "
               f"{s.team_memberships} team memberships, {s.connections} connections")
