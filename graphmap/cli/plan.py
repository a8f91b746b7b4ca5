"""``graphmap paths``, ``plan``, ``whatif`` and ``diff``: from findings to a plan, and change over time."""

from __future__ import annotations

import sys
from typing import Any

import click

from graphmap.analysis import analyze
from graphmap.analysis.changes import HEALTHY_STRENGTH, NewConnection, apply_changes
from graphmap.analysis.diff import diff_findings
from graphmap.analysis.paths import DEFAULT_MAX_HOPS, account_paths
from graphmap.analysis.plan import coverage_plan
from graphmap.cli import cli
from graphmap.cli.options import as_of_option, parse_as_of, settings_from, settings_options
from graphmap.mapfolder import read_map
from graphmap.report import planjson

_FORMAT = click.option("--format", "fmt", type=click.Choice(["json", "table"]), default="table", show_default=True)
_MAP = click.argument("map_folder", metavar="MAP", type=click.Path(file_okay=False))


def _emit(fmt: str, document: dict[str, Any], renderables: list) -> None:
    if fmt == "json":
        sys.stdout.buffer.write(planjson.to_json(document))
        sys.stdout.flush()
    else:
        from graphmap.report.plantable import print_renderables

        print_renderables(renderables)


@cli.command()
@_MAP
@click.option("--account", "account_id", required=True, metavar="ID", help="The account.")
@click.option("--to", "to", metavar="PERSON", help="Paths to this stakeholder (default: every gap of the account).")
@click.option("--max-hops", type=click.IntRange(1, 6), default=DEFAULT_MAX_HOPS, show_default=True,
              help="Longest path proposed, in links.")
@as_of_option
@_FORMAT
@settings_options
def paths(map_folder: str, account_id: str, to: str | None, max_hops: int, as_of: str | None, fmt: str,
          **thresholds) -> None:
    """Warm introduction paths from the team of account ID to its uncovered and single-threaded key stakeholders."""
    from graphmap.report.plantable import paths_renderables

    settings, date = settings_from(thresholds), parse_as_of(as_of)
    amap = read_map(map_folder)
    found = analyze(amap, settings, date, [account_id]).account(account_id)
    result = account_paths(amap, found, settings, date, to=to, max_hops=max_hops)
    _emit(fmt, planjson.paths_document(result, settings), paths_renderables(result))


@cli.command()
@_MAP
@click.option("--account", "account_id", metavar="ID", help="Plan this account only (default: every account).")
@as_of_option
@_FORMAT
@settings_options
def plan(map_folder: str, account_id: str | None, as_of: str | None, fmt: str, **thresholds) -> None:
    """Who should build which relationship: every gap given to a fitting member within --capacity."""
    from graphmap.report.plantable import plan_renderables

    settings, date = settings_from(thresholds), parse_as_of(as_of)
    amap = read_map(map_folder)
    findings = analyze(amap, settings, date)
    result = coverage_plan(amap, findings, account_id, settings.capacity, settings)
    _emit(fmt, planjson.plan_document(result, settings), plan_renderables(result))


def _parse_add(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> list[NewConnection]:
    out = []
    for text in values:
        parts = text.split(":")
        if len(parts) not in (2, 3) or not all(parts[:2]):
            raise click.BadParameter(f"{text!r}: expected MEMBER:STAKEHOLDER or MEMBER:STAKEHOLDER:STRENGTH")
        strength = HEALTHY_STRENGTH
        if len(parts) == 3:
            if parts[2] not in {"1", "2", "3", "4", "5"}:
                raise click.BadParameter(f"{text!r}: strength {parts[2]!r} must be 1 to 5")
            strength = int(parts[2])
        out.append(NewConnection(parts[0], parts[1], strength))
    return out


@cli.command()
@_MAP
@click.option("--remove", "remove", multiple=True, metavar="MEMBER", help="Remove this supplier member (repeatable).")
@click.option("--add", "add", multiple=True, metavar="MEMBER:STAKEHOLDER[:STRENGTH]", callback=_parse_add,
              help=f"Add or renew a connection point, contacted on the as-of date (strength {HEALTHY_STRENGTH} "
                   "unless given; repeatable).")
@click.option("--account", "accounts", multiple=True, metavar="ID", help="Only this account (repeatable).")
@as_of_option
@_FORMAT
@settings_options
def whatif(map_folder: str, remove: tuple[str, ...], add: list[NewConnection], accounts: tuple[str, ...],
           as_of: str | None, fmt: str, **thresholds) -> None:
    """What would change if members left (--remove) or connections were made (--add)."""
    from graphmap.report.plantable import diff_renderables

    if not remove and not add:
        raise click.UsageError("give at least one --remove or --add")
    settings, date = settings_from(thresholds), parse_as_of(as_of)
    amap = read_map(map_folder)
    changed = apply_changes(amap, remove_members=remove, add_connections=add, as_of=date)
    wanted = list(accounts) or None
    diff = diff_findings(analyze(amap, settings, date, wanted), analyze(changed, settings, date, wanted),
                         departed=remove)
    document = planjson.whatif_document(diff, list(dict.fromkeys(remove)),
                                        [NewConnection(n.supplier_id, n.customer_id, n.strength, date) for n in add])
    _emit(fmt, document, diff_renderables(diff, title="What if"))


@cli.command()
@click.argument("old_folder", metavar="OLD_MAP", type=click.Path(file_okay=False))
@click.argument("new_folder", metavar="NEW_MAP", type=click.Path(file_okay=False))
@as_of_option
@click.option("--old-as-of", metavar="DATE", help="Judge OLD_MAP as of this ISO date (default: --as-of).")
@click.option("--account", "accounts", multiple=True, metavar="ID", help="Only this account (repeatable).")
@_FORMAT
@settings_options
def diff(old_folder: str, new_folder: str, as_of: str | None, old_as_of: str | None, accounts: tuple[str, ...],
         fmt: str, **thresholds) -> None:
    """What improved and what decayed from OLD_MAP to NEW_MAP (or one map at two dates: MAP MAP --old-as-of)."""
    from graphmap.report.plantable import diff_renderables

    settings, date = settings_from(thresholds), parse_as_of(as_of)
    old_date = parse_as_of(old_as_of) if old_as_of else date
    old_map = read_map(old_folder)
    new_map = old_map if new_folder == old_folder else read_map(new_folder)
    departed = set(old_map.people["person_id"]) - set(new_map.people["person_id"])
    if accounts:
        known = set(old_map.account_ids) | set(new_map.account_ids)
        for account_id in accounts:
            if account_id not in known:
                new_map.account(account_id)  # raises UnknownAccountError naming the known accounts
        # An account on one side only is compared with nothing (reported as added or removed).
        old_map = old_map.subset([a for a in accounts if a in set(old_map.account_ids)])
        new_map = new_map.subset([a for a in accounts if a in set(new_map.account_ids)])
    result = diff_findings(analyze(old_map, settings, old_date), analyze(new_map, settings, date), departed=departed)
    _emit(fmt, planjson.diff_document(result), diff_renderables(result))
