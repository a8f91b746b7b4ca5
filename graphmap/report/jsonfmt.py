"""The findings as JSON: the stable, documented schema of DESIGN.md §5 (``docs/findings-schema.json``).

This is the one place where findings become JSON; the CLI, the reports and the app all call it.
"""

from __future__ import annotations

from importlib import resources
from typing import Any, BinaryIO

import orjson

from graphmap.analysis.findings import Findings

__all__ = ["SCHEMA_VERSION", "findings_json", "findings_dict", "findings_schema", "write_findings_json"]

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


def write_findings_json(findings: Findings, stream: BinaryIO) -> None:
    """Write the same document as `findings_json` to a binary stream, one account per line.

    The document is never held whole in memory (a 20,000-account portfolio makes about 250 MB of JSON),
    and each account on its own line suits line-oriented tools; pipe through ``jq`` to indent.
    """
    head = orjson.dumps({"schema_version": SCHEMA_VERSION, "as_of": findings.as_of, "settings": findings.settings})
    stream.write(head[:-1] + b',\n"accounts":[\n')
    for position, account in enumerate(findings.accounts):
        if position:
            stream.write(b",\n")
        stream.write(orjson.dumps(account))
    stream.write(b'\n],\n"portfolio":' + orjson.dumps(findings.portfolio) + b"}\n")


def findings_dict(findings: Findings) -> dict[str, Any]:
    """The findings as plain JSON-ready Python values (dates as ISO strings)."""
    return orjson.loads(findings_json(findings, indent=False))


def findings_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that `findings_json` output follows."""
    return orjson.loads((resources.files("graphmap.report") / "findings.schema.json").read_bytes())


