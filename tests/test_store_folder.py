"""The folder store and the rule every store follows when part of a map is saved (`merge_maps`)."""

from __future__ import annotations

import pytest

import graphmap
from graphmap.exceptions import StoreError, UnknownAccountError
from graphmap.model import Account, AccountMap, Connection, Person, TeamMembership
from graphmap.store import FolderStore, merge_maps, open_store
from tests.store_helpers import assert_same_map


def two_account_map(**changes) -> AccountMap:
    people = {
        "s1": Person("s1", "Sam", "supplier", role="account_executive"),
        "s2": Person("s2", "Kim", "supplier", role="sales_engineer"),
        "c1": Person("c1", "Ann", "customer", "a1", role="economic_buyer", reports_to=""),
        "c2": Person("c2", "Bo", "customer", "a1", role="champion", reports_to="c1"),
        "d1": Person("d1", "Dee", "customer", "a2", role="decision_maker"),
    }
    people.update(changes.pop("people", {}))
    people = {k: v for k, v in people.items() if v is not None}
    conns = changes.pop("connections", [Connection("s1", "c1", 4), Connection("s2", "c2", 2),
                                        Connection("s1", "d1", 5), Connection("s1", "s2", 3)])
    return AccountMap.from_records(
        [Account("a1", "Acme", "s1", "pursuit", "Win"), Account("a2", "Beta", "s1")],
        people.values(),
        changes.pop("team", [TeamMembership("a1", "s1", "account_executive", "Lead"),
                             TeamMembership("a1", "s2", "sales_engineer", "Demo"),
                             TeamMembership("a2", "s1", "account_executive", "Lead")]),
        [c for c in conns if c.from_id in people and c.to_id in people])


def test_folder_store_round_trips_the_sample(sample_folder, tmp_path):
    with open_store("folder", folder=sample_folder) as store:
        amap = store.load()
    FolderStore(tmp_path / "copy").save(amap)
    assert_same_map(graphmap.read_map(tmp_path / "copy"), amap)


def test_folder_store_loads_one_account_as_subset_cuts_it(sample_folder, sample_map):
    part = FolderStore(sample_folder).load(["acc-vela"])
    assert_same_map(part, sample_map.subset(["acc-vela"]))


def test_folder_store_refuses_an_unknown_account(sample_folder):
    with pytest.raises(UnknownAccountError, match="acc-nope"):
        FolderStore(sample_folder).load(["acc-nope"])


def test_open_store_names_the_known_kinds():
    with pytest.raises(StoreError, match="folder, neo4j"):
        open_store("sqlite")


def test_saving_one_account_replaces_only_that_account(tmp_path):
    store = FolderStore(tmp_path / "map")
    store.save(two_account_map())
    # a1 changes: Bo (c2) leaves, Sam's tie to Ann weakens, Kim leaves the team; a2 is not saved.
    changed = two_account_map(people={"c2": None},
                              connections=[Connection("s1", "c1", 1), Connection("s1", "d1", 1),
                                           Connection("s1", "s2", 3)],
                              team=[TeamMembership("a1", "s1", "account_executive", "Lead"),
                                    TeamMembership("a2", "s1", "account_executive", "Lead")])
    store.save(changed, ["a1"])
    after = store.load()
    assert sorted(after.people["person_id"]) == ["c1", "d1", "s1", "s2"]
    strengths = {(r.from_id, r.to_id): r.strength for r in after.iter_connections()}
    # a1's tie is the new one; a2's tie to Dee keeps its stored strength (a2 was not saved).
    assert strengths == {("s1", "c1"): 1, ("s1", "d1"): 5, ("s1", "s2"): 3}
    assert sorted(map(tuple, after.team[["account_id", "person_id"]].to_numpy().tolist())) == [
        ("a1", "s1"), ("a2", "s1")]


def test_merge_drops_members_left_with_nothing_and_keeps_other_accounts():
    stored = two_account_map(connections=[Connection("s1", "c1", 4), Connection("s2", "c2", 2),
                                          Connection("s1", "d1", 5)])
    saved = two_account_map(people={"s2": None},
                            team=[TeamMembership("a1", "s1", "account_executive", "Lead")]).subset(["a1"])
    merged = merge_maps(stored, saved)
    assert "s2" not in set(merged.people["person_id"])
    assert "d1" in set(merged.people["person_id"])  # a2's stakeholder stays
    assert sorted(merged.account_ids) == ["a1", "a2"]


def test_merge_of_the_whole_map_is_the_map():
    amap = two_account_map()
    assert_same_map(merge_maps(two_account_map(people={"c2": None}), amap), amap)
