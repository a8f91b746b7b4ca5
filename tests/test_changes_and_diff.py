"""What-if changes to a map, and the difference between two findings (known before and after)."""

from __future__ import annotations

import datetime as dt

import pytest

import graphmap
from graphmap.analysis.changes import NewConnection, apply_changes
from graphmap.analysis.diff import diff_findings
from graphmap.exceptions import UnknownPersonError

SEPT = dt.date(2026, 9, 1)


def names(people):
    return [p.name for p in people]


# -- apply_changes --------------------------------------------------------------------------------------

def test_removing_a_member_takes_them_off_every_table(sample_map):
    after = apply_changes(sample_map, remove_members=["s01"])
    assert "s01" not in set(after.people["person_id"])
    assert "s01" not in set(after.team["person_id"])
    assert not ((after.connections["from_id"] == "s01") | (after.connections["to_id"] == "s01")).any()
    assert after.account("acc-orion").strategy_owner == ""
    assert len(after.connections) == len(sample_map.connections) - 15
    assert "s01" in set(sample_map.people["person_id"])  # the map given is not changed


def test_adding_renews_an_existing_pair_in_either_order(sample_map, as_of):
    after = apply_changes(sample_map, add_connections=[NewConnection("s03", "cm1", 5), NewConnection("s05", "cm5")],
                          as_of=as_of)
    assert len(after.connections) == len(sample_map.connections) + 1
    row = after.connections[(after.connections["from_id"] == "s03") & (after.connections["to_id"] == "cm1")].iloc[0]
    assert (int(row["strength"]), row["last_contact"].date()) == (5, as_of)
    new = after.connections[after.connections["to_id"] == "cm5"].iloc[0]
    assert int(new["strength"]) == 4


@pytest.mark.parametrize("kwargs, message", [
    ({"remove_members": ["nobody"]}, "member to remove 'nobody' is not a person_id of the map"),
    ({"remove_members": ["cm1"]}, "'cm1' is a customer person; a supplier person is needed"),
    ({"add_connections": [NewConnection("s01", "s02")]}, "connection to 's02' is a supplier person"),
    ({"add_connections": [NewConnection("s01", "cm1", 7)]}, "strength 7 is out of range"),
    ({"remove_members": ["s01"], "add_connections": [NewConnection("s01", "cm1")]}, "that member is being removed"),
])
def test_bad_changes_are_refused_with_the_id(sample_map, kwargs, message):
    with pytest.raises(UnknownPersonError, match=message):
        apply_changes(sample_map, **kwargs)


# -- diff_findings ----------------------------------------------------------------------------------------

def test_sample_from_september_to_november(sample_map, sample_findings):
    diff = diff_findings(graphmap.analyze(sample_map, as_of=SEPT), sample_findings)
    assert (diff.before_as_of, diff.after_as_of) == (SEPT, dt.date(2026, 11, 27))
    assert diff.decayed == ("acc-harbor", "acc-orion") and diff.improved == ()
    harbor = diff.account("acc-harbor")
    assert names(harbor.lost) == ["Samuel Park"]
    assert [(link.supplier_id, link.customer_id, link.before, link.after) for link in harbor.links_decayed] == [
        ("s06", "hh2", "unflagged", "stale"), ("s03", "hh2", "unflagged", "stale")]
    assert (harbor.coverage_key.before, harbor.coverage_key.after, harbor.coverage_key.change) == (1.0, 0.6667, -0.3333)
    assert harbor.checks_failing == ("key_stakeholders_covered",)
    orion = diff.account("acc-orion")
    assert names(orion.lost) == ["George Adeyemi"] and orion.checks_failing == ("members_connected",)
    cobalt = diff.account("acc-cobalt")
    assert cobalt.verdict == "unchanged" and cobalt.coverage_weighted.change == 0.0


def test_sample_backwards_in_time_is_the_mirror_image(sample_map, sample_findings):
    diff = diff_findings(sample_findings, graphmap.analyze(sample_map, as_of=SEPT))
    harbor = diff.account("acc-harbor")
    assert harbor.verdict == "improved" and names(harbor.newly_covered) == ["Samuel Park"]
    assert {link.customer_id for link in harbor.links_refreshed} == {"hh2"}
    assert harbor.checks_passing == ("key_stakeholders_covered",)


def test_removing_dana_reyes_uncovers_cobalts_buyers(sample_map, sample_findings, as_of):
    after = graphmap.analyze(apply_changes(sample_map, remove_members=["s01"]), as_of=as_of)
    diff = diff_findings(sample_findings, after, departed=["s01"])
    cobalt = diff.account("acc-cobalt")
    assert names(cobalt.lost) == ["Helen Brandt", "Raj Malhotra"]
    assert cobalt.verdict == "decayed"
    assert cobalt.heroes_relieved == ()  # Dana left: that is not relief
    assert names(cobalt.heroes_appeared) == ["Marcus Chen"]
    assert [(t.name, t.supplier_name) for t in cobalt.single_threads_appeared] == [("Olivia Grant", "Marcus Chen")]
    assert set(cobalt.checks_failing) == {"quarterback_named", "quarterback_in_touch", "key_stakeholders_covered"}
    assert diff.departed == ("s01",)
    # Without being told who left, her disappearance reads as relief.
    assert names(diff_findings(sample_findings, after).account("acc-cobalt").heroes_relieved) == ["Dana Reyes"]


def test_a_second_thread_resolves_a_single_thread_and_relieves_a_hero(sample_map, sample_findings, as_of):
    changed = apply_changes(sample_map, add_connections=[NewConnection("s03", "cm1"), NewConnection("s03", "cm2")],
                            as_of=as_of)
    cobalt = diff_findings(sample_findings, graphmap.analyze(changed, as_of=as_of)).account("acc-cobalt")
    assert names(cobalt.single_threads_resolved) == ["Helen Brandt", "Raj Malhotra"]
    assert names(cobalt.heroes_relieved) == ["Dana Reyes"]
    assert [(link.customer_id, link.before, link.after) for link in cobalt.links_refreshed] == [
        ("cm1", "weak", "unflagged")]
    assert cobalt.checks_passing == ("members_connected",)
    assert cobalt.verdict == "improved" and cobalt.improvements == 5 and cobalt.decays == 0


def test_accounts_added_and_removed(sample_map, sample_findings, as_of):
    fewer = graphmap.analyze(sample_map, as_of=as_of, accounts=["acc-cobalt"])
    diff = diff_findings(sample_findings, fewer)
    assert [(a.account_id, a.status) for a in diff.accounts] == [
        ("acc-cobalt", "compared"), ("acc-harbor", "removed"), ("acc-vela", "removed"), ("acc-orion", "removed"),
        ("acc-kestrel", "removed")]
    back = diff_findings(fewer, sample_findings).account("acc-vela")
    assert (back.status, back.alignment.before, back.alignment.after, back.lost) == ("added", None, 0.2857, ())


def test_same_findings_change_nothing(sample_findings):
    diff = diff_findings(sample_findings, sample_findings)
    assert {a.verdict for a in diff.accounts} == {"unchanged"}
    assert diff.coverage_weighted.change == 0.0
