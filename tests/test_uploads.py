"""Maps from uploaded files: canonical CSV files merged onto the current map, or refused with their faults."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphmap.exceptions import GraphmapError, MapError, MapValidationError
from graphmap.uploads import map_changes, map_from_uploads, preview_upload

ROOT = Path(__file__).resolve().parent.parent


def sample_file(name: str) -> bytes:
    return (ROOT / "data" / "sample" / name).read_bytes()


def test_an_uploaded_file_replaces_its_table_and_keeps_the_others(sample_map):
    connections = sample_file("connections.csv") + b"s03,vl2,4,2026-11-20,Met the finance head\n"
    new = map_from_uploads({"connections.csv": connections}, sample_map)
    assert len(new.connections) == len(sample_map.connections) + 1
    assert len(new.people) == len(sample_map.people)
    changes = {c.table: c for c in map_changes(sample_map, new)}
    assert (changes["connections"].added, changes["connections"].removed) == (1, 0)
    assert changes["people"].added == changes["people"].changed == 0


def test_a_changed_row_is_counted_as_changed(sample_map):
    people = sample_file("people.csv").replace(b"Head of Finance", b"Chief Financial Officer")
    new = map_from_uploads({"people.csv": people}, sample_map)
    changes = {c.table: c for c in map_changes(sample_map, new)}
    assert changes["people"].changed == 1


def test_a_whole_new_map_needs_accounts_and_people():
    files = {name: sample_file(name) for name in ("accounts.csv", "people.csv", "team.csv", "connections.csv")}
    assert len(map_from_uploads(files).accounts) == 5
    with pytest.raises(MapError, match="accounts.csv: missing"):
        map_from_uploads({"people.csv": files["people.csv"]})


def test_file_names_are_matched_without_case_or_folders(sample_map):
    new = map_from_uploads({"export/People.CSV": sample_file("people.csv")}, sample_map)
    assert len(new.people) == len(sample_map.people)


def test_a_bad_file_is_refused_naming_file_row_column_and_value(sample_map):
    with pytest.raises(MapValidationError) as caught:
        map_from_uploads({"people.csv": b"person_id,name,side\nx1,Ann,martian\n"}, sample_map)
    assert "people.csv, row 2, column side: 'martian'" in str(caught.value)
    assert str(caught.value).startswith("upload:")  # the user's upload, not a temporary folder
    assert caught.value.faults


def test_a_file_that_is_not_utf8_is_refused_by_its_name(sample_map):
    with pytest.raises(MapError, match=r"^people.csv: not UTF-8"):
        map_from_uploads({"people.csv": "person_id,name,side\nx,Zoë,supplier\n".encode("latin-1")}, sample_map)


@pytest.mark.parametrize("files, text", [
    ({"contacts.xlsx": b""}, "contacts.xlsx: not a map file"),
    ({}, "no files uploaded"),
])
def test_other_files_are_refused(sample_map, files, text):
    with pytest.raises(MapError, match=text):
        map_from_uploads(files, sample_map)


# -- contact exports through graphmap.imports (the Import page's preview_upload) ------------------------

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "imports"


def test_a_hubspot_export_is_merged_into_a_copy_of_the_map(sample_map):
    preview = preview_upload({"hubspot_contacts.csv": (FIXTURES / "hubspot_contacts.csv").read_bytes()}, sample_map)
    (row,) = preview.summary().to_dict("records")
    assert (row["profile"], row["people added"], row["connections added"], row["rows skipped"]) == ("hubspot", 3, 3, 2)
    assert "Lena Vogt" in set(preview.amap.people["name"])
    assert "Lena Vogt" not in set(sample_map.people["name"])  # the current map is not changed
    people = next(c for c in preview.changes if c.table == "people")
    assert (people.added, people.removed) == (3, 0)
    reasons = preview.bad_rows["reason"].tolist()
    assert set(preview.bad_rows["file"]) == {"hubspot_contacts.csv"}
    assert any(r.startswith("no company") for r in reasons) and any(r.startswith("no name") for r in reasons)


def test_a_linkedin_connections_csv_is_an_export_not_the_map_file(sample_map):
    files = {"Connections.csv": (FIXTURES / "linkedin_connections.csv").read_bytes()}
    preview = preview_upload(files, sample_map, owner="s01")
    assert preview.summary()["profile"].tolist() == ["linkedin"]
    assert len(preview.amap.connections) == len(sample_map.connections) + 2
    assert "is not an account" in preview.bad_rows["reason"].iloc[0]
    with pytest.raises(GraphmapError, match="Connections.csv: a LinkedIn export is one member's network"):
        preview_upload(files, sample_map)


def test_what_would_change_counts_a_person_whose_extra_columns_an_export_fills(sample_map):
    # The export only gives Helen Brandt her HubSpot id and another e-mail (extra columns of people.csv):
    # the summary counts her updated, and "What would change" must say a person changes, not none.
    hubspot = (b"Record ID,First Name,Last Name,Email,Additional email addresses,Associated Company\n"
               b"77,Helen,Brandt,h.brandt@cobaltmining.example,helen@cobalt-mining.example,Cobalt Mining Inc.\n")
    preview = preview_upload({"hubspot.csv": hubspot}, sample_map)
    assert preview.summary()[["people added", "people updated"]].values.tolist() == [[0, 1]]
    helen = preview.amap.people.set_index("name").loc["Helen Brandt"]
    assert (helen["hubspot_id"], helen["other_emails"]) == ("77", "helen@cobalt-mining.example")
    people = next(c for c in preview.changes if c.table == "people")
    assert (people.added, people.removed, people.changed) == (0, 0, 1)


def test_an_unknown_export_is_refused_by_its_name_not_a_temporary_path(sample_map):
    with pytest.raises(GraphmapError) as err:
        preview_upload({"notes.csv": b"foo,bar\n1,2\n"}, sample_map)
    assert str(err.value).startswith("notes.csv: cannot tell which export this is")
    assert "graphmap-import-" not in str(err.value)


def test_map_files_and_exports_together(sample_map):
    people = (ROOT / "data/sample/people.csv").read_bytes().replace(b"Fatima Zahra", b"Fatima Haddad")
    preview = preview_upload({"people.csv": people,
                              "hubspot_contacts.csv": (FIXTURES / "hubspot_contacts.csv").read_bytes()}, sample_map)
    names = set(preview.amap.people["name"])
    assert {"Fatima Haddad", "Lena Vogt"} <= names and "Fatima Zahra" not in names


def test_an_uploaded_excel_workbook_is_previewed_like_a_csv_export(sample_map):
    import io

    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["Record ID", "First Name", "Last Name", "Email", "Contact owner", "Associated Company"])
    book.active.append([9, "Ada", "Moss", "ada@cobalt.example", "Dana Reyes", "Cobalt Mining Inc."])
    book.active.append([10, "Bo", "Lin", "#N/A", "Dana Reyes", "Cobalt Mining Inc."])
    content = io.BytesIO()
    book.save(content)
    preview = preview_upload({"HubSpot contacts.xlsx": content.getvalue()}, sample_map)
    assert preview.summary()[["file", "profile", "people added"]].values.tolist() == [
        ["HubSpot contacts.xlsx", "hubspot", 2]]
    assert preview.bad_rows[["file", "row", "reason"]].values.tolist() == [
        ["HubSpot contacts.xlsx", "3", "column 'Email': the cell holds the Excel error #N/A; read as blank"]]


def test_what_an_upload_assumed_is_listed_by_file(sample_map):
    # Excel on Windows in a European locale: Windows-1252, semicolons, day-first dates.
    data = ("Record ID;First Name;Last Name;Email;Contact owner;Associated Company;Last Contacted\r\n"
            "1;José;Núñez;jose@cobalt.example;Dana Reyes;Cobalt Mining Inc.;13.03.2026\r\n").encode("cp1252")
    preview = preview_upload({"contacts.csv": data}, sample_map)
    assert preview.assumptions().values.tolist() == [
        ["contacts.csv", "not UTF-8; assumed Windows-1252 (as Excel saves CSV on Windows)"],
        ["contacts.csv", "delimiter semicolon ';' detected"],
        ["contacts.csv", "column 'Last Contacted': numeric dates read day-first (a value has a first part above 12)"]]
    assert "José Núñez" in set(preview.amap.people["name"])


def test_an_activity_log_is_previewed_as_of_the_moment_given(sample_map):
    """The app gives the moment in the user's time zone: at 08:00 on 30 November in Sydney a call of
    that day has happened, though it is still 29 November on a server in UTC."""
    import datetime as dt

    log = b"Date,Type,From,To\n2026-11-10,Email,s04,cm3\n2026-11-30,Call,s04,cm3\n2026-12-01,Call,s04,cm3\n"
    sydney_morning = dt.datetime(2026, 11, 30, 8, 0, tzinfo=dt.timezone(dt.timedelta(hours=11)))
    preview = preview_upload({"calls.csv": log}, sample_map, now=sydney_morning)
    assert preview.files[0].skipped == {"dated after the import day (planned, not happened)": 1}
    conns = preview.amap.connections
    row = conns[(conns["from_id"] == "s04") & (conns["to_id"] == "cm3")].iloc[0]
    assert row["last_contact"].date().isoformat() == "2026-11-30"
