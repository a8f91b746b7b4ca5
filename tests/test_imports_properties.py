"""Property-based tests: random and malformed CSV and Excel workbooks thrown at every reader and profile.

Whatever the bytes, an import either succeeds with a map that reads back, or raises a
`GraphmapError` naming the file; it never writes part of a map (the folder's bytes are compared).
Every row the summary counts as skipped or imported without a value is in the error file once, and a
workbook imports as the CSV file of its text does.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import tempfile
from pathlib import Path

import openpyxl
import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import graphmap
from graphmap.exceptions import GraphmapError
from graphmap.imports import import_files
from tests.imports_helpers import snapshot

HEADERS = {
    "salesforce": ["First Name", "Last Name", "Title", "Email", "Account Name", "Contact Owner", "Last Activity",
                   "Reports To"],
    "dataloader": ["Id", "AccountId", "FirstName", "LastName", "Title", "Email", "OwnerId", "ReportsToId",
                   "LastActivityDate", "IsDeleted"],
    "hubspot": ["Record ID", "First Name", "Last Name", "Email", "Contact owner", "Associated Company",
                "Job Title", "Buying Role", "Last Contacted", "Last Activity Date"],
    "linkedin": ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"],
    "activities": ["Date", "Type", "Direction", "From", "To"],
    "people": ["person_id", "name", "side", "account_id", "role"],
}
CELLS = st.one_of(
    st.sampled_from(["", "Lena", "Vogt", "CFO", "Cobalt Mining, Inc.", "lena@cobalt.example", "s01", "cm1",
                     "Dana Reyes", "12 Mar 2024", "13/03/2024", "2026-11-02", "Meeting", "Email", "inbound",
                     "true", "Champion", "dana.reyes@northwind.example", "IT Director", "customer"]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=12),
)
# GRAPHMAP_EXAMPLES=500 (say) hunts with more examples than the suite runs.
SETTINGS = settings(max_examples=int(os.environ.get("GRAPHMAP_EXAMPLES", "12")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample"


def _csv_text(header: list[str], rows: list[list[str]], delimiter: str, newline: str) -> str:
    def cell(value: str) -> str:
        if any(c in value for c in (delimiter, '"', "\n", "\r")) or value != value.strip():
            return '"' + value.replace('"', '""') + '"'
        return value

    return newline.join(delimiter.join(cell(v) for v in row) for row in [header, *rows]) + newline


@st.composite
def exports(draw):
    profile = draw(st.sampled_from(sorted(HEADERS)))
    header = list(HEADERS[profile])
    if draw(st.booleans()):
        header = draw(st.permutations(header))
    if draw(st.integers(0, 4)) == 0:
        header = header + [draw(st.sampled_from(["", header[0], "Extra"]))]  # empty or duplicate cell
    rows = []
    for _ in range(draw(st.integers(0, 6))):
        width = len(header) if draw(st.integers(0, 5)) else draw(st.integers(1, len(header) + 2))
        rows.append([draw(CELLS) for _ in range(width)])
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    text = _csv_text(header, rows, delimiter, draw(st.sampled_from(["\n", "\r\n"])))
    if profile == "linkedin" and draw(st.booleans()):
        text = 'Notes:\n"Some, addresses are missing."\n\n' + text
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
    data = text.encode(encoding, errors="replace")
    if draw(st.integers(0, 5)) == 0:  # damage: truncate, or splice random bytes in
        cut = draw(st.integers(0, len(data)))
        data = data[:cut] + draw(st.binary(max_size=20))
    return profile, data


@st.composite
def workbooks(draw):
    """A random table of a profile's columns as an .xlsx workbook: typed cells (numbers, dates,
    booleans, Excel errors) beside text, title rows above, sometimes a second sheet or damage."""
    profile = draw(st.sampled_from(sorted(HEADERS)))
    header = draw(st.permutations(HEADERS[profile]))
    values = st.one_of(CELLS.map(lambda text: ILLEGAL_CHARACTERS_RE.sub("", text)),
                       st.integers(-10**12, 10**12), st.floats(allow_nan=False, allow_infinity=False),
                       st.datetimes(dt.datetime(1990, 1, 1), dt.datetime(2030, 1, 1)), st.booleans(),
                       st.sampled_from(["#N/A", "#REF!", None]))
    book = openpyxl.Workbook()
    sheet = book.active
    for _ in range(draw(st.integers(0, 2))):
        sheet.append([draw(CELLS.map(lambda text: ILLEGAL_CHARACTERS_RE.sub("", text)))])  # a title row
    sheet.append(header)
    for _ in range(draw(st.integers(0, 6))):
        sheet.append([draw(values) for _ in range(draw(st.integers(0, len(header) + 1)))])
    if draw(st.booleans()):
        book.create_sheet("Other").append(["x", "y"])
    buffer = io.BytesIO()
    book.save(buffer)
    data = buffer.getvalue()
    if draw(st.integers(0, 5)) == 0:
        data = data[:len(data) * draw(st.integers(0, 99)) // 100]  # (a share: a saved workbook's size varies)
    return profile, data


def _attempt(data: bytes, folder: Path, name: str = "export.csv", **options) -> None:
    export = folder.parent / name
    export.write_bytes(data)
    before = snapshot(folder)
    try:
        import_files([export], folder, **options)
    except GraphmapError as err:
        assert name in str(err) or "row" in str(err), str(err)
        assert snapshot(folder) == before, "a failed import changed the map folder"
        return
    graphmap.read_map(folder)  # whatever was written is a valid map


def _attempt_on_the_sample(data: bytes, name: str = "export.csv", **options) -> None:
    """`_attempt` into a copy of the sample map."""
    work = Path(tempfile.mkdtemp())
    try:
        folder = work / "map"
        shutil.copytree(SAMPLE, folder)
        _attempt(data, folder, name, **options)
    finally:
        shutil.rmtree(work)


@SETTINGS
@given(exports())
def test_random_exports_into_an_existing_map(export):
    _attempt_on_the_sample(export[1], owner="s01")


@SETTINGS
@given(exports())
def test_random_exports_into_a_new_map(export):
    _, data = export
    work = Path(tempfile.mkdtemp())
    try:
        _attempt(data, work / "map", owner="new.member@northwind.example")
    finally:
        shutil.rmtree(work)


@SETTINGS
@given(workbooks())
def test_random_workbooks_into_an_existing_map(workbook):
    _attempt_on_the_sample(workbook[1], "export.xlsx", owner="s01")


@SETTINGS
@given(st.binary(max_size=300))
def test_random_bytes_never_half_write_a_map(data):
    _attempt_on_the_sample(data)


def _import_twice_into_the_sample(text: str) -> graphmap.AccountMap:
    """Import the export `text` into a copy of the sample map, check that importing it again changes
    nothing, and return the map after the first import."""
    work = Path(tempfile.mkdtemp())
    try:
        export = work / "export.csv"
        export.write_text(text, encoding="utf-8")
        folder = work / "map"
        shutil.copytree(SAMPLE, folder)
        import_files([export], folder)
        first, imported = snapshot(folder), graphmap.read_map(folder)
        import_files([export], folder)
        assert snapshot(folder) == first
        return imported
    finally:
        shutil.rmtree(work)


@given(st.lists(st.tuples(st.sampled_from(["Ana", "Ben", "Cy", "Léa"]), st.sampled_from(["Silva", "Ito", "Øst"]),
                          st.sampled_from(["", "ana@x.example", "BEN@x.example", "cy@y.example"]),
                          st.sampled_from(["", "Cobalt Mining, Inc.", "cobalt mining inc", "Harbor"]),
                          st.sampled_from(["", "CFO", "IT Director", "Nurse"]),
                          st.sampled_from(["", "Champion", "End User", "Astronaut"])), max_size=8))
@SETTINGS
def test_importing_any_contacts_twice_changes_nothing(rows):
    text = _csv_text(["Record ID", "First Name", "Last Name", "Email", "Associated Company", "Job Title",
                      "Buying Role", "Contact owner"],
                     [[str(i), *row, "Dana Reyes"] for i, row in enumerate(rows)], ",", "\n")
    _import_twice_into_the_sample(text)


@given(st.lists(st.tuples(st.sampled_from(["", "11", "12"]), st.sampled_from(["Ana", "Ben"]),
                          st.sampled_from(["", "ana@x.example", "ANA@x.example", "ana.silva@y.example", "ben@x.example"]),
                          st.sampled_from(["Cobalt Mining, Inc.", "Harbor"]), st.sampled_from(["", "Marcus Chen"])),
                min_size=1, max_size=6))
@SETTINGS
def test_no_import_gives_one_crm_id_to_two_people(rows):
    # Whatever e-mails rows of one Record ID carry, the id ends up on one person at most (rows of
    # two people of the map are imported without it), and a re-import changes nothing.
    text = _csv_text(["Record ID", "First Name", "Last Name", "Email", "Associated Company", "Contact owner"],
                     [[rid, name, "Silva", email, company, owner] for rid, name, email, company, owner in rows], ",", "\n")
    people = _import_twice_into_the_sample(text).people
    held = people.loc[people["hubspot_id"] != "", "hubspot_id"] if "hubspot_id" in people.columns else []
    assert len(set(held)) == len(held), people[["person_id", "email", "hubspot_id"]]


def _accounted(data: bytes, name: str) -> None:
    """Import `data` into a copy of the sample map and check that each row the summary counts as
    skipped or imported without a value is in the error file once, under the file's name, with its
    row number and the row as it was."""
    work = Path(tempfile.mkdtemp())
    try:
        folder = work / "map"
        shutil.copytree(SAMPLE, folder)
        export = work / name
        export.write_bytes(data)
        try:
            report = import_files([export], folder, owner="s01")
        except GraphmapError:
            return
        errors = pd.read_csv(folder / "import-errors.csv", dtype=str, keep_default_na=False) \
            if report.error_file else pd.DataFrame(columns=["file", "row", "action", "original_row"])
        assert set(errors["file"]) <= {str(export)}
        (file,) = report.files
        skipped = errors[errors["action"] == "skipped"]
        assert sum(file.skipped.values()) == len(skipped), (file.skipped, skipped.to_dict("records"))
        assert skipped["row"].is_unique, skipped.to_dict("records")  # no row skipped twice
        assert len(skipped) <= file.rows
        warned = errors[errors["action"] == "imported without the value"]
        assert sum(file.warnings.values()) == len(warned), (file.warnings, warned.to_dict("records"))
        assert (errors["row"].astype(int) >= 1).all()
    finally:
        shutil.rmtree(work)


@SETTINGS
@given(exports())
def test_every_row_counted_as_skipped_is_in_the_error_file_once(export):
    _accounted(export[1], "export.csv")


@SETTINGS
@given(workbooks())
def test_every_workbook_row_counted_as_skipped_is_in_the_error_file_once(workbook):
    _accounted(workbook[1], "export.xlsx")


@st.composite
def tables(draw):
    """A profile's header and rows of text cells (as a CSV file and a workbook both hold them)."""
    profile = draw(st.sampled_from(sorted(set(HEADERS) - {"people"})))
    header = draw(st.permutations(HEADERS[profile]))
    # (without surrounding spaces, which a workbook's text loses, and so its error file's original_row;
    # without a carriage return, which the workbook's XML reads back as a line feed; and not an Excel
    # error's spelling such as "#NAME?", which a workbook reads as that error, blank)
    text = CELLS.map(lambda value: ILLEGAL_CHARACTERS_RE.sub("", value).replace("\r", "").strip()) \
        .filter(lambda value: not value.startswith("#"))
    rows = [[draw(text) for _ in header] for _ in range(draw(st.integers(1, 6)))]
    return header, rows


def _imported(path: Path, folder: Path) -> tuple[dict[str, bytes], list[dict[str, str]]]:
    """The map files and the error file's rows (without the file's name) of importing `path`."""
    shutil.copytree(SAMPLE, folder)
    try:
        import_files([path], folder, owner="s01")
    except GraphmapError as err:
        return {"error": str(err).replace(path.name, "FILE").encode()}, []
    files = snapshot(folder)
    errors = files.pop("import-errors.csv", None)
    rows = pd.read_csv(io.BytesIO(errors), dtype=str, keep_default_na=False).drop(columns="file") \
        .to_dict("records") if errors else []
    return files, rows


@SETTINGS
@given(tables())
def test_a_workbook_imports_as_the_csv_file_of_its_text(table):
    header, rows = table
    work = Path(tempfile.mkdtemp())
    try:
        csv_path = work / "export.csv"
        csv_path.write_text(_csv_text(header, rows, ",", "\n"), encoding="utf-8")
        book = openpyxl.Workbook()
        for row in [header, *rows]:
            book.active.append([value if value.strip() else None for value in row])
        for cells in book.active.iter_rows():
            for cell in cells:
                if cell.value is not None:
                    cell.data_type = "s"  # text, even "=0" (not a formula)
        book.save(work / "export.xlsx")
        from_csv, from_workbook = _imported(csv_path, work / "a"), _imported(work / "export.xlsx", work / "b")
        assert from_workbook[0] == from_csv[0]
        assert from_workbook[1] == from_csv[1]
    finally:
        shutil.rmtree(work)
