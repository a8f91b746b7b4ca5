"""Reading messy export files: encodings, delimiters, preambles, broken headers and rows."""

from __future__ import annotations

import csv

import pytest

import graphmap
from graphmap.exceptions import ImportFileError
from graphmap.imports.dates import parse_dates
from graphmap.imports.readers import read_export
from tests.imports_helpers import error_rows, run

HEADER = "First Name,Last Name,Email,Associated Company,Record ID\n"
ROWS = "Léna,Vögt,lena@cobalt.example,Cobalt Mining,1\nJon,Park,jon@cobalt.example,Cobalt Mining,2\n"


def _names(table):
    return (table.frame["First Name"] + " " + table.frame["Last Name"]).tolist()


@pytest.mark.parametrize("encoding, data, expected", [
    ("utf-8", (HEADER + ROWS).encode("utf-8"), "utf-8"),
    ("utf-8 with BOM", (HEADER + ROWS).encode("utf-8-sig"), "utf-8-sig"),
    ("cp1252", (HEADER + ROWS).encode("cp1252"), "cp1252"),
    ("utf-16 as Excel writes it", (HEADER + ROWS).replace(",", "\t").encode("utf-16"), "utf-16"),
    ("utf-16-le without BOM", (HEADER + ROWS).encode("utf-16-le"), "utf-16-le"),
])
def test_every_common_encoding_reads_the_same_names(tmp_path, encoding, data, expected):
    path = tmp_path / "export.csv"
    path.write_bytes(data)
    table = read_export(path)
    assert table.encoding == expected
    assert _names(table) == ["Léna Vögt", "Jon Park"]
    assert table.rows.tolist() == [2, 3]


def test_a_guessed_encoding_is_said(tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes((HEADER + ROWS).encode("cp1252"))
    assert any("Windows-1252" in note for note in read_export(path).notes)


def test_semicolons_and_crlf_as_excel_writes_in_europe(tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes((HEADER + ROWS).replace(",", ";").replace("\n", "\r\n").encode("cp1252"))
    table = read_export(path)
    assert table.delimiter == ";"
    assert _names(table) == ["Léna Vögt", "Jon Park"]
    assert table.frame["Record ID"].tolist() == ["1", "2"]  # no stray carriage return
    assert any("semicolon" in note for note in table.notes)


def test_quoted_line_breaks_stay_in_the_cell_and_rows_count_records(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(HEADER + 'Ana,Silva,ana@x.example,"Cobalt\nMining",1\nBen,Ito,ben@x.example,Harbor,2\n')
    table = read_export(path)
    assert table.frame["Associated Company"].tolist() == ["Cobalt\nMining", "Harbor"]
    assert table.rows.tolist() == [2, 3]


def test_duplicate_and_empty_header_cells_are_named_and_said(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("First Name,Email,,email\nAna,a@x.example,z,b@x.example\n")
    table = read_export(path)
    assert table.header == ("First Name", "Email", "column 3", "email (2)")
    assert table.frame.iloc[0].tolist() == ["Ana", "a@x.example", "z", "b@x.example"]
    assert any("empty" in n for n in table.notes) and any("more than once" in n for n in table.notes)


def test_linkedin_preamble_is_skipped(tmp_path):
    path = tmp_path / "Connections.csv"
    path.write_text('Notes:\n"When exporting your connection data, you may notice that some of the email '
                    'addresses are missing, see https://www.linkedin.com/help, thanks"\n\n'
                    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                    "Ana,Silva,https://www.linkedin.com/in/ana,,Cobalt,CFO,12 Mar 2024\n")
    table = read_export(path)
    assert table.header[0] == "First Name"
    assert table.rows.tolist() == [5]  # Notes, its text, a blank line, the header
    assert table.frame["Connected On"].tolist() == ["12 Mar 2024"]


def test_ragged_rows_are_kept_aside_with_their_row_number(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(HEADER + "Ana,Silva,a@x.example,Cobalt,1\nBroken,row\nBen,Ito,b@x.example,Harbor,2\n")
    table = read_export(path)
    assert _names(table) == ["Ana Silva", "Ben Ito"]
    assert table.rows.tolist() == [2, 4]
    assert [(b.row, b.original) for b in table.bad_rows] == [(3, "Broken,row")]
    assert "2 cells" in table.bad_rows[0].reason


@pytest.mark.parametrize("content, message", [
    (b"", "empty"),
    (b"\n\n  \n", "empty"),
    (b"just one column\nvalue\n", "no header"),
    (b"a,b\x00c\n1,2\n", "NUL"),
    (b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml", "a damaged or incomplete Excel workbook"),  # cut short
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "an encrypted or old-format Excel file"),  # .xls
])
def test_unreadable_files_raise_import_file_error_naming_the_file(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(ImportFileError, match=message) as err:
        read_export(path)
    assert "bad.csv" in str(err.value)


@pytest.mark.parametrize("first_row, last_row", [
    ("Léna,Vögt,lena@x.example,Cobalt,0\n", ""),  # UTF-8 text in the first 64 KiB
    ("", "Léna,Vögt,lena@x.example,Cobalt,0\n"),  # UTF-8 text further down than the stray bytes
])
def test_bytes_that_are_not_utf8_in_a_utf8_file_name_their_line_and_print_nothing_else(
        tmp_path, monkeypatch, first_row, last_row):
    # A file that holds UTF-8 text and stray bytes is refused: read as Windows-1252, its UTF-8 names would
    # be garbled. The stray bytes sit in a ragged row past the first 64 KiB, which must give the line, not
    # pyarrow's failing to decode it in its bad-row callback.
    rows = first_row + "".join(f"Ana{i},Silva,a{i}@x.example,Cobalt,{i}\n" for i in range(3000))
    path = tmp_path / "late.csv"
    path.write_bytes((HEADER + rows).encode() + b"Ben,\xff\xfe,b@x.example,extra,cell,7\n" + last_row.encode())
    unraisable = []
    monkeypatch.setattr("sys.unraisablehook", unraisable.append)
    line = 3002 + bool(first_row)
    with pytest.raises(ImportFileError, match=rf"late.csv, line {line}: not UTF-8"):
        read_export(path)
    assert unraisable == []


def test_a_windows_1252_file_whose_first_accent_is_past_64_kib_imports_with_its_names(tmp_path):
    # As Excel saves a Salesforce report in a Western locale: plain ASCII for 1,200 rows, then "José Müller".
    rows = ['"First Name","Last Name","Title","Email","Account Name","Contact Owner"']
    rows += [f'"First{i}","Last{i}","Analyst","p{i}@cobalt.example","Cobalt Mining, Inc.","Dana Reyes"'
             for i in range(1200)]
    rows.append('"José","Müller","Analyst","jose@cobalt.example","Cobalt Mining, Inc.","Dana Reyes"')
    export = tmp_path / "report.csv"
    export.write_bytes(("\r\n".join(rows) + "\r\n").encode("cp1252"))
    assert export.stat().st_size > 1 << 16
    result = run("import", str(export), "--into", str(tmp_path / "map"))
    assert result.exit_code == 0, result.output
    assert "Windows-1252" in result.output
    names = set(graphmap.read_map(tmp_path / "map").people["name"])
    assert {"José Müller", "First0 Last0", "First1199 Last1199"} <= names


def test_a_missing_file_is_an_import_file_error(tmp_path):
    with pytest.raises(ImportFileError, match="cannot be read"):
        read_export(tmp_path / "nope.csv")


@pytest.mark.parametrize("values, expected, order", [
    (["13/03/2024", "01/02/2024"], ["2024-03-13", "2024-02-01"], "day-first"),
    (["03/13/2024", "01/02/2024"], ["2024-03-13", "2024-01-02"], "month-first"),
    (["13.03.2024", "01.02.2024"], ["2024-03-13", "2024-02-01"], "day-first"),
    (["12 Mar 2024", "Mar 5, 2024"], ["2024-03-12", "2024-03-05"], None),
    (["2024-03-12 09:30", "2024-03-05T10:00:00Z"], ["2024-03-12", "2024-03-05"], None),
])
def test_dates_in_each_style(values, expected, order):
    reading = parse_dates(__import__("pandas").Series(values), "Last Contacted")
    assert [d.date().isoformat() for d in reading.dates] == expected
    assert (order is None and reading.note is None) or order in reading.note


def test_ambiguous_numeric_dates_follow_the_european_hint_and_say_so():
    import pandas as pd

    reading = parse_dates(pd.Series(["01/02/2024"]), "Date", day_first_hint=True)
    assert reading.dates[0].date().isoformat() == "2024-02-01"
    assert "assumed" in reading.note


def test_a_value_that_is_not_a_date_is_flagged():
    import pandas as pd

    reading = parse_dates(pd.Series(["2024-03-12", "soon", ""]))
    assert reading.unparsed.tolist() == [False, True, False]


def test_blank_rows_are_dropped_and_row_numbers_stay_true(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(HEADER + "Ana,Silva,a@x.example,Cobalt,1\n,,,,\nBen,Ito,b@x.example,Harbor,2\n")
    table = read_export(path)
    assert _names(table) == ["Ana Silva", "Ben Ito"]
    assert table.rows.tolist() == [2, 4]


@pytest.mark.parametrize("ragged", [False, True])  # a ragged row makes Python's csv module read the file
def test_a_row_of_spaces_is_blank_whichever_parser_reads_the_file(tmp_path, ragged):
    # Found by comparing the two parsers on random text: pyarrow's kept the row, which was then
    # reported as a contact without a name unless a ragged row elsewhere had the csv module read the file.
    export = tmp_path / "hubspot.csv"
    export.write_text(HEADER + "Ana,Silva,a@x.example,Cobalt,1\n , ,\t,,\nBen,Ito,b@x.example,Harbor,2\n"
                      + ("Cy,Ragged\n" if ragged else ""), encoding="utf-8")
    result = run("import", str(export), "--into", str(tmp_path / "map"))
    assert result.exit_code == 0, result.output
    assert graphmap.read_map(tmp_path / "map").people["name"].tolist() == ["Ana Silva", "Ben Ito"]
    reported = error_rows(tmp_path / "map") if (tmp_path / "map" / "import-errors.csv").exists() else []
    assert [r["row"] for r in reported] == (["5"] if ragged else [])  # the ragged row only, not the blank one


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
@pytest.mark.parametrize("ben_title", ["CTO", '"Head of IT\n\nand Data"'])  # a quoted empty line is no row
@pytest.mark.parametrize("ragged", [False, True])  # a ragged row makes Python's csv module read the file
def test_rows_after_an_empty_line_keep_the_row_a_spreadsheet_shows(tmp_path, newline, ben_title, ragged):
    lines = ["Record ID,First Name,Last Name,Email,Contact owner,Associated Company,Job Title",
             "601,Ana,Silva,ana@orion.example,Dana Reyes,Orion Bank,CFO",
             "",
             f"602,Ben,Cole,ben@orion.example,Dana Reyes,Orion Bank,{ben_title}",
             ",,,,,,",
             "603,Cy,Nobody,cy@x.example,Dana Reyes,,Analyst"]
    lines += ["604,Dee,Ragged,dee@orion.example"] if ragged else []
    export = tmp_path / "hubspot.csv"
    export.write_bytes((newline.join(lines) + newline * 3).encode())  # empty lines at the end are no rows
    result = run("import", str(export), "--into", str(tmp_path / "map"))
    assert result.exit_code == 0, result.output
    with open(tmp_path / "map" / "import-errors.csv", newline="", encoding="utf-8") as handle:
        rows = {int(r["row"]): r["original_row"] for r in csv.DictReader(handle)}
    assert rows == {6: "603,Cy,Nobody,cy@x.example,Dana Reyes,,Analyst",
                    **({7: "604,Dee,Ragged,dee@orion.example"} if ragged else {})}


@pytest.mark.parametrize("written", ["9999-12-31", "12/31/9999", "31 Dec 9999", "13/03/202", "1500-01-01"])
def test_a_date_beyond_what_a_date_holds_is_not_a_date(tmp_path, written):
    # Found by a property test: a year past 2262 or before 1677 (9999-12-31 is a CRM's "never"; 202 a
    # typo) stopped the import with pandas' OutOfBoundsDatetime instead of reporting the row.
    export = tmp_path / "hubspot.csv"
    export.write_text("Record ID,First Name,Last Name,Email,Associated Company,Last Contacted\n"
                      f"1,Ana,Silva,ana@x.example,Cobalt,{written}\n"
                      "2,Ben,Ito,ben@x.example,Cobalt,2026-01-03\n", encoding="utf-8")
    result = run("import", str(export), "--into", str(tmp_path / "map"))
    assert result.exit_code == 0, result.output
    assert sorted(graphmap.read_map(tmp_path / "map").people["name"]) == ["Ana Silva", "Ben Ito"]
    assert [(r["row"], r["action"], r["reason"]) for r in error_rows(tmp_path / "map")] == [
        ("2", "imported without the value", "column 'Last Contacted': not a date; imported without the last contact")]
