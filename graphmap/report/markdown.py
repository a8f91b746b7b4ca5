"""The findings as a compact Markdown account brief, for a wiki page or an account plan.

Every value the template prints passes through `markdown_text`, so a name cannot add markup, raw HTML
or a table cell; the structure (headings, tables, checklists) comes from the template alone.
"""

from __future__ import annotations

import os
from functools import lru_cache
from typing import BinaryIO

import jinja2

import graphmap
from graphmap.analysis.findings import Findings
from graphmap.model.accountmap import AccountMap
from graphmap.report.atomic import atomic_path
from graphmap.report.context import account_contexts, template_environment
from graphmap.report.safe import markdown_text
from graphmap.report.tables import riskiest_first

__all__ = ["write_markdown"]


def write_markdown(amap: AccountMap, findings: Findings, target: str | os.PathLike | BinaryIO,
                   title: str | None = None) -> None:
    """Write the Markdown brief to a path (atomically) or into a binary file object.

    Examples
    --------
    >>> import graphmap, io
    >>> amap = graphmap.read_map(graphmap.sample.sample_map_path())
    >>> buffer = io.BytesIO()
    >>> write_markdown(amap, graphmap.analyze(amap, as_of=graphmap.SAMPLE_AS_OF, accounts=["acc-vela"]), buffer)
    >>> print(buffer.getvalue().decode().splitlines()[0])
    # Vela Logistics
    """
    if isinstance(target, (str, os.PathLike)):
        with atomic_path(target) as temp, open(temp, "wb") as handle:
            _render(amap, findings, handle, title)
    else:
        _render(amap, findings, target, title)


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    # Autoescaping for Markdown: every printed value is escaped by `finalize`.
    return template_environment(autoescape=False, finalize=markdown_text)


def _render(amap: AccountMap, findings: Findings, handle: BinaryIO, title: str | None) -> None:
    several = len(findings.accounts) > 1
    if several:
        findings = riskiest_first(findings)
    if title is None:
        title = "Account coverage brief" if several or not findings.accounts else findings.accounts[0].name
    context = {
        "title": title,
        "as_of": findings.as_of,
        "version": graphmap.__version__,
        "settings": findings.settings,
        "portfolio": findings.portfolio if several else None,
        "accounts": account_contexts(amap, findings),
    }
    for chunk in _environment().get_template("brief.md.j2").generate(context):
        handle.write(chunk.encode("utf-8"))
