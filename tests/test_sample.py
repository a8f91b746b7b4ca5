"""The sample portfolio in data/ shows every kind of finding, exactly as DESIGN.md §4 defines them."""

from __future__ import annotations

import filecmp
from pathlib import Path

from graphmap.sample import sample_map_path

ROOT = Path(__file__).resolve().parent.parent


def test_the_package_ships_the_same_files_as_data_sample():
    names = ["accounts.csv", "people.csv", "team.csv", "connections.csv"]
    match, mismatch, errors = filecmp.cmpfiles(ROOT / "data" / "sample", sample_map_path(), names, shallow=False)
    assert match == names, (mismatch, errors)


def test_every_kind_of_finding_occurs(sample_findings):
    accounts = sample_findings.accounts
    reasons = {u.reason for a in accounts for u in a.uncovered}
    assert reasons == {"no_connection", "stale", "weak"}
    assert any(a.single_threaded for a in accounts)
    hero_reasons = {r for a in accounts for h in a.heroes for r in h.reasons}
    assert hero_reasons == {"sole_key_contact", "majority_of_connections"}
    assert {w.reason for a in accounts for w in a.weak_links} == {"weak", "stale", "single_thread"}
    failed = {c.id for a in accounts for c in a.alignment.checks if not c.passed}
    assert failed == {"quarterback_named", "roles_defined", "members_connected", "strategy_set",
                      "quarterback_in_touch", "key_stakeholders_covered", "role_fit"}
    assert any(a.outside_team for a in accounts)
    assert [h.reasons for h in sample_findings.portfolio.heroes] == [("hero_on_many_accounts",)]


def test_the_sample_tells_its_stories(sample_findings):
    vela = sample_findings.account("acc-vela")
    assert [(u.name, u.reason, u.key) for u in vela.uncovered] == [
        ("Fatima Zahra", "no_connection", True), ("Yuki Tanaka", "weak", False)]
    harbor = sample_findings.account("acc-harbor")
    assert [(u.name, u.reason) for u in harbor.uncovered] == [("Samuel Park", "stale"), ("Carlos Mendes", "weak")]
    orion = sample_findings.account("acc-orion")
    dana = orion.heroes[0]
    assert (dana.name, dana.reasons, dana.share) == ("Dana Reyes", ("sole_key_contact", "majority_of_connections"),
                                                    0.8333)
    assert [p.name for p in dana.critical_for] == ["Amelia Stone", "Victor Nguyen", "Hannah Lewis", "Laura Becker"]
    assert [o.name for o in orion.outside_team] == ["Sofia Alvarez"]
    assert [r.account_id for r in sample_findings.portfolio.accounts_by_risk] == [
        "acc-vela", "acc-harbor", "acc-orion", "acc-cobalt", "acc-kestrel"]
    assert sample_findings.account("acc-kestrel").alignment.score == 1.0
