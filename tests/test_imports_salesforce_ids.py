"""Salesforce ids: a report's 15-character ids and the Data Loader's 18-character ids of the same
records are one id, and an 18-character id whose case a tool lost is read in its real case
(graphmap/imports/salesforce_ids.py)."""

from __future__ import annotations

import pytest

import graphmap
from graphmap.imports import import_files
from tests.imports_helpers import export, fixture, map_folder

#: The Data Loader's exports of Orion Bank's contacts (18-character ids), with their users and account.
DATA_LOADER = ["sf_contacts.csv", "sf_users.csv", "sf_accounts.csv"]
#: The ids of the three live contacts of sf_contacts.csv (Old Contact is deleted).
CONTACT_IDS = ["0035g00000AAAA1AAP", "0035g00000AAAA2AAP", "0035g00000AAAA4AAP"]


def _customers(folder):
    people = graphmap.read_map(folder).people
    return people[people["side"] == "customer"].sort_values("salesforce_id")


@pytest.mark.parametrize("report_first", [True, False])
def test_a_report_and_a_data_loader_export_of_the_same_contacts_are_one_set_of_people(tmp_path, report_first):
    # sf_report_contact_ids.csv is a contacts report run in August, with 15-character Contact IDs:
    # Karl Berg had no e-mail yet, and Mia Storm was Mia Lindqvist, at another e-mail. Only the
    # ids say that she is one person.
    report, loader = [fixture("sf_report_contact_ids.csv")], [fixture(n) for n in DATA_LOADER]
    first, second = (report, loader) if report_first else (loader, report)
    folder = tmp_path / "map"
    import_files(first, folder)
    again = import_files(second, folder)
    assert [f.counts.people_added for f in again.files] == [0] * len(second)
    customers = _customers(folder)
    assert customers["salesforce_id"].tolist() == CONTACT_IDS
    mia = customers.iloc[2]
    # The map's values win: Mia keeps the name and e-mail of the export imported first.
    assert (mia["name"], mia["email"]) == (("Mia Lindqvist", "mia.lindqvist@orion.example") if report_first else
                                           ("Mia Storm", "mia.storm@orion.example"))
    amap = graphmap.read_map(folder)
    assert amap.accounts[["name", "salesforce_id"]].values.tolist() == [["Orion Bank", "0015g00000ZZZZ1AAP"]]
    assert sorted(amap.people.loc[amap.people["side"] == "supplier", "name"]) == ["Dana Reyes", "Marcus Chen"]
    assert len(amap.connections) == 3


@pytest.mark.parametrize("case", [str.upper, str.lower])
def test_an_export_whose_ids_a_tool_wrote_in_one_case_matches_the_report(tmp_path, case):
    # The Data Loader's Contact export, passed through a tool that changed the case of every id
    # (Salesforce itself would not find '0035G00000AAAA4AAP'): its last three characters say which
    # letters are capitals, so the contacts are still the report's.
    folder = tmp_path / "map"
    import_files([fixture("sf_report_contact_ids.csv")], folder)
    contacts = export(tmp_path, "Contact.csv", "Id,AccountId,FirstName,LastName,Title,Email,IsDeleted\n"
                      f"{case('0035g00000AAAA4AAP')},{case('0015g00000ZZZZ1AAP')},Mia,Storm,CFO,"
                      "mia.storm@orion.example,false\n")
    accounts = export(tmp_path, "Account.csv", f"Id,Name\n{case('0015g00000ZZZZ1AAP')},Orion Bank\n")
    result = import_files([contacts, accounts], folder)
    assert result.files[1].counts.people_added == 0
    assert _customers(folder)["salesforce_id"].tolist() == CONTACT_IDS
    assert graphmap.read_map(folder).accounts["salesforce_id"].tolist() == ["0015g00000ZZZZ1AAP"]
    assert "2 Salesforce id(s) written in one case, as a tool that ignores case saves them: read in their real " \
           "case, which their last three characters give" in result.files[1].notes


def test_an_id_whose_suffix_disagrees_with_its_case_is_kept_as_written_and_said(tmp_path):
    # Not as Salesforce writes an id, nor an id a tool wrote in one case: whether its case or its
    # suffix is wrong cannot be told, so it is not changed (and a 15-character id does not match it).
    folder = tmp_path / "map"
    contacts = export(tmp_path, "Contact.csv", "Id,AccountId,FirstName,LastName,Email,IsDeleted\n"
                      "0035g00000AAAA4AAA,0015g00000ZZZZ1AAP,Mia,Storm,mia.storm@orion.example,false\n")
    result = import_files([contacts], folder)
    assert _customers(folder)["salesforce_id"].tolist() == ["0035g00000AAAA4AAA"]
    assert (
        "1 Salesforce id(s) of 18 characters whose last three characters do not match the case of their first "
        "fifteen (not as Salesforce writes them): kept as written, so the 15-character id of the same record "
        "does not match them") in result.files[0].notes


def test_a_map_whose_ids_a_tool_wrote_in_lower_case_gets_them_back_in_their_real_case(tmp_path):
    # people.csv edited in a tool that lower-cased the ids: an import matches them with the Data
    # Loader's and writes them in their real case.
    folder = map_folder(tmp_path / "map", "account_id,name,salesforce_id\nacc-orion,Orion Bank,0015g00000zzzz1aap\n",
                        "person_id,name,side,account_id,role,email,salesforce_id\n"
                        "c-mia,Mia Storm,customer,acc-orion,unknown,,0035g00000aaaa4aap\n")
    contacts = export(tmp_path, "Contact.csv", "Id,AccountId,FirstName,LastName,Title,Email,IsDeleted\n"
                      "0035g00000AAAA4AAP,0015g00000ZZZZ1AAP,Mia,Storm-Berg,CFO,mia@orion.example,false\n")
    report = import_files([contacts], folder)
    amap = graphmap.read_map(folder)
    assert amap.people[["person_id", "email", "salesforce_id"]].values.tolist() == [
        ["c-mia", "mia@orion.example", "0035g00000AAAA4AAP"]]
    assert amap.accounts["salesforce_id"].tolist() == ["0015g00000ZZZZ1AAP"]
    assert report.notes == ("2 Salesforce id(s) of the map are written in one case, as a tool that ignores case "
                            "saves them: matched, and written, in their real case, which their last three "
                            "characters give",)
