"""Warm paths: the strongest introduction from each team member to each gap, on maps whose answer is known."""

from __future__ import annotations

import pytest

import graphmap
from graphmap.analysis.paths import account_paths
from graphmap.exceptions import SettingsError, UnknownPersonError
from tests.builders import AS_OF, build_map, days_ago


def paths_of(amap, **kwargs):
    found = graphmap.analyze(amap, as_of=AS_OF).account("a1")
    return account_paths(amap, found, as_of=AS_OF, **kwargs)


def described(target):
    return [p.describe() for p in target.paths]


def test_colleague_introduction_and_org_chart_path_ranked_by_strength():
    # c1 (economic buyer) is single-threaded through s1. s2 knows s1 well (internal link 5); s3 knows c2,
    # who reports to c1 (org chart, counted at 3 of 5).
    amap = build_map(
        [("s1", "c1", 4, days_ago(5)), ("s1", "s2", 5, days_ago(5)), ("s3", "c2", 5, days_ago(5))],
        customers={"c1": ("economic_buyer", 5), "c2": ("champion", 3)},
        suppliers={"s1": "account_executive", "s2": "executive_sponsor", "s3": "sales_engineer"})
    amap = amap.with_tables(people=amap.people.assign(
        reports_to=amap.people["person_id"].map({"c2": "c1"}).fillna("")))
    (target,) = paths_of(amap).targets
    assert (target.person_id, target.gap, target.holder_name) == ("c1", "single_thread", "Member s1")
    assert described(target) == ["Member s2 → Member s1 → Stakeholder c1 (0.80)",
                                 "Member s3 → Stakeholder c2 → Stakeholder c1 (0.60)"]
    assert [s.link for s in target.paths[1].steps] == ["connection_point", "reports_to"]
    assert target.paths[1].via == ("Stakeholder c2",)


def test_strongest_path_beats_the_shortest_weak_one():
    # s2 -> c2 -> c1 is two links at 3 and 3 (0.36); s2 -> s1 -> c3 -> c1 is three links at 5 (1.0).
    amap = build_map(
        [("s1", "c3", 5, days_ago(1)), ("c3", "c1", 5, None), ("s2", "c2", 3, days_ago(1)), ("c2", "c1", 3, None),
         ("s2", "s1", 5, days_ago(1))],
        customers={"c1": ("economic_buyer", 5), "c2": ("user_buyer", 2), "c3": ("user_buyer", 2)},
        suppliers={"s1": "account_executive", "s2": "executive_sponsor"})
    (target,) = paths_of(amap).targets
    assert target.gap == "uncovered"
    best = {p.member_id: p for p in target.paths}
    assert best["s2"].describe() == "Member s2 → Member s1 → Stakeholder c3 → Stakeholder c1 (1.00)"
    assert best["s1"].hops == 2
    # Within two links s2 only has the weak-ish route.
    best = {p.member_id: p for p in paths_of(amap, max_hops=2).targets[0].paths}
    assert best["s2"].describe() == "Member s2 → Stakeholder c2 → Stakeholder c1 (0.36)"


@pytest.mark.parametrize("age, usable", [(90, True), (91, False)])
def test_a_customer_link_is_usable_until_it_is_stale(age, usable):
    amap = build_map([("s1", "c2", 4, days_ago(1)), ("c2", "c1", 4, days_ago(age))],
                     customers={"c1": ("economic_buyer", 5), "c2": ("user_buyer", 2)})
    (target,) = paths_of(amap).targets
    assert bool(target.paths) is usable


@pytest.mark.parametrize("strength, usable", [(2, False), (3, True)])
def test_a_weak_link_is_not_a_path(strength, usable):
    amap = build_map([("s1", "c2", strength, days_ago(1)), ("c2", "c1", 4, None)],
                     customers={"c1": ("economic_buyer", 5), "c2": ("user_buyer", 2)})
    assert bool(paths_of(amap).targets[0].paths) is usable


def test_members_who_already_reach_the_target_get_no_path():
    amap = build_map([("s1", "c1", 4, days_ago(1)), ("s2", "c1", 4, days_ago(1)), ("s1", "s2", 5, None)],
                     suppliers={"s1": "account_executive", "s2": "executive_sponsor"})
    assert paths_of(amap).targets == ()  # covered twice: no gap
    (target,) = paths_of(amap, to="c1").targets
    assert target.gap == "none" and target.paths == ()


def test_paths_to_one_stakeholder_and_errors():
    amap = build_map([("s1", "c2", 4, days_ago(1)), ("c2", "c1", 5, None)],
                     customers={"c1": ("economic_buyer", 5), "c2": ("user_buyer", 2)})
    (target,) = paths_of(amap, to="c1").targets
    assert target.gap == "uncovered"
    with pytest.raises(UnknownPersonError, match="'s1' is not a stakeholder of account 'a1'"):
        paths_of(amap, to="s1")
    with pytest.raises(SettingsError, match="max_hops"):
        paths_of(amap, max_hops=0)


def test_sample_vela_paths(sample_map, sample_findings, as_of):
    result = account_paths(sample_map, sample_findings.account("acc-vela"), as_of=as_of)
    fatima, thomas = result.targets
    assert (fatima.name, fatima.gap, fatima.paths) == ("Fatima Zahra", "uncovered", ())
    assert described(thomas) == ["Aisha Bello → Tom Okafor → Thomas Becker (0.48)",
                                 "Lukas Meyer → Ingrid Nilsson → Thomas Becker (0.36)"]
