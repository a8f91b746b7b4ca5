"""The canonical map folder: what real CSV files look like, round trips, and atomic writes."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

import graphmap
from graphmap import mapfolder
from graphmap.mapfolder import MAP_FILES
from graphmap.model.accountmap import frame_as_text
from graphmap.model.records import Account, Person


def test_bom_crlf_column_order_and_extra_columns(tmp_path):
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "accounts.csv").write_bytes(
        "\ufeffname,account_id,segment\r\nAcme,a1,Enterprise\r\n".encode("utf-8"))
    (folder / "people.csv").write_bytes(
        ("side,person_id,name,account_id,role,influence,linkedin\r\n"
         "supplier,s1,Dana,,AE,,\r\n"
         'customer,c1,"Lee\r\nPark",a1,Economic Decision Maker,high,https://example.com/lee\r\n').encode("utf-8"))
    (folder / "connections.csv").write_text("to_id,from_id,strength\nc1,s1,strong\n")
    amap = graphmap.read_map(folder)
    lee = amap.person("c1")
    assert (lee.name, lee.role, lee.influence) == ("Lee\r\nPark", "economic_buyer", 5)
    assert lee.extra == {"linkedin": "https://example.com/lee"}
    assert amap.person("s1").role == "account_executive"
    assert next(amap.iter_accounts()).extra == {"segment": "Enterprise"}
    assert next(amap.iter_connections()).strength == 5
    assert amap.team.empty  # team.csv is optional


def test_write_then_read_gives_the_same_map(sample_map, tmp_path):
    folder = graphmap.write_map(sample_map, tmp_path / "copy")
    again = graphmap.read_map(folder)
    for table in ("accounts", "people", "team", "connections"):
        assert getattr(again, table).equals(getattr(sample_map, table)), table
    assert sorted(p.name for p in folder.iterdir()) == sorted(MAP_FILES.values())


def test_written_cells_with_quotes_commas_and_line_breaks_read_back_unchanged(tmp_path):
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "accounts.csv").write_text('account_id,name,"note, free"\na1,"Acme, ""the"" Inc.","x\ny"\n')
    (folder / "people.csv").write_bytes(
        b'person_id,name,side,account_id\ns1,Dana,supplier,\nc1,"Lee\r\nPark",customer,a1\nc2,"Bo\rHan",customer,a1\n')
    amap = graphmap.read_map(folder)
    again = graphmap.read_map(graphmap.write_map(amap, tmp_path / "copy"))
    assert again.account("a1").name == 'Acme, "the" Inc.'
    assert again.account("a1").extra == {"note, free": "x\ny"}
    assert [again.person(p).name for p in ("c1", "c2")] == ["Lee\r\nPark", "Bo\rHan"]
    text = (tmp_path / "copy" / "accounts.csv").read_text()
    assert text.splitlines()[0] == 'account_id,name,strategy_owner,strategy_type,strategy,"note, free"'


def test_write_replaces_a_map_atomically_and_keeps_other_files(sample_map, tmp_path):
    folder = graphmap.write_map(sample_map, tmp_path / "m")
    (folder / "import-errors.csv").write_text("kept")
    graphmap.write_map(sample_map.subset(["acc-vela"]), folder)
    assert graphmap.read_map(folder).account_ids == ["acc-vela"]
    assert (folder / "import-errors.csv").read_text() == "kept"
    assert [p.name for p in tmp_path.iterdir()] == ["m"]  # no staging folders left behind


def test_a_map_folder_reached_by_a_symbolic_link_is_written_where_the_link_points(sample_map, tmp_path):
    # A team keeps its maps on a shared drive and links to them. The write renamed the link away and
    # put a folder in its place: the shared map was never updated, and the old link was left behind.
    shared = graphmap.write_map(sample_map, tmp_path / "shared" / "emea")
    (shared / "import-errors.csv").write_text("kept")
    (tmp_path / "maps").mkdir()
    link = tmp_path / "maps" / "emea"
    link.symlink_to(shared, target_is_directory=True)
    graphmap.write_map(sample_map.subset(["acc-vela"]), link)
    assert link.is_symlink()
    assert graphmap.read_map(shared).account_ids == ["acc-vela"]
    assert (shared / "import-errors.csv").read_text() == "kept"
    assert sorted(p.name for p in (tmp_path / "maps").iterdir()) == ["emea"]
    assert sorted(p.name for p in (tmp_path / "shared").iterdir()) == ["emea"]


def test_a_map_folder_that_is_a_broken_link_is_refused_and_nothing_is_written(sample_map, tmp_path):
    link = tmp_path / "emea"
    link.symlink_to(tmp_path / "unmounted" / "emea", target_is_directory=True)
    with pytest.raises(graphmap.MapError, match="symbolic link to .*unmounted/emea, which does not exist"):
        graphmap.write_map(sample_map, link)
    assert [p.name for p in tmp_path.iterdir()] == ["emea"] and link.is_symlink()


def test_a_map_folder_keeps_its_permissions_and_a_new_one_gets_the_usual_ones(sample_map, tmp_path):
    # The map was written in a private temporary folder (0700) and swapped in: a map shared with the
    # team became unreadable to everyone but its last writer.
    umask = os.umask(0o022)
    try:
        folder = graphmap.write_map(sample_map, tmp_path / "m")
        assert folder.stat().st_mode & 0o777 == 0o755
        folder.chmod(0o770)
        graphmap.write_map(sample_map.subset(["acc-vela"]), folder)
        assert folder.stat().st_mode & 0o777 == 0o770
    finally:
        os.umask(umask)


def test_the_current_folder_is_refused_as_a_map_folder_and_left_as_it_was(sample_map, tmp_path, monkeypatch):
    # `graphmap import ../x.csv --into .` crashed with 'Device or resource busy' renaming '.'.
    folder = graphmap.write_map(sample_map, tmp_path / "m")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    monkeypatch.chdir(folder)
    with pytest.raises(graphmap.MapError, match="the map folder is the current folder"):
        graphmap.write_map(sample_map.subset(["acc-vela"]), ".")
    monkeypatch.chdir(tmp_path)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    graphmap.write_map(sample_map.subset(["acc-vela"]), "m")  # from outside, a relative path
    assert graphmap.read_map(folder).account_ids == ["acc-vela"]


def test_an_interrupted_write_leaves_the_old_map_whole(sample_map, tmp_path, monkeypatch):
    folder = graphmap.write_map(sample_map, tmp_path / "m")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    real_rename = os.rename

    def failing_rename(src, dst):
        if Path(dst) == folder and ".new-" in str(src):
            raise OSError("disk full")
        return real_rename(src, dst)

    monkeypatch.setattr(os, "rename", failing_rename)
    with pytest.raises(OSError, match="disk full"):
        graphmap.write_map(sample_map.subset(["acc-vela"]), folder)
    monkeypatch.undo()
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["m"]


def test_subset_keeps_the_account_its_people_and_their_connections(sample_map):
    part = sample_map.subset(["acc-orion"])
    assert part.account_ids == ["acc-orion"]
    assert set(part.people["person_id"]) == {"ob1", "ob2", "ob3", "ob4", "ob5", "ob6", "s01", "s02", "s09"}
    assert len(part.connections) == 9  # eight connection points and the s01-s02 internal link


def test_account_graph_has_people_and_edge_kinds(sample_map):
    graph = graphmap.account_graph(sample_map, "acc-cobalt")
    assert graph.number_of_nodes() == 10
    kinds = {graph.edges[e]["kind"] for e in graph.edges}
    assert kinds == {"connection_point", "internal_link", "customer_link", "reports_to"}
    assert graph.nodes["s01"]["on_team"] and graph.nodes["s01"]["team_role"] == "strategy_owner"


def test_typed_columns_are_written_as_their_text():
    frame = pd.DataFrame({
        "strength": np.array([3, 5, 3], dtype=np.int8),
        "last_contact": pd.to_datetime(["2026-01-05", None, "2026-01-05"]),
        "visits": pd.array([1, None, 12], dtype="Int64"),
        "champion": [True, False, True],
        "notes": pd.array(["a, b", None, ""], dtype="str"),
    }, index=[4, 8, 9])
    text = frame_as_text(frame)
    assert text.to_dict("list") == {
        "strength": ["3", "5", "3"],
        "last_contact": ["2026-01-05", "", "2026-01-05"],
        "visits": ["1", "", "12"],
        "champion": ["True", "False", "True"],
        "notes": ["a, b", "", ""],
    }
    assert list(text.index) == [4, 8, 9]


def test_text_columns_chunked_unevenly_are_written_row_by_row(tmp_path):
    # Arrow-backed columns arrive in chunks (one per block read; an empty one after slicing), and
    # each column's chunks may end at different rows: the file must not depend on where they do.
    amap = graphmap.AccountMap.from_records(
        accounts=[Account("a1", "Acme")],
        people=[Person(f"c{i}", f"Person {i}", "customer", account_id="a1", title="CFO" if i % 2 else "")
                for i in range(5)])
    ids = amap.people["person_id"].tolist()
    chunks = pa.chunked_array([pa.array([], pa.large_string()), pa.array(ids[:2], pa.large_string()),
                               pa.array(ids[2:], pa.large_string())])
    uneven = amap.people.assign(
        person_id=pd.arrays.ArrowStringArray(chunks, dtype=pd.StringDtype("pyarrow", na_value=np.nan)))
    graphmap.write_map(amap, tmp_path / "even")
    graphmap.write_map(dataclasses.replace(amap, people=uneven), tmp_path / "uneven")
    text = (tmp_path / "uneven" / "people.csv").read_text()
    assert text == (tmp_path / "even" / "people.csv").read_text()
    assert [line.split(",")[:2] for line in text.splitlines()[1:]] == [[f"c{i}", f"Person {i}"] for i in range(5)]


def test_a_table_written_slice_by_slice_keeps_its_rows_in_order(tmp_path, monkeypatch):
    # Large tables with cells to quote are joined slice by slice on two threads: the slices must
    # land in order, as pandas' own writer would put the rows.
    monkeypatch.setattr(mapfolder, "_ROWS_PER_SLICE", 3)
    amap = graphmap.AccountMap.from_records(
        accounts=[Account("a1", "Acme")],
        people=[Person(f"c{i}", f"Person {i}", "customer", account_id="a1", title=f"VP, region {i}")
                for i in range(20)])
    graphmap.write_map(amap, tmp_path / "m")
    expected = frame_as_text(amap.people).to_csv(index=False, lineterminator="\n")
    assert (tmp_path / "m" / "people.csv").read_text() == expected


def test_a_supplier_members_account_id_is_kept_and_places_them_at_no_account(tmp_path):
    # Dana's account_id is typed in people.csv; a member belongs to accounts through team.csv, so
    # it changes no finding, but reading and writing the map (as every import does) keeps it.
    people = ("person_id,name,side,account_id,role\n"
              "s1,Dana,supplier,{},account_executive\nc1,Lee,customer,a1,economic_buyer\n")
    found = []
    for dana_account in ("", "a1"):
        folder = tmp_path / f"m{dana_account}"
        folder.mkdir()
        (folder / "accounts.csv").write_text("account_id,name\na1,Acme\n")
        (folder / "people.csv").write_text(people.format(dana_account))
        (folder / "connections.csv").write_text("from_id,to_id,strength\ns1,c1,4\n")
        amap = graphmap.read_map(folder)
        found.append(graphmap.analyze(amap, as_of=pd.Timestamp("2026-11-27").date()).accounts[0])
        graphmap.write_map(amap, folder)
        assert (folder / "people.csv").read_text().splitlines()[1].startswith(f"s1,Dana,supplier,{dana_account},")
    assert found[0] == found[1]
    assert [p.person_id for p in found[1].outside_team] == ["s1"]
