"""``graphmap import``: contacts exports into a map folder (docs/imports.md)."""

from __future__ import annotations

from pathlib import Path

import click

from graphmap.memory_pages import keep_freed_memory

# An import allocates and frees a few gigabytes of column buffers over a few seconds and exits: it
# keeps freed memory for reuse (a fifth fewer page faults). This must happen before the library
# below loads pyarrow; in a process that has it loaded already (tests) it changes nothing. The
# analysis does not do this: it gives memory back to stay within its peak (docs/performance.md).
keep_freed_memory()

from graphmap.cli import cli  # noqa: E402
from graphmap.imports import ImportReport, import_files  # noqa: E402
from graphmap.imports.detect import PROFILES
from graphmap.imports.records import ERROR_FILE  # noqa: E402
from graphmap.model.accountmap import counts_in_words  # noqa: E402


@cli.command(name="import", short_help="Import Salesforce, HubSpot, LinkedIn and activity exports into a map.")
@click.argument("files", metavar="FILE...", nargs=-1, required=True, type=click.Path(dir_okay=True))
@click.option("--into", "into", metavar="MAP", required=True, type=click.Path(file_okay=False),
              help="The map folder to create or merge into.")
@click.option("--profile", type=click.Choice(["auto", *PROFILES]), default="auto", show_default=True,
              help="The export's kind; auto detects it from each file's header.")
@click.option("--owner", metavar="PERSON", help="Whose LinkedIn network it is: a person_id or an e-mail.")
@click.option("--dry-run", is_flag=True, help="Show what would change; write nothing.")
def import_command(files: tuple[str, ...], into: str, profile: str, owner: str | None, dry_run: bool) -> None:
    """Import FILE... (Salesforce, HubSpot, LinkedIn, activity logs, map files) into the map folder MAP."""
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(stderr=True)
    with Progress(TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TimeRemainingColumn(),
                  console=console, transient=True, disable=not console.is_terminal) as bar:
        tasks: dict[str, int] = {}

        def progress(path: str, done: int, total: int) -> None:
            if path not in tasks:
                tasks[path] = bar.add_task(f"reading {click.format_filename(path, shorten=True)}", total=total)
            bar.update(tasks[path], completed=done)

        report = import_files(files, into, profile=profile, owner=owner, dry_run=dry_run, progress=progress)
    click.echo(format_report(report))


def format_report(report: ImportReport) -> str:
    """The import's summary as the command prints it."""
    lines = []
    for f in report.files:
        how = "detected" if f.detected else "given"
        c = f.counts
        # "activities activity log" would say it twice: that profile's kind is its name.
        label = f.kind if f.profile == "activities" else f"{f.profile} {f.kind}"
        lines.append(f"{f.path}: {label} ({how}), {_count(f.rows, 'row')}")
        for note in f.notes:
            lines.append(f"  assumed/detected: {note}")
        if c.accounts_added or c.accounts_updated:
            lines.append(f"  accounts: {c.accounts_added:,} added, {c.accounts_updated:,} updated")
        if c.people_added or c.people_updated or c.people_unchanged:
            lines.append(f"  people: {c.people_added:,} added, {c.people_updated:,} updated, "
                         f"{c.people_unchanged:,} unchanged")
        if c.connections_added or c.connections_updated or c.connections_unchanged:
            lines.append(f"  connections: {c.connections_added:,} added, {c.connections_updated:,} updated, "
                         f"{c.connections_unchanged:,} unchanged")
        if c.team_added:
            lines.append(f"  team memberships: {c.team_added:,} added")
        for reason, n in f.skipped.items():
            lines.append(f"  skipped {n:,}: {reason}")
        for reason, n in f.warnings.items():
            lines.append(f"  imported without a value {n:,}: {reason}")
    for note in report.notes:
        lines.append(f"{report.into}: {note}")
    totals = counts_in_words(report.totals)
    verb = "would hold" if report.dry_run else ("created" if report.created else "now holds")
    lines.append(f"{report.into}: {verb} {totals}" + (" (dry run: nothing written)" if report.dry_run else ""))
    if report.error_rows:
        where = report.error_file or f"{Path(report.into) / ERROR_FILE} (not written: dry run)"
        lines.append(f"{_count(report.error_rows, 'row')} not imported cleanly, with reasons: {where}")
    return "\n".join(lines)


def _count(n: int, noun: str) -> str:
    """"1 row", "2 rows", "1,000,000 rows"."""
    return f"{n:,} {noun}{'' if n == 1 else 's'}"
