"""Every validation fault: the exact line a user reads, naming file, row, column and value."""

from __future__ import annotations

from pathlib import Path

import pytest

import graphmap
from graphmap.exceptions import MapError, MapValidationError


def edit(folder: Path, file: str, old: str, new: str) -> None:
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def faults_of(folder: Path) -> list[str]:
    with pytest.raises(MapValidationError) as caught:
        graphmap.read_map(folder)
    return [str(f) for f in caught.value.faults]


CASES = [
    ("people.csv", "s02,Marcus Chen,supplier", "s02,Marcus Chen,vendor",
     ["people.csv, row 3, column side: 'vendor': unknown side; accepted: supplier, customer",
      # A member whose side is not supplier cannot sit on a team: the knock-on faults are listed too.
      "team.csv, row 3, column person_id: 's02': a team member must be a supplier member (side supplier)",
      "team.csv, row 14, column person_id: 's02': a team member must be a supplier member (side supplier)"]),
    ("people.csv", "acc-cobalt,technical_buyer,Director", "acc-cobalt,astronaut,Director",
     "people.csv, row 13, column role: 'astronaut': unknown buying role; accepted: economic_buyer, decision_maker, "
     "technical_buyer, user_buyer, champion, coach, influencer, gatekeeper, blocker, unknown "
     "(or a common spelling such as EB)"),
    ("people.csv", "s05,Elena Petrova,supplier,,sales_engineer", "s05,Elena Petrova,supplier,,wizard",
     "people.csv, row 6, column role: 'wizard': unknown supplier role; accepted: strategy_owner, account_executive, "
     "sales_engineer, executive_sponsor, customer_success, delivery, specialist, partner, sales_manager or blank"),
    ("people.csv", "o.grant@cobaltmining.example,4,", "o.grant@cobaltmining.example,huge,",
     "people.csv, row 13, column influence: 'huge': influence must be 1 to 5 or low/medium/high (blank = 3)"),
    ("people.csv", "h.brandt@cobaltmining.example,5,neutral", "h.brandt@cobaltmining.example,5,hostile",
     "people.csv, row 11, column stance: 'hostile': unknown stance; accepted: supporter, neutral, detractor or blank"),
    ("people.csv", "cm4,Ben Foster,customer,acc-cobalt", "cm4,Ben Foster,customer,acc-nowhere",
     "people.csv, row 14, column account_id: 'acc-nowhere': account_id is not an account_id in accounts.csv"),
    ("people.csv", "cm5,Karen Liu,customer,acc-cobalt", "cm5,Karen Liu,customer,",
     "people.csv, row 15, column account_id: '': account_id is required for a customer stakeholder"),
    ("people.csv", "k.liu@cobaltmining.example,2,neutral,cm1", "k.liu@cobaltmining.example,2,neutral,cm99",
     "people.csv, row 15, column reports_to: 'cm99': reports_to is not a person_id in people.csv"),
    ("people.csv", "s09,Sofia Alvarez", "s08,Sofia Alvarez",
     ["people.csv, row 10, column person_id: 's08': duplicate person_id; each person appears once",
      "connections.csv, row 30, column from_id: 's09': from_id is not a person_id in people.csv"]),
    ("accounts.csv", "acc-vela,Vela Logistics,,delivery", "acc-vela,Vela Logistics,,harvest",
     "accounts.csv, row 4, column strategy_type: 'harvest': unknown strategy_type; accepted: pursuit, growth, "
     "delivery or blank"),
    ("accounts.csv", "acc-harbor,Harbor Health Systems,s06", "acc-harbor,Harbor Health Systems,s66",
     "accounts.csv, row 3, column strategy_owner: 's66': strategy_owner is not a person_id in people.csv"),
    ("accounts.csv", "acc-harbor,Harbor Health Systems,s06", "acc-harbor,Harbor Health Systems,hh1",
     "accounts.csv, row 3, column strategy_owner: 'hh1': strategy_owner must be a supplier member (side supplier)"),
    ("accounts.csv", "acc-kestrel,Kestrel Energy", "acc-kestrel,",
     "accounts.csv, row 6, column name: '': name is required and is blank"),
    ("team.csv", "acc-vela,s08,specialist", "acc-vela,s88,specialist",
     "team.csv, row 12, column person_id: 's88': person_id is not a person_id in people.csv"),
    ("team.csv", "acc-vela,s08,specialist", "acc-vela,vl1,specialist",
     "team.csv, row 12, column person_id: 'vl1': a team member must be a supplier member (side supplier)"),
    ("team.csv", "acc-vela,s08,specialist", "acc-vela,s07,specialist",
     "team.csv, row 12, column person_id: 's07': this person is already on this account's team"),
    ("team.csv", "acc-vela,s08,specialist", "acc-velo,s08,specialist",
     "team.csv, row 12, column account_id: 'acc-velo': account_id is not an account_id in accounts.csv"),
    ("team.csv", "acc-vela,s08,specialist", "acc-vela,s08,juggler",
     "team.csv, row 12, column team_role: 'juggler': unknown team_role; accepted: strategy_owner, account_executive, "
     "sales_engineer, executive_sponsor, customer_success, delivery, specialist, partner, sales_manager or blank"),
    ("connections.csv", "s01,cm1,4,2026-11-10", "s01,cm1,9,2026-11-10",
     "connections.csv, row 2, column strength: '9': strength must be 1 to 5 or weak/medium/strong (blank = 3)"),
    ("connections.csv", "s01,cm1,4,2026-11-10", "s01,cm1,4,10/11/2026",
     "connections.csv, row 2, column last_contact: '10/11/2026': last_contact must be an ISO date YYYY-MM-DD "
     "(blank = unknown)"),
    ("connections.csv", "s01,cm1,4,2026-11-10", "s01,cm1,4,2026-02-30",
     "connections.csv, row 2, column last_contact: '2026-02-30': last_contact must be an ISO date YYYY-MM-DD "
     "(blank = unknown)"),
    ("connections.csv", "s01,cm1,4,2026-11-10", "s01,zz9,4,2026-11-10",
     "connections.csv, row 2, column to_id: 'zz9': to_id is not a person_id in people.csv"),
    ("connections.csv", "s01,cm1,4,2026-11-10", "s01,s01,4,2026-11-10",
     "connections.csv, row 2, column to_id: 's01': a connection joins two different people"),
    ("connections.csv", "s03,cm1,2,2026-10-01", "cm1,s01,2,2026-10-01",
     "connections.csv, row 4, column to_id: 's01': these two people are already connected by an earlier row; "
     "keep one row per pair"),
]


@pytest.mark.parametrize(("file", "old", "new", "message"), CASES, ids=[c[0] + " " + c[2] for c in CASES])
def test_each_fault_is_one_exact_line(sample_folder, file, old, new, message):
    edit(sample_folder, file, old, new)
    assert faults_of(sample_folder) == (message if isinstance(message, list) else [message])


def test_every_fault_is_collected_in_file_and_row_order(sample_folder):
    edit(sample_folder, "connections.csv", "s01,cm1,4,2026-11-10", "s01,cm1,9,2026-11-10")
    edit(sample_folder, "people.csv", "s02,Marcus Chen,supplier", "s02,Marcus Chen,vendor")
    edit(sample_folder, "accounts.csv", "acc-vela,Vela Logistics,,delivery", "acc-vela,Vela Logistics,,harvest")
    found = faults_of(sample_folder)
    assert [f.split(",")[0] for f in found] == ["accounts.csv", "people.csv", "team.csv", "team.csv", "connections.csv"]


def test_missing_required_column_names_the_header(sample_folder):
    path = sample_folder / "team.csv"
    path.write_text(path.read_text().replace("account_id,person_id", "account,person_id", 1))
    assert faults_of(sample_folder) == [
        "team.csv, row 1, column account_id: required column 'account_id' is missing; the header has: "
        "account, person_id, team_role, responsibilities"]


def test_fault_list_is_capped_and_the_rest_counted(sample_folder):
    lines = ["from_id,to_id,strength,last_contact,notes"] + [f"s01,cm1,{9 + i},,\n" for i in range(300)]
    (sample_folder / "connections.csv").write_text("\n".join(lines))
    with pytest.raises(MapValidationError) as caught:
        graphmap.read_map(sample_folder)
    assert len(caught.value.faults) == 200
    assert caught.value.truncated > 0
    assert "more faults not shown" in str(caught.value)


def test_duplicate_and_empty_header_cells(sample_folder):
    (sample_folder / "team.csv").write_text("account_id,person_id,person_id,\nacc-vela,s01,s01,\n")
    assert faults_of(sample_folder) == ["team.csv, row 1, column person_id: 'person_id': duplicate column name",
                                        "team.csv, row 1, column #4: '': empty header cell; every column needs a name"]


def test_missing_folder_and_missing_file(tmp_path, sample_folder):
    with pytest.raises(MapError, match="no such map folder"):
        graphmap.read_map(tmp_path / "nowhere")
    (sample_folder / "people.csv").unlink()
    with pytest.raises(MapError, match="people.csv: missing"):
        graphmap.read_map(sample_folder)


def test_not_utf8_is_refused_with_the_file_named(sample_folder):
    (sample_folder / "accounts.csv").write_bytes("account_id,name\na1,Caf\xe9 \xc0\n".encode("latin-1"))
    with pytest.raises(MapError, match=r"accounts.csv: not UTF-8 text"):
        graphmap.read_map(sample_folder)


def test_outer_white_space_of_any_kind_is_trimmed_and_enum_values_folded(sample_folder):
    # Ids and enum values arrive padded by spreadsheets and CRM exports: a tab, a no-break space, an
    # em or ideographic space is not part of the value. Free-text notes keep their spacing.
    edit(sample_folder, "people.csv", "s02,Marcus Chen,supplier,,sales_engineer",
         "\u00a0s02\t,Marcus Chen, SUPPLIER\u3000,,Sales_Engineer\u2003")
    edit(sample_folder, "connections.csv", "s01,cm2,strong,2026-11-20,Pilot steering committee",
         "s01\u2003,\tcm2,Strong ,\u00a02026-11-20,  Pilot steering committee  ")
    edit(sample_folder, "accounts.csv", "acc-vela,Vela Logistics,,delivery", "acc-vela,Vela Logistics,,DELIVERY")
    amap = graphmap.read_map(sample_folder)
    marcus = amap.person("s02")
    assert (marcus.side, marcus.role, marcus.name) == ("supplier", "sales_engineer", "Marcus Chen")
    row = amap.connections.iloc[1]
    assert (row["from_id"], row["to_id"], row["strength"], str(row["last_contact"].date())) == \
        ("s01", "cm2", 5, "2026-11-20")
    assert row["notes"] == "  Pilot steering committee  "
    assert amap.account("acc-vela").strategy_type == "delivery"


def _positions(amap):
    return {name: getattr(amap.positions, name).tolist()
            for name in ("person_account", "owner", "team_account", "team_person", "from_person", "to_person")}


def _hints(ends):
    """A right hint and wrong ones of every kind: other rows, too short, negative, beyond the table."""
    right_from, right_to = ends
    return {"right": (right_from, right_to),
            "other rows": (right_to, right_from),
            "too short": (right_from[:-1], right_to[:-1]),
            "negative": (right_from - 1000, right_to),
            "beyond": (right_from + 1000, right_to)}


def test_a_hint_about_connection_ends_never_changes_what_validation_says(sample_folder):
    from graphmap.mapfolder import tables_as_text
    from graphmap.model.validation import validate_tables

    amap = graphmap.read_map(sample_folder)
    tables = tables_as_text(amap)
    plain = _positions(validate_tables(tables))
    for name, hint in _hints((amap.positions.from_person, amap.positions.to_person)).items():
        assert _positions(validate_tables(tables, connection_ends=hint)) == plain, name
    # A connection to nobody is reported whatever the hint says about its row.
    conns = tables["connections"].copy()
    conns.loc[3, "to_id"] = "cm99"
    broken = {**tables, "connections": conns}
    with pytest.raises(MapValidationError) as plain_error:
        validate_tables(broken)
    for name, hint in _hints((amap.positions.from_person, amap.positions.to_person)).items():
        with pytest.raises(MapValidationError) as hinted_error:
            validate_tables(broken, connection_ends=hint)
        assert [str(f) for f in hinted_error.value.faults] == [str(f) for f in plain_error.value.faults], name
    assert "connections.csv, row 5, column to_id: 'cm99': to_id is not a person_id in people.csv" in \
        [str(f) for f in plain_error.value.faults]
