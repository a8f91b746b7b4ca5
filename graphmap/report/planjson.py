"""Warm paths, coverage plans, what-ifs and diffs as JSON (``docs/plan.md``), each with its JSON Schema.

The one place where those records become JSON; the CLI and the app call it. orjson serialises the
frozen records and dates natively.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import orjson

from graphmap.analysis.changes import NewConnection
from graphmap.analysis.diff import FindingsDiff
from graphmap.analysis.paths import AccountPaths
from graphmap.analysis.plan import Plan
from graphmap.settings import Settings

__all__ = ["SCHEMA_VERSION", "diff_document", "paths_document", "plan_document", "plan_schema", "to_json",
           "whatif_document"]

#: Bumped only when a key is removed or changes meaning; new keys may appear within a version.
SCHEMA_VERSION = 1


def to_json(document: dict[str, Any], indent: bool = True) -> bytes:
    """A document as UTF-8 JSON bytes ending in a newline."""
    option = orjson.OPT_INDENT_2 if indent else 0
    return orjson.dumps(document, option=option | orjson.OPT_APPEND_NEWLINE)


def paths_document(paths: AccountPaths, settings: Settings) -> dict[str, Any]:
    """``graphmap paths --format json``: schema ``paths.schema.json``."""
    return {"schema_version": SCHEMA_VERSION, "as_of": paths.as_of, "settings": settings,
            "account_id": paths.account_id, "name": paths.name, "max_hops": paths.max_hops,
            "targets": paths.targets}


def plan_document(plan: Plan, settings: Settings) -> dict[str, Any]:
    """``graphmap plan --format json``: schema ``plan.schema.json``."""
    return {"schema_version": SCHEMA_VERSION, "as_of": plan.as_of, "settings": settings,
            "capacity": plan.capacity, "total_cost": plan.total_cost,
            "assigned": sum(len(a.assignments) for a in plan.accounts),
            "unassigned": sum(len(a.unassigned) for a in plan.accounts),
            "accounts": plan.accounts, "members": plan.members}


def diff_document(diff: FindingsDiff) -> dict[str, Any]:
    """``graphmap diff --format json``: schema ``diff.schema.json``."""
    return {"schema_version": SCHEMA_VERSION, "before_as_of": diff.before_as_of, "after_as_of": diff.after_as_of,
            "coverage_weighted": diff.coverage_weighted, "improved": diff.improved, "decayed": diff.decayed,
            "departed": diff.departed,
            "accounts": [dict(orjson.loads(orjson.dumps(a)), improvements=a.improvements, decays=a.decays)
                         for a in diff.accounts]}


def whatif_document(diff: FindingsDiff, removed: list[str], added: list[NewConnection]) -> dict[str, Any]:
    """``graphmap whatif --format json``: the diff document plus the ``changes`` made (``diff.schema.json``)."""
    return dict(diff_document(diff), changes={"removed": removed, "added": added})


def plan_schema(name: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one output: ``paths``, ``plan`` or ``diff`` (whatif uses ``diff``)."""
    return orjson.loads((resources.files("graphmap.report") / f"{name}.schema.json").read_bytes())
