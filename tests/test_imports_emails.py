"""E-mail cells as exports write them: "mailto:" links, "Name <address>", and values that are no address."""

from __future__ import annotations

import pyarrow as pa
import pytest

import graphmap
from graphmap.imports import import_files
from graphmap.imports.emails import email_addresses
from tests.imports_helpers import error_rows, export, run

HUBSPOT = "Record ID,First Name,Last Name,Email,Contact owner,Associated Company,Job Title,Buying Role\n"
REPORT = "First Name,Last Name,Title,Email,Account Name,Contact Owner,Last Activity,Reports To\n"


def test_a_mailto_link_is_stored_as_the_address_and_matches_it_in_another_export(tmp_path):
    hubspot = export(tmp_path, "hs.csv", HUBSPOT + "1,Ana,Silva,mailto:ana@orion.example,Dana Reyes,Orion Bank,"
                     "General Counsel,Legal & Compliance\n")
    report = export(tmp_path, "sf.csv", REPORT + "Ana,Silva,General Counsel,ana@orion.example,Orion Bank,Dana Reyes,,\n")
    result = run("import", str(hubspot), str(report), "--into", str(tmp_path / "map"))
    assert result.exit_code == 0, result.output
    assert "1 e-mail(s) in column 'Email' written as a 'mailto:' link" in result.output
    customers = graphmap.read_map(tmp_path / "map").people.query("side == 'customer'")
    assert customers["email"].tolist() == ["ana@orion.example"]  # one Ana, not two
    assert not (tmp_path / "map" / "import-errors.csv").exists()


@pytest.mark.parametrize("written", [
    "mailto:ana@orion.example", "MAILTO:ana@orion.example", "mailto: ana@orion.example",
    "mailto:ana@orion.example?subject=Renewal", "Ana Silva <ana@orion.example>",
    '"Silva, Ana" <ana@orion.example>', "<mailto:ana@orion.example>",
])
def test_an_address_inside_a_wrapping_is_read_as_the_address(tmp_path, written):
    cell = '"' + written.replace('"', '""') + '"'
    hubspot = export(tmp_path, "hs.csv", HUBSPOT + f"1,Ana,Silva,{cell},Dana Reyes,Orion Bank,CFO,\n")
    report = import_files([hubspot], tmp_path / "map")
    ana = graphmap.read_map(tmp_path / "map").people.set_index("name").loc["Ana Silva"]
    assert ana["email"] == "ana@orion.example"
    assert report.files[0].warnings == {}


def test_a_value_that_is_no_address_leaves_the_person_without_an_email_and_is_reported(tmp_path):
    hubspot = export(tmp_path, "hs.csv", HUBSPOT
                     + "1,Ana,Silva,n/a,Dana Reyes,Orion Bank,CFO,\n"
                     + "2,Ben,Ito,-,Dana Reyes,Orion Bank,CIO,\n"
                     + "3,Cy,Dunn,none,Dana Reyes,Orion Bank,Analyst,\n"
                     + "4,Di,Eck,ana at orion,Dana Reyes,Orion Bank,Analyst,\n"
                     + "5,Ed,Fox,mailto:,Dana Reyes,Orion Bank,Analyst,\n")
    result = run("import", str(hubspot), "--into", str(tmp_path / "map"))
    assert result.exit_code == 0, result.output
    assert "imported without a value 5: not an e-mail address" in result.output
    customers = graphmap.read_map(tmp_path / "map").people.query("side == 'customer'")
    assert sorted(customers["name"]) == ["Ana Silva", "Ben Ito", "Cy Dunn", "Di Eck", "Ed Fox"]
    assert (customers["email"] == "").all()
    rows = error_rows(tmp_path / "map")
    assert [int(r["row"]) for r in rows] == [2, 3, 4, 5, 6]
    assert {r["action"] for r in rows} == {"imported without the value"}
    assert rows[0]["reason"] == "column 'Email': not an e-mail address; imported without it"


def test_a_skipped_row_is_not_also_imported_without_its_email(tmp_path):
    # Ana has no company: skipped. Her e-mail that is no address was reported as well, as if she had
    # been imported without it.
    hubspot = export(tmp_path, "hs.csv", HUBSPOT + "1,Ana,Silva,n/a,Dana Reyes,,CFO,\n"
                     "2,Ben,Ito,-,Dana Reyes,Orion Bank,CIO,\n")
    result = run("import", str(hubspot), "--into", str(tmp_path / "map"))
    assert result.exit_code == 0, result.output
    assert "imported without a value 1: not an e-mail address" in result.output
    assert [(r["row"], r["action"]) for r in error_rows(tmp_path / "map")] == [
        ("2", "skipped"), ("3", "imported without the value")]


def test_an_owner_written_with_a_name_and_address_is_the_member_with_that_email(tmp_path, sample_folder):
    hubspot = export(tmp_path, "hs.csv", HUBSPOT
                     + '1,Ana,Silva,ana@orion.example,"Dana Reyes <dana.reyes@northwind.example>",Orion Bank,CFO,\n'
                     + "2,Ben,Ito,ben@orion.example,mailto:new.rep@northwind.example,Orion Bank,CIO,\n")
    import_files([hubspot], sample_folder)
    people = graphmap.read_map(sample_folder).people
    members = people.query("side == 'supplier'").set_index("email")
    assert (people["name"] == "Dana Reyes").sum() == 1  # the sample's member, found by the address
    assert members.loc["new.rep@northwind.example", "name"] == "new.rep@northwind.example"


def test_a_salesforce_user_email_is_read_like_a_contacts(tmp_path):
    contacts = export(tmp_path, "sf_contacts.csv",
                      "Id,AccountId,FirstName,LastName,Title,Email,OwnerId,ReportsToId\n"
                      "003A,001A,Ana,Silva,CFO,ana@orion.example,005A,\n"
                      "003B,001A,Ben,Ito,CIO,ben@orion.example,005B,\n")
    users = export(tmp_path, "sf_users.csv", "Id,Name,Email\n005A,Dana Reyes,mailto:dana.reyes@northwind.example\n"
                   "005B,Marcus Chen,n/a\n")
    report = import_files([contacts, users], tmp_path / "map")
    members = graphmap.read_map(tmp_path / "map").people.query("side == 'supplier'").set_index("name")
    assert members.loc["Dana Reyes", "email"] == "dana.reyes@northwind.example"
    assert members.loc["Marcus Chen", "email"] == ""
    users_report = next(f for f in report.files if f.kind == "users")
    assert users_report.warnings == {"not an e-mail address": 1}


def test_an_activity_end_and_the_linkedin_owner_may_be_mailto_links(sample_folder):
    log = sample_folder.parent / "log.csv"
    log.write_text("Date,Type,Direction,From,To\n"
                   "2026-11-20,Meeting,,mailto:dana.reyes@northwind.example,Marcus Chen <marcus.chen@northwind.example>\n",
                   encoding="utf-8")
    report = import_files([log], sample_folder)
    assert report.files[0].skipped == {}
    assert report.files[0].counts.connections_added + report.files[0].counts.connections_updated == 1
    linkedin = export(sample_folder.parent, "Connections.csv",
                      "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                      "Ada,Quill,https://www.linkedin.com/in/adaquill,,Orion Bank,Analyst,12 Mar 2024\n")
    before = len(graphmap.read_map(sample_folder).people)
    import_files([linkedin], sample_folder, owner="MAILTO:dana.reyes@northwind.example")
    people = graphmap.read_map(sample_folder).people
    assert len(people) == before + 1  # Ada Quill; the owner is the sample's Dana Reyes, not a new member


def test_email_addresses_on_a_column_match_the_rule_cell_by_cell():
    cells = ["ana@x.com", "Ana@X.example", "", "mailto:ben@x.com", "n/a", "a@b", "Cy <cy@x.com>", "Cy <nobody>",
             "ana@x.com; ben@x.com", "ana@x.com,"]
    addresses, wrapped, bad = email_addresses(pa.array(cells, pa.large_string()))
    assert addresses.to_pylist() == ["ana@x.com", "Ana@X.example", "", "ben@x.com", "", "", "cy@x.com", "", "", ""]
    assert wrapped.tolist() == [False, False, False, True, False, False, True, False, False, False]
    assert bad.tolist() == [False, False, False, False, True, True, False, True, True, True]
