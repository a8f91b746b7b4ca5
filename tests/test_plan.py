"""The coverage plan: hand-made accounts whose best assignment is known, and properties of every plan."""

from __future__ import annotations

import pytest
from hypothesis import given, settings as hsettings, strategies as st

import graphmap
from graphmap.analysis.changes import apply_changes
from graphmap.analysis.plan import coverage_plan
from graphmap.exceptions import SettingsError
from graphmap.model import Account, Person, TeamMembership
from graphmap.model.roles import KEY_ROLES, ROLE_FIT
from tests.builders import AS_OF, build_map, days_ago


def plan_of(amap, capacity=30, account_id=None):
    return coverage_plan(amap, graphmap.analyze(amap, as_of=AS_OF), account_id, capacity)


def chosen(plan):
    return {a.gap.person_id: a.member_id for p in plan.accounts for a in p.assignments}


def open_gaps(plan):
    return {u.gap.person_id: u.reason for p in plan.accounts for u in p.unassigned}


def test_a_greedy_choice_gets_this_wrong_the_flow_does_not():
    # s1 (account executive) fits both gaps and has the warmest path to the champion c2; s2 (customer
    # success) fits only c2. Each has room for one more relationship. Taking the cheapest pair first gives
    # c2 to s1 and leaves the economic buyer c1 with nobody; the plan gives c1 to s1 and c2 to s2.
    amap = build_map(
        [("s1", "c3", 5, days_ago(1)), ("c3", "c2", 5, None), ("s2", "c4", 3, days_ago(1))],
        customers={"c1": ("economic_buyer", 5), "c2": ("champion", 5), "c3": ("user_buyer", 2),
                   "c4": ("user_buyer", 2)},
        suppliers={"s1": "account_executive", "s2": "customer_success"})
    plan = plan_of(amap, capacity=2)
    assert chosen(plan) == {"c1": "s1", "c2": "s2"}
    assert open_gaps(plan) == {}
    by_gap = {a.gap.person_id: a for a in plan.accounts[0].assignments}
    assert by_gap["c1"].fit == "fits" and by_gap["c2"].fit == "open"
    assert (by_gap["c1"].load_before, by_gap["c1"].load_after) == (1, 2)
    assert by_gap["c1"].path is None and "cold introduction" in by_gap["c1"].explanation
    assert by_gap["c2"].explanation.endswith(
        "Chosen over Member s1, warmer (1.00) but is needed for other gaps up to capacity.")


def test_second_thread_never_goes_to_the_holder():
    amap = build_map([("s1", "c1", 4, days_ago(1)), ("s1", "s2", 4, days_ago(1))],
                     suppliers={"s1": "account_executive", "s2": "executive_sponsor"})
    (assignment,) = plan_of(amap).accounts[0].assignments
    assert (assignment.gap.kind, assignment.gap.holder_id, assignment.member_id) == ("second_thread", "s1", "s2")
    assert assignment.path.describe() == "Member s2 → Member s1 → Stakeholder c1 (0.64)"
    assert "a second thread (besides Member s1)" in assignment.explanation


def test_when_only_the_holder_fits_the_gap_stays_open_with_the_reason():
    amap = build_map([("s1", "c1", 4, days_ago(1)), ("s2", "c2", 4, days_ago(1))],
                     customers={"c1": ("economic_buyer", 5), "c2": ("user_buyer", 2)},
                     suppliers={"s1": "account_executive", "s2": "sales_engineer"})
    (gap,) = plan_of(amap).accounts[0].unassigned
    assert gap.reason == "no_fitting_member"
    assert gap.detail == ("An economic buyer needs an executive sponsor, the strategy owner or an account "
                          "executive; only the holder, Member s1, is one.")
    alone = build_map([("s1", "c1", 4, days_ago(1))])
    assert open_gaps(plan_of(alone)) == {"c1": "no_other_member"}


def test_roles_fit_technical_buyer_to_engineer_and_economic_buyer_to_executive():
    amap = build_map([],
                     customers={"c1": ("economic_buyer", 5), "c2": ("technical_buyer", 4)},
                     suppliers={"s1": "account_executive", "s2": "sales_engineer"})
    assert chosen(plan_of(amap)) == {"c1": "s1", "c2": "s2"}
    # The strategy owner fits an economic buyer whatever their team role, but not a technical buyer.
    amap = build_map([], customers={"c1": ("economic_buyer", 5), "c2": ("technical_buyer", 4)},
                     suppliers={"s1": "customer_success"})
    plan = plan_of(amap)
    assert chosen(plan) == {"c1": "s1"} and open_gaps(plan) == {"c2": "no_fitting_member"}


def test_capacity_is_respected_and_uncovered_comes_before_second_threads():
    # s1 alone fits both gaps and may take one more relationship: the uncovered economic buyer c2 wins over
    # the second thread to c1 (held by the sales engineer s2).
    amap = build_map([("s2", "c1", 4, days_ago(1)), ("s1", "c3", 4, days_ago(1))],
                     customers={"c1": ("decision_maker", 5), "c2": ("economic_buyer", 4), "c3": ("user_buyer", 1)},
                     suppliers={"s1": "account_executive", "s2": "sales_engineer"})
    plan = plan_of(amap, capacity=2)
    assert chosen(plan) == {"c2": "s1"}
    assert open_gaps(plan) == {"c1": "capacity_taken"}
    assert [(m.person_id, m.load_before, m.load_after) for m in plan.members] == [("s1", 1, 2)]
    full = plan_of(amap, capacity=1)
    assert chosen(full) == {} and open_gaps(full) == {"c1": "at_capacity", "c2": "at_capacity"}
    with pytest.raises(SettingsError):
        plan_of(amap, capacity=0)


def test_members_who_would_become_heroes_are_avoided():
    # s1 already holds three of the four healthy connection points and even has a stale tie to c1;
    # s2 gets c1 because s1 would stay a hero with a fourth.
    amap = build_map([("s1", "c2", 4, days_ago(1)), ("s1", "c3", 4, days_ago(1)), ("s1", "c4", 4, days_ago(1)),
                      ("s2", "c5", 4, days_ago(1)), ("s1", "c1", 4, days_ago(200))],
                     customers={"c1": ("economic_buyer", 5), **{f"c{i}": ("user_buyer", 2) for i in range(2, 6)}},
                     suppliers={"s1": "account_executive", "s2": "executive_sponsor"})
    (assignment,) = plan_of(amap).accounts[0].assignments
    assert assignment.member_id == "s2" and not assignment.hero_after
    assert assignment.explanation.endswith("Chosen over Member s1, warmer (0.80) but would be a hero of the account.")
    # Without s2, s1 takes it (reviving the stale tie) and is told they would be a hero.
    solo = build_map([("s1", "c1", 4, days_ago(200)), ("s1", "c2", 4, days_ago(1))],
                     customers={"c1": ("economic_buyer", 5), "c2": ("user_buyer", 2)},
                     suppliers={"s1": "account_executive", "s2": "customer_success"})
    (assignment,) = plan_of(solo).accounts[0].assignments
    assert assignment.member_id == "s1" and assignment.existing.state == "stale"
    assert "revive their stale connection (strength 4" in assignment.explanation


def test_capacity_holds_across_accounts_sharing_a_member():
    amap = build_map([], extra_accounts=[Account("a2", "Beta", "s1", "growth", "Grow")],
                     extra_people=[Person("d1", "Buyer d1", "customer", account_id="a2", role="economic_buyer",
                                          influence=5)],
                     extra_team=[TeamMembership("a2", "s1", "account_executive", "Owns it")])
    plan = plan_of(amap, capacity=1)
    assert len(chosen(plan)) == 1
    assert set(open_gaps(plan).values()) == {"capacity_taken"}
    assert chosen(plan_of(amap, capacity=2)) == {"c1": "s1", "d1": "s1"}


def test_the_sample_plan_applied_leaves_only_the_reported_gaps(sample_map, sample_findings, as_of):
    plan = coverage_plan(sample_map, sample_findings)
    assert chosen(plan) == {"cm1": "s03", "cm2": "s03", "hh2": "s03", "ob3": "s02"}
    after = graphmap.analyze(apply_changes(sample_map, add_connections=plan.proposed_connections(), as_of=as_of),
                             as_of=as_of)
    still_uncovered = {u.person_id for f in after.accounts for u in f.uncovered if u.key}
    assert still_uncovered == {g for g, _ in open_gaps(plan).items()
                               if any(u.gap.person_id == g and u.gap.kind == "uncovered"
                                      for p in plan.accounts for u in p.unassigned)} == {"vl2"}
    single = {s.person_id for f in after.accounts for s in f.single_threaded}
    assert not single & {"cm1", "cm2", "ob3"}


# -- properties of every plan, on random small accounts ------------------------------------------------

BUYING = ["economic_buyer", "decision_maker", "technical_buyer", "champion", "user_buyer"]
SUPPLIER = ["account_executive", "executive_sponsor", "sales_engineer", "specialist", "customer_success",
            "delivery"]


@st.composite
def small_accounts(draw):
    n_c = draw(st.integers(1, 5))
    n_s = draw(st.integers(1, 4))
    customers = {f"c{i}": (draw(st.sampled_from(BUYING)), draw(st.integers(1, 5))) for i in range(n_c)}
    suppliers = {f"s{i}": draw(st.sampled_from(SUPPLIER)) for i in range(n_s)}
    pairs = [(s, c) for s in suppliers for c in customers] + [
        (a, b) for a in customers for b in customers if a < b] + [(a, b) for a in suppliers for b in suppliers if a < b]
    chosen_pairs = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=len(pairs))) if pairs else []
    conns = [(a, b, draw(st.integers(1, 5)), draw(st.sampled_from([None, days_ago(3), days_ago(150)])))
             for a, b in chosen_pairs]
    owner = draw(st.sampled_from(sorted(suppliers)))
    return build_map(conns, customers=customers, suppliers=suppliers, owner=owner), draw(st.integers(1, 6))


@hsettings(max_examples=60, deadline=None)
@given(small_accounts())
def test_every_plan_respects_capacity_fit_and_holders_and_covers_what_it_can(case):
    amap, capacity = case
    findings = graphmap.analyze(amap, as_of=AS_OF)
    plan = coverage_plan(amap, findings, capacity=capacity)
    people = amap.people.set_index("person_id")
    owner = amap.account("a1").strategy_owner
    team_role = dict(zip(amap.team["person_id"], amap.team["team_role"]))
    for m in plan.members:
        assert m.load_after <= capacity
    gaps = [a.gap.person_id for p in plan.accounts for a in p.assignments]
    gaps += [u.gap.person_id for p in plan.accounts for u in p.unassigned]
    found = findings.account("a1")
    assert sorted(gaps) == sorted([u.person_id for u in found.uncovered if u.key]
                                  + [s.person_id for s in found.single_threaded])

    def fits(member, stakeholder):
        wanted = ROLE_FIT.get(people.at[stakeholder, "role"])
        return wanted is None or team_role[member] in wanted or (member == owner and "strategy_owner" in wanted)

    load_after = {m.person_id: m.load_after for m in plan.members}
    for a in plan.accounts[0].assignments:
        assert a.member_id != a.gap.holder_id and fits(a.member_id, a.gap.person_id)
        assert a.load_after <= capacity
    for u in plan.accounts[0].unassigned:
        could = [m for m in team_role if m != u.gap.holder_id and fits(m, u.gap.person_id)]
        if u.reason in ("no_fitting_member", "no_other_member"):
            assert not could
        else:  # every member who could take it is full after the plan
            loads = graphmap.analysis.plan.member_loads(amap, findings.settings, AS_OF)
            assert could and all(load_after.get(m, loads[m]) >= capacity for m in could)

    after = graphmap.analyze(apply_changes(amap, add_connections=plan.proposed_connections(), as_of=AS_OF),
                             as_of=AS_OF).account("a1")
    key_roles = set(KEY_ROLES)
    left = {u.gap.person_id for u in plan.accounts[0].unassigned if u.gap.kind == "uncovered"}
    assert {u.person_id for u in after.uncovered if u.key} == left
    assert all(people.at[p, "role"] in key_roles or people.at[p, "influence"] >= 4 for p in left)
