"""The findings as one self-contained HTML document: readable offline, printable, safe to open.

Built from the Jinja2 template ``templates/report.html.j2`` with autoescaping on, so every name from
a CRM shows as text. Plotly's script is embedded once per document (no CDN, no web font), and the page's
Content-Security-Policy forbids every request, so it opens the same on a plane as in the office. Print
styles put each account on its own page, so "print to PDF" gives a clean document.

A portfolio streams: the template is rendered account by account into the file. Interactive maps are
drawn for the `max_maps` riskiest accounts only (a browser draws a few dozen Plotly figures quickly,
not thousands); every account keeps its coverage matrix and its findings.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import secrets
from functools import lru_cache
from typing import Any, BinaryIO, Iterator

import jinja2
from markupsafe import Markup

import graphmap
from graphmap.analysis.findings import Findings
from graphmap.model.accountmap import AccountMap
from graphmap.report.atomic import atomic_path
from graphmap.report.context import account_contexts, template_environment
from graphmap.report.export import DEFAULT_MAX_MAPS
from graphmap.report.figures import AccountFigure, relationship_figure
from graphmap.report.matrix import coverage_matrices
from graphmap.report.tables import riskiest_first

__all__ = ["write_html"]


def write_html(amap: AccountMap, findings: Findings, target: str | os.PathLike | BinaryIO, *,
               account_figure: AccountFigure | None = None, max_maps: int = DEFAULT_MAX_MAPS,
               title: str | None = None) -> None:
    """Write the HTML report to a path (atomically) or into a binary file object.

    Parameters
    ----------
    amap, findings
        The map and its findings (from `graphmap.analyze`); the report covers the findings' accounts.
    target
        A file path, or a binary file object (e.g. `io.BytesIO` for a download button).
    account_figure
        Draws one account's map, ``account_figure(amap, findings, account_id)``; by default the built-in
        `relationship_figure`.
    max_maps
        Draw interactive maps for this many accounts (the riskiest first); 0 for none.
    title
        The document's title (default: "Account coverage report" or the account's name).
    """
    if isinstance(target, (str, os.PathLike)):
        with atomic_path(target) as temp, open(temp, "wb") as handle:
            _render(amap, findings, handle, account_figure, max_maps, title)
    else:
        _render(amap, findings, target, account_figure, max_maps, title)


@lru_cache(maxsize=1)
def _plotly_js() -> Markup:
    from plotly.offline import get_plotlyjs

    # Plotly's own bundle, embedded as plotly.py's to_html(include_plotlyjs=True) embeds it.
    return Markup(get_plotlyjs())


def _render(amap: AccountMap, findings: Findings, handle: BinaryIO, account_figure: AccountFigure | None,
            max_maps: int, title: str | None) -> None:
    several = len(findings.accounts) > 1
    if several:
        findings = riskiest_first(findings)  # as a review goes through them
    if title is None:
        title = "Account coverage report" if several or not findings.accounts else findings.accounts[0].name
    context = {
        "title": title,
        "as_of": findings.as_of,
        "generated": dt.date.today(),
        "version": graphmap.__version__,
        "settings": findings.settings,
        "portfolio": findings.portfolio if several else None,
        "account_names": {r.account_id: r.name for r in findings.portfolio.accounts_by_risk},
        "accounts": _account_contexts(amap, findings, account_figure, max_maps),
        "max_maps": max_maps,
        "plotly_js": _plotly_js() if max_maps > 0 and findings.accounts else None,
        "nonce": secrets.token_urlsafe(18),
    }
    text = io.TextIOWrapper(handle, encoding="utf-8", newline="\n")
    _environment().get_template("report.html.j2").stream(context).dump(text)
    text.flush()
    text.detach()


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    return template_environment(autoescape=True)


def _account_contexts(amap: AccountMap, findings: Findings, account_figure: AccountFigure | None,
                      max_maps: int) -> Iterator[dict[str, Any]]:
    matrices = coverage_matrices(amap, findings)
    for i, (context, matrix) in enumerate(zip(account_contexts(amap, findings), matrices)):
        figure = None
        if i < max_maps:
            drawn = (relationship_figure(matrix) if account_figure is None
                     else account_figure(amap, findings, matrix.account_id))
            figure = _figure_json(drawn.to_json())
        yield context | {"matrix": matrix, "figure": figure}


def _figure_json(text: str) -> Markup:
    """Figure JSON that is safe inside a ``<script>`` element: no ``<``, ``>`` or ``&`` left to close it."""
    return Markup(text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
                  .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
