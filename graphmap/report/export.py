"""One entry point for every report format: `write_report` to a file, `report_bytes` for a download.

The CLI (``graphmap report``) and the app's download buttons both call these, so a report looks the
same wherever it was made. Every file is written atomically: whole, or not at all.
"""

from __future__ import annotations

import importlib
import io
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graphmap.analysis.findings import Findings
from graphmap.exceptions import MissingDependencyError, ReportError
from graphmap.model.accountmap import AccountMap
from graphmap.report.atomic import atomic_file

if TYPE_CHECKING:
    from graphmap.report.figures import AccountFigure

__all__ = ["DEFAULT_MAX_MAPS", "FORMATS", "MEDIA_TYPES", "format_for_path", "report_bytes", "report_file_name", "write_report"]

#: Every report format, by the name the CLI and the app use.
FORMATS = ("html", "xlsx", "csv", "md", "json")

#: How many accounts (the riskiest) get an interactive map in an HTML report by default.
DEFAULT_MAX_MAPS = 40

#: The media type of each format's download (CSV downloads as a zip of its tables).
MEDIA_TYPES = {
    "html": "text/html",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "application/zip",
    "md": "text/markdown",
    "json": "application/json",
}
_SUFFIXES = {"html": ".html", "xlsx": ".xlsx", "csv": ".zip", "md": ".md", "json": ".json"}
_BY_SUFFIX = {".html": "html", ".htm": "html", ".xlsx": "xlsx", ".zip": "csv", ".csv": "csv", ".md": "md",
              ".markdown": "md", ".json": "json"}


def format_for_path(path: str | os.PathLike) -> str | None:
    """The format a file name asks for (``report.xlsx`` is xlsx, ``tables.zip`` is csv), or None."""
    return _BY_SUFFIX.get(Path(path).suffix.lower())


def report_file_name(findings: Findings, fmt: str) -> str:
    """A download's file name: the account id (or ``portfolio``), the as-of date and the format's suffix.

    >>> import datetime
    >>> from graphmap.analysis.findings import Findings
    >>> report_file_name(Findings(datetime.date(2026, 11, 27), None, (), None), "csv")
    'graphmap-report-2026-11-27.zip'
    """
    _check_format(fmt)
    subject = findings.accounts[0].account_id if len(findings.accounts) == 1 else "report"
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in subject)
    return f"graphmap-{safe}-{findings.as_of.isoformat()}{_SUFFIXES[fmt]}"


def write_report(amap: AccountMap, findings: Findings, fmt: str, path: str | os.PathLike, *,
                 account_figure: AccountFigure | None = None, max_maps: int = DEFAULT_MAX_MAPS,
                 title: str | None = None) -> Path:
    """Write the report of `findings` in format `fmt` to `path`, atomically, and return the path.

    Parameters
    ----------
    amap, findings
        The map and its findings (`graphmap.analyze`); the report covers the findings' accounts.
    fmt
        One of `FORMATS`. For ``csv``, a `path` ending in ``.zip`` gives one archive, any other a folder
        of CSV files (an earlier CSV report there is replaced; a folder holding anything else is refused).
    account_figure, max_maps, title
        HTML only (title also Markdown): see `graphmap.report.html.write_html`.

    Raises
    ------
    ReportError
        An unknown format, or a path that cannot be written.

    Examples
    --------
    >>> import graphmap, tempfile, openpyxl
    >>> amap = graphmap.read_map(graphmap.sample.sample_map_path())
    >>> found = graphmap.analyze(amap, as_of=graphmap.SAMPLE_AS_OF)
    >>> path = write_report(amap, found, "xlsx", tempfile.mkdtemp() + "/coverage.xlsx")
    >>> openpyxl.load_workbook(path).sheetnames[:3]
    ['Summary', 'Coverage matrix', 'Connections']
    """
    _check_format(fmt)
    path = Path(path)
    if fmt == "csv":
        if path.suffix.lower() == ".zip":
            _module("csvfmt").write_csv_zip(amap, findings, path)
        else:
            _module("csvfmt").write_csv_folder(amap, findings, path)
        return path
    if fmt == "json":
        from graphmap.report.jsonfmt import write_findings_json

        with atomic_file(path) as handle:
            write_findings_json(findings, handle)  # one account per line, never the whole document in memory
        return path
    with atomic_file(path) as handle:
        _write_to(amap, findings, fmt, handle, account_figure, max_maps, title)
    return path


def report_bytes(amap: AccountMap, findings: Findings, fmt: str, *, account_figure: AccountFigure | None = None,
                 max_maps: int = DEFAULT_MAX_MAPS, title: str | None = None) -> bytes:
    """The report in memory, e.g. for ``st.download_button(data=..., file_name=report_file_name(...),
    mime=MEDIA_TYPES[fmt])``; CSV comes as a zip archive of its tables.

    >>> import graphmap
    >>> amap = graphmap.read_map(graphmap.sample.sample_map_path())
    >>> found = graphmap.analyze(amap, as_of=graphmap.SAMPLE_AS_OF, accounts=["acc-vela"])
    >>> report_bytes(amap, found, "md").splitlines()[0]
    b'# Vela Logistics'
    """
    _check_format(fmt)
    if fmt == "json":
        from graphmap.report.jsonfmt import findings_json

        return findings_json(findings)
    buffer = io.BytesIO()
    if fmt == "csv":
        _module("csvfmt").write_csv_zip(amap, findings, buffer)
    else:
        _write_to(amap, findings, fmt, buffer, account_figure, max_maps, title)
    return buffer.getvalue()


def _write_to(amap: AccountMap, findings: Findings, fmt: str, handle: Any, account_figure: AccountFigure | None,
              max_maps: int, title: str | None) -> None:
    if fmt == "html":
        _module("html").write_html(amap, findings, handle, account_figure=account_figure, max_maps=max_maps,
                                   title=title)
    elif fmt == "xlsx":
        _module("xlsx").write_xlsx(amap, findings, handle)
    else:
        _module("markdown").write_markdown(amap, findings, handle, title=title)


def _module(name: str) -> Any:
    """A format's module, imported when first needed: its libraries belong to the ``reports`` extra."""
    try:
        return importlib.import_module(f"graphmap.report.{name}")
    except ImportError as err:
        raise MissingDependencyError(f"the {name} report needs {err.name}: pip install 'graphmap[reports]'") from None


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ReportError(f"unknown report format {fmt!r}; accepted: {', '.join(FORMATS)}")
