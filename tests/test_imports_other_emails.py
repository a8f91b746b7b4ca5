"""A person's other e-mails: a contact whose e-mail changed stays one person across imports."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import graphmap
from graphmap.imports import import_files
from tests.imports_helpers import error_rows, export, map_folder, snapshot

_HS = "Record ID,First Name,Last Name,Email,Contact owner,Associated Company\n"
_ORION = "account_id,name\nacc-orion-bank,Orion Bank\n"


def _customers(folder) -> list[list[str]]:
    people = graphmap.read_map(folder).people
    columns = [c for c in ("person_id", "email", "other_emails", "hubspot_id") if c in people.columns]
    return people.loc[people["side"] == "customer", columns].values.tolist()


def test_an_email_learned_by_id_finds_the_person_in_later_exports_and_logs(tmp_path):
    # January's export has Ana's old e-mail, March's her new one under the same Record ID. A
    # LinkedIn-style row and an activity log written later know only the new e-mail: before, the
    # new e-mail was dropped when the id found her, so each of them made a second Ana Silva or
    # lost her meetings.
    folder = tmp_path / "map"
    jan = export(tmp_path, "jan.csv", _HS + "11,Ana,Silva,ana@orion.example,Dana Reyes,Orion Bank\n")
    mar = export(tmp_path, "mar.csv", _HS + "11,Ana,Silva,Ana.Silva@orion-bank.example,Dana Reyes,Orion Bank\n")
    import_files([jan], folder)
    report = import_files([mar], folder)
    assert report.files[0].counts.people_updated == 1
    assert _customers(folder) == [["c-ana-silva", "ana@orion.example", "Ana.Silva@orion-bank.example", "11"]]

    crm = export(tmp_path, "crm.csv", "First Name,Last Name,Email,Contact owner,Associated Company,Job Title\n"
                 "Ana,Silva,ana.silva@ORION-BANK.example,Dana Reyes,Orion Bank,CFO\n")
    import_files([crm], folder, profile="hubspot")
    assert _customers(folder) == [["c-ana-silva", "ana@orion.example", "Ana.Silva@orion-bank.example", "11"]]
    assert graphmap.read_map(folder).people.set_index("person_id").at["c-ana-silva", "title"] == "CFO"

    log = export(tmp_path, "log.csv", "date,type,from,to\n2026-11-02,meeting,s-dana-reyes,"
                 "ana.silva@orion-bank.example\n2026-11-20,call,ana.silva@orion-bank.example,s-dana-reyes\n")
    report = import_files([log], folder)
    assert report.files[0].skipped == {}
    links = graphmap.read_map(folder).connections.set_index(["from_id", "to_id"])
    assert links.at[("s-dana-reyes", "c-ana-silva"), "activities"] == "2"


def test_a_chain_of_ids_across_emails_is_one_person_in_one_file_or_three(tmp_path):
    # Record 11 had the old e-mail, then the new one; record 12 (a duplicate a colleague made) has the
    # new one. In one file the rows were one person; filed apart they made two people.
    rows = ["11,Ana,Silva,ana@orion.example,Dana Reyes,Orion Bank",
            "11,Ana,Silva,ana.silva@orion-bank.example,Dana Reyes,Orion Bank",
            "12,Ana,Silva,ana.silva@orion-bank.example,Dana Reyes,Orion Bank"]
    one = export(tmp_path, "one.csv", _HS + "\n".join(rows) + "\n")
    apart = [export(tmp_path, f"part{i}.csv", _HS + row + "\n") for i, row in enumerate(rows)]
    import_files([one], tmp_path / "together")
    for part in apart:
        import_files([part], tmp_path / "apart")
    expected = [["c-ana-silva", "ana@orion.example", "ana.silva@orion-bank.example", "11"]]
    assert _customers(tmp_path / "together") == expected
    assert _customers(tmp_path / "apart") == expected


def test_hubspot_additional_emails_find_the_person_and_are_kept(tmp_path):
    # The map knows Ana by her old e-mail; HubSpot has her under a new primary e-mail with the old one
    # among her "Additional email addresses", and Bo with two additional ones, one of them his own.
    folder = map_folder(tmp_path / "map", _ORION, "person_id,name,side,account_id,email\n"
                        "c-ana-silva,Ana Silva,customer,acc-orion-bank,ana@orion.example\n")
    hs = export(tmp_path, "hs.csv", _HS.rstrip("\n") + ",Additional email addresses\n"
                "11,Ana,Silva,ana.silva@orion-bank.example,Dana Reyes,Orion Bank,ANA@orion.example\n"
                "12,Bo,Berg,bo@orion.example,Dana Reyes,Orion Bank, bo.berg@mail.example ;bo@orion.example\n")
    report = import_files([hs], folder)
    counts = report.files[0].counts
    assert (counts.people_added, counts.people_updated) == (2, 1)  # (Bo and the owner; Ana)
    assert _customers(folder) == [
        ["c-ana-silva", "ana@orion.example", "ana.silva@orion-bank.example", "11"],
        ["c-bo-berg", "bo@orion.example", "bo.berg@mail.example", "12"]]
    before = snapshot(folder)
    import_files([hs], folder)  # (re-importing the same export changes nothing)
    assert snapshot(folder) == before


def test_an_email_another_person_holds_is_not_added_to_anyone(tmp_path):
    # Ana's HubSpot record lists Bo's e-mail among her additional ones (a shared inbox typed in by
    # hand). Ana and Bo stay two people, and the address stays Bo's alone.
    folder = map_folder(tmp_path / "map", _ORION, "person_id,name,side,account_id,email\n"
                        "c-ana-silva,Ana Silva,customer,acc-orion-bank,ana@orion.example\n"
                        "c-bo-berg,Bo Berg,customer,acc-orion-bank,bo@orion.example\n")
    hs = export(tmp_path, "hs.csv", _HS.rstrip("\n") + ",Additional email addresses\n"
                "11,Ana,Silva,ana@orion.example,Dana Reyes,Orion Bank,bo@orion.example\n")
    import_files([hs], folder)
    people = graphmap.read_map(folder).people
    assert "other_emails" not in people.columns
    assert people["email"].tolist().count("bo@orion.example") == 1
    assert not (folder / "import-errors.csv").exists()


def test_two_emails_of_one_person_of_the_map_with_one_id_are_that_person(tmp_path):
    # The map lists both of Ana's e-mails; a file with a row of each under one Record ID is her, not
    # two people of the map an id would join (which withheld the id and reported the rows).
    folder = map_folder(tmp_path / "map", _ORION, "person_id,name,side,account_id,email,other_emails\n"
                        "c-ana-silva,Ana Silva,customer,acc-orion-bank,ana@orion.example,"
                        "ana.silva@orion-bank.example\n")
    hs = export(tmp_path, "hs.csv", _HS + "11,Ana,Silva,ana@orion.example,Dana Reyes,Orion Bank\n"
                "11,Ana,Silva,ana.silva@orion-bank.example,Dana Reyes,Orion Bank\n")
    report = import_files([hs], folder)
    assert _customers(folder) == [["c-ana-silva", "ana@orion.example", "ana.silva@orion-bank.example", "11"]]
    assert report.files[0].warnings == {}
    assert not (folder / "import-errors.csv").exists() or error_rows(folder) == []


def test_a_members_other_email_names_the_member_as_owner_of_a_linkedin_network(tmp_path):
    # Dana's map entry lists her address from before the company's rebrand; her LinkedIn network
    # imported with --owner and that address is hers, not a new member's.
    folder = map_folder(tmp_path / "map", _ORION, "person_id,name,side,account_id,email,other_emails\n"
                        "s-dana-reyes,Dana Reyes,supplier,,dana@northwind.example,dana.reyes@oldname.example\n")
    li = export(tmp_path, "Connections.csv", "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
                "Ana,Silva,https://www.linkedin.com/in/ana-silva,ana@orion.example,Orion Bank,CFO,12 Mar 2024\n")
    import_files([li], folder, owner="Dana.Reyes@oldname.example")
    people = graphmap.read_map(folder).people
    assert people.loc[people["side"] == "supplier", "person_id"].tolist() == ["s-dana-reyes"]
    links = graphmap.read_map(folder).connections
    assert links[["from_id", "to_id"]].values.tolist() == [["s-dana-reyes", "c-ana-silva"]]


def test_a_record_listing_another_records_email_is_one_person_in_one_file_or_two(tmp_path):
    # HubSpot holds two records of Ana (a duplicate a colleague made): record 11 under her new e-mail
    # with the old one among its "Additional email addresses", record 12 under the old one. Filed
    # apart they were one person (the later row found her by the address she had learned); in one
    # file they were two Ana Silvas, whichever came first.
    rows = ["11,Ana,Silva,ana.silva@orion-bank.example,Dana Reyes,Orion Bank,ana@orion.example",
            "12,Ana,Silva,ana@orion.example,Dana Reyes,Orion Bank,"]
    header = _HS.rstrip("\n") + ",Additional email addresses\n"
    for order in (rows, rows[::-1]):
        folder = tmp_path / f"one-{order[0][:2]}"
        import_files([export(tmp_path, "one.csv", header + "\n".join(order) + "\n")], folder)
        first = order[0].split(",")
        assert [p[:2] for p in _customers(folder)] == [["c-ana-silva", first[3]]]
        apart = tmp_path / f"apart-{order[0][:2]}"
        for i, row in enumerate(order):
            import_files([export(tmp_path, f"part{i}.csv", header + row + "\n")], apart)
        assert _customers(apart) == _customers(folder)


def test_an_address_a_person_lists_among_other_emails_does_not_fill_her_blank_email(tmp_path):
    # Ana's map entry, typed by hand, has her address under other_emails and none under email; a
    # HubSpot row with that address is her. It filled her e-mail with it, so the address was listed
    # twice; the map's cells stay as typed (the id, blank before, is filled).
    folder = map_folder(tmp_path / "map", _ORION, "person_id,name,side,account_id,email,other_emails\n"
                        "c-ana-silva,Ana Silva,customer,acc-orion-bank,,ana@orion.example;ana@home.example\n")
    hs = export(tmp_path, "hs.csv", _HS + "11,Ana,Silva,ANA@orion.example,Dana Reyes,Orion Bank\n")
    report = import_files([hs], folder)
    assert _customers(folder) == [["c-ana-silva", "", "ana@orion.example;ana@home.example", "11"]]
    assert report.files[0].counts.people_updated == 1


def test_the_additional_emails_of_every_row_of_a_person_are_kept_in_one_file_or_two(tmp_path):
    # Two rows of Record 11 (two exports pasted into one file) list different additional e-mails:
    # in one file only the first row's were kept, filed apart both were.
    header = _HS.rstrip("\n") + ",Additional email addresses\n"
    rows = ["11,Ana,Silva,ana@orion.example,Dana Reyes,Orion Bank,ana@home.example\n",
            "11,Ana,Silva,ana@orion.example,Dana Reyes,Orion Bank,ana.silva@orion-bank.example\n"]
    import_files([export(tmp_path, "one.csv", header + "".join(rows))], tmp_path / "together")
    for i, row in enumerate(rows):
        import_files([export(tmp_path, f"part{i}.csv", header + row)], tmp_path / "apart")
    expected = [["c-ana-silva", "ana@orion.example", "ana@home.example;ana.silva@orion-bank.example", "11"]]
    assert _customers(tmp_path / "together") == expected
    assert _customers(tmp_path / "apart") == expected


#: The world's customers: first, last, their e-mails, their HubSpot records (a colleague made duplicates).
_WORLD = [("Ana", "Silva", ["ana@orion.example", "ana.silva@orion-bank.example", "ana@home.example"], ["11", "12"]),
          ("Bo", "Berg", ["bo@orion.example", "bo.berg@orion-bank.example"], ["21", "22"]),
          ("Cy", "Young", ["cy@orion.example"], ["31"])]


@st.composite
def _rows_and_files(draw):
    """HubSpot rows of the world's people (each under one of the person's records and e-mails, listing
    others of them as additional, always her first: what tells her records are one person), dealt
    into files in a drawn order."""
    rows = []
    for first, last, emails, records in _WORLD:
        for _ in range(draw(st.integers(1, 3))):
            primary = draw(st.sampled_from(emails))
            extra = draw(st.lists(st.sampled_from([e for e in emails if e != primary] or [primary]), max_size=2))
            extra = extra if primary == emails[0] or emails[0] in extra else [*extra, emails[0]]
            rows.append(f"{draw(st.sampled_from(records))},{first},{last},{primary},Dana Reyes,Orion Bank,"
                        f"{';'.join(extra)}")
    rows = draw(st.permutations(rows))
    cuts = sorted(draw(st.lists(st.integers(1, len(rows) - 1), max_size=3, unique=True))) if len(rows) > 1 else []
    return [rows[a:b] for a, b in zip([0, *cuts], [*cuts, len(rows)])]


@settings(max_examples=int(os.environ.get("GRAPHMAP_EXAMPLES", "5")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(files=_rows_and_files())
def test_a_persons_rows_make_one_person_with_every_address_in_any_files_and_order(tmp_path_factory, files):
    # Whatever files the rows come in, each person of the world is one person of the map, holding
    # every address her rows gave (the e-mail kept first and its id depend on the order, as for ids).
    tmp = tmp_path_factory.mktemp("world")
    header = _HS.rstrip("\n") + ",Additional email addresses\n"
    for i, rows in enumerate(files):
        import_files([export(tmp, f"part{i}.csv", header + "\n".join(rows) + "\n")], tmp / "map")
    given_addresses: dict[str, set[str]] = {}
    for row in (r.split(",") for rows in files for r in rows):
        given_addresses.setdefault(f"{row[1]} {row[2]}", set()).update([row[3], *filter(None, row[6].split(";"))])
    people = graphmap.read_map(tmp / "map").people
    customers = people[people["side"] == "customer"]
    held = {name: {person["email"], *filter(None, str(person.get("other_emails", "") or "").split(";"))}
            for name, person in customers.set_index("name").iterrows()}
    assert sorted(customers["name"]) == sorted(given_addresses)
    assert held == given_addresses
