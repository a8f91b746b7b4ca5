"""Findings computed in Neo4j are exactly the in-memory engine's: on the sample, a generated portfolio,
other thresholds, and every rule's boundary."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from click.testing import CliRunner

import graphmap
from tests.builders import build_map, days_ago
from graphmap import Settings, analyze
from graphmap.cli import cli
from graphmap.exceptions import UnknownAccountError
from graphmap.generate import write_generated_map
from graphmap.store.neo4j_findings import analyze_store, database_findings
from tests.store_helpers import AS_OF, neo4j_env, store  # noqa: F401

pytestmark = pytest.mark.neo4j

FAMILIES = ("coverage", "uncovered", "single_threaded", "heroes", "weak_links")


def canonical(found, family):
    """A family's findings in an order that ignores how ties fall (for maps in a non-canonical row order)."""
    value = getattr(found, family)
    if family == "coverage":
        return value
    if family == "heroes":
        value = [replace(h, critical_for=tuple(sorted(h.critical_for, key=repr))) for h in value]
    return sorted(value, key=repr)


def assert_parity(store, amap, settings=Settings()):
    """The database's findings equal the engine's on the pulled (canonical) map exactly, order included,
    and the engine's on the original map up to the order of ties."""
    in_db = database_findings(store, settings, AS_OF)
    on_pulled = analyze(store.load(), settings, AS_OF)
    on_original = analyze(amap, settings, AS_OF)
    assert sorted(in_db) == sorted(amap.account_ids)
    for found in on_pulled.accounts:
        mine = in_db[found.account_id]
        for family in FAMILIES:
            assert getattr(mine, family) == getattr(found, family), (found.account_id, family)
    for found in on_original.accounts:
        for family in FAMILIES:
            assert canonical(in_db[found.account_id], family) == canonical(found, family), (found.account_id, family)
    return in_db


def test_parity_on_the_sample(store, sample_map, sample_findings):
    store.push(sample_map)
    in_db = assert_parity(store, sample_map)
    assert [u.name for u in in_db["acc-vela"].uncovered] == ["Fatima Zahra", "Yuki Tanaka"]
    assert in_db["acc-cobalt"].heroes[0].name == "Dana Reyes"
    # Every family occurs somewhere in the sample, so the comparison is not of empty lists.
    assert all(any(getattr(f, fam) for f in in_db.values()) for fam in FAMILIES[1:])


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("gen") / "map"
    write_generated_map(folder, 80, seed=11, as_of=AS_OF)
    return graphmap.read_map(folder)


@pytest.mark.parametrize("settings", [
    Settings(),
    Settings(stale_days=30, weak_max_strength=3, key_min_influence=3, hero_share=0.3, hero_sole_key_min=1),
    Settings(stale_days=365, weak_max_strength=1, key_min_influence=5, hero_share=0.75, hero_sole_key_min=3),
], ids=["defaults", "strict", "lenient"])
def test_parity_on_a_generated_portfolio(store, generated, settings):
    store.push(generated)
    in_db = assert_parity(store, generated, settings)
    assert sum(len(f.weak_links) for f in in_db.values()) > 100
    assert sum(len(f.heroes) for f in in_db.values()) > 5


@pytest.mark.parametrize("amap", [
    build_map([("s1", "c1", 4, days_ago(90))]),
    build_map([("s1", "c1", 4, days_ago(91))]),
    build_map([("s1", "c1", 2, days_ago(5))]),
    build_map([("s1", "c1", 3, days_ago(5))]),
    build_map([("s1", "c1", 3, None), ("c1", "s2", 1, None)], suppliers={"s1": "account_executive",
                                                                         "s2": "sales_engineer"}),
    # Exactly half of the healthy connection points is not a majority; one more is.
    build_map([("s1", "c1", 4, days_ago(1)), ("s2", "c2", 4, days_ago(1))],
              customers={"c1": ("user_buyer", 2), "c2": ("user_buyer", 2)},
              suppliers={"s1": "account_executive", "s2": "sales_engineer"}),
    build_map([("s1", "c1", 4, days_ago(1)), ("s1", "c2", 4, days_ago(1)), ("s2", "c2", 4, days_ago(1))],
              customers={"c1": ("user_buyer", 2), "c2": ("user_buyer", 2), "c3": ("decision_maker", 1)},
              suppliers={"s1": "account_executive", "s2": "sales_engineer"}),
    # Two sole key contacts make a hero; stale-but-strong and weak uncovered reasons side by side.
    build_map([("s1", "c1", 5, days_ago(10)), ("s1", "c2", 5, days_ago(10)), ("s1", "c3", 5, days_ago(200)),
               ("s1", "c4", 1, days_ago(200))],
              customers={"c1": ("economic_buyer", 3), "c2": ("champion", 4), "c3": ("coach", 2),
                         "c4": ("coach", 2)}),
], ids=["90-days", "91-days", "strength-2", "strength-3", "unknown-date", "half-share", "majority",
        "sole-key"])
def test_parity_at_each_rule_boundary(store, amap):
    store.push(amap)
    assert_parity(store, amap)


def test_some_accounts_only(store, sample_map):
    store.push(sample_map)
    in_db = database_findings(store, as_of=AS_OF, accounts=["acc-orion", "acc-vela"])
    assert sorted(in_db) == ["acc-orion", "acc-vela"]
    full = analyze(sample_map, as_of=AS_OF)
    assert in_db["acc-vela"].weak_links == full.account("acc-vela").weak_links
    with pytest.raises(UnknownAccountError, match="acc-nope"):
        database_findings(store, as_of=AS_OF, accounts=["acc-nope"])


def test_analyze_store_neo4j_prints_the_json_of_the_pulled_map(neo4j_env, sample_folder, tmp_path):
    runner = CliRunner()
    assert runner.invoke(cli, ["neo4j", "push", str(sample_folder), "--no-progress"]).exit_code == 0
    assert runner.invoke(cli, ["neo4j", "pull", str(tmp_path / "pulled")]).exit_code == 0
    from_db = runner.invoke(cli, ["analyze", "--store", "neo4j", "--as-of", "2026-11-27", "--format", "json",
                                  "--stale-days", "60"])
    from_folder = runner.invoke(cli, ["analyze", str(tmp_path / "pulled"), "--as-of", "2026-11-27", "--format",
                                      "json", "--stale-days", "60"])
    assert from_db.exit_code == 0, from_db.output
    assert json.loads(from_db.stdout) == json.loads(from_folder.stdout)


def test_analyze_store_keeps_the_engines_alignment_and_portfolio(store, sample_map):
    store.push(sample_map)
    found = analyze_store(store, as_of=AS_OF, accounts=["acc-vela"])
    expected = analyze(sample_map, as_of=AS_OF, accounts=["acc-vela"])
    assert found.account("acc-vela").alignment == expected.account("acc-vela").alignment
    assert found.portfolio == expected.portfolio
