"""Merging into an existing map: no duplicates, no blanks over data, hand-typed values win, idempotence."""

from __future__ import annotations

import pytest

import graphmap
from graphmap.imports import import_files
from graphmap.imports.normalize import normalize_company
from tests.imports_helpers import error_rows, export, fixture, map_folder, run, snapshot

ALL = ["salesforce_report.csv", "sf_contacts.csv", "sf_users.csv", "sf_accounts.csv", "sf_contact_roles.csv",
       "hubspot_contacts.csv", "linkedin_connections.csv", "activities.csv"]


def _write(path, text):
    path.write_text(text)
    return path


def test_company_names_match_when_normalised():
    assert normalize_company("Cobalt Mining, Inc.") == normalize_company("Cobalt Mining Inc")
    assert normalize_company("COBALT MINING INC.") == normalize_company("cobalt mining")
    assert normalize_company("Harbor Health") != normalize_company("Harbor Health Systems")


@pytest.mark.parametrize("dotted, plain", [
    ("Société Générale S.A.", "Société Générale SA"),
    ("Philips N.V.", "Philips NV"),
    ("Acme L.L.C.", "Acme LLC"),
    ("Shell B.V.", "Shell BV"),
    ("Fiat S.p.A.", "Fiat SpA"),
    ("Bayer A.G.", "Bayer AG"),
    ("Tesco P.L.C.", "Tesco plc"),
    ("Vela S.A", "Vela"),  # the last dot left off
    ("Acme L.L.C., Madrid", "Acme LLC Madrid"),
    ("J.P. Morgan", "JP Morgan"),  # initials, not only suffixes
    ("Ørsted A/S", "Orsted AS"),  # a slash, as the Danes write it; "Ø" is an "O"
    ("Petrobras S/A", "Petrobras"),
    ("Telia Company AB (publ)", "Telia Company"),  # a Swedish listed company
    ("Cemex S.A.B. de C.V.", "Cemex"),
    ("Maybank Sdn. Bhd.", "Maybank"),
    ("Fortum Oyj", "Fortum"),
    ("Equinor ASA", "Equinor"),
    ("Infosys Private Limited", "Infosys Pvt. Ltd."),
    ("The Coca-Cola Company", "Coca-Cola"),
    ("Łódź Logistics", "Lodz Logistics"),
])
def test_dotted_abbreviations_fold_like_their_undotted_forms(dotted, plain):
    assert normalize_company(dotted) == normalize_company(plain)


@pytest.mark.parametrize("name, key", [
    ("S. Pellegrino", "s pellegrino"),  # one dotted letter is an initial, not an abbreviation
    ("A. B. Dick", "a b dick"),  # spaced initials stay apart
    ("X.Ray Labs", "x ray labs"),  # a dotted letter before a word
    ("Baz GmbH & Co. KG", "baz"),  # "GmbH & Co. KG" is one German legal form
    ("Smith & Co.", "smith"),
    ("Johnson & Johnson", "johnson and johnson"),
    ("Procter & Gamble Co", "procter and gamble"),
    ("Co & Co", "co"),  # the first word always stays
    ("The Company", "the"),
    ("Banco de Chile", "banco de chile"),  # "de" goes only in "de C.V."
    ("Сбербанк", "sberbank"),  # other scripts are transliterated, not dropped
])
def test_company_keys_at_the_edges_of_the_rules(name, key):
    assert normalize_company(name) == key


def test_dotted_legal_suffixes_make_one_account_per_company(tmp_path):
    export = _write(tmp_path / "sf.csv",
                    "First Name,Last Name,Title,Email,Account Name,Contact Owner,Last Activity\n"
                    "Jose,Muller,CFO,jose@sg.example,Société Générale SA,Dana Reyes,\n"
                    "Ana,Oneil,CEO,ana@sg.example,Société Générale S.A.,Dana Reyes,\n"
                    "Piet,Jansen,CTO,piet@philips.example,Philips N.V.,Dana Reyes,\n"
                    "Eva,Bos,CIO,eva@philips.example,Philips NV,Dana Reyes,\n"
                    "Al,Smith,CIO,al@acme.example,Acme L.L.C.,Dana Reyes,\n"
                    "Bo,Smith,CFO,bo@acme.example,Acme LLC,Dana Reyes,\n"
                    "Uwe,Kraus,CFO,uwe@baz.example,Baz GmbH & Co. KG,Dana Reyes,\n"
                    "Udo,Kraus,CTO,udo@baz.example,Baz GmbH,Dana Reyes,\n")
    import_files([export], tmp_path / "map")
    amap = graphmap.read_map(tmp_path / "map")
    assert amap.accounts["name"].tolist() == ["Société Générale SA", "Philips N.V.", "Acme L.L.C.", "Baz GmbH & Co. KG"]
    customers = amap.people[amap.people["side"] == "customer"]
    assert customers.groupby("account_id").size().tolist() == [2, 2, 2, 2]
    # A later export writing the names the other way matches the same accounts.
    later = _write(tmp_path / "later.csv",
                   "First Name,Last Name,Title,Email,Account Name,Contact Owner,Last Activity\n"
                   "Lea,Roux,COO,lea@sg.example,SOCIETE GENERALE S.A,Dana Reyes,\n"
                   "Tim,Vos,CRO,tim@philips.example,Philips NV,Dana Reyes,\n")
    report = import_files([later], tmp_path / "map")
    assert report.files[0].counts.accounts_added == 0
    assert len(graphmap.read_map(tmp_path / "map").accounts) == 4


def test_names_in_other_scripts_are_told_apart_and_read_in_their_ids(tmp_path):
    # Without e-mails, two people are told apart by their names: folded to ASCII by dropping what
    # has no accent to take off, "王芳" and "李娜" were both "" and became one person, "c-x".
    hubspot = export(tmp_path, "hubspot.csv",
                     "Record ID,First Name,Last Name,Email,Contact owner,Associated Company,Job Title\n"
                     "1,芳,王,,Dana Reyes,Orion Bank,CFO\n"
                     "2,娜,李,,Dana Reyes,Orion Bank,Engineer\n"
                     "3,Иван,Петров,,Dana Reyes,Orion Bank,CIO\n"
                     "4,Søren,Ørsted,,Dana Reyes,Ørsted A/S,CTO\n"
                     "5,Ana,Silva,,Dana Reyes,Orsted AS,CFO\n"
                     "6,?,,,Dana Reyes,Orion Bank,COO\n"
                     "7,🙂,,,Dana Reyes,Orion Bank,CRO\n")
    report = import_files([hubspot], tmp_path / "map")
    amap = graphmap.read_map(tmp_path / "map")
    customers = amap.people[amap.people["side"] == "customer"].set_index("name")
    assert customers["person_id"].to_dict() == {"芳 王": "c-fang-wang", "娜 李": "c-na-li", "Иван Петров": "c-ivan-petrov",
                                                "Søren Ørsted": "c-soren-orsted", "Ana Silva": "c-ana-silva"}
    assert amap.accounts["account_id"].tolist() == ["acc-orion-bank", "acc-orsted-a-s"]  # "Orsted AS" is "Ørsted A/S"
    # A name of no letters tells no one apart: skipped, not matched with the other one.
    assert report.files[0].skipped == {"no name: the name holds no letter or digit": 2}


def test_reimporting_the_same_files_changes_nothing(tmp_path):
    folder = tmp_path / "map"
    files = [fixture(n) for n in ALL]
    import_files(files, folder, owner="dana.reyes@northwind.example")
    first = snapshot(folder)
    report = import_files(files, folder, owner="dana.reyes@northwind.example")
    assert snapshot(folder) == first
    assert all(f.counts.people_added == f.counts.people_updated == 0 for f in report.files)
    assert all(f.counts.connections_added == f.counts.connections_updated == 0 for f in report.files)


def test_an_export_that_adds_nothing_leaves_the_map_files_as_they_were(tmp_path, sample_folder):
    # Helen Brandt, whom the map knows better: the summary said nothing changed, and yet every map file
    # was rewritten (empty role_source and hubspot_id columns added, "strong" written 5, quotes dropped).
    before = snapshot(sample_folder)
    hubspot = export(tmp_path, "hubspot.csv", "Record ID,First Name,Last Name,Email,Associated Company\n"
                                              ",Helen,Brandt,,Cobalt Mining Inc.\n")
    report = import_files([hubspot], sample_folder)
    assert report.files[0].counts.people_unchanged == 1
    assert snapshot(sample_folder) == before


def test_people_merge_by_email_case_insensitively(tmp_path):
    folder = tmp_path / "map"
    import_files([fixture("salesforce_report.csv"), fixture("hubspot_contacts.csv")], folder)
    people = graphmap.read_map(folder).people
    lena = people[people["name"] == "Lena Vogt"]
    assert len(lena) == 1  # LENA.VOGT@cobalt.example in HubSpot, lena.vogt@ in Salesforce
    # Each export filled what the other lacked; the map's first title stays.
    assert lena[["title", "hubspot_id", "email"]].iloc[0].tolist() == \
        ["Chief Financial Officer", "501", "lena.vogt@cobalt.example"]


def test_people_without_email_merge_by_name_within_the_account(tmp_path, sample_folder):
    csv = _write(tmp_path / "hs.csv", "Record ID,First Name,Last Name,Email,Associated Company,Job Title\n"
                 "9,Karen,Liu,,Cobalt Mining Inc.,Procurement Lead\n"
                 "10,Karen,Liu,,Harbor Health Systems,Nurse\n")
    before = graphmap.read_map(sample_folder).people
    assert (before["name"] == "Karen Liu").sum() == 1
    report = import_files([csv], sample_folder)
    people = graphmap.read_map(sample_folder).people
    helens = people[people["name"] == "Karen Liu"]
    # The Cobalt one is the sample's stakeholder; the Harbor one is a different person.
    assert sorted(helens["account_id"]) == ["acc-cobalt", "acc-harbor"]
    assert helens[helens["account_id"] == "acc-cobalt"]["person_id"].tolist() == ["cm5"]
    assert report.files[0].counts.people_added == 1


def test_merging_never_blanks_or_overwrites_map_values(tmp_path, sample_folder):
    before = graphmap.read_map(sample_folder).people.set_index("person_id")
    cm1 = before.loc["cm1"]
    csv = _write(tmp_path / "hs.csv", "Record ID,First Name,Last Name,Email,Associated Company,Job Title,Buying Role\n"
                 f"1,{cm1['name'].split()[0]},{cm1['name'].split()[1]},{cm1['email'].upper()},Cobalt Mining Inc,,\n")
    import_files([csv], sample_folder)
    after = graphmap.read_map(sample_folder).people.set_index("person_id")
    for col in ("name", "title", "email", "role", "influence", "stance", "reports_to"):
        assert after.loc["cm1", col] == cm1[col], col
    assert after.loc["cm1", "hubspot_id"] == "1"


def test_a_role_typed_in_the_map_wins_and_an_inferred_one_gives_way(tmp_path, sample_folder):
    people = graphmap.read_map(sample_folder).people.set_index("person_id")
    cm1 = people.loc["cm1"]  # typed by hand in the sample: role without role_source
    first, last = cm1["name"].split()[0], cm1["name"].split()[1]
    export = _write(tmp_path / "hs.csv", "Record ID,First Name,Last Name,Email,Associated Company,Job Title,Buying Role\n"
                    f"1,{first},{last},{cm1['email']},Cobalt Mining Inc,,Blocker\n"
                    "2,Zed,Quinn,zed@cobalt.example,Cobalt Mining Inc,IT Director,\n")
    import_files([export], sample_folder)
    people = graphmap.read_map(sample_folder).people.set_index("email")
    assert people.loc[cm1["email"], "role"] == cm1["role"]
    assert people.loc["zed@cobalt.example", ["role", "role_source"]].tolist() == ["technical_buyer", "title"]
    # A later export with the role replaces the inferred one, and says where it came from.
    again = _write(tmp_path / "hs2.csv", "Record ID,First Name,Last Name,Email,Associated Company,Buying Role\n"
                   "2,Zed,Quinn,zed@cobalt.example,Cobalt Mining Inc,Champion\n")
    import_files([again], sample_folder)
    people = graphmap.read_map(sample_folder).people.set_index("email")
    assert people.loc["zed@cobalt.example", ["role", "role_source"]].tolist() == ["champion", "export"]


def _set_role(folder, email, role, source):
    import pandas as pd

    people = pd.read_csv(folder / "people.csv", dtype=str, keep_default_na=False)
    people.loc[people["email"] == email, ["role", "role_source"]] = [role, source]
    people.to_csv(folder / "people.csv", index=False)


@pytest.mark.parametrize("source", ["manual", "", "title"])
def test_a_role_edited_in_the_map_is_kept(tmp_path, sample_folder, source):
    export = _write(tmp_path / "hs.csv", "Record ID,First Name,Last Name,Email,Associated Company,Job Title\n"
                    "2,Zed,Quinn,zed@cobalt.example,Cobalt Mining Inc,IT Director\n")
    import_files([export], sample_folder)
    # Marked manual, blanked, or left as "title" while the role no longer follows the title: all edits.
    _set_role(sample_folder, "zed@cobalt.example", "coach", source)
    import_files([export], sample_folder)
    people = graphmap.read_map(sample_folder).people.set_index("email")
    assert people.loc["zed@cobalt.example", "role"] == "coach"


def test_an_inferred_role_follows_the_title_the_map_keeps(tmp_path, sample_folder):
    first = _write(tmp_path / "hs.csv", "Record ID,First Name,Last Name,Email,Associated Company,Job Title\n"
                   "2,Zed,Quinn,zed@cobalt.example,Cobalt Mining Inc,IT Director\n"
                   "3,Ida,Moss,ida@cobalt.example,Cobalt Mining Inc,\n")
    import_files([first], sample_folder)
    # Another export with other titles: the map keeps Zed's title, so his role stays the one it gives;
    # Ida had none, so she takes the export's title and the role inferred from it.
    later = _write(tmp_path / "hs2.csv", "Record ID,First Name,Last Name,Email,Associated Company,Job Title\n"
                   "2,Zed,Quinn,zed@cobalt.example,Cobalt Mining Inc,Procurement Manager\n"
                   "3,Ida,Moss,ida@cobalt.example,Cobalt Mining Inc,Chief Financial Officer\n")
    report = import_files([later], sample_folder)
    people = graphmap.read_map(sample_folder).people.set_index("email")
    assert people.loc["zed@cobalt.example", ["title", "role", "role_source"]].tolist() == \
        ["IT Director", "technical_buyer", "title"]
    assert people.loc["ida@cobalt.example", ["title", "role", "role_source"]].tolist() == \
        ["Chief Financial Officer", "economic_buyer", "title"]
    assert (report.files[0].counts.people_updated, report.files[0].counts.people_unchanged) == (1, 1)


def test_dry_run_writes_nothing(tmp_path, sample_folder):
    before = snapshot(sample_folder)
    report = import_files([fixture("hubspot_contacts.csv")], sample_folder, dry_run=True)
    assert snapshot(sample_folder) == before
    assert report.dry_run and report.error_file is None and report.error_rows == 2
    assert report.files[0].counts.people_added > 0
    assert not import_files([fixture("hubspot_contacts.csv")], tmp_path / "new", dry_run=True).error_file
    assert not (tmp_path / "new").exists()


def test_other_files_in_the_map_folder_survive(tmp_path, sample_folder):
    (sample_folder / "notes.txt").write_text("keep me")
    import_files([fixture("hubspot_contacts.csv")], sample_folder)
    assert (sample_folder / "notes.txt").read_text() == "keep me"


def test_a_clean_import_removes_a_stale_error_file(tmp_path):
    folder = tmp_path / "map"
    import_files([fixture("hubspot_contacts.csv")], folder)
    assert (folder / "import-errors.csv").exists()
    clean = _write(tmp_path / "clean.csv", "Record ID,First Name,Last Name,Email,Associated Company\n"
                   "1,Ana,Silva,ana@x.example,Cobalt\n")
    report = import_files([clean], folder)
    assert report.error_file is None and not (folder / "import-errors.csv").exists()


def test_an_empty_folder_counts_as_a_new_map(tmp_path):
    folder = tmp_path / "map"
    folder.mkdir()
    report = import_files([fixture("hubspot_contacts.csv")], folder)
    assert report.created and len(graphmap.read_map(folder).people) == 6


def test_progress_is_reported_while_reading(tmp_path):
    calls = []
    import_files([fixture("hubspot_contacts.csv")], tmp_path / "map",
                 progress=lambda path, done, total: calls.append((path, done, total)))
    assert calls and calls[-1][1] == calls[-1][2] == fixture("hubspot_contacts.csv").stat().st_size


def test_the_merges_know_the_people_of_every_connection_they_write(tmp_path, monkeypatch):
    """The rows of people each connection names, carried through the merges, are the rows validation
    finds by hashing the ids: so the final validation (and a re-import's merge) need not hash them."""
    import graphmap.imports.importer as importer
    from graphmap.model.validation import validate_tables

    handed = []

    def validate(tables, source="", file_names=None, connection_ends=None):
        handed.append(connection_ends)
        return validate_tables(tables, source, file_names, connection_ends)

    monkeypatch.setattr(importer, "validate_tables", validate)
    folder = tmp_path / "map"
    files = [fixture(n) for n in ALL]
    import_files(files, folder, owner="dana.reyes@northwind.example")  # a new map: every merge adds
    import_files(files, folder, owner="dana.reyes@northwind.example")  # into a map: every merge matches
    import_files([fixture("activities.csv")], folder)
    amap = graphmap.read_map(folder)
    assert len(handed) == 3 and len(amap.connections) > 5
    found = (amap.positions.from_person.tolist(), amap.positions.to_person.tolist())
    for ends in handed:
        assert ends is not None and (ends[0].tolist(), ends[1].tolist()) == found


def test_namesakes_at_different_accounts_get_numbered_ids_in_file_order(tmp_path):
    export = _write(tmp_path / "contacts.csv",
                    "Record ID,First Name,Last Name,Email,Contact owner,Associated Company,Job Title\n"
                    "1,Ana,Silva,ana@cobalt.example,Dana Reyes,Cobalt Mining,CFO\n"
                    "2,Ben,Ito,ben@vela.example,Dana Reyes,Vela Logistics,CTO\n"
                    "3,Ana,Silva,ana@harbor.example,Dana Reyes,Harbor Health,CIO\n"
                    "4,Ana,Silva,,Dana Reyes,Vela Logistics,Buyer\n")
    import_files([export], tmp_path / "map")
    people = graphmap.read_map(tmp_path / "map").people.set_index("person_id")
    assert people.loc[["c-ana-silva", "c-ana-silva-2", "c-ana-silva-3", "c-ben-ito"], "account_id"].tolist() == \
        ["acc-cobalt-mining", "acc-harbor-health", "acc-vela-logistics", "acc-vela-logistics"]
    # A later export's namesakes continue the numbering (not "c-ana-silva-2" again, nor a suffix on it).
    later = _write(tmp_path / "later.csv",
                   "Record ID,First Name,Last Name,Email,Contact owner,Associated Company,Job Title\n"
                   "9,Ana,Silva,ana@zinc.example,Dana Reyes,Zinc Works,COO\n"
                   "10,Ana,Silva,ana@onyx.example,Dana Reyes,Onyx Bank,CRO\n")
    import_files([later], tmp_path / "map")
    people = graphmap.read_map(tmp_path / "map").people.set_index("person_id")
    assert people.loc[["c-ana-silva-4", "c-ana-silva-5"], "account_id"].tolist() == ["acc-zinc-works", "acc-onyx-bank"]
    assert len(people) == 7


@pytest.mark.parametrize("wrong", ["swapped", "out of range"])
def test_a_wrong_map_row_hint_changes_nothing(wrong):
    """Staged links may carry the map rows of ends that are person_ids (activity logs do); a hint that
    does not name the same people is ignored, and the ids are looked up."""
    import numpy as np
    import pandas as pd

    from graphmap.imports.merge_links import merge_links

    people = pd.DataFrame({"person_id": ["s-dana", "c-ana", "c-ben"], "side": ["supplier", "customer", "customer"]})
    conns = pd.DataFrame({c: pd.Series(dtype=object) for c in ("from_id", "to_id", "strength", "last_contact",
                                                                   "notes")})
    links = pd.DataFrame({"from_key": ["c-ana", "s-dana"], "to_key": ["s-dana", "c-ben"], "strength": [4.0, 2.0],
                          "strength_source": "activities",
                          "last_contact": pd.to_datetime(["2026-10-01", "2026-09-15"])})
    hints = {"swapped": ([2, 0], [0, 1]), "out of range": ([1, 7], [0, 2])}[wrong]
    hinted = links.assign(from_map_row=hints[0], to_map_row=hints[1])

    def merged(staged):
        out, counts, ends = merge_links(conns.copy(), people, staged, pd.Series(dtype=object),
                                        np.zeros(0, dtype=np.int64))
        return out.to_dict("records"), counts, [e.tolist() for e in ends]

    rows, counts, ends = merged(hinted)
    assert (rows, counts, ends) == merged(links)
    assert [(r["from_id"], r["to_id"], r["strength"]) for r in rows] == \
        [("s-dana", "c-ana", "4"), ("s-dana", "c-ben", "2")]
    assert ends == [[0, 0], [1, 2]] and counts == (2, 0, 0)


def test_emails_match_whatever_their_letters(tmp_path):
    """A final Σ and an İ lower-case differently in Python and in Arrow: every e-mail comparison
    uses one of them, so a map folder imported into another, or a LinkedIn owner given by e-mail,
    finds the same person."""
    header = "Record ID,First Name,Last Name,Email,Contact owner,Associated Company,Job Title\n"
    first = _write(tmp_path / "a.csv", header + "1,Nikos,P,ΝΙΚΟΣ@x.gr,ΣΟΦΙΑΣ@vendor.gr,Vela,CFO\n"
                                                "2,İpek,Y,İPEK@x.tr,ΣΟΦΙΑΣ@vendor.gr,Vela,CTO\n")
    second = _write(tmp_path / "b.csv", header + "7,N.,Papadopoulos,ΝΙΚΟΣ@x.gr,ΣΟΦΙΑΣ@vendor.gr,Vela,CFO\n"
                                                 "8,I.,Yilmaz,İPEK@x.tr,ΣΟΦΙΑΣ@vendor.gr,Vela,CTO\n")
    import_files([first], tmp_path / "src")
    import_files([second], tmp_path / "dst")
    import_files([tmp_path / "src"], tmp_path / "dst")
    people = graphmap.read_map(tmp_path / "dst").people
    assert sorted(people["email"]) == sorted(["ΝΙΚΟΣ@x.gr", "ΣΟΦΙΑΣ@vendor.gr", "İPEK@x.tr"])
    network = _write(tmp_path / "Connections.csv", "First Name,Last Name,URL,Email Address,Company,Position,"
                                                   "Connected On\nNikos,P,,ΝΙΚΟΣ@x.gr,Vela,CFO,12 Mar 2024\n")
    import_files([network], tmp_path / "dst", owner="ΣΟΦΙΑΣ@VENDOR.GR")
    people = graphmap.read_map(tmp_path / "dst").people
    assert (people["side"] == "supplier").sum() == 1 and len(people) == 3


@pytest.mark.parametrize("email", ["", "ben@cobalt.example"])
def test_two_rows_of_one_person_take_the_role_of_the_row_that_gives_one(tmp_path, email):
    # Found by test_importing_any_contacts_twice_changes_nothing: the role and its source were taken
    # column by column, the first row's "unknown" with the second row's "export", and Champion lost.
    hs = export(tmp_path, "hs.csv", "Record ID,First Name,Last Name,Email,Associated Company,Job Title,Buying Role\n"
                f"1,Ben,Ito,{email},Cobalt Mining,,\n"
                f"2,Ben,Ito,{email},Cobalt Mining,CFO,Champion\n")
    import_files([hs], tmp_path / "map")
    people = graphmap.read_map(tmp_path / "map").people
    assert people[["name", "role", "role_source", "title"]].values.tolist() == [["Ben Ito", "champion", "export", "CFO"]]
    before = snapshot(tmp_path / "map")
    import_files([hs], tmp_path / "map")
    assert snapshot(tmp_path / "map") == before


@pytest.mark.parametrize("rows, account", [
    (["502,Ana,Silva,,Dana Reyes,Newco", "502,Ana,Silva,,Marcus Chen,Cobalt Mining"], "acc-newco"),
    (["502,Ana,Silva,ana@newco.example,Dana Reyes,Newco", "502,Ana,Silva,,Marcus Chen,Cobalt Mining"], "acc-newco"),
    (["502,Ana,Silva,,Marcus Chen,Cobalt Mining", "502,Ana,Silva,ana@newco.example,Dana Reyes,Newco"],
     "acc-cobalt-mining"),  # (the first row's values first, as for rows of one e-mail)
])
def test_two_rows_of_one_export_with_one_crm_id_are_one_person(tmp_path, rows, account):
    # Found by a re-import property test: the row without an e-mail became a second person holding the
    # same Record ID, and a re-import then found both rows' person by the id and changed the map.
    hs = export(tmp_path, "hs.csv", "Record ID,First Name,Last Name,Email,Contact owner,Associated Company\n"
                + "\n".join(rows) + "\n")
    import_files([hs], tmp_path / "map")
    amap = graphmap.read_map(tmp_path / "map")
    customers = amap.people[amap.people["side"] == "customer"]
    assert customers[["person_id", "account_id", "hubspot_id"]].values.tolist() == [["c-ana-silva", account, "502"]]
    assert sorted(zip(amap.connections["from_id"], amap.connections["to_id"])) == \
        [("s-dana-reyes", "c-ana-silva"), ("s-marcus-chen", "c-ana-silva")]
    before = snapshot(tmp_path / "map")
    import_files([hs], tmp_path / "map")
    assert snapshot(tmp_path / "map") == before


def _rows(folder) -> dict[str, list[tuple]]:
    """Each table of the map at `folder` as a sorted list of rows."""
    amap = graphmap.read_map(folder)
    return {t: sorted(map(tuple, getattr(amap, t).astype(str).values.tolist()))
            for t in ("accounts", "people", "team", "connections")}


_HS = "Record ID,First Name,Last Name,Email,Contact owner,Associated Company\n"
_LI = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"


@pytest.mark.parametrize("header, old, new, owner", [
    (_HS, "11,Ana,Silva,ana@orion.example,Dana Reyes,Orion Bank", "11,Ana,Silva,ana.silva@orion-bank.example,"
     "Marcus Chen,Orion Bank", None),
    (_LI, "Ana,Silva,https://www.linkedin.com/in/ana-silva,ana@orion.example,Orion Bank,CFO,12 Mar 2024",
     "Ana,Silva,https://www.linkedin.com/in/ana-silva,ana.silva@orion-bank.example,Orion Bank,CFO,12 Mar 2024",
     "dana.reyes@northwind.example"),
])
def test_rows_of_one_id_with_two_emails_are_one_person_in_one_file_or_two(tmp_path, header, old, new, owner):
    # A contact's e-mail changed between two exports, and the two were put into one file. Imported as
    # two files, the later row found the person by its Record ID (or LinkedIn URL); as one file, the
    # two rows became two people holding one id, and the map depended on how the rows were filed.
    jan, mar = export(tmp_path, "jan.csv", header + old + "\n"), export(tmp_path, "mar.csv", header + new + "\n")
    both = export(tmp_path, "both.csv", header + old + "\n" + new + "\n")
    for folder in ("together", "apart"):  # (a LinkedIn contact is placed only at an account the map has)
        (tmp_path / folder).mkdir()
        export(tmp_path / folder, "accounts.csv", "account_id,name\nacc-orion-bank,Orion Bank\n")
        export(tmp_path / folder, "people.csv", "person_id,name,side,account_id\n")
    import_files([both], tmp_path / "together", owner=owner)
    import_files([jan], tmp_path / "apart", owner=owner)
    import_files([mar], tmp_path / "apart", owner=owner)
    assert _rows(tmp_path / "together") == _rows(tmp_path / "apart")  # (in one order or another)
    assert not (tmp_path / "together" / "import-errors.csv").exists()
    people = graphmap.read_map(tmp_path / "together").people
    assert people.loc[people["side"] == "customer", ["person_id", "email"]].values.tolist() == \
        [["c-ana-silva", "ana@orion.example"]]  # (the first row's e-mail, as for any two rows of one person)
    before = snapshot(tmp_path / "together")
    import_files([both], tmp_path / "together", owner=owner)
    import_files([mar, jan], tmp_path / "together", owner=owner)
    assert snapshot(tmp_path / "together") == before


def _two_anas(tmp_path, first_id: str):
    """A map with Ana Silva twice at Orion Bank (two e-mails), the first holding HubSpot id `first_id`."""
    return map_folder(tmp_path / "map", "account_id,name\nacc-orion-bank,Orion Bank\n",
                      "person_id,name,side,account_id,email,hubspot_id\n"
                      f"c-ana-silva,Ana Silva,customer,acc-orion-bank,ana@orion.example,{first_id}\n"
                      "c-ana-silva-2,Ana Silva,customer,acc-orion-bank,ana.silva@orion-bank.example,\n")


def test_an_id_is_not_given_to_a_second_person(tmp_path):
    # The map has Ana twice (her old and new e-mail, from two sources). A HubSpot row with her new
    # e-mail and the Record ID the first holds is the second person by its e-mail; it is imported
    # without the id, which would then name two people, and the row says why.
    folder = _two_anas(tmp_path, "11")
    hs = export(tmp_path, "hs.csv", _HS + "11,Ana,Silva,ana.silva@orion-bank.example,Dana Reyes,Orion Bank\n")
    report = import_files([hs], folder)
    people = graphmap.read_map(folder).people.set_index("person_id")
    assert people["hubspot_id"].to_dict() == {"c-ana-silva": "11", "c-ana-silva-2": "", "s-dana-reyes": ""}
    assert report.files[0].warnings == {"id that would name two people": 1}
    assert [(e["row"], e["action"], e["reason"]) for e in error_rows(folder)] == [
        ("2", "imported without the value", "HubSpot Record ID 11 is c-ana-silva's in the map, and this row is "
         "c-ana-silva-2: imported without the id, which would name both (if they are one person, merge them in "
         "people.csv)")]
    # Nothing else of the row is lost: its owner's connection point is imported.
    assert ("s-dana-reyes", "c-ana-silva-2") in set(zip(*graphmap.read_map(folder).connections[["from_id", "to_id"]]
                                                         .values.T))


def test_an_id_on_rows_of_two_people_of_the_map_is_given_to_neither(tmp_path):
    # Each row's e-mail is a person of the map; one Record ID on both rows does not merge them (an id
    # never merges people the e-mails keep apart), nor does it go to both.
    folder = _two_anas(tmp_path, "")
    hs = export(tmp_path, "hs.csv", _HS + "11,Ana,Silva,ana@orion.example,Dana Reyes,Orion Bank\n"
                "11,Ana,Silva,ana.silva@orion-bank.example,Dana Reyes,Orion Bank\n")
    report = import_files([hs], folder)
    people = graphmap.read_map(folder).people.set_index("person_id")
    assert people.loc[["c-ana-silva", "c-ana-silva-2"], "hubspot_id"].tolist() == ["", ""]
    assert report.files[0].warnings == {"id that would name two people": 2}
    assert [(e["row"], e["reason"].split(":")[0]) for e in error_rows(folder)] == [
        ("2", "HubSpot Record ID 11 is also on a row of c-ana-silva-2, and this row is c-ana-silva"),
        ("3", "HubSpot Record ID 11 is also on a row of c-ana-silva, and this row is c-ana-silva-2")]
    before = snapshot(folder)
    import_files([hs], folder)
    assert snapshot(folder) == before


def test_rows_found_by_email_and_by_id_fill_their_person_from_both(tmp_path):
    # Found by a property test importing files in one order, then the other: the person took only the
    # values of the row found by its id (listed first), and the e-mail row's title and role were lost.
    folder = map_folder(tmp_path / "map", "account_id,name\nacc-newco,Newco\n",
                        "person_id,name,side,account_id,email,hubspot_id,title\n"
                        "c-ana-silva,Ana Silva,customer,acc-newco,ana@newco.example,501,\n")
    hs = export(tmp_path, "hs.csv", "Record ID,First Name,Last Name,Email,Associated Company,Job Title,Buying Role\n"
                "501,Ana,Silva,,Newco,,\n"
                ",Ana,Silva,ana@newco.example,Newco,CFO,Champion\n")
    report = import_files([hs], folder)
    people = graphmap.read_map(folder).people
    assert people[["person_id", "title", "role", "role_source"]].values.tolist() == \
        [["c-ana-silva", "CFO", "champion", "export"]]
    assert report.files[0].counts.people_updated == 1


def test_a_person_of_the_map_given_a_manager_counts_as_updated(tmp_path):
    folder = map_folder(tmp_path / "map", "account_id,name\nacc-orion,Orion Bank\n",
                        "person_id,name,side,account_id,role,email\n"
                        "c-ana,Ana Silva,customer,acc-orion,unknown,ana@orion.example\n"
                        "c-ben,Ben Ito,customer,acc-orion,unknown,ben@orion.example\n")
    report = export(tmp_path, "report.csv", "First Name,Last Name,Email,Account Name,Reports To\n"
                    "Ana,Silva,ana@orion.example,Orion Bank,Ben Ito\n")
    counts = import_files([report], folder).files[0].counts
    assert (counts.people_added, counts.people_updated, counts.people_unchanged) == (0, 1, 0)
    assert graphmap.read_map(folder).people.set_index("person_id").at["c-ana", "reports_to"] == "c-ben"
    counts = import_files([report], folder).files[0].counts  # again: nothing new
    assert (counts.people_updated, counts.people_unchanged) == (0, 1)


def test_a_person_given_a_manager_from_a_later_file_counts_as_updated(tmp_path):
    # The report's merge does not find Ben (he comes in the HubSpot file, merged after it); the look
    # once every file is merged does, and Ana, counted unchanged by her file's merge, was updated.
    folder = map_folder(tmp_path / "map", "account_id,name\nacc-orion,Orion Bank\n",
                        "person_id,name,side,account_id,role,email\n"
                        "c-ana,Ana Silva,customer,acc-orion,unknown,ana@orion.example\n")
    report = export(tmp_path, "report.csv", "First Name,Last Name,Email,Account Name,Reports To\n"
                    "Ana,Silva,ana@orion.example,Orion Bank,Ben Ito\n")
    hs = export(tmp_path, "hs.csv", "Record ID,First Name,Last Name,Email,Associated Company\n"
                "7,Ben,Ito,ben@orion.example,Orion Bank\n")
    files = import_files([report, hs], folder).files
    assert graphmap.read_map(folder).people.set_index("person_id").at["c-ana", "reports_to"] == "c-ben-ito"
    assert [(f.counts.people_added, f.counts.people_updated, f.counts.people_unchanged) for f in files] == \
        [(0, 1, 0), (1, 0, 0)]
    files = import_files([report, hs], folder).files  # again: nothing new
    assert [(f.counts.people_added, f.counts.people_updated, f.counts.people_unchanged) for f in files] == \
        [(0, 0, 1), (0, 0, 1)]


def test_a_row_without_email_joins_the_one_person_of_rows_of_one_id_with_two_emails(tmp_path):
    # Ana's rows from two exports (old and new e-mail, one Record ID) are one person; a third row with
    # her name and no e-mail was refused as matching "1 people named Ana Silva", where the same rows
    # imported as two files made it her.
    rows = ["11,Ana,Silva,ana@old.example,Dana Reyes,Orion Bank", "11,Ana,Silva,ana@new.example,Dana Reyes,Orion Bank",
            ",Ana,Silva,,Marcus Chen,Orion Bank"]
    both = export(tmp_path, "both.csv", _HS + "\n".join(rows) + "\n")
    jan = export(tmp_path, "jan.csv", _HS + rows[0] + "\n")
    mar = export(tmp_path, "mar.csv", _HS + "\n".join(rows[1:]) + "\n")
    report = import_files([both], tmp_path / "together")
    import_files([jan], tmp_path / "apart")
    import_files([mar], tmp_path / "apart")
    assert report.files[0].skipped == {}
    assert _rows(tmp_path / "together") == _rows(tmp_path / "apart")
    assert ("s-marcus-chen", "c-ana-silva") in set(zip(*graphmap.read_map(tmp_path / "together")
                                                        .connections[["from_id", "to_id"]].values.T))


def test_a_map_imported_keeps_two_people_who_hold_one_id(tmp_path):
    # A map written by hand may give two people one id (the name rules then decide); imported as a
    # map, its people are taken as it has them. Ben was merged into Ana, his e-mail and name lost.
    source = tmp_path / "source"
    source.mkdir()
    export(source, "accounts.csv", "account_id,name\nacc-orion,Orion Bank\n")
    export(source, "people.csv", "person_id,name,side,account_id,email,hubspot_id\n"
           "c-ana,Ana Silva,customer,acc-orion,ana@orion.example,11\n"
           "c-ben,Ben Ito,customer,acc-orion,ben@orion.example,11\n")
    import_files([source], tmp_path / "map")
    people = graphmap.read_map(tmp_path / "map").people
    assert sorted(people[["name", "email"]].values.tolist()) == [["Ana Silva", "ana@orion.example"],
                                                                  ["Ben Ito", "ben@orion.example"]]


@pytest.mark.parametrize("reverse", [False, True])
def test_a_row_with_an_id_two_people_of_the_map_carry_is_neither_of_them(tmp_path, reverse):
    # Rows of both Anas of the map carry Record ID 11, which then does not say who a third row with
    # a new e-mail is: it went to whichever Ana came first in the file (Marcus's connection moved
    # with the row order). It is a new person, as it would be imported in a file of its own.
    folder = _two_anas(tmp_path, "")
    known = ["11,Ana,Silva,ana@orion.example,Dana Reyes,Orion Bank",
             "11,Ana,Silva,ana.silva@orion-bank.example,Dana Reyes,Orion Bank"]
    hs = export(tmp_path, "hs.csv", _HS + "\n".join(known[::-1] if reverse else known)
                + "\n11,Ana,Silva,ana.s@mail.example,Marcus Chen,Orion Bank\n")
    report = import_files([hs], folder)
    amap = graphmap.read_map(folder)
    assert amap.people.set_index("email").at["ana.s@mail.example", "person_id"] == "c-ana-silva-3"
    assert ("s-marcus-chen", "c-ana-silva-3") in set(zip(*amap.connections[["from_id", "to_id"]].values.T))
    assert (amap.people.get("hubspot_id", "") != "11").all()
    assert report.files[0].warnings == {"id that would name two people": 3}
    assert error_rows(folder)[2]["reason"].startswith(
        "HubSpot Record ID 11 is also on a row of c-ana-silva and c-ana-silva-2, and this row is c-ana-silva-3: "
        "imported without the id, which would name all 3")


def test_a_person_given_a_manager_by_a_later_file_is_not_also_updated_by_an_earlier_one(tmp_path):
    # The first report names a manager nobody is; the second gives Ana hers. Both files counted her
    # updated, though the first changed nothing.
    folder = map_folder(tmp_path / "map", "account_id,name\nacc-orion,Orion Bank\n",
                        "person_id,name,side,account_id,role,email\n"
                        "c-ana,Ana Silva,customer,acc-orion,unknown,ana@orion.example\n"
                        "c-ben,Ben Ito,customer,acc-orion,unknown,ben@orion.example\n")
    header = "First Name,Last Name,Email,Account Name,Reports To\n"
    first = export(tmp_path, "first.csv", header + "Ana,Silva,ana@orion.example,Orion Bank,Zed Nobody\n")
    second = export(tmp_path, "second.csv", header + "Ana,Silva,ana@orion.example,Orion Bank,Ben Ito\n")
    files = import_files([first, second], folder).files
    assert graphmap.read_map(folder).people.set_index("person_id").at["c-ana", "reports_to"] == "c-ben"
    assert [(f.counts.people_updated, f.counts.people_unchanged) for f in files] == [(0, 1), (1, 0)]


@pytest.mark.parametrize("rows, id_of_ana", [
    ([",Ana,Silva,ana@x.example,Dana Reyes,Orion Bank", ",Ana,Silva,ana@y.example,Marcus Chen,Orion Bank"], ""),
    ([",Ana,Silva,ana@y.example,Marcus Chen,Orion Bank", "12,Ana,Silva,ana@x.example,Dana Reyes,Orion Bank"], "12"),
])
def test_two_emails_do_not_both_join_one_namesake_without_an_email(tmp_path, rows, id_of_ana):
    # The map has Ana without an e-mail. Two rows with two new e-mails (or one found by her id) both
    # joined her: she kept one e-mail, the other was lost, and a re-import made it a second Ana.
    folder = map_folder(tmp_path / "map", "account_id,name\nacc-orion-bank,Orion Bank\n",
                        "person_id,name,side,account_id,email,hubspot_id\n"
                        f"c-ana-silva,Ana Silva,customer,acc-orion-bank,,{id_of_ana}\n")
    hs = export(tmp_path, "hs.csv", _HS + "\n".join(rows) + "\n")
    import_files([hs], folder)
    amap = graphmap.read_map(folder)
    assert amap.people.set_index("email").loc[["ana@x.example", "ana@y.example"], "person_id"].tolist() == \
        ["c-ana-silva", "c-ana-silva-2"]
    assert sorted(zip(amap.connections["from_id"], amap.connections["to_id"])) == \
        [("s-dana-reyes", "c-ana-silva"), ("s-marcus-chen", "c-ana-silva-2")]
    before = snapshot(folder)
    import_files([hs], folder)
    assert snapshot(folder) == before


def test_an_import_keeps_a_supplier_members_account_id_typed_in_the_map(tmp_path):
    # The import read the map, blanked Dana's account_id (a member's places her at no account) and
    # wrote people.csv without it, though an import never blanks what the map holds.
    folder = map_folder(tmp_path / "map", "account_id,name\nacc-orion,Orion Bank\n",
                        "person_id,name,side,account_id,role,email\n"
                        "s-dana,Dana Reyes,supplier,acc-orion,account_executive,dana@ours.example\n")
    hubspot = export(tmp_path, "hubspot.csv", "Record ID,First Name,Last Name,Email,Associated Company,Contact owner\n"
                     "9,Ben,Ito,ben@orion.example,Orion Bank,Dana Reyes\n")
    import_files([hubspot], folder)
    people = graphmap.read_map(folder).people.set_index("person_id")
    assert people.at["s-dana", "account_id"] == "acc-orion"
    assert sorted(people.index) == ["c-ben-ito", "s-dana"]


# -- an account named by its Salesforce id, and the map's account of the name it is given ------------

_ORION_ID = "0015g00000ZZZZ1AAP"  # the AccountId of sf_contacts.csv, "Orion Bank" in sf_accounts.csv
_BY_ID = f"acc-{_ORION_ID.lower()}"


def _orion_by_hand_and_by_id(tmp_path, accounts: str = "acc-orion,Orion Bank,,growth,\n", team: str = ""):
    """A map with Orion Bank typed by hand (no salesforce_id), then the Data Loader contacts of
    sf_contacts.csv imported without their Account export: their account is named by its id."""
    folder = map_folder(tmp_path / "map", "account_id,name,strategy_owner,strategy_type,strategy\n" + accounts,
                        "person_id,name,side,account_id,email\n"
                        "c-lena,Lena Park,customer,acc-orion,lena@orion.example\n"
                        "s-dana,Dana Reyes,supplier,,dana.reyes@northwind.example\n")
    export(folder, "team.csv", "account_id,person_id,team_role,responsibilities\n"
                               "acc-orion,s-dana,account_executive,owns the deal\n")
    import_files([fixture("sf_contacts.csv"), fixture("sf_users.csv")], folder)
    if team:
        with open(folder / "team.csv", "a", encoding="utf-8") as handle:
            handle.write(team)
    assert sorted(graphmap.read_map(folder).accounts["name"]) == sorted(
        [_ORION_ID] + [line.split(",")[1] for line in accounts.splitlines()])
    return folder


def test_an_account_named_by_its_id_and_named_later_is_one_with_the_maps_account_of_that_name(tmp_path):
    # It stayed a second "Orion Bank" beside the one typed by hand: two accounts for one company,
    # its Salesforce contacts apart from Lena and Dana's team.
    folder = _orion_by_hand_and_by_id(tmp_path)
    result = run("import", str(fixture("sf_accounts.csv")), str(fixture("sf_contacts.csv")), "--into", str(folder))
    assert result.exit_code == 0, result.output
    assert (f"  assumed/detected: account {_BY_ID}, named by its Salesforce id {_ORION_ID} until this import, is "
            "named 'Orion Bank', and so is the map's acc-orion ('Orion Bank'), which had no Salesforce id: made "
            "one account, acc-orion, which takes the id; 3 people and 0 team memberships moved to it\n"
            "  accounts: 0 added, 1 updated\n  people: 0 added, 3 updated, 0 unchanged\n") in result.output
    amap = graphmap.read_map(folder)
    assert amap.accounts[["account_id", "name", "strategy_type", "salesforce_id"]].values.tolist() == [
        ["acc-orion", "Orion Bank", "growth", _ORION_ID]]
    customers = amap.people[amap.people["side"] == "customer"]
    assert dict(zip(customers["name"], customers["account_id"])) == {
        "Lena Park": "acc-orion", "Ines Duarte": "acc-orion", "Karl Berg": "acc-orion", "Mia Storm": "acc-orion"}
    assert amap.team[["account_id", "person_id"]].values.tolist() == [["acc-orion", "s-dana"]]
    # Done once: the same files again, or the contacts alone, change nothing.
    before = snapshot(folder)
    import_files([fixture("sf_accounts.csv"), fixture("sf_contacts.csv")], folder)
    import_files([fixture("sf_contacts.csv"), fixture("sf_users.csv")], folder)
    assert {k: v for k, v in snapshot(folder).items() if k != "import-errors.csv"} == \
        {k: v for k, v in before.items() if k != "import-errors.csv"}


def test_the_account_made_one_keeps_the_maps_values_and_takes_the_blanks_it_had(tmp_path):
    folder = _orion_by_hand_and_by_id(tmp_path, team=f"{_BY_ID},s-dana,,covers the CIO\n"
                                                     f"{_BY_ID},s-marcus-chen,sales_engineer,\n")
    accounts = (folder / "accounts.csv").read_text(encoding="utf-8")
    (folder / "accounts.csv").write_text(accounts.replace(f"{_BY_ID},{_ORION_ID},,,,",
                                                          f"{_BY_ID},{_ORION_ID},s-marcus-chen,pursuit,Land the CIO,"),
                                         encoding="utf-8")
    report = import_files([fixture("sf_accounts.csv"), fixture("sf_contacts.csv")], folder)
    amap = graphmap.read_map(folder)
    assert amap.accounts[["account_id", "strategy_owner", "strategy_type", "strategy"]].values.tolist() == [
        ["acc-orion", "s-marcus-chen", "growth", "Land the CIO"]]
    # Dana, on both teams, keeps one membership: the map account's, whose responsibilities it had.
    assert amap.team[["account_id", "person_id", "team_role", "responsibilities"]].fillna("").values.tolist() == [
        ["acc-orion", "s-dana", "account_executive", "owns the deal"],
        ["acc-orion", "s-marcus-chen", "sales_engineer", ""]]
    # What was left out is said, so that nothing goes without a word.
    assert report.files[0].notes[-1].endswith(
        f"2 team memberships moved to it; where both had a value, acc-orion's was kept, and {_BY_ID}'s was: "
        "strategy_type 'pursuit'; s-dana's responsibilities 'covers the CIO'")


@pytest.mark.parametrize("others, said", [
    # Another Salesforce account of the same name: two companies, as Salesforce has them.
    ("acc-orion,Orion Bank,,growth,,0015g00000ZZZZ9AAP\n",
     "as another account of the map is: acc-orion (Salesforce id 0015g00000ZZZZ9AAP), a company of that name in "
     "Salesforce: so kept apart"),
    # Two accounts of that name without an id: which one it is would be a guess.
    ("acc-orion,Orion Bank,,growth,,\nacc-orion-2,ORION BANK Ltd,,,,\n",
     "as 2 other accounts of the map are: acc-orion (no Salesforce id), acc-orion-2 (no Salesforce id): not "
     f"guessed which of them it is, so kept apart; if it is one of them, give that one salesforce_id {_ORION_ID} "
     f"in accounts.csv, move {_BY_ID}'s people and team memberships to it in people.csv and team.csv, and remove "
     f"{_BY_ID}"),
    # One without an id, and one with another id: that name is two companies, and it may be either.
    ("acc-orion,Orion Bank,,growth,,\nacc-orion-2,ORION BANK Ltd,,,,0015g00000ZZZZ9AAP\n",
     "as 2 other accounts of the map are: acc-orion (no Salesforce id), acc-orion-2 (Salesforce id "
     "0015g00000ZZZZ9AAP): not guessed which of them it is"),
])
def test_an_account_named_as_other_accounts_are_is_kept_apart_and_said(tmp_path, others, said):
    folder = map_folder(tmp_path / "map", "account_id,name,strategy_owner,strategy_type,strategy,salesforce_id\n"
                        + others, "person_id,name,side,account_id\nc-lena,Lena Park,customer,acc-orion\n")
    import_files([fixture("sf_contacts.csv")], folder)
    report = import_files([fixture("sf_accounts.csv"), fixture("sf_contacts.csv")], folder)
    assert f"account {_BY_ID}, named by its Salesforce id {_ORION_ID} until this import, is named 'Orion Bank', " \
        + said in report.files[0].notes[-1]
    amap = graphmap.read_map(folder)
    assert len(amap.accounts) == len(others.splitlines()) + 1
    assert amap.accounts.set_index("account_id").loc[_BY_ID, "name"] == "Orion Bank"
    assert set(amap.people.loc[amap.people["salesforce_id"].fillna("") != "", "account_id"]) == {_BY_ID}


def test_an_account_export_on_its_own_names_the_accounts_named_by_their_id(tmp_path):
    # It named them only with the contacts exported beside it: imported alone, it did nothing.
    folder = _orion_by_hand_and_by_id(tmp_path)
    other = export(tmp_path, "Account.csv", "Id,Name\n0015g00000ZZZZ7AAA,Cobalt Mining Inc\n")
    result = run("import", str(fixture("sf_accounts.csv")), str(other), "--into", str(folder))
    assert result.exit_code == 0, result.output
    assert "sf_accounts.csv: salesforce accounts (detected), 1 row\n  assumed/detected: account " \
        f"{_BY_ID}, named by its Salesforce id {_ORION_ID} until this import, is named 'Orion Bank', and so is the " \
        "map's acc-orion ('Orion Bank'), which had no Salesforce id: made one account, acc-orion, which takes the " \
        "id; 3 people and 0 team memberships moved to it\n  accounts: 0 added, 1 updated\n" \
        "  people: 0 added, 3 updated, 0 unchanged\n" in result.output
    amap = graphmap.read_map(folder)
    # Only the accounts of the map: the export's other companies are not made accounts.
    assert amap.accounts[["account_id", "name", "salesforce_id"]].values.tolist() == [
        ["acc-orion", "Orion Bank", _ORION_ID]]
    assert set(amap.people.loc[amap.people["side"] == "customer", "account_id"]) == {"acc-orion"}


def test_an_account_export_alone_names_an_account_named_by_its_id_that_no_other_account_is_named_as(tmp_path):
    folder = tmp_path / "map"
    import_files([fixture("sf_contacts.csv")], folder)
    report = import_files([fixture("sf_accounts.csv")], folder)
    assert graphmap.read_map(folder).accounts[["account_id", "name"]].values.tolist() == [[_BY_ID, "Orion Bank"]]
    assert report.files[0].counts.accounts_updated == 1 and report.files[0].notes == ()
    before = snapshot(folder)
    assert import_files([fixture("sf_accounts.csv")], folder).files[0].counts.accounts_updated == 0
    assert snapshot(folder) == before


# -- two Salesforce accounts of one name -------------------------------------------------------------

_UK, _US = "0015g00000ACME1AAP", "0015g00000ACME2AAP"  # "Acme Ltd" the UK subsidiary, and the US one
_DL = '"Id","AccountId","FirstName","LastName","Title","Email","OwnerId"\n'
_UMA = f'"0035g00000UKCT1AAP","{_UK}","Uma","King","CFO","uma@acme.co.uk","0055g00000UUUU1AAP"\n'
_SAM = f'"0035g00000USCT1AAP","{_US}","Sam","Young","CTO","sam@acme.com","0055g00000UUUU1AAP"\n'
_KEPT_TWO = (f"two Salesforce accounts named 'Acme Ltd' (ids {_UK}, {_US}): kept as two accounts "
             "(acc-acme-ltd, acc-acme-ltd-2)")


def _customers_at(folder) -> dict[str, str]:
    people = graphmap.read_map(folder).people
    return dict(zip(people.loc[people["side"] == "customer", "name"], people.loc[people["side"] == "customer",
                                                                                 "account_id"]))


def test_a_salesforce_account_named_as_one_of_the_map_with_another_id_is_an_account_of_its_own(tmp_path):
    # The US "Acme Ltd" matched the UK one by its name: one account, Sam on Uma's buying team.
    folder = tmp_path / "map"
    uk = [export(tmp_path, "uk-accounts.csv", f"Id,Name\n{_UK},Acme Ltd\n"), export(tmp_path, "uk.csv", _DL + _UMA)]
    us = [export(tmp_path, "us-accounts.csv", f"Id,Name\n{_US},Acme Ltd\n"), export(tmp_path, "us.csv", _DL + _SAM)]
    users = str(fixture("sf_users.csv"))
    assert run("import", *map(str, uk), users, "--into", str(folder)).exit_code == 0
    result = run("import", *map(str, us), users, "--into", str(folder))
    assert result.exit_code == 0, result.output
    assert f"  assumed/detected: {_KEPT_TWO}\n  accounts: 1 added, 0 updated\n" in result.output
    amap = graphmap.read_map(folder)
    assert amap.accounts[["account_id", "name", "salesforce_id"]].values.tolist() == [
        ["acc-acme-ltd", "Acme Ltd", _UK], ["acc-acme-ltd-2", "Acme Ltd", _US]]
    assert _customers_at(folder) == {"Uma King": "acc-acme-ltd", "Sam Young": "acc-acme-ltd-2"}
    # Each id finds its own account again: the same files change nothing, and say nothing more.
    before = snapshot(folder)
    for files in (uk, us):
        again = run("import", *map(str, files), users, "--into", str(folder))
        assert again.exit_code == 0 and "Salesforce accounts named" not in again.output
    assert snapshot(folder) == before


def test_two_salesforce_accounts_of_one_name_in_one_export_are_two_accounts(tmp_path):
    folder = tmp_path / "map"
    accounts = export(tmp_path, "Account.csv", f"Id,Name\n{_UK},Acme Ltd\n{_US},ACME LTD.\n")
    result = run("import", str(accounts), str(export(tmp_path, "Contact.csv", _DL + _UMA + _SAM)), "--into", str(folder))
    assert result.exit_code == 0, result.output
    assert "  accounts: 2 added, 0 updated\n" in result.output
    assert _KEPT_TWO in result.output
    amap = graphmap.read_map(folder)
    assert amap.accounts[["account_id", "name", "salesforce_id"]].values.tolist() == [
        ["acc-acme-ltd", "Acme Ltd", _UK], ["acc-acme-ltd-2", "ACME LTD.", _US]]
    assert _customers_at(folder) == {"Uma King": "acc-acme-ltd", "Sam Young": "acc-acme-ltd-2"}


def test_a_salesforce_account_still_takes_the_maps_only_account_of_its_name_without_an_id(tmp_path):
    folder = map_folder(tmp_path / "map", "account_id,name\nacc-acme,Acme Ltd\n",
                        "person_id,name,side,account_id\nc-lena,Lena Park,customer,acc-acme\n")
    accounts = export(tmp_path, "Account.csv", f"Id,Name\n{_UK},Acme Ltd\n")
    result = run("import", str(accounts), str(export(tmp_path, "Contact.csv", _DL + _UMA)), "--into", str(folder))
    assert result.exit_code == 0 and "kept as two" not in result.output
    assert graphmap.read_map(folder).accounts[["account_id", "salesforce_id"]].values.tolist() == [["acc-acme", _UK]]
    assert _customers_at(folder) == {"Lena Park": "acc-acme", "Uma King": "acc-acme"}


@pytest.mark.parametrize("accounts, said", [
    # One typed by hand and the UK one: the US account could be the first, not the second.
    (f"acc-acme,Acme Ltd,\nacc-acme-ltd,Acme Ltd,{_UK}\n",
     f"Salesforce account {_US} is named 'Acme Ltd', as 2 other accounts of the map are: acc-acme (no Salesforce "
     f"id), acc-acme-ltd (Salesforce id {_UK}): not guessed which of them it is, so made an account of its own, "
     f"acc-acme-ltd-2; if it is one of them, give that one salesforce_id {_US} in accounts.csv, move "
     "acc-acme-ltd-2's people and team memberships to it in people.csv and team.csv, and remove acc-acme-ltd-2"),
    # Two typed by hand: which of them it is would be a guess.
    ("acc-acme,Acme Ltd,\nacc-acme-2,ACME Limited,\n",
     f"Salesforce account {_US} is named 'Acme Ltd', as 2 other accounts of the map are: acc-acme (no Salesforce "
     "id), acc-acme-2 (no Salesforce id): not guessed which of them it is, so made an account of its own, "
     "acc-acme-ltd"),
])
def test_a_salesforce_account_named_as_several_accounts_of_the_map_is_not_put_in_one_of_them(tmp_path, accounts, said):
    folder = map_folder(tmp_path / "map", "account_id,name,salesforce_id\n" + accounts,
                        "person_id,name,side,account_id\nc-lena,Lena Park,customer,acc-acme\n")
    export_file = export(tmp_path, "Account.csv", f"Id,Name\n{_US},Acme Ltd\n")
    report = import_files([export_file, export(tmp_path, "Contact.csv", _DL + _SAM)], folder)
    assert said in report.files[-1].notes[-1]
    amap = graphmap.read_map(folder)
    assert len(amap.accounts) == len(accounts.splitlines()) + 1
    assert amap.accounts.iloc[-1][["name", "salesforce_id"]].tolist() == ["Acme Ltd", _US]
    assert _customers_at(folder) == {"Lena Park": "acc-acme", "Sam Young": amap.accounts.iloc[-1]["account_id"]}


# -- a company named as two accounts of the map, in an export without account ids ---------------

_HUBSPOT = "Record ID,First Name,Last Name,Email,Associated Company,Contact owner,Job Title\n"
_AMBIGUOUS = ('company "Acme Ltd" is the name of 2 accounts of the map (acc-acme-ltd: Salesforce id '
              f'{_UK}; acc-acme-ltd-2: Salesforce id {_US}): not guessed which; import the contact from a '
              "Salesforce Contact export (its AccountId says which), or rename one of the accounts in accounts.csv")


def _uk_and_us(tmp_path):
    folder = tmp_path / "map"
    accounts = export(tmp_path, "Account.csv", f"Id,Name\n{_UK},Acme Ltd\n{_US},Acme Ltd\n")
    import_files([accounts, export(tmp_path, "Contact.csv", _DL + _UMA + _SAM), fixture("sf_users.csv")], folder)
    return folder


def test_a_contact_at_a_company_named_as_two_accounts_is_reported_not_placed_at_one(tmp_path):
    # HubSpot's "Acme Ltd" went to the first account of that name: Ben on the UK team, maybe wrongly.
    folder = _uk_and_us(tmp_path)
    before = _customers_at(folder)
    hubspot = export(tmp_path, "hubspot.csv", _HUBSPOT + "7,Ben,Ito,ben@acme.example,ACME LTD,Dana Reyes,CIO\n"
                                                    "8,Uma,King,uma@acme.co.uk,Acme Ltd,Dana Reyes,Group CFO\n"
                                                    "9,Lena,Park,lena@orion.example,Orion Bank,Dana Reyes,CEO\n")
    result = run("import", str(hubspot), "--into", str(folder))
    assert result.exit_code == 0, result.output
    assert "  skipped 1: company is the name of several accounts (not guessed)\n" in result.output
    assert [(row["row"], row["action"], row["reason"]) for row in error_rows(folder)] == [
        ("2", "skipped", _AMBIGUOUS.replace('"Acme Ltd"', '"ACME LTD"'))]
    # Uma's e-mail says who she is, and the map where she is: nothing is guessed.
    assert _customers_at(folder) == {**before, "Lena Park": "acc-orion-bank"}
    assert "ben@acme.example" not in (folder / "people.csv").read_text(encoding="utf-8")


def test_a_linkedin_connection_at_a_company_named_as_two_accounts_is_reported(tmp_path):
    folder = _uk_and_us(tmp_path)
    before = snapshot(folder)
    linkedin = export(tmp_path, "Connections.csv", "First Name,Last Name,URL,Email Address,Company,Position,"
                                                   "Connected On\nBen,Ito,,,Acme Ltd,CIO,12 Mar 2024\n")
    result = run("import", str(linkedin), "--owner", "dana.reyes@northwind.example", "--into", str(folder))
    assert result.exit_code == 0, result.output
    assert [row["reason"] for row in error_rows(folder)] == [_AMBIGUOUS]
    assert {k: v for k, v in snapshot(folder).items() if k != "import-errors.csv"} == \
        {k: v for k, v in before.items() if k != "import-errors.csv"}


def test_a_map_files_account_named_as_two_accounts_is_an_account_of_its_own(tmp_path):
    # It went to the first account of the name: its people, team and strategy on the UK company's.
    folder = _uk_and_us(tmp_path)
    other = map_folder(tmp_path / "other", "account_id,name,strategy_type\nacc-acme,ACME Ltd.,growth\n",
                       "person_id,name,side,account_id,email\nc-ben,Ben Ito,customer,acc-acme,ben@acme.example\n")
    export(other, "team.csv", "account_id,person_id,team_role,responsibilities\n")
    report = import_files([other], folder)
    amap = graphmap.read_map(folder)
    assert amap.accounts[["account_id", "name", "strategy_type", "salesforce_id"]].fillna("").values.tolist() == [
        ["acc-acme-ltd", "Acme Ltd", "", _UK], ["acc-acme-ltd-2", "Acme Ltd", "", _US],
        ["acc-acme", "ACME Ltd.", "growth", ""]]
    assert _customers_at(folder) == {"Uma King": "acc-acme-ltd", "Sam Young": "acc-acme-ltd-2", "Ben Ito": "acc-acme"}
    assert report.files[0].counts.accounts_added == 1 and report.files[0].counts.accounts_updated == 0
    assert report.files[0].notes == (
        "account acc-acme of the map imported is named 'ACME Ltd.', as 2 accounts of the map are: acc-acme-ltd "
        f"(Salesforce id {_UK}), acc-acme-ltd-2 (Salesforce id {_US}): not guessed which of them it is, so made an "
        "account of its own, acc-acme; if it is one of them, move acc-acme's people and team memberships to it in "
        "people.csv and team.csv, and remove acc-acme",)
    # Its own account_id finds it again: the same map imported again changes nothing.
    before = snapshot(folder)
    import_files([other], folder)
    assert snapshot(folder) == before


def _one_and_two(tmp_path, people: str, connections: str = "", header: str = "person_id,name,side,account_id,email"
                 ) -> tuple:
    """The map of `people` at acc-orion ("Orion Bank", no Salesforce id) after sf_contacts.csv,
    sf_users.csv and sf_accounts.csv in one import ("one"), and after the contacts and users, then
    the accounts ("two": the contacts' account named by its id, then made one with acc-orion);
    and the second import's report of "two"."""
    reports = []
    for tag, imports in (("one", [[fixture("sf_contacts.csv"), fixture("sf_users.csv"), fixture("sf_accounts.csv")]]),
                         ("two", [[fixture("sf_contacts.csv"), fixture("sf_users.csv")], [fixture("sf_accounts.csv")]])):
        folder = map_folder(tmp_path / tag, "account_id,name\nacc-orion,Orion Bank\n",
                            header + "\n" + people)
        if connections:
            export(folder, "connections.csv", "from_id,to_id,strength,last_contact,notes\n" + connections)
        reports = [import_files(files, folder) for files in imports]
    return tmp_path / "one", tmp_path / "two", reports[-1]


def test_an_account_made_one_later_gives_the_people_of_one_import_of_the_same_files(tmp_path):
    # The contacts imported with their Account export find Ines at acc-orion by her name; imported
    # before it, they were at the account named by its id, and moved beside her when it was named:
    # two Ines Duartes.
    one, two, report = _one_and_two(tmp_path, "c-ines,Ines Duarte,customer,acc-orion,\n")
    assert _customers_at(one) == _customers_at(two) == {
        "Ines Duarte": "acc-orion", "Karl Berg": "acc-orion", "Mia Storm": "acc-orion"}
    # The same map, to the byte: her id is the map's, and Karl reports to her.
    for name in ("accounts.csv", "people.csv", "connections.csv"):
        assert (one / name).read_text(encoding="utf-8") == (two / name).read_text(encoding="utf-8"), name
    people = graphmap.read_map(two).people.fillna("").set_index("person_id")
    assert people.loc["c-ines", ["email", "salesforce_id"]].tolist() == ["ines.duarte@orion.example",
                                                                         "0035g00000AAAA1AAP"]
    assert people.loc["c-karl-berg", "reports_to"] == "c-ines"
    counts = report.files[0].counts
    assert (counts.people_added, counts.people_updated) == (0, 3)
    assert report.files[0].notes[1] == (
        f"c-ines-duarte, moved to acc-orion with {_BY_ID}, is c-ines ('Ines Duarte') there: the same name, and no "
        "other e-mail or id: made one person, c-ines, which takes c-ines-duarte's connections, team memberships and "
        "the values it had blank")
    before = snapshot(two)
    import_files([fixture("sf_contacts.csv"), fixture("sf_users.csv"), fixture("sf_accounts.csv")], two)
    assert {k: v for k, v in snapshot(two).items() if k != "import-errors.csv"} == \
        {k: v for k, v in before.items() if k != "import-errors.csv"}


def test_the_person_made_one_takes_the_connections_of_the_one_moved_by_the_link_rules(tmp_path):
    # Dana's connection to the map's Ines, typed by hand, and the one her contact ownership gave
    # the Ines moved: one connection, the strength typed by hand, the later last contact.
    one, two, _ = _one_and_two(tmp_path, "c-ines,Ines Duarte,customer,acc-orion,\n"
                                         "s-dana,Dana Reyes,supplier,,dana.reyes@northwind.example\n",
                               "s-dana,c-ines,2,2026-01-05,met at the summit\n")
    conns = graphmap.read_map(two).connections.fillna("")
    ines = conns[(conns["to_id"] == "c-ines") | (conns["from_id"] == "c-ines")]
    assert ines[["from_id", "to_id", "strength", "last_contact", "notes"]].astype(str).values.tolist() == [
        ["s-dana", "c-ines", "2", "2026-11-02", "met at the summit"]]
    for name in ("people.csv", "connections.csv"):
        assert (one / name).read_text(encoding="utf-8") == (two / name).read_text(encoding="utf-8"), name


@pytest.mark.parametrize("header, people", [
    # Another e-mail: another person of that name (as in one import).
    ("person_id,name,side,account_id,email", "c-ines,Ines Duarte,customer,acc-orion,ines@other.example\n"),
    # Another Salesforce contact id: another contact of that name.
    ("person_id,name,side,account_id,email,salesforce_id", "c-ines,Ines Duarte,customer,acc-orion,,0035g00000AAAA9AAP\n"),
])
def test_a_person_moved_is_not_made_one_with_a_namesake_of_another_email_or_id(tmp_path, header, people):
    _, two, report = _one_and_two(tmp_path, people, header=header)
    people = graphmap.read_map(two).people.fillna("")
    assert people.loc[people["name"] == "Ines Duarte", "person_id"].tolist() == ["c-ines", "c-ines-duarte"]
    assert set(people.loc[people["side"] == "customer", "account_id"]) == {"acc-orion"}
    assert len(report.files[0].notes) == 1  # (the fold's: nothing was made one, and nothing was in doubt)


def test_a_person_moved_who_could_be_two_people_there_is_kept_apart_and_said(tmp_path):
    _, two, report = _one_and_two(tmp_path, "c-ines,Ines Duarte,customer,acc-orion,\n"
                                            "c-ines-2,INES DUARTE,customer,acc-orion,\n")
    assert list(graphmap.read_map(two).people["name"].str.lower()).count("ines duarte") == 3
    assert report.files[0].notes[1] == (
        f"c-ines-duarte ('Ines Duarte'), moved to acc-orion with {_BY_ID}, could be any of 2 people there: c-ines, "
        "c-ines-2: not guessed which is who, so kept apart; if two of them are one person, merge them in "
        "people.csv, connections.csv and team.csv")


def test_two_people_moved_who_could_be_one_person_there_are_kept_apart_and_said(tmp_path):
    folder = map_folder(tmp_path / "map", "account_id,name\nacc-orion,Orion Bank\n",
                        "person_id,name,side,account_id,email\nc-ines,Ines Duarte,customer,acc-orion,\n")
    contacts = export(tmp_path, "Contact.csv", _DL + f'"0035g00000INES1AAP","{_ORION_ID}","Ines","Duarte","CIO",'
                                                     '"ines@orion.example",""\n'
                                                     f'"0035g00000INES2AAP","{_ORION_ID}","Ines","Duarte","CTO",'
                                                     '"ines.d@orion.example",""\n')
    import_files([contacts], folder)
    report = import_files([fixture("sf_accounts.csv")], folder)
    people = graphmap.read_map(folder).people
    assert people["person_id"].tolist() == ["c-ines", "c-ines-duarte", "c-ines-duarte-2"]
    assert set(people["account_id"]) == {"acc-orion"}
    assert report.files[0].notes[1] == (
        f"c-ines-duarte, c-ines-duarte-2, moved to acc-orion with {_BY_ID}, could each be c-ines ('Ines Duarte') "
        "there: not guessed which is who, so kept apart; if two of them are one person, merge them in people.csv, "
        "connections.csv and team.csv")
