"""The account map figure and its layouts: what a reader of the map sees, checked through the figure."""

from __future__ import annotations

import math

import pytest

import graphmap
from graphmap.model.records import Account, Connection, Person, TeamMembership
from graphmap.viz.figures import EDGE_CLASSES, NODE_GROUPS, account_map_figure, portfolio_risk_figure
from graphmap.viz.layouts import CUSTOMER_X, MEMBER_X, org_chart_order, team_to_team_layout

MAX_TRACES = len(EDGE_CLASSES) + 8 + len(NODE_GROUPS) + 4  # healthy/single-thread split by strength (1-5)


def traces(fig, prefix: str):
    return [t for t in fig.data if t.name and t.name.startswith(prefix)]


def node_ids(fig) -> list[str]:
    groups = {name for name, *_ in NODE_GROUPS}
    return [pid for t in fig.data if t.name in groups for pid in t.customdata]


def edge_count(trace) -> int:
    """Edges in one line trace: segments separated by gaps (None/NaN)."""
    return sum(1 for v in trace.x if v is None or (isinstance(v, float) and math.isnan(v)))


def synthetic_account(stakeholders: int, members: int = 8) -> graphmap.AccountMap:
    """One account with an org chart (a tree of fan-out 4) and every member reaching a few people."""
    people = [Person(f"m{i}", f"Member {i}", "supplier", role="account_executive" if i == 0 else "sales_engineer")
              for i in range(members)]
    people += [Person(f"c{i}", f"Stakeholder {i}", "customer", account_id="a1",
                      role="economic_buyer" if i == 0 else "user_buyer", influence=5 if i < 3 else 2,
                      reports_to="" if i == 0 else f"c{(i - 1) // 4}") for i in range(stakeholders)]
    conns = [Connection(f"m{i % members}", f"c{i}", strength=1 + i % 5, last_contact=graphmap.SAMPLE_AS_OF)
             for i in range(0, stakeholders, 2)]
    team = [TeamMembership("a1", f"m{i}", "") for i in range(members)]
    return graphmap.AccountMap.from_records([Account("a1", "Big Co", "m0")], people, team, conns)


def test_team_layout_puts_our_team_left_and_their_org_chart_right_top_to_bottom():
    pos = team_to_team_layout(["m1"], ["cfo", "ceo", "analyst"], {"cfo": "ceo", "analyst": "cfo"},
                              [("m1", "analyst")])
    assert pos["m1"][0] == MEMBER_X < CUSTOMER_X <= pos["ceo"][0]
    assert pos["ceo"][1] > pos["cfo"][1] > pos["analyst"][1]  # the boss on top
    assert pos["ceo"][0] < pos["cfo"][0] < pos["analyst"][0]  # each level indented


def test_a_loop_in_reports_to_hides_nobody():
    order = org_chart_order(["a", "b"], {"a": "b", "b": "a"})
    assert sorted(p for p, _ in order) == ["a", "b"]


def test_vela_map_shows_its_people_and_marks_the_uncovered(sample_map, sample_findings):
    fig = account_map_figure(sample_map, sample_findings, "acc-vela")
    part = sample_map.subset(["acc-vela"])
    assert sorted(node_ids(fig)) == sorted(part.people["person_id"])
    ring = traces(fig, "Uncovered")[0]
    assert sorted(ring.customdata) == ["vl2", "vl5"]  # Fatima Zahra and Yuki Tanaka
    assert not traces(fig, "Hero")
    drawn = sum(edge_count(t) for t in fig.data if t.mode == "lines" and t.legendgroup != "reports_to")
    assert drawn == len(part.connections)


def test_cobalt_map_stars_the_hero_and_highlights_her_single_threads(sample_map, sample_findings):
    fig = account_map_figure(sample_map, sample_findings, "acc-cobalt")
    star = traces(fig, "Hero")[0]
    assert len(star.x) == 1
    dana = [t for t in fig.data if t.customdata is not None and "s01" in list(t.customdata) and t.mode != "markers"]
    assert "Dana Reyes" in dana[0].text[list(dana[0].customdata).index("s01")]
    single = [t for t in fig.data if t.legendgroup == "single_thread"]
    assert sum(edge_count(t) for t in single) == 2  # Helen Brandt and Raj Malhotra
    assert all(t.line.color == "#ff7f0e" for t in single)


def test_stale_links_are_dashed(sample_map, sample_findings):
    fig = account_map_figure(sample_map, sample_findings, "acc-harbor")
    stale = [t for t in fig.data if t.legendgroup == "stale"]
    assert stale and stale[0].line.dash == "dash"
    assert edge_count(stale[0]) == 2  # both threads to Samuel Park


def test_hover_tells_title_role_connections_and_findings(sample_map, sample_findings):
    fig = account_map_figure(sample_map, sample_findings, "acc-harbor")
    hover = {pid: text for t in fig.data if t.name in {n for n, *_ in NODE_GROUPS}
             for pid, text in zip(t.customdata, t.hovertext)}
    assert "Chief Information Officer" in hover["hh2"]
    assert "decision maker" in hover["hh2"]
    assert "Uncovered" in hover["hh2"] and "stale" in hover["hh2"]
    assert "James Whitfield" in hover["hh2"]


def test_force_layout_draws_the_same_people(sample_map, sample_findings):
    team = account_map_figure(sample_map, sample_findings, "acc-orion", layout="team")
    force = account_map_figure(sample_map, sample_findings, "acc-orion", layout="force")
    assert sorted(node_ids(team)) == sorted(node_ids(force))
    assert [t.name for t in team.data] == [t.name for t in force.data]
    with pytest.raises(ValueError, match="layout"):
        account_map_figure(sample_map, sample_findings, "acc-orion", layout="circle")


def test_selected_and_highlighted_people_get_their_own_marks(sample_map, sample_findings):
    fig = account_map_figure(sample_map, sample_findings, "acc-vela", selected="vl2", highlight=["vl1"],
                             highlight_label="Would be lost")
    assert len(traces(fig, "Selected")[0].x) == 1
    assert len(traces(fig, "Would be lost")[0].x) == 1


@pytest.mark.parametrize("size", [50, 700])
def test_traces_stay_few_whatever_the_size(size):
    amap = synthetic_account(size)
    fig = account_map_figure(amap, graphmap.analyze(amap, as_of=graphmap.SAMPLE_AS_OF), "a1")
    assert len(fig.data) <= MAX_TRACES
    assert len(node_ids(fig)) == size + 8
    webgl = {t.type for t in fig.data}
    assert webgl == ({"scattergl"} if size + 8 >= 500 else {"scatter"})


def test_big_maps_label_only_key_and_marked_people():
    amap = synthetic_account(700)
    fig = account_map_figure(amap, graphmap.analyze(amap, as_of=graphmap.SAMPLE_AS_OF), "a1")
    labels = [text for t in fig.data if t.name in {n for n, *_ in NODE_GROUPS} for text in t.text if text]
    assert 8 < len(labels) <= 120
    assert any("Stakeholder 0" in text for text in labels)  # the economic buyer is key


def test_portfolio_chart_lists_accounts_riskiest_on_top(sample_findings):
    fig = portfolio_risk_figure(sample_findings)
    assert list(fig.data[0].y)[-1] == "Vela Logistics"  # horizontal bars: the last is drawn on top


@pytest.mark.parametrize("layout", ["team", "force"])
def test_labels_on_a_big_map_do_not_pile_up(layout):
    amap = synthetic_account(700)
    fig = account_map_figure(amap, graphmap.analyze(amap, as_of=graphmap.SAMPLE_AS_OF), "a1", layout=layout)
    groups = {n for n, *_ in NODE_GROUPS}
    labelled = [(x, y) for t in fig.data if t.name in groups for x, y, text in zip(t.x, t.y, t.text) if text]
    assert labelled
    everyone = [(x, y) for t in fig.data if t.name in groups for x, y in zip(t.x, t.y)]
    xs, ys = [x for x, _ in everyone], [y for _, y in everyone]
    label_height = (max(ys) - min(ys)) / (fig.layout.height / 12)  # a grid cell of about 12 pixels

    def column(x: float) -> int:  # a side in the team layout; an eighth of the width in the force layout
        return int(x >= 0.5) if layout == "team" else int((x - min(xs)) / (max(xs) - min(xs)) * 7.999)

    for i, (x1, y1) in enumerate(labelled):
        for x2, y2 in labelled[i + 1:]:
            if column(x1) == column(x2):
                assert abs(y1 - y2) >= label_height
