"""``graphmap import`` end to end: a mixed set of exports, the error file, exit codes, dry runs."""

from __future__ import annotations

import csv

import graphmap
from tests.imports_helpers import fixture, run, snapshot

MIXED = ["salesforce_report.csv", "sf_contacts.csv", "sf_users.csv", "sf_accounts.csv", "sf_contact_roles.csv",
         "hubspot_contacts.csv", "linkedin_connections.csv", "activities.csv"]


def test_a_mixed_set_merges_into_one_map_that_analyze_accepts(tmp_path):
    folder = tmp_path / "map"
    result = run("import", *[str(fixture(n)) for n in MIXED], "--into", str(folder),
                 "--owner", "dana.reyes@northwind.example")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "salesforce_report.csv: salesforce contacts report (detected)" in out
    assert "hubspot_contacts.csv: hubspot contacts (detected)" in out
    assert "linkedin_connections.csv: linkedin connections (detected)" in out
    assert "activities.csv: activity log (detected), 10 rows" in out
    assert "skipped 1: deleted in Salesforce (IsDeleted is true)" in out
    assert "7 rows not imported cleanly" in out and "import-errors.csv" in out
    amap = graphmap.read_map(folder)
    # One Cobalt account for "Cobalt Mining, Inc." (Salesforce), "Cobalt Mining Inc" (HubSpot) and
    # "Cobalt Mining" (LinkedIn); one Lena Vogt across all four sources.
    assert sorted(amap.accounts["name"]) == ["Cobalt Mining, Inc.", "Harbor Health Systems", "Orion Bank"]
    lena = amap.people[amap.people["name"] == "Lena Vogt"]
    assert len(lena) == 1 and lena["linkedin_url"].tolist() == ["https://www.linkedin.com/in/lenavogt"]
    dana = amap.people.loc[amap.people["name"] == "Dana Reyes", "person_id"].item()
    tie = amap.connections[(amap.connections["from_id"] == dana) & (amap.connections["to_id"] == lena["person_id"].item())]
    # The activity log's score (meetings, replies, recent) outranks the CRM owner link and the LinkedIn tie.
    assert tie["strength_source"].tolist() == ["activities"] and tie["strength"].item() == 4
    analyzed = run("analyze", str(folder), "--as-of", "2026-11-27", "--format", "json")
    assert analyzed.exit_code == 0, analyzed.output
    assert '"account_id":"acc-orion-bank"' in analyzed.output.replace(" ", "")


def test_bad_rows_land_in_the_error_file_with_reasons(tmp_path):
    folder = tmp_path / "map"
    export = tmp_path / "hubspot.csv"
    export.write_text("Record ID,First Name,Last Name,Email,Associated Company,Last Contacted\n"
                      "1,Ana,Silva,ana@x.example,Cobalt,2026-01-02\n"
                      "2,Ben,Ito,not-an-email,Cobalt,2026-01-03\n"
                      "3,Cy,Dunn,cy@x.example,,2026-01-04\n"
                      "4,Di,Eck,di@x.example,Cobalt,yesterday\n"
                      "5,too,few\n")
    result = run("import", str(export), "--into", str(folder))
    assert result.exit_code == 0, result.output
    with open(folder / "import-errors.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    by_row = {int(r["row"]): r for r in rows}
    assert set(by_row) == {3, 4, 5, 6}
    assert by_row[3]["action"] == "imported without the value" and "not an e-mail" in by_row[3]["reason"]
    assert by_row[4]["action"] == "skipped" and "no company" in by_row[4]["reason"]
    assert by_row[4]["original_row"] == "3,Cy,Dunn,cy@x.example,,2026-01-04"
    assert "not a date" in by_row[5]["reason"]
    assert "3 cells" in by_row[6]["reason"] and by_row[6]["original_row"] == "5,too,few"
    names = set(graphmap.read_map(folder).people["name"])
    assert names == {"Ana Silva", "Ben Ito", "Di Eck"}  # the good rows, and the rows imported without a value


def test_a_bad_row_with_a_carriage_return_in_a_cell_is_one_row_of_the_error_file(tmp_path):
    # A line of one cell with a bare CR (as an old Mac application ends lines): the error file wrote its
    # original_row unquoted, and a spreadsheet or csv reader broke the row in two (a stray row with
    # "for the QBR" as its file).
    folder = tmp_path / "map"
    export = tmp_path / "hubspot.csv"
    export.write_bytes(b'Record ID,First Name,Last Name,Email,Associated Company,Job Title\n'
                       b'1,Ana,Silva,ana@x.example,Cobalt,CFO\n'
                       b'"Exported by Dana\rfor the QBR"\n')  # one cell: too few
    assert run("import", str(export), "--into", str(folder)).exit_code == 0
    with open(folder / "import-errors.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["file"], r["row"], r["action"]) for r in rows] == [(str(export), "3", "skipped")]
    assert rows[0]["original_row"] == "Exported by Dana\rfor the QBR"


def test_an_unreadable_file_exits_2_and_leaves_the_map_alone(tmp_path, sample_folder):
    before = snapshot(sample_folder)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    result = run("import", str(fixture("hubspot_contacts.csv")), str(empty), "--into", str(sample_folder))
    assert result.exit_code == 2
    assert "empty.csv" in result.output and "empty" in result.output
    assert snapshot(sample_folder) == before


def test_an_unknown_export_exits_2_naming_the_file(tmp_path):
    other = tmp_path / "other.csv"
    other.write_text("Foo,Bar\n1,2\n")
    result = run("import", str(other), "--into", str(tmp_path / "map"))
    assert result.exit_code == 2 and "other.csv: cannot tell which export" in result.output
    assert not (tmp_path / "map").exists()


def test_dry_run_prints_and_writes_nothing(tmp_path):
    result = run("import", str(fixture("hubspot_contacts.csv")), "--into", str(tmp_path / "map"), "--dry-run")
    assert result.exit_code == 0
    assert "dry run: nothing written" in result.output and "people: 6 added" in result.output
    assert not (tmp_path / "map").exists()


def test_the_totals_line_counts_one_of_a_kind_in_words(tmp_path):
    export = tmp_path / "hubspot.csv"
    export.write_text("Record ID,First Name,Last Name,Email,Contact owner,Associated Company\n"
                      "1,Ana,Silva,ana@cobalt.example,Dana Reyes,Cobalt Mining Inc\n")
    result = run("import", str(export), "--into", str(tmp_path / "map"), "--dry-run")
    assert f"{tmp_path / 'map'}: would hold 1 account, 2 people, 0 team memberships, 1 connection " \
           "(dry run: nothing written)" in result.output


def test_profile_option_overrides_detection(tmp_path):
    result = run("import", str(fixture("hubspot_contacts.csv")), "--into", str(tmp_path / "map"),
                 "--profile", "hubspot")
    assert result.exit_code == 0 and "hubspot contacts (given)" in result.output


def test_the_command_is_documented():
    from pathlib import Path

    doc = (Path(__file__).resolve().parent.parent / "docs" / "imports.md").read_text()
    help_text = run("import", "--help").output
    for option in ("--into", "--profile", "--owner", "--dry-run"):
        assert option in help_text and option in doc


def test_the_summary_counts_read_as_numbers_do(tmp_path):
    export = tmp_path / "hubspot.csv"
    rows = [f"{i},Ana{i},Silva,ana{i}@cobalt.example,Cobalt Mining Inc" for i in range(1, 1200)]
    export.write_text("Record ID,First Name,Last Name,Email,Company Name\n" + "\n".join(rows)
                      + "\n1200,Ben,Ito,ben@nowhere.example,\n", encoding="utf-8")
    result = run("import", str(export), "--into", str(tmp_path / "map"))
    assert result.exit_code == 0, result.output
    assert "hubspot.csv: hubspot contacts (detected), 1,200 rows" in result.output
    assert "people: 1,199 added, 0 updated, 0 unchanged" in result.output
    assert "1 row not imported cleanly" in result.output


def test_importing_into_the_current_folder_is_refused_before_the_work(tmp_path, monkeypatch):
    # It crashed with 'Device or resource busy' once the whole import was done.
    folder = tmp_path / "map"
    assert run("import", str(fixture("hubspot_contacts.csv")), "--into", str(folder)).exit_code == 0
    before = snapshot(folder)
    monkeypatch.chdir(folder)
    result = run("import", str(fixture("linkedin_connections.csv")), "--into", ".", "--owner", "dana@x.example")
    assert result.exit_code == 2
    assert "the map folder is the current folder" in result.output and "run the command from outside it" in result.output
    assert snapshot(folder) == before
    assert run("import", str(fixture("linkedin_connections.csv")), "--into", ".", "--owner", "dana@x.example",
               "--dry-run").exit_code == 0  # (a dry run writes nothing)
