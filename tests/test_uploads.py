"""Maps from uploaded files: canonical CSV files merged onto the current map, or refused with their faults."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphmap.exceptions import MapError, MapValidationError
from graphmap.uploads import map_changes, map_from_uploads

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
