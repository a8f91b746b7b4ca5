"""The findings as JSON: the stable, documented schema of DESIGN.md §5 (``docs/findings-schema.json``).

This is the one place where findings become JSON; the CLI, the reports and the app all call it.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import orjson

from graphmap.analysis.findings import Findings

__all__ = ["SCHEMA_VERSION", "findings_json", "findings_dict", "findings_schema"]

#: Bumped only when a key is removed or changes meaning; new keys may appear within a version.
SCHEMA_VERSION = 1


def _document(findings: Findings) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "as_of": findings.as_of,
        "settings": findings.settings,
        "accounts": findings.accounts,
        "portfolio": findings.portfolio,
    }


def findings_json(findings: Findings, indent: bool = True) -> bytes:
    """The findings as UTF-8 JSON bytes (orjson serialises the frozen records natively, fast)."""
    option = orjson.OPT_INDENT_2 if indent else 0
    return orjson.dumps(_document(findings), option=option | orjson.OPT_APPEND_NEWLINE)


def findings_dict(findings: Findings) -> dict[str, Any]:
    """The findings as plain JSON-ready Python values (dates as ISO strings)."""
    return orjson.loads(findings_json(findings, indent=False))


def findings_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that `findings_json` output follows."""
    return orjson.loads((resources.files("graphmap.report") / "findings.schema.json").read_bytes())


