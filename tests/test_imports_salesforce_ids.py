"""Salesforce ids: a report's 15-character ids and the Data Loader's 18-character ids of the same
records are one id (graphmap/imports/salesforce_ids.py)."""

from __future__ import annotations

import pytest

import graphmap
from graphmap.imports import import_files
from tests.imports_helpers import fixture

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
