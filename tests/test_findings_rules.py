"""Each finding rule of DESIGN.md §4 at its boundaries, on hand-made one-account maps."""

from __future__ import annotations

import pytest

from tests.builders import AS_OF, build_map, days_ago
from graphmap import Settings, analyze
from graphmap.model import Account, AccountMap, Connection, Person, TeamMembership


def findings(amap, **settings):
    return analyze(amap, Settings(**settings), as_of=AS_OF).account("a1")


# -- healthy, weak, stale ------------------------------------------------------------------------

@pytest.mark.parametrize(("age", "covered", "reason"), [(90, True, None), (91, False, "stale")])
def test_contact_exactly_90_days_old_is_healthy_and_91_is_stale(age, covered, reason):
    found = findings(build_map([("s1", "c1", 4, days_ago(age))]))
    assert (found.uncovered == ()) is covered
    if reason:
        assert found.uncovered[0].reason == "stale"
        assert [w.reason for w in found.weak_links] == ["stale"]
        assert found.weak_links[0].days_since_contact == 91


@pytest.mark.parametrize(("strength", "covered"), [(2, False), (3, True)])
def test_strength_2_is_weak_and_3_is_healthy(strength, covered):
    found = findings(build_map([("s1", "c1", strength, days_ago(5))]))
    assert (found.uncovered == ()) is covered
    if not covered:
        assert found.uncovered[0].reason == "weak"
        assert [w.reason for w in found.weak_links] == ["weak"]


def test_unknown_contact_date_counts_as_recent():
    found = findings(build_map([("s1", "c1", 3, None)]))
    assert found.uncovered == ()
    assert found.weak_links[0].reason == "single_thread"
    assert found.weak_links[0].last_contact is None and found.weak_links[0].days_since_contact is None


def test_weak_and_stale_connection_is_reported_as_weak():
    found = findings(build_map([("s1", "c1", 1, days_ago(400))]))
    assert [w.reason for w in found.weak_links] == ["weak"]
    assert found.uncovered[0].reason == "weak"


def test_thresholds_are_settings():
    amap = build_map([("s1", "c1", 3, days_ago(40))])
    assert findings(amap).uncovered == ()
    assert findings(amap, stale_days=30).uncovered[0].reason == "stale"
    assert findings(amap, weak_max_strength=3).uncovered[0].reason == "weak"


# -- uncovered reasons and ranking ---------------------------------------------------------------

def test_uncovered_reasons_no_connection_stale_weak():
    amap = build_map(
        [("s1", "c2", 4, days_ago(200)), ("s1", "c3", 2, days_ago(1)), ("s1", "c4", 5, days_ago(200)),
         ("s2", "c4", 1, days_ago(1))],
        customers={"c1": ("user_buyer", 2), "c2": ("user_buyer", 2), "c3": ("user_buyer", 2),
                   "c4": ("user_buyer", 2)},
        suppliers={"s1": "account_executive", "s2": "sales_engineer"})
    reasons = {u.person_id: u.reason for u in findings(amap).uncovered}
    # c4: one strong-but-stale and one weak connection: strong ones are all stale, so "stale".
    assert reasons == {"c1": "no_connection", "c2": "stale", "c3": "weak", "c4": "stale"}


def test_uncovered_ranked_key_first_then_by_influence():
    amap = build_map([], customers={"c1": ("user_buyer", 3), "c2": ("influencer", 4), "c3": ("economic_buyer", 1),
                                    "c4": ("user_buyer", 1)})
    found = findings(amap)
    assert [u.person_id for u in found.uncovered] == ["c2", "c3", "c1", "c4"]
    assert [u.key for u in found.uncovered] == [True, True, False, False]


# -- single threads and coverage -----------------------------------------------------------------

def test_single_threaded_means_one_member_with_healthy_connections_to_a_key_stakeholder():
    amap = build_map([("s1", "c1", 4, days_ago(1)), ("s2", "c1", 2, days_ago(1)),
                      ("s1", "c2", 4, days_ago(1)), ("s2", "c2", 4, days_ago(1)),
                      ("s1", "c3", 4, days_ago(1))],
                     customers={"c1": ("decision_maker", 3), "c2": ("economic_buyer", 5),
                                "c3": ("user_buyer", 2)},
                     suppliers={"s1": "account_executive", "s2": "executive_sponsor"})
    found = findings(amap)
    assert [(s.person_id, s.supplier_id) for s in found.single_threaded] == [("c1", "s1")]
    assert {(w.customer_id, w.reason) for w in found.weak_links} == {("c1", "weak"), ("c1", "single_thread")}


def test_coverage_weighted_by_influence_unweighted_and_key():
    amap = build_map([("s1", "c1", 4, days_ago(1))],
                     customers={"c1": ("economic_buyer", 5), "c2": ("user_buyer", 1), "c3": ("influencer", 4)})
    cov = findings(amap).coverage
    assert cov.weighted == pytest.approx(5 / 10, abs=1e-4)
    assert cov.unweighted == pytest.approx(1 / 3, abs=1e-4)
    assert cov.key == pytest.approx(1 / 2)


def test_coverage_of_an_account_without_key_stakeholders_is_undefined_not_zero():
    cov = findings(build_map([("s1", "c1", 4, days_ago(1))], customers={"c1": ("user_buyer", 2)})).coverage
    assert (cov.weighted, cov.unweighted, cov.key) == (1.0, 1.0, None)


# -- heroes --------------------------------------------------------------------------------------

def test_sole_contact_to_two_key_stakeholders_makes_a_hero_with_everyone_they_hold_alone():
    amap = build_map([("s1", "c1", 4, days_ago(1)), ("s1", "c2", 4, days_ago(1)), ("s1", "c3", 4, days_ago(1)),
                      ("s2", "c4", 4, days_ago(1)), ("s2", "c5", 4, days_ago(1)), ("s2", "c6", 4, days_ago(1))],
                     customers={"c1": ("economic_buyer", 5), "c2": ("decision_maker", 5), "c3": ("user_buyer", 1),
                                "c4": ("user_buyer", 1), "c5": ("user_buyer", 1), "c6": ("user_buyer", 1)},
                     suppliers={"s1": "account_executive", "s2": "sales_engineer"})
    heroes = findings(amap).heroes
    assert [h.person_id for h in heroes] == ["s1"]
    assert heroes[0].reasons == ("sole_key_contact",)
    assert [p.person_id for p in heroes[0].critical_for] == ["c1", "c2", "c3"]
    assert heroes[0].share == 0.5 and heroes[0].sole_key_contacts == 2


def test_one_key_stakeholder_held_alone_is_not_enough():
    amap = build_map([("s1", "c1", 4, days_ago(1)), ("s2", "c2", 4, days_ago(1))],
                     customers={"c1": ("economic_buyer", 5), "c2": ("user_buyer", 1)},
                     suppliers={"s1": "account_executive", "s2": "sales_engineer"})
    assert findings(amap).heroes == ()


@pytest.mark.parametrize(("s1_points", "hero"), [(2, False), (3, True)])
def test_more_than_half_of_healthy_connections_makes_a_hero_exactly_half_does_not(s1_points, hero):
    customers = {f"c{i}": ("user_buyer", 2) for i in range(1, 5)}
    conns = [("s1", f"c{i}", 4, days_ago(1)) for i in range(1, s1_points + 1)]
    conns += [("s2", f"c{i}", 4, days_ago(1)) for i in range(s1_points + 1, 5)]
    if s1_points == 3:
        conns = [("s1", "c1", 4, days_ago(1)), ("s1", "c2", 4, days_ago(1)), ("s1", "c3", 4, days_ago(1)),
                 ("s2", "c4", 4, days_ago(1))]
    amap = build_map(conns, customers=customers, suppliers={"s1": "account_executive", "s2": "sales_engineer"})
    heroes = findings(amap).heroes
    assert bool(heroes) is hero
    if hero:
        assert heroes[0].reasons == ("majority_of_connections",) and heroes[0].share == 0.75


def test_a_team_of_one_is_not_a_majority_hero():
    amap = build_map([("s1", "c1", 4, days_ago(1)), ("s1", "c2", 4, days_ago(1))],
                     customers={"c1": ("user_buyer", 2), "c2": ("user_buyer", 2)})
    assert findings(amap).heroes == ()


def test_portfolio_hero_over_capacity_and_on_many_accounts():
    from graphmap.model import Account, Person, TeamMembership

    extra_accounts = [Account(f"a{i}", f"Account {i}", "s1", "growth", "Grow") for i in (2, 3)]
    extra_people, extra_team, conns = [], [], []
    for i in (2, 3):
        for c in ("x", "y"):
            extra_people.append(Person(f"{c}{i}", f"P {c}{i}", "customer", account_id=f"a{i}",
                                       role="economic_buyer" if c == "x" else "decision_maker"))
            conns.append(("s1", f"{c}{i}", 4, days_ago(1)))
        extra_team.append(TeamMembership(f"a{i}", "s1", "account_executive", "Own it"))
    conns += [("s1", "c1", 4, days_ago(1)), ("s1", "c2", 4, days_ago(1))]
    amap = build_map(conns, customers={"c1": ("economic_buyer", 5), "c2": ("decision_maker", 5)},
                     extra_accounts=extra_accounts, extra_people=extra_people, extra_team=extra_team)
    portfolio = analyze(amap, as_of=AS_OF).portfolio
    assert [(h.person_id, h.reasons, h.hero_accounts) for h in portfolio.heroes] == [
        ("s1", ("hero_on_many_accounts",), ("a1", "a2", "a3"))]
    tight = analyze(amap, Settings(capacity=5), as_of=AS_OF).portfolio
    assert tight.heroes[0].reasons == ("over_capacity", "hero_on_many_accounts")
    assert tight.heroes[0].healthy_connections == 6


def test_member_on_two_accounts_is_judged_per_account():
    from graphmap.model import Account, Person, TeamMembership

    amap = build_map([("s1", "c1", 4, days_ago(1)), ("s2", "c1", 4, days_ago(1)), ("s1", "d1", 2, days_ago(1))],
                     suppliers={"s1": "account_executive", "s2": "executive_sponsor"},
                     extra_accounts=[Account("a2", "Beta", "s1", "growth", "Grow")],
                     extra_people=[Person("d1", "D One", "customer", account_id="a2", role="economic_buyer")],
                     extra_team=[TeamMembership("a2", "s1", "account_executive", "Own it")])
    found = analyze(amap, as_of=AS_OF)
    assert found.account("a1").uncovered == ()
    assert [u.person_id for u in found.account("a2").uncovered] == ["d1"]
    assert [w.customer_id for w in found.account("a2").weak_links] == ["d1"]
    assert all(w.customer_id != "d1" for w in found.account("a1").weak_links)


# -- outside the team ----------------------------------------------------------------------------

def test_connection_from_outside_the_team_is_reported_and_counts_for_coverage():
    amap = build_map([("s9", "c1", 4, days_ago(1))], suppliers={"s1": "account_executive", "s9": "executive_sponsor"},
                     team={"s1": "account_executive"})
    found = findings(amap)
    assert found.uncovered == ()
    assert [(o.person_id, [p.person_id for p in o.stakeholders], o.healthy_connections)
            for o in found.outside_team] == [("s9", ["c1"], 1)]


# -- alignment -----------------------------------------------------------------------------------

def checks(found):
    return {c.id: c.passed for c in found.alignment.checks}


def test_a_well_aligned_account_passes_all_seven_checks():
    amap = build_map([("s1", "c1", 4, days_ago(1)), ("s2", "c2", 4, days_ago(1)), ("s1", "s2", 3, days_ago(10))],
                     customers={"c1": ("economic_buyer", 5), "c2": ("technical_buyer", 3)},
                     suppliers={"s1": "account_executive", "s2": "sales_engineer"})
    found = findings(amap)
    assert checks(found) == dict.fromkeys(checks(found), True) and len(checks(found)) == 7
    assert found.alignment.score == 1.0


def test_no_quarterback_fails_both_quarterback_checks():
    found = findings(build_map([("s1", "c1", 4, days_ago(1))], owner=""))
    assert checks(found)["quarterback_named"] is False
    assert checks(found)["quarterback_in_touch"] is False
    assert found.alignment.score == pytest.approx(5 / 7, abs=1e-4)


def test_quarterback_not_on_the_team_fails():
    amap = build_map([("s1", "c1", 4, days_ago(1))], suppliers={"s1": "account_executive", "s2": "sales_manager"},
                     team={"s1": "account_executive"}, owner="s2")
    found = findings(amap)
    assert checks(found)["quarterback_named"] is False
    assert "not on the account team" in found.alignment.checks[0].detail


@pytest.mark.parametrize(("age", "passed"), [(90, True), (91, False), (None, True)])
def test_quarterback_in_touch_within_the_stale_window(age, passed):
    link = ("s1", "s2", 3, None if age is None else days_ago(age))
    amap = build_map([("s1", "c1", 4, days_ago(1)), ("s2", "c1", 4, days_ago(1)), link],
                     suppliers={"s1": "account_executive", "s2": "sales_engineer"})
    assert checks(findings(amap))["quarterback_in_touch"] is passed


def test_member_without_responsibilities_or_healthy_connection_fails_the_checks():
    amap = build_map([("s1", "c1", 4, days_ago(1)), ("s2", "c1", 2, days_ago(1))],
                     suppliers={"s1": "account_executive", "s2": "sales_engineer"}, responsibilities="")
    found = findings(amap)
    assert checks(found)["roles_defined"] is False
    assert checks(found)["members_connected"] is False
    detail = {c.id: c.detail for c in found.alignment.checks}
    assert detail["members_connected"] == "No healthy connection point: Member s2."


def test_strategy_must_have_type_and_text():
    found = findings(build_map([("s1", "c1", 4, days_ago(1))], strategy=("growth", "")))
    assert checks(found)["strategy_set"] is False
    assert "strategy text" in {c.id: c.detail for c in found.alignment.checks}["strategy_set"]


def test_role_fit_technical_buyer_needs_a_sales_engineer_or_specialist():
    amap = build_map([("s1", "c1", 4, days_ago(1)), ("s1", "c2", 4, days_ago(1))],
                     customers={"c1": ("economic_buyer", 5), "c2": ("technical_buyer", 3)})
    found = findings(amap)
    assert checks(found)["role_fit"] is False
    assert "Stakeholder c2 (technical_buyer)" in {c.id: c.detail for c in found.alignment.checks}["role_fit"]


def test_role_fit_passes_when_there_is_nothing_to_check_and_the_quarterback_fits_any_buyer():
    amap = build_map([("s1", "c1", 4, days_ago(1))], customers={"c1": ("decision_maker", 3)},
                     suppliers={"s1": "customer_success"})
    assert checks(findings(amap))["role_fit"] is True  # s1 is the strategy owner of a1
    amap = build_map([("s1", "c1", 4, days_ago(1))], customers={"c1": ("user_buyer", 3)})
    assert checks(findings(amap))["role_fit"] is True


def test_every_key_stakeholder_covered_check():
    amap = build_map([("s1", "c1", 4, days_ago(1))], customers={"c1": ("economic_buyer", 5), "c2": ("influencer", 4)})
    found = findings(amap)
    assert checks(found)["key_stakeholders_covered"] is False
    assert {c.id: c.detail for c in found.alignment.checks}["key_stakeholders_covered"] == \
        "Uncovered key stakeholders: Stakeholder c2."


def test_uncovered_key_stakeholders_are_listed_at_their_own_account_whatever_the_order_of_people():
    # An import appends people as files come, so accounts' people interleave in people.csv: here
    # a2's uncovered key stakeholder comes before a1's.
    amap = AccountMap.from_records(
        accounts=[Account("a1", "Acme", "s1", "pursuit", "Win"), Account("a2", "Vela", "s1", "pursuit", "Land")],
        people=[Person("s1", "Member s1", "supplier", role="account_executive"),
                Person("c9", "Stakeholder c9", "customer", account_id="a2", role="economic_buyer", influence=5),
                Person("c1", "Stakeholder c1", "customer", account_id="a1", role="economic_buyer", influence=5),
                Person("c2", "Stakeholder c2", "customer", account_id="a1", role="influencer", influence=4)],
        team=[TeamMembership("a1", "s1", "account_executive", "Owns it"),
              TeamMembership("a2", "s1", "account_executive", "Owns it")],
        connections=[Connection("s1", "c1", 4, days_ago(1))])
    result = analyze(amap, Settings(), as_of=AS_OF)
    detail = {a: {c.id: c.detail for c in result.account(a).alignment.checks}["key_stakeholders_covered"]
              for a in ("a1", "a2")}
    assert detail == {"a1": "Uncovered key stakeholders: Stakeholder c2.",
                      "a2": "Uncovered key stakeholders: Stakeholder c9."}
