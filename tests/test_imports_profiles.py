"""Each profile imports its real-shaped exports, detected from the headers."""

from __future__ import annotations

import pytest

import graphmap
from graphmap.exceptions import ImportFileError
from graphmap.imports import import_files
from graphmap.imports.detect import detect_profile
from tests.imports_helpers import export, fixture

SALESFORCE_DATALOADER = ["sf_contacts.csv", "sf_users.csv", "sf_accounts.csv", "sf_contact_roles.csv"]


@pytest.mark.parametrize("name, profile, kind", [
    ("salesforce_report.csv", "salesforce", "report"),
    ("sf_contacts.csv", "salesforce", "contacts"),
    ("sf_users.csv", "salesforce", "users"),
    ("sf_accounts.csv", "salesforce", "accounts"),
    ("sf_contact_roles.csv", "salesforce", "contact roles"),
    ("hubspot_contacts.csv", "hubspot", "contacts"),
    ("linkedin_connections.csv", "linkedin", "connections"),
    ("activities.csv", "activities", "activity log"),
])
def test_profiles_are_detected_from_headers(name, profile, kind):
    from graphmap.imports.readers import read_export

    assert detect_profile(read_export(fixture(name)).header) == (profile, kind)


@pytest.mark.parametrize("header", [
    ["Record ID", "First Name", "Last Name", "Email", "Contact owner", "Associated Company"],
    ["RECORD ID", "FIRST NAME", "LAST NAME", "EMAIL", "CONTACT OWNER", "COMPANY NAME"],
    ["record id", "first name", "last name", "email", "Contact Owner", "Job Title"],
])
def test_hubspot_detection_ignores_capitalisation(header):
    assert detect_profile(header) == ("hubspot", "contacts")


def test_an_unknown_header_names_the_file_and_the_profiles(tmp_path):
    with pytest.raises(ImportFileError, match="cannot tell which export"):
        detect_profile(["Foo", "Bar"], "x.csv")


def test_salesforce_report(tmp_path):
    report = import_files([fixture("salesforce_report.csv")], tmp_path / "map")
    amap = graphmap.read_map(tmp_path / "map")
    people = amap.people.set_index("name")
    assert set(amap.accounts["name"]) == {"Cobalt Mining, Inc.", "Harbor Health Systems"}
    assert people.loc["Lena Vogt", "role"] == "economic_buyer"
    assert people.loc["Lena Vogt", "role_source"] == "title"
    assert people.loc["Sara Lind", "role"] == "technical_buyer"
    # "Reports To" is a name, found within the account.
    assert people.loc["Ravi Menon", "reports_to"] == people.loc["Lena Vogt", "person_id"]
    # The owner is a supplier member with a connection point carrying the last activity.
    dana = people.loc["Dana Reyes"]
    assert dana["side"] == "supplier"
    conns = amap.connections
    lena = conns[(conns["from_id"] == dana["person_id"]) & (conns["to_id"] == people.loc["Lena Vogt", "person_id"])]
    assert lena["last_contact"].dt.strftime("%Y-%m-%d").tolist() == ["2026-11-10"]
    assert lena["strength_source"].tolist() == ["crm"]
    # A contact with no account is reported, and the report footer is not.
    (file_report,) = report.files
    assert file_report.skipped == {"no company: the contact cannot be placed at an account (not guessed)": 1}
    assert "Nadia Kerr" not in set(amap.people["name"])


def test_salesforce_data_loader_with_users_accounts_and_contact_roles(tmp_path):
    import_files([fixture(n) for n in SALESFORCE_DATALOADER], tmp_path / "map")
    amap = graphmap.read_map(tmp_path / "map")
    people = amap.people.set_index("name")
    assert amap.accounts["name"].tolist() == ["Orion Bank"]
    assert amap.accounts["salesforce_id"].tolist() == ["0015g00000ZZZZ1AAA"]
    assert "Old Contact" not in people.index  # IsDeleted
    assert people.loc["Mia Storm", ["role", "role_source"]].tolist() == ["economic_buyer", "export"]
    assert people.loc["Ines Duarte", ["role", "role_source"]].tolist() == ["technical_buyer", "export"]
    assert people.loc["Karl Berg", "reports_to"] == people.loc["Ines Duarte", "person_id"]
    assert people.loc["Dana Reyes", ["side", "email"]].tolist() == ["supplier", "dana.reyes@northwind.example"]
    assert "Nobody Here" not in people.index  # a user who owns nothing is not a member


def test_salesforce_accounts_without_an_account_export_are_named_by_id_and_said(tmp_path):
    report = import_files([fixture("sf_contacts.csv"), fixture("sf_users.csv")], tmp_path / "map")
    amap = graphmap.read_map(tmp_path / "map")
    assert amap.accounts["name"].tolist() == ["0015g00000ZZZZ1AAA"]
    assert any("named by the id" in n for n in report.files[-1].notes)


def test_salesforce_owner_missing_from_users_is_reported(tmp_path):
    report = import_files([fixture("sf_contacts.csv")], tmp_path / "map")
    assert report.files[0].warnings == {"owner not in a User export": 3}
    assert (graphmap.read_map(tmp_path / "map").people["side"] == "supplier").sum() == 0


def test_hubspot_contacts(tmp_path):
    report = import_files([fixture("hubspot_contacts.csv")], tmp_path / "map")
    amap = graphmap.read_map(tmp_path / "map")
    people = amap.people.set_index("name")
    assert set(amap.accounts["name"]) == {"Cobalt Mining Inc", "Harbor Health Systems"}
    assert people.loc["Jon Park", "account_id"] == people.loc["Lena Vogt", "account_id"]  # Company Name fallback
    assert people.loc["Lena Vogt", ["role", "role_source", "hubspot_id"]].tolist() == ["economic_buyer", "export", "501"]
    assert people.loc["Eva Lund", "role"] == "decision_maker"  # the most senior of a multi-select
    skipped = report.files[0].skipped
    assert skipped["no name: a contact needs a first or last name"] == 1
    assert skipped["no company: the contact cannot be placed at an account (not guessed)"] == 1
    conns = amap.connections
    eva = people.loc["Eva Lund", "person_id"]
    assert conns.loc[conns["to_id"] == eva, "last_contact"].dt.strftime("%Y-%m-%d").tolist() == ["2026-08-05"]


def test_the_owner_of_a_skipped_row_is_not_made_a_member(tmp_path):
    hubspot = export(tmp_path, "hubspot.csv", "Record ID,First Name,Last Name,Email,Contact owner,Company Name\n"
                     "1,Ana,Silva,ana@orion.example,Dana Reyes,Orion Bank\n"
                     "2,Ben,Ito,ben@nowhere.example,Zed Orphan,\n"  # no company: skipped
                     "3,,,,Yul Nameless,Orion Bank\n")  # no name: skipped
    report = import_files([hubspot], tmp_path / "map")
    members = graphmap.read_map(tmp_path / "map").people.query("side == 'supplier'")
    assert members["name"].tolist() == ["Dana Reyes"]
    assert report.files[0].counts.people_added == 2


def test_a_contact_who_is_one_of_our_team_is_not_made_a_stakeholder(tmp_path, sample_folder):
    """CRMs list their own staff as contacts too (an internal account): such a row is skipped, and the
    member stays a member."""
    users = export(tmp_path, "users.csv", "Id,Name,Email\n005A,Dana Reyes,dana@northwind.example\n")
    contacts = export(tmp_path, "contacts.csv", "Id,AccountId,FirstName,LastName,Title,Email,OwnerId\n"
                      "003A,001A,Ana,Silva,CFO,ana@orion.example,005A\n"
                      "003N,001N,Dana,Reyes,Account Executive,DANA@northwind.example,005A\n")
    report = import_files([users, contacts], tmp_path / "map")
    people = graphmap.read_map(tmp_path / "map").people.set_index("name")
    assert people.loc["Dana Reyes", ["side", "salesforce_id"]].tolist() == ["supplier", "005A"]
    assert people.loc["Ana Silva", "side"] == "customer" and len(people) == 2
    assert report.files[-1].skipped == {"one of our team, not a customer contact": 1}
    # Into a map: a contact with a member's e-mail (s02, Marcus Chen) is not merged into that member.
    hubspot = export(tmp_path, "hubspot.csv", "Record ID,First Name,Last Name,Email,Company Name\n"
                     "7,Marcus,Chen,marcus.chen@northwind.example,Northwind Internal\n")
    before = graphmap.read_map(sample_folder)
    report = import_files([hubspot], sample_folder)
    after = graphmap.read_map(sample_folder)
    assert report.files[0].skipped == {"one of our team, not a customer contact": 1}
    assert len(after.people) == len(before.people) and len(after.accounts) == len(before.accounts)
    assert "hubspot_id" not in after.people.columns or (after.people["hubspot_id"] == "").all()


def test_an_account_named_by_its_salesforce_id_takes_its_name_from_a_later_account_export(tmp_path):
    contacts = export(tmp_path, "contacts.csv",
                      "Id,AccountId,FirstName,LastName,Email\n003A,001A,Ana,Silva,ana@orion.example\n")
    accounts = export(tmp_path, "accounts.csv", "Id,Name\n001A,Orion Bank\n")
    folder = tmp_path / "map"
    import_files([contacts], folder)  # no Account export: the account is named by its id
    assert graphmap.read_map(folder).accounts["name"].tolist() == ["001A"]
    import_files([accounts, contacts], folder)
    hubspot = export(tmp_path, "hubspot.csv",
                     "Record ID,First Name,Last Name,Email,Company Name\n9,Ben,Ito,ben@orion.example,Orion Bank\n")
    import_files([hubspot], folder)  # the same company by name: no second account
    amap = graphmap.read_map(folder)
    assert amap.accounts[["account_id", "name"]].values.tolist() == [["acc-001a", "Orion Bank"]]
    assert set(amap.people["account_id"]) == {"acc-001a"}


def test_a_contacts_export_without_users_connects_owners_the_map_knows(tmp_path):
    users = export(tmp_path, "users.csv", "Id,Name,Email\n005A,Dana Reyes,dana@northwind.example\n")
    week1 = export(tmp_path, "week1.csv",
                   "Id,AccountId,FirstName,LastName,Email,OwnerId\n003A,001A,Ana,Silva,ana@orion.example,005A\n")
    folder = tmp_path / "map"
    import_files([users, week1], folder)
    # The next week's export alone: its owner is the member the map knows by that user id.
    week2 = export(tmp_path, "week2.csv", "Id,AccountId,FirstName,LastName,Email,OwnerId\n"
                   "003A,001A,Ana,Silva,ana@orion.example,005A\n003B,001A,Ben,Ito,ben@orion.example,005A\n"
                   "003C,001A,Cy,Lee,cy@orion.example,005Z\n")
    report = import_files([week2], folder)
    amap = graphmap.read_map(folder)
    dana = amap.people.set_index("name").loc["Dana Reyes", "person_id"]
    ben = amap.people.set_index("name").loc["Ben Ito", "person_id"]
    assert ((amap.connections["from_id"] == dana) & (amap.connections["to_id"] == ben)).sum() == 1
    assert (amap.people["side"] == "supplier").sum() == 1
    assert report.files[0].warnings == {"owner not in a User export": 1}  # 005Z: nobody knows it


def test_linkedin_needs_an_owner(tmp_path):
    with pytest.raises(ImportFileError, match="--owner"):
        import_files([fixture("linkedin_connections.csv")], tmp_path / "map")
    assert not (tmp_path / "map").exists()


def test_linkedin_ties_are_weak_and_connected_on_is_not_a_contact(tmp_path, sample_folder):
    report = import_files([fixture("linkedin_connections.csv")], sample_folder, owner="s03")
    amap = graphmap.read_map(sample_folder)
    people = amap.people.set_index("name")
    theo = people.loc["Theo Marsh"]
    assert theo["account_id"] == "acc-cobalt"  # "Cobalt Mining" matches "Cobalt Mining Inc."
    assert theo["role_source"] == "title"
    conns = amap.connections
    tie = conns[(conns["from_id"] == "s03") & (conns["to_id"] == theo["person_id"])].iloc[0]
    assert tie["strength"] == 1 and tie["strength_source"] == "linkedin"
    assert tie["last_contact"] is __import__("pandas").NaT or str(tie["last_contact"]) == "NaT"
    assert tie["connected_on"] == "2025-01-03"
    assert report.files[0].skipped == {"company is not an account of the map": 1}


def test_linkedin_owner_by_new_email_creates_the_member(tmp_path, sample_folder):
    import_files([fixture("linkedin_connections.csv")], sample_folder, owner="new.rep@northwind.example")
    people = graphmap.read_map(sample_folder).people
    member = people[people["email"] == "new.rep@northwind.example"]
    assert member["side"].tolist() == ["supplier"]


def test_linkedin_does_not_weaken_a_stronger_connection(sample_folder):
    # s01 - cm1 is 4 in the sample, typed by hand; Lena Vogt is a new person, so use a CFO already there.
    before = graphmap.read_map(sample_folder).connections.copy()
    import_files([fixture("linkedin_connections.csv")], sample_folder, owner="s01")
    after = graphmap.read_map(sample_folder).connections
    merged = before.merge(after, on=["from_id", "to_id"], suffixes=("_before", "_after"))
    assert (merged["strength_before"] == merged["strength_after"]).all()


def test_activities_need_both_people_in_the_map(tmp_path):
    folder = tmp_path / "map"
    report = import_files([fixture("salesforce_report.csv"), fixture("activities.csv")], folder)
    # The report names its owners without e-mail, so the members the log names by e-mail are unknown.
    assert "dana.reyes@northwind.example" not in set(graphmap.read_map(folder).people["email"])
    assert report.files[-1].skipped["person not in the map"] >= 1


def test_activities_scoring_in_a_map_with_emails(sample_folder):
    log = sample_folder.parent / "log.csv"
    log.write_text(
        "Date,Type,Direction,From,To\n"
        "2026-11-20,Meeting,,s02,marcus.chen@northwind.example\n"  # same person at both ends
        "2026-11-20,Meeting,,tom.okafor@northwind.example,s02\n"
        "2026-11-10,Call,,s04,s02\n"
        "2026-11-01,Email,outbound,s04,s02\n"
        "2026-11-02,Email,outbound,s07,s08\n"  # one-way: not a relationship
    )
    report = import_files([log], sample_folder)
    (file_report,) = report.files
    assert file_report.skipped["both ends are the same person"] == 1
    assert file_report.skipped["one-way outreach with no reply (not a relationship)"] == 1
    conns = graphmap.read_map(sample_folder).connections
    pair = conns[((conns["from_id"] == "s04") & (conns["to_id"] == "s02")) |
                 ((conns["from_id"] == "s02") & (conns["to_id"] == "s04"))].iloc[0]
    # 3 interactions in 90 days (+1), a meeting or call (+1), last one 0 days before the reference (+1).
    assert pair["strength"] == 4
    assert pair[["activities", "activities_90d", "meetings_90d", "reciprocal", "days_since_last"]].tolist() == \
        ["3", "3", "2", "yes", "0"]
    assert pair["last_contact"].date().isoformat() == "2026-11-20"
    one_way = conns[((conns["from_id"] == "s07") & (conns["to_id"] == "s08"))]
    assert one_way.empty


def test_an_older_activity_log_does_not_replace_a_newer_ones_scores(sample_folder):
    """Logs exported month by month may be imported out of order: a pair's score is that of the log
    with the later reference date, whichever came first."""
    november = export(sample_folder.parent, "november.csv",
                      "Date,Type,From,To\n2026-11-10,Call,s04,s02\n2026-11-20,Meeting,s04,s02\n")
    january = export(sample_folder.parent, "january.csv",
                     "Date,Type,From,To\n2026-01-05,Email,s04,s02\n2026-01-06,Email,s02,s04\n")

    def scored():
        conns = graphmap.read_map(sample_folder).connections
        pair = conns[((conns["from_id"] == "s04") & (conns["to_id"] == "s02")) |
                     ((conns["from_id"] == "s02") & (conns["to_id"] == "s04"))]
        assert len(pair) == 1
        return pair.iloc[0][["strength", "activities", "meetings_90d", "activity_as_of", "last_contact"]].tolist()

    import_files([november], sample_folder)
    from_november = scored()
    assert from_november[3] == "2026-11-20"
    report = import_files([january], sample_folder)  # older: the November scores stay
    assert scored() == from_november
    assert report.files[0].counts.connections_unchanged == 1
    # A newer log does replace them.
    december = export(sample_folder.parent, "december.csv",
                      "Date,Type,From,To\n2026-12-01,Email,s04,s02\n2026-12-02,Email,s02,s04\n")
    import_files([december], sample_folder)
    assert scored()[1:4] == ["2", "0", "2026-12-02"]


def test_a_strength_typed_by_hand_wins_over_a_derived_one(sample_folder):
    # s01 - cm1 has strength 4 typed by hand in the sample map.
    log = sample_folder.parent / "log.csv"
    log.write_text("Date,Type,From,To\n2026-01-05,Email,s01,cm1\n2026-01-06,Email,cm1,s01\n")
    import_files([log], sample_folder)
    conns = graphmap.read_map(sample_folder).connections
    row = conns[(conns["from_id"] == "s01") & (conns["to_id"] == "cm1")].iloc[0]
    assert row["strength"] == 4
    assert row["last_contact"].date().isoformat() == "2026-11-10"  # an older contact does not move it back


def test_map_profile_merges_another_map(tmp_path, sample_folder):
    target = tmp_path / "target"
    import_files([fixture("hubspot_contacts.csv")], target)
    report = import_files([sample_folder], target)
    amap = graphmap.read_map(target)
    assert report.files[0].profile == "map"
    names = set(amap.accounts["name"])
    assert "Harbor Health Systems" in names and "Cobalt Mining Inc" in names
    assert len([n for n in names if "cobalt" in n.lower()]) == 1  # "Cobalt Mining Inc." matched
    # Dana Reyes is a HubSpot owner (no e-mail) and a sample member: one person, the sample's e-mail filled in.
    dana = amap.people[amap.people["name"] == "Dana Reyes"]
    assert len(dana) == 1 and dana["email"].tolist() == ["dana.reyes@northwind.example"]
    assert len(amap.team) == len(graphmap.read_map(sample_folder).team)


def test_map_profile_needs_accounts_and_people(tmp_path, sample_folder):
    with pytest.raises(ImportFileError, match="accounts.csv"):
        import_files([sample_folder / "people.csv"], tmp_path / "map")


def test_profile_override_refuses_a_file_of_another_kind(tmp_path):
    with pytest.raises(ImportFileError, match="not a salesforce file"):
        import_files([fixture("hubspot_contacts.csv")], tmp_path / "map", profile="salesforce")


def test_no_break_spaces_inside_cells_are_read_as_spaces(tmp_path):
    export = tmp_path / "hubspot.csv"
    export.write_text("Record ID,First Name,Last Name,Email,Contact owner,Associated Company,Job Title\n"
                      "501,Ana\u00a0Maria,Silva,ana\u00a0silva@cobalt.example,Dana Reyes,Cobalt\u00a0Mining,Chief\u00a0Financial\u00a0Officer\n",
                      encoding="utf-8")
    report = import_files([export], tmp_path / "map")
    ana = graphmap.read_map(tmp_path / "map").people.set_index("side").loc["customer"]
    assert ana["name"] == "Ana Maria Silva"
    assert ana["title"] == "Chief Financial Officer"
    assert ana["email"] == ""  # "ana silva@..." is not an e-mail address
    assert report.files[0].warnings == {"not an e-mail address": 1}


def test_a_company_first_named_on_a_skipped_row_is_still_created(tmp_path):
    export = tmp_path / "hubspot.csv"
    export.write_text("Record ID,First Name,Last Name,Email,Contact owner,Associated Company,Job Title\n"
                      "500,,,,Dana Reyes,Kestrel Air,\n"
                      "501,Ana,Silva,ana.silva@kestrel.example,Dana Reyes,Kestrel Air,CFO\n",
                      encoding="utf-8")
    report = import_files([export], tmp_path / "map")
    amap = graphmap.read_map(tmp_path / "map")
    assert amap.accounts["name"].tolist() == ["Kestrel Air"]
    ana = amap.people.set_index("name").loc["Ana Silva"]
    assert ana["account_id"] == amap.accounts["account_id"].iloc[0]
    assert report.files[0].counts.accounts_added == 1
    assert report.files[0].skipped == {"no name: a contact needs a first or last name": 1}


def test_linkedin_connected_on_stays_with_its_row_after_a_skipped_row(tmp_path, sample_folder):
    export = tmp_path / "Connections.csv"
    export.write_text("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                      "Ned,Blank,https://www.linkedin.com/in/nedblank,,,Analyst,01 Jan 2020\n"
                      "Theo,Marsh,https://www.linkedin.com/in/theomarsh,,Cobalt Mining,Head of Safety,03 Jan 2025\n"
                      "Ada,Quill,https://www.linkedin.com/in/adaquill,,Orion Bank,Analyst,12 Mar 2024\n",
                      encoding="utf-8")
    report = import_files([export], sample_folder, owner="s01")
    amap = graphmap.read_map(sample_folder)
    person = amap.people.set_index("name")["person_id"]
    conns = amap.connections.set_index("to_id")
    assert conns.loc[person["Theo Marsh"], "connected_on"] == "2025-01-03"
    assert conns.loc[person["Ada Quill"], "connected_on"] == "2024-03-12"
    assert "Ned Blank" not in person.index
    assert sum(report.files[0].skipped.values()) == 1


def test_an_email_with_a_unicode_space_inside_is_not_an_email(tmp_path):
    export = tmp_path / "hubspot.csv"
    export.write_text("Record ID,First Name,Last Name,Email,Contact owner,Associated Company\n"
                      "501,Ana,Silva,ana\u2003silva@cobalt.example,Dana Reyes,Cobalt Mining\n"
                      "502,Ben,Ito,ben.ito@cobalt.example,Dana Reyes,Cobalt Mining\n",
                      encoding="utf-8")
    report = import_files([export], tmp_path / "map")
    email = graphmap.read_map(tmp_path / "map").people.set_index("name")["email"]
    assert email["Ana Silva"] == ""
    assert email["Ben Ito"] == "ben.ito@cobalt.example"
    assert report.files[0].warnings == {"not an e-mail address": 1}


def test_an_activity_end_is_a_person_id_of_the_map_else_an_email():
    """Each end is looked up once where it can only be one of the two (an id has no "@", an e-mail
    has one), and both ways where the map holds ids with an "@" or e-mails without: the rule is
    the same, a person_id first, then an e-mail (case-insensitive)."""
    import pyarrow as pa

    from graphmap.imports.activities import _map_rows

    ids = ["s01", "dana@ops", "c-ana", "c-legacy", "bo@x.example", "c-bo"]
    emails = ["", "dana@x.example", "ANA@x.example", "legacy-contact-7", "", "bo@x.example"]
    ends = ["s01", "ana@X.example", "dana@ops", "DANA@x.example", "legacy-contact-7", "bo@x.example", "nobody", ""]

    def rule(end: str) -> int:
        if end and end in ids:
            return ids.index(end)
        lowered = [e.lower() for e in emails]
        return lowered.index(end.lower()) if end and end.lower() in lowered else -1

    text = pa.large_string()
    a, b = _map_rows(pa.array(ends, text), pa.array(ends[::-1], text), pa.array(ids, text), pa.array(emails, text))
    assert a.tolist() == [rule(e) for e in ends] == [0, 2, 1, 1, 3, 4, -1, -1]
    assert b.tolist() == [rule(e) for e in ends[::-1]]
    # The usual map: ids without "@" and e-mails with one.
    plain_ids, plain_emails = ["s01", "c-ana"], ["dana@x.example", "ana@x.example"]
    plain_ends = pa.array(["s01", "ANA@x.example", "c-ana", "dana@x.example", "s-01"], text)
    a, _ = _map_rows(plain_ends, pa.array([""] * 5, text), pa.array(plain_ids, text), pa.array(plain_emails, text))
    assert a.tolist() == [0, 1, 1, 0, -1]


def test_looking_up_many_repeated_values_finds_the_same_rows():
    """`first_match` looks up the distinct values when a million ends name a few hundred people."""
    import numpy as np
    import pyarrow as pa

    import graphmap.imports.rows as rows

    keys = pa.array(np.char.add("id-", np.arange(200_000).astype(str)).tolist() + ["", "id-7"], pa.large_string())
    picks = np.random.default_rng(3).integers(0, 60, 300_000)
    names = np.array([f"id-{i * 3000}" for i in range(55)] + ["", "id-7", "nope", "ID-7", "id-199999"])
    values = pa.array(names[picks].tolist(), pa.large_string())
    found = rows.first_match(values, keys)
    direct = rows.positions_in(values, keys)
    direct[names[picks] == ""] = -1
    assert found.tolist() == direct.tolist()
    assert (found >= 0).sum() > 250_000  # most values were found, through the distinct ones
