"""The what-if: members taken off the team and connections added, compared with today."""

from __future__ import annotations

import datetime as dt

import pytest

import graphmap
from graphmap.analysis.changes import NewConnection, apply_changes
from graphmap.analysis.whatif import whatif
from graphmap.exceptions import SettingsError, UnknownAccountError, UnknownPersonError


def names(refs) -> list[str]:
    return [r.name for r in refs]


def test_removing_the_hero_loses_the_stakeholders_only_she_reaches(sample_map, as_of):
    result = whatif(sample_map, remove_members=["s01"], as_of=as_of)
    cobalt = result.account("acc-cobalt")
    assert names(cobalt.lost) == ["Helen Brandt", "Raj Malhotra"]
    assert cobalt.coverage_key.before == 1.0
    assert cobalt.coverage_key.after == pytest.approx(1 / 3, abs=1e-4)
    assert "Dana Reyes" not in names(cobalt.heroes_relieved)  # she left; she was not relieved
    assert "Helen Brandt" in names(result.stakeholders_lost)
    assert names(result.removed_members) == ["Dana Reyes"]
    # Dana is the quarterback of Cobalt: without her the quarterback check fails.
    assert cobalt.alignment.after < cobalt.alignment.before


def test_accounts_the_member_never_touched_do_not_change(sample_map, as_of):
    result = whatif(sample_map, remove_members=["s01"], as_of=as_of)
    assert not result.account("acc-harbor").changed
    assert not result.account("acc-vela").changed


def test_a_member_who_leaves_is_gone_from_the_whole_map(sample_map, as_of):
    after = whatif(sample_map, remove_members=["s01"], as_of=as_of).after_map
    assert "s01" not in set(after.people["person_id"])
    assert "s01" not in set(after.connections["from_id"]) | set(after.connections["to_id"])
    assert after.account("acc-cobalt").strategy_owner == ""


def test_reassigning_a_member_changes_only_that_account(sample_map, as_of):
    result = whatif(sample_map, remove_members=["s01"], account_id="acc-orion", as_of=as_of)
    assert [c.account_id for c in result.accounts if c.changed] == ["acc-orion"]
    assert "Hannah Lewis" in names(result.account("acc-orion").lost)
    assert "s01" in set(result.after_map.people["person_id"])


def test_adding_a_connection_covers_the_uncovered_economic_buyer(sample_map, as_of):
    result = whatif(sample_map, add_connections=[NewConnection("s03", "vl2", strength=4)], as_of=as_of)
    vela = result.account("acc-vela")
    assert names(vela.newly_covered) == ["Fatima Zahra"]
    # One thread is all she has: on a single thread after, counted as newly covered rather than a decay.
    assert "Fatima Zahra" in names(result.after.account("acc-vela").single_threaded)
    assert not vela.single_threads_appeared
    assert vela.coverage_key.after == 1.0 > vela.coverage_key.before
    assert "Fatima Zahra" not in names(result.after.account("acc-vela").uncovered)


def test_a_new_contact_is_dated_as_of_the_what_if(sample_map, as_of):
    after = apply_changes(sample_map, add_connections=[NewConnection("s03", "vl2")], as_of=as_of)
    row = after.connections[(after.connections["from_id"] == "s03") & (after.connections["to_id"] == "vl2")]
    assert row["last_contact"].dt.date.tolist() == [as_of]


def test_adding_a_connection_replaces_an_existing_one_between_the_pair(sample_map, as_of):
    # Samuel Park is uncovered because both of his connections are stale; a fresh one revives the thread.
    result = whatif(sample_map, add_connections=[NewConnection("s06", "hh2", 4, as_of)], as_of=as_of)
    pair = result.after_map.connections
    assert ((pair["from_id"] == "s06") & (pair["to_id"] == "hh2")).sum() == 1
    assert names(result.account("acc-harbor").newly_covered) == ["Samuel Park"]
    assert len(result.after_map.connections) == len(sample_map.connections)


def test_an_old_contact_added_is_stale_and_covers_nobody(sample_map, as_of):
    old = as_of - dt.timedelta(days=200)
    result = whatif(sample_map, add_connections=[NewConnection("s03", "vl2", 5, old)], as_of=as_of)
    assert not result.account("acc-vela").newly_covered


def test_settings_apply_to_both_sides(sample_map, as_of):
    lenient = graphmap.Settings(stale_days=365)
    result = whatif(sample_map, remove_members=["s02"], settings=lenient, as_of=as_of)
    assert result.before.settings == result.after.settings == lenient
    # With a year's stale window, Samuel Park is covered today (his contacts are months old).
    assert "Samuel Park" not in names(result.before.account("acc-harbor").uncovered)


def test_the_map_given_is_not_changed(sample_map, as_of):
    people = len(sample_map.people)
    whatif(sample_map, remove_members=["s01", "s02"], add_connections=[NewConnection("s03", "vl2")], as_of=as_of)
    assert len(sample_map.people) == people


@pytest.mark.parametrize("call, error, text", [
    (dict(remove_members=["nobody"]), UnknownPersonError, "'nobody' is not a person_id of the map"),
    (dict(remove_members=["cm1"]), UnknownPersonError, "is a customer person .*; a supplier person is needed"),
    (dict(add_connections=[NewConnection("cm1", "cm2")]), UnknownPersonError, "'cm1' is a customer person"),
    (dict(add_connections=[NewConnection("s01", "s02")]), UnknownPersonError,
     "'s02' is a supplier person .*; a customer person is needed"),
    (dict(add_connections=[NewConnection("s01", "vl2", strength=9)]), SettingsError, "strength 9"),
    (dict(remove_members=["s01"], account_id="acc-none"), UnknownAccountError, "acc-none"),
])
def test_bad_what_ifs_are_refused_with_a_message(sample_map, as_of, call, error, text):
    with pytest.raises(error, match=text):
        whatif(sample_map, as_of=as_of, **call)
