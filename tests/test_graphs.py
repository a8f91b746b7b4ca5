"""`account_graphs` builds, in one pass, exactly the graphs `account_graph` builds one account at a time."""

from __future__ import annotations

import pytest

from graphmap.model.graph import account_graphs
from graphmap.exceptions import UnknownAccountError
from graphmap.model import Account, Person, TeamMembership, account_graph
from tests.builders import build_map, days_ago


def same_graph(a, b) -> bool:
    return (list(a.nodes(data=True)) == list(b.nodes(data=True))
            and list(a.edges(data=True)) == list(b.edges(data=True)) and a.graph == b.graph)


def test_every_sample_account(sample_map):
    graphs = account_graphs(sample_map)
    assert list(graphs) == sample_map.account_ids
    for account_id in sample_map.account_ids:
        assert same_graph(graphs[account_id], account_graph(sample_map, account_id))


def test_cross_account_links_internal_links_and_a_cut_org_chart():
    amap = build_map(
        [("s1", "c1", 4, days_ago(1)), ("s1", "s2", 4, None), ("s2", "s3", 3, None), ("c1", "d1", 3, None),
         ("s3", "d1", 4, days_ago(2)), ("s3", "d2", 4, days_ago(2))],
        suppliers={"s1": "account_executive", "s2": "sales_engineer", "s3": "specialist"},
        team={"s1": "account_executive", "s2": "sales_engineer"},
        extra_accounts=[Account("a2", "Beta", "s3", "growth", "Grow")],
        extra_people=[Person("d1", "Buyer d1", "customer", account_id="a2", role="economic_buyer", influence=5,
                             reports_to="d2"),
                      Person("d2", "Boss d2", "customer", account_id="a2", role="decision_maker", influence=5)],
        extra_team=[TeamMembership("a2", "s3", "specialist", "Owns it")])
    graphs = account_graphs(amap, ["a2", "a1"])
    assert list(graphs) == ["a2", "a1"]
    for account_id in ("a1", "a2"):
        assert same_graph(graphs[account_id], account_graph(amap, account_id))
    # a1 keeps d1 (a customer link from its own stakeholder) but cuts d1's manager off its org chart.
    assert graphs["a1"].nodes["d1"]["reports_to"] == ""
    with pytest.raises(UnknownAccountError):
        account_graphs(amap, ["nope"])
