"""The findings as an Excel workbook (openpyxl, write-only mode, so a big portfolio streams to disk).

Sheets: Summary (accounts, riskiest first), Coverage matrix (each account's stakeholders × members,
cells coloured by the connection's health), Connections (the matrix as a filterable list), Uncovered,
Single threads, Heroes, Weak links, Alignment, Outside the team, Portfolio heroes, About. Every list
sheet has a frozen, filtered header row, sensible widths, real dates and percentages; every text cell
that a spreadsheet would run as a formula is neutralised (`spreadsheet_safe`).
"""

from __future__ import annotations

import os
from typing import Any, BinaryIO, Iterable

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

import graphmap
from graphmap.analysis.findings import AccountFindings, Findings
from graphmap.model.accountmap import AccountMap
from graphmap.report.atomic import atomic_path
from graphmap.report.matrix import CoverageMatrix, coverage_matrices
from graphmap.report.safe import FORMULA_TRIGGERS, spreadsheet_safe
from graphmap.report.tables import (COVERAGE, PORTFOLIO_HEROES, SUMMARY, TABLES, TableSpec, account_rows,
                                    portfolio_hero_rows, risk_ranks, riskiest_first)

__all__ = ["MAX_ROWS", "SHEETS", "STATUS_FILLS", "write_xlsx"]

#: Excel's last row: a longer table continues on a sheet of the same name and a number, "Connections (2)".
MAX_ROWS = 1_048_576

#: Cell colours of the coverage matrix, by connection status (the HTML report uses the same).
STATUS_FILLS = {"healthy": "C6EFCE", "stale": "FFE699", "weak": "F8CBAD"}
_STATUS_FONTS = {"healthy": "006100", "stale": "7F6000", "weak": "9C0006"}
_HEADER_FILL = PatternFill("solid", fgColor="1F3864")
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_NUMBER_FORMATS = {"share": "0%", "date": "yyyy-mm-dd"}
_TRIGGER_CHARS = "".join(FORMULA_TRIGGERS)
_CELL_FILLS = {status: PatternFill("solid", fgColor=colour) for status, colour in STATUS_FILLS.items()}
_CELL_FONTS = {status: Font(color=colour) for status, colour in _STATUS_FONTS.items()}
_CENTRED = Alignment(horizontal="center")
_NAME_FONTS = {(key, covered): Font(bold=key, color=None if covered else "C00000")
               for key in (False, True) for covered in (False, True)}
_MATRIX_TITLE = "Coverage matrix"
_CONNECTIONS = TableSpec(COVERAGE.name, "Connections", COVERAGE.columns)
_LIST_TABLES = tuple(_CONNECTIONS if spec is COVERAGE else spec for spec in TABLES) + (PORTFOLIO_HEROES,)

#: The workbook's sheets, in order.
SHEETS = (SUMMARY.title, _MATRIX_TITLE) + tuple(spec.title for spec in _LIST_TABLES[1:]) + ("About",)


def write_xlsx(amap: AccountMap, findings: Findings, target: str | os.PathLike | BinaryIO) -> None:
    """Write the workbook to a path (atomically) or into a binary file object.

    Examples
    --------
    >>> import graphmap, io, tempfile, openpyxl
    >>> amap = graphmap.read_map(graphmap.write_sample_map(tempfile.mkdtemp() + "/s"))
    >>> found = graphmap.analyze(amap, as_of=graphmap.SAMPLE_AS_OF)
    >>> buffer = io.BytesIO()
    >>> write_xlsx(amap, found, buffer)
    >>> book = openpyxl.load_workbook(buffer)
    >>> [row[3].value for row in book["Uncovered"].iter_rows(min_row=2) if row[0].value == "acc-vela"]
    ['Fatima Zahra', 'Yuki Tanaka']
    """
    book = Workbook(write_only=True)
    try:
        _fill(book, amap, findings)
    except BaseException:
        _discard(book)
        raise
    if isinstance(target, (str, os.PathLike)):
        with atomic_path(target) as temp:
            book.save(temp)
    else:
        book.save(target)


def _discard(book: Workbook) -> None:
    """Close a half-filled write-only workbook and remove the temporary files its sheets stream into."""
    for sheet in book.worksheets:
        try:
            sheet.close()
            sheet._writer.cleanup()
        except Exception:  # noqa: BLE001 - best effort while the original error propagates
            pass


def _fill(book: Workbook, amap: AccountMap, findings: Findings) -> None:
    summary = _TableSheets(book, SUMMARY)
    matrix = _MatrixSheets(book)
    lists = {spec.name: _TableSheets(book, spec) for spec in _LIST_TABLES[1:]}
    summary_rows = []
    findings = riskiest_first(findings)
    ranks = risk_ranks(findings)
    for found, account_matrix in zip(findings.accounts, coverage_matrices(amap, findings)):
        rows = account_rows(found, account_matrix, ranks[found.account_id])
        summary_rows += rows.pop(SUMMARY.name)  # one row per account, written last: the first sheet is Summary
        for name, sheet_rows in rows.items():
            lists[name].append(sheet_rows)
        matrix.append(found, account_matrix)
    summary.append(summary_rows)
    lists[PORTFOLIO_HEROES.name].append(portfolio_hero_rows(findings))
    for table in (summary, *lists.values()):
        table.finish()
    _about_sheet(book, findings)


class _TableSheets:
    """One table, written to as many sheets as Excel's row limit needs: "Connections", "Connections (2)" ..."""

    def __init__(self, book: Workbook, spec: TableSpec) -> None:
        self.book, self.spec = book, spec
        self.sheets: list[WriteOnlyWorksheet] = []
        self.counts: list[int] = []
        # Only text can hold a formula; only dates and shares need a number format.
        self.text = [i for i, column in enumerate(spec.columns) if column.kind in ("text", "id")]
        self._start_sheet()

    def _start_sheet(self) -> None:
        title = self.spec.title if not self.sheets else f"{self.spec.title} ({len(self.sheets) + 1})"
        index = self.book.worksheets.index(self.sheets[-1]) + 1 if self.sheets else None
        sheet = self.book.create_sheet(title, index)
        for i, column in enumerate(self.spec.columns, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = column.width
        # The header row (and the account id and name, where the table has them) stay in view.
        sheet.freeze_panes = "C2" if self.spec.columns[0].key == "account_id" else "A2"
        sheet.append([_header(sheet, column.header, vertical="top") for column in self.spec.columns])
        self.sheets.append(sheet)
        self.counts.append(0)
        # A styled cell costs a style lookup each time one is made, so each formatted column reuses one
        # cell: `append` writes a row out before it returns, which frees the cell for the next row.
        self.formatted = [(i, _styled(sheet, number_format=_NUMBER_FORMATS[column.kind]))
                          for i, column in enumerate(self.spec.columns) if column.kind in _NUMBER_FORMATS]

    def append(self, rows: Iterable[tuple[Any, ...]]) -> None:
        text = self.text
        for row in rows:
            if self.counts[-1] >= MAX_ROWS - 1:
                self._start_sheet()
            row = list(row)
            for i in text:
                value = row[i]
                if value and (value[0] in _TRIGGER_CHARS or not value.isprintable()):
                    row[i] = _safe(value)
            for i, cell in self.formatted:
                if row[i] is not None:
                    cell.value = row[i]
                    row[i] = cell
            self.sheets[-1].append(row)
            self.counts[-1] += 1

    def finish(self) -> None:
        """Filters on every part; for connections, rows coloured by status (conditional formatting)."""
        last = get_column_letter(len(self.spec.columns))
        for sheet, count in zip(self.sheets, self.counts):
            sheet.auto_filter.ref = f"A1:{last}{count + 1}"
            if self.spec.name == COVERAGE.name and count:
                # The status is the last column; the colour follows the row when sorted or filtered.
                for value, colour in [*STATUS_FILLS.items(), ("no_connection", STATUS_FILLS["weak"])]:
                    sheet.conditional_formatting.add(
                        f"A2:{last}{count + 1}",
                        FormulaRule(formula=[f'${last}2="{value}"'], fill=PatternFill("solid", bgColor=colour)))


def _styled(sheet: WriteOnlyWorksheet, **style: Any) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet)
    for name, value in style.items():
        setattr(cell, name, value)
    return cell


class _MatrixSheets:
    """The coverage matrix, one block per account, continued on a new sheet before Excel's row limit."""

    def __init__(self, book: Workbook) -> None:
        self.book = book
        self.sheets: list[WriteOnlyWorksheet] = []
        self.rows = 0
        self._start_sheet()

    def _start_sheet(self) -> None:
        title = _MATRIX_TITLE if not self.sheets else f"{_MATRIX_TITLE} ({len(self.sheets) + 1})"
        index = self.book.worksheets.index(self.sheets[-1]) + 1 if self.sheets else None
        sheet = self.book.create_sheet(title, index)
        for column, width in {"A": 26, "B": 17, "C": 9}.items():
            sheet.column_dimensions[column].width = width
        for i in range(4, 40):
            sheet.column_dimensions[get_column_letter(i)].width = 15
        sheet.freeze_panes = "D2"
        note = WriteOnlyCell(sheet, "Each cell: connection strength 1-5. Green: healthy; amber: stale (no contact "
                                    "within the stale window); red: weak. Blank: not connected. Red name: "
                                    "uncovered; bold: key.")
        note.font = Font(italic=True)
        sheet.append([note])
        self.sheets.append(sheet)
        self.rows = 1

    def append(self, found: AccountFindings, matrix: CoverageMatrix) -> None:
        block = 4 + len(matrix.stakeholders)
        if self.rows + block > MAX_ROWS:
            self._start_sheet()
        _append_matrix(self.sheets[-1], found, matrix)
        self.rows += block


def _append_matrix(sheet: WriteOnlyWorksheet, found: AccountFindings, matrix: CoverageMatrix) -> None:
    c = found.coverage
    title = WriteOnlyCell(sheet, _safe(f"{found.name} ({found.account_id})"))
    title.font = Font(bold=True, size=13)
    headline = (f"coverage {_pct(c.weighted)}, key {_pct(c.key)}, "
                f"alignment {sum(ch.passed for ch in found.alignment.checks)}/{len(found.alignment.checks)}")
    sheet.append([])
    sheet.append([title, None, None, headline])
    names = [_header(sheet, "Stakeholder"), _header(sheet, "Buying role"), _header(sheet, "Influence")]
    roles: list[Any] = [None, None, None]
    for member in matrix.members:
        label = member.name + (" (QB)" if member.quarterback else "") + ("" if member.on_team else " (outside)")
        names.append(_header(sheet, _safe(label)))
        roles.append(_safe(member.role))
    sheet.append(names)
    sheet.append(roles)
    # One styled cell per (column, status), reused row after row (see `_append_rows`).
    styled: dict[tuple[int, str], WriteOnlyCell] = {}
    for i, stakeholder in enumerate(matrix.stakeholders):
        name = WriteOnlyCell(sheet, _safe(stakeholder.name))
        name.font = _NAME_FONTS[stakeholder.key, stakeholder.covered]
        row: list[Any] = [name, _safe(stakeholder.role), stakeholder.influence]
        for m, cell in enumerate(matrix.row(i)):
            if cell is None:
                row.append(None)
                continue
            shown = styled.get((m, cell.status))
            if shown is None:
                shown = styled[m, cell.status] = _styled(sheet, fill=_CELL_FILLS[cell.status],
                                                          font=_CELL_FONTS[cell.status], alignment=_CENTRED)
            shown.value = cell.strength
            row.append(shown)
        sheet.append(row)


def _header(sheet: WriteOnlyWorksheet, text: str, vertical: str | None = None) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, text)
    cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
    cell.alignment = Alignment(wrap_text=True, vertical=vertical)
    return cell


def _about_sheet(book: Workbook, findings: Findings) -> None:
    sheet = book.create_sheet("About")
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 60
    p = findings.portfolio
    as_of = WriteOnlyCell(sheet, findings.as_of)
    as_of.number_format = "yyyy-mm-dd"
    share = WriteOnlyCell(sheet, p.coverage_weighted)
    share.number_format = "0%"
    sheet.append([_header(sheet, "graphmap coverage report"), _header(sheet, "")])
    sheet.append(["As of", as_of])
    sheet.append(["Accounts", p.accounts])
    sheet.append(["Stakeholders", p.stakeholders])
    sheet.append(["Members", p.members])
    sheet.append(["Portfolio coverage (weighted)", share])
    sheet.append(["graphmap version", graphmap.__version__])
    for name, value in vars(findings.settings).items():
        sheet.append([f"setting {name}", value])


def _safe(value: Any) -> Any:
    """A cell value that cannot run as a formula nor break the file (XML forbids most control characters)."""
    value = spreadsheet_safe(value)
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.0%}"
