"""The Streamlit app, page by page, through Streamlit's AppTest (no browser: see test_browser.py)."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import numpy as np

import pytest
from streamlit.testing.v1 import AppTest

import graphmap
from graphmap.uploads import map_from_uploads

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["app_pages/portfolio.py", "app_pages/account_map.py", "app_pages/findings.py", "app_pages/whatif.py",
         "app_pages/import_map.py", "app_pages/downloads.py", "app_pages/plan.py"]


@pytest.fixture
def app(monkeypatch) -> AppTest:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GRAPHMAP_MAP", raising=False)
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)


def open_page(at: AppTest, page: str) -> AppTest:
    at.run()
    if page != PAGES[0]:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def table_text(at: AppTest) -> str:
    return "\n".join(df.value.to_csv() for df in at.dataframe)


def frame_with(at: AppTest, *columns: str):
    """The first table shown that has all these columns (tables carry no key in AppTest)."""
    for df in at.dataframe:
        if set(columns) <= set(df.value.columns):
            return df.value
    raise AssertionError(f"no table with columns {columns}")


def values(array) -> list:
    """A figure JSON array: a list, or Plotly's typed array ({"dtype", "bdata"}) decoded."""
    if isinstance(array, dict):
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=array["dtype"]).tolist()
    return list(array)


def gaps(array) -> int:
    """Edges in a line trace: each edge ends in a gap (None, or NaN in a typed array)."""
    return sum(1 for v in values(array) if v is None or v != v)


def figures(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_runs_on_the_sample_without_errors(app, page):
    at = open_page(app, page)
    assert not at.error
    assert at.title[0].value  # each page has a heading


def test_the_sample_opens_as_of_the_date_its_contacts_were_written(app):
    at = open_page(app, PAGES[0])
    assert at.date_input(key="as_of").value == graphmap.SAMPLE_AS_OF
    assert "27 Nov 2026" in at.caption[0].value


def test_portfolio_ranks_accounts_by_risk_and_names_the_portfolio_hero(app):
    at = open_page(app, PAGES[0])
    accounts = frame_with(at, "uncovered_key_stakeholders")
    assert accounts["account"].tolist()[:2] == ["Vela Logistics", "Harbor Health Systems"]
    assert "Fatima Zahra" in accounts["uncovered_key_stakeholders"].tolist()
    assert "Samuel Park" in accounts["uncovered_key_stakeholders"].tolist()
    assert frame_with(at, "hero_accounts")["member"].tolist() == ["Dana Reyes"]


def test_findings_tables_show_the_known_uncovered_and_heroes(app):
    at = open_page(app, PAGES[2])
    uncovered = frame_with(at, "Stakeholder", "Reason")
    pairs = set(zip(uncovered["Account"], uncovered["Stakeholder"]))
    assert ("Vela Logistics", "Fatima Zahra") in pairs
    assert ("Harbor Health Systems", "Samuel Park") in pairs
    heroes = frame_with(at, "Critical for")
    assert set(heroes["Member"]) == {"Dana Reyes"}
    assert "Helen Brandt" in " ".join(heroes["Critical for"])
    checks = frame_with(at, "Result")
    assert len(checks) == 7 * 5 and {"✅ pass", "❌ fail"} == set(checks["Result"])


def test_findings_for_one_account(app):
    at = open_page(app, PAGES[2])
    at.selectbox(key="findings_account").set_value("acc-vela").run()
    assert frame_with(at, "Stakeholder", "Reason")["Stakeholder"].tolist() == ["Fatima Zahra", "Yuki Tanaka"]


def test_a_setting_change_changes_the_findings(app):
    at = open_page(app, PAGES[2])
    assert "Samuel Park" in table_text(at)
    at.number_input(key="setting_stale_days").set_value(365).run()
    assert not at.exception
    uncovered = frame_with(at, "Stakeholder", "Reason")
    assert "Samuel Park" not in uncovered["Stakeholder"].tolist()  # a year's window: his contacts count again


def test_a_later_as_of_date_makes_contacts_stale(app):
    at = open_page(app, PAGES[0])
    before = frame_with(at, "uncovered_key_stakeholders")["uncovered"].sum()
    at.date_input(key="as_of").set_value(graphmap.SAMPLE_AS_OF.replace(year=2027)).run()
    assert frame_with(at, "uncovered_key_stakeholders")["uncovered"].sum() > before


def test_account_map_figure_draws_people_marks_and_few_traces(app):
    at = open_page(app, PAGES[1])
    at.selectbox(key="map_account").set_value("acc-cobalt").run()
    fig = figures(at)[0]
    names = {t["name"] for t in fig["data"]}
    assert "Hero: carries too much alone (gold star)" in names
    assert "Uncovered stakeholder (red ring)" in names
    ids = [pid for t in fig["data"] if t.get("mode") == "markers+text" for pid in t["customdata"]]
    assert sorted(ids) == sorted(graphmap.read_map(ROOT / "data/sample").subset(["acc-cobalt"]).people["person_id"])
    ring = next(t for t in fig["data"] if t["name"].startswith("Uncovered"))
    assert ring["customdata"] == ["cm5"]  # Karen Liu
    assert len(fig["data"]) <= 30
    edges = sum(gaps(t["x"]) for t in fig["data"] if t.get("mode") == "lines" and t["legendgroup"] != "reports_to")
    assert edges == 11  # Cobalt's 11 connections among the people drawn (7 to stakeholders)


def test_choosing_a_person_shows_their_details(app):
    at = open_page(app, PAGES[1])
    at.selectbox(key="map_account").set_value("acc-vela").run()
    at.selectbox(key="map_person").set_value("vl2").run()
    assert not at.exception
    assert [s.value for s in at.main.subheader] == ["Fatima Zahra"]
    assert "Uncovered" in at.error[0].value
    spec = figures(at)[0]
    assert any(t["name"] == "Selected" for t in spec["data"])


def test_force_layout_draws_too(app):
    at = open_page(app, PAGES[1])
    at.radio(key="map_layout").set_value("force").run()
    assert not at.exception
    assert "force-directed" in figures(at)[0]["layout"]["title"]["text"]


def test_what_if_removing_the_hero_loses_her_stakeholders(app):
    at = open_page(app, PAGES[3])
    at.selectbox(key="whatif_account").set_value("acc-cobalt").run()
    at.multiselect(key="whatif_remove").set_value(["s01"]).run()
    assert not at.exception
    lost = " ".join(e.value for e in at.error)
    assert "Would be lost" in lost and "Helen Brandt" in lost and "Raj Malhotra" in lost
    key = next(m for m in at.metric if m.label == "Key coverage")
    assert key.value == "33%" and key.delta == "-67 pts"
    assert len(at.get("plotly_chart")) == 2
    after = figures(at)[1]
    cross = next(t for t in after["data"] if t["name"].startswith("Would be lost"))
    assert len(values(cross["x"])) == 2


def test_what_if_adding_a_connection_covers_the_economic_buyer(app):
    at = open_page(app, PAGES[3])
    at.selectbox(key="whatif_account").set_value("acc-vela").run()
    at.checkbox(key="whatif_add").check().run()
    at.selectbox(key="whatif_member").set_value("s08").run()
    at.selectbox(key="whatif_stakeholder").set_value("vl2").run()
    assert not at.exception
    assert "Fatima Zahra" in " ".join(s.value for s in at.success)


def test_a_broken_map_folder_shows_an_error_not_a_traceback(app, monkeypatch, tmp_path):
    broken = graphmap.write_sample_map(tmp_path / "broken")
    (broken / "people.csv").write_text("person_id,name,side\ns01,Dana Reyes,martian\n", encoding="utf-8")
    monkeypatch.setenv("GRAPHMAP_MAP", str(broken))
    at = app.run()
    assert not at.exception
    message = at.error[0].value
    assert "cannot be used" in message and "faults in the map" in message
    faults = at.dataframe[0].value
    assert "unknown side; accepted: supplier, customer" in faults["problem"].tolist()


def test_a_missing_folder_typed_in_the_sidebar_shows_an_error(app, tmp_path):
    at = app.run()
    at.text_input(key="map_folder").set_value(str(tmp_path / "nowhere")).run()
    assert not at.exception
    assert "no such map folder" in at.error[0].value
    at.text_input(key="map_folder").set_value("").run()  # cleared: back to the sample
    assert not at.error and "Vela Logistics" in table_text(at)


def test_a_map_folder_given_by_the_environment_replaces_the_sample(app, monkeypatch, tmp_path):
    folder = graphmap.write_sample_map(tmp_path / "mine")
    accounts = (folder / "accounts.csv").read_text(encoding="utf-8").replace("Vela Logistics", "Vela Freight")
    (folder / "accounts.csv").write_text(accounts, encoding="utf-8")
    monkeypatch.setenv("GRAPHMAP_MAP", str(folder))
    at = app.run()
    assert "Vela Freight" in table_text(at)


def test_an_applied_upload_replaces_the_map_for_this_session(app, sample_map):
    at = open_page(app, PAGES[0])
    people = (ROOT / "data/sample/people.csv").read_bytes().replace(b"Fatima Zahra", b"Fatima Haddad")
    new_map = map_from_uploads({"people.csv": people}, sample_map)
    at.session_state["uploaded_map"] = {"map": new_map, "key": "upload:test", "label": "people.csv"}
    at.run()
    assert "Fatima Haddad" in table_text(at)
    assert "people.csv" in at.sidebar.info[0].value


def test_the_import_page_refuses_a_bad_upload_with_the_files_fault(sample_map):
    # The page calls map_from_uploads and shows its GraphmapError; the current map is kept.
    with pytest.raises(graphmap.GraphmapError, match=r"people.csv, row 2, column side: 'martian'"):
        map_from_uploads({"people.csv": b"person_id,name,side\nx1,Ann,martian\n"}, sample_map)
    with pytest.raises(graphmap.GraphmapError, match="not a map file"):
        map_from_uploads({"contacts.xlsx": b""}, sample_map)




def test_the_plan_gives_cobalts_second_threads_to_priya_natarajan(app):
    at = open_page(app, PAGES[6])
    at.selectbox(key="plan_account").set_value("acc-cobalt").run()
    assert not at.exception
    plan = frame_with(at, "stakeholder", "member", "warm path")
    assert plan[["stakeholder", "member", "gap"]].values.tolist() == [
        ["Helen Brandt", "Priya Natarajan", "second thread"], ["Raj Malhotra", "Priya Natarajan", "second thread"]]
    assert plan["warm path"].tolist()[0] == "Priya Natarajan → Dana Reyes → Helen Brandt (0.64)"
    assert (plan["load before"].tolist(), plan["load after"].tolist()) == ([1, 1], [3, 3])
    assert any("executive sponsor) fits an economic buyer" in m.value for m in at.markdown)
    paths = frame_with(at, "path", "strength")
    assert "Marcus Chen → Dana Reyes → Raj Malhotra (1.00)" in paths["path"].tolist()
    assert "No gap is left open" in at.success[0].value


def test_the_plan_lists_open_gaps_with_reasons_and_follows_the_capacity_setting(app):
    at = open_page(app, PAGES[6])
    at.selectbox(key="plan_account").set_value("acc-vela").run()
    open_gaps = frame_with(at, "stakeholder", "reason", "why").set_index("stakeholder")
    assert open_gaps.at["Fatima Zahra", "reason"] == "no fitting member"
    at.selectbox(key="plan_account").set_value("acc-cobalt").run()
    at.number_input(key="setting_capacity").set_value(1).run()  # Priya already holds one healthy connection
    assert not at.exception
    open_gaps = frame_with(at, "stakeholder", "reason", "why")
    assert set(open_gaps["stakeholder"]) == {"Helen Brandt", "Raj Malhotra"}
    assert set(open_gaps["reason"]) <= {"at capacity", "capacity taken"}

def review_script(root: str, files: dict, owner: str | None = None) -> None:
    """An app run of the Import page's review (app_pages.import_view) on the sample map, given the files."""
    import sys

    sys.path.insert(0, root)
    import graphmap
    from app_pages.import_view import review_upload

    amap = graphmap.read_map(f"{root}/data/sample")
    findings = graphmap.analyze(amap, as_of=graphmap.SAMPLE_AS_OF)
    review_upload(files, amap, "sample", graphmap.Settings(), graphmap.SAMPLE_AS_OF, findings, owner)


def test_the_import_page_previews_a_hubspot_export_and_applies_it():
    files = {"hubspot_contacts.csv": (ROOT / "tests/fixtures/imports/hubspot_contacts.csv").read_bytes()}
    at = AppTest.from_function(review_script, args=(str(ROOT), files), default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    summary = frame_with(at, "profile", "people added")
    assert summary[["profile", "people added", "connections added", "rows skipped"]].values.tolist() == [
        ["hubspot", 3, 3, 2]]
    bad = frame_with(at, "reason", "original_row")
    assert len(bad) == 2 and bad["reason"].str.startswith("no company").any()
    changes = frame_with(at, "table", "added")
    assert changes.set_index("table").at["people", "added"] == 3
    assert "uploaded_map" not in at.session_state  # nothing applied before the button
    at.button(key="apply_upload").click().run()
    applied = at.session_state["uploaded_map"]["map"]
    assert "Lena Vogt" in set(applied.people["name"])


def test_the_import_page_lists_what_it_assumed_about_an_export():
    files = {"contacts.csv": ("Record ID;First Name;Last Name;Email;Contact owner;Associated Company;Last Contacted\n"
                              "1;Ana;Silva;ana@cobalt.example;Dana Reyes;Cobalt Mining Inc.;13.03.2026\n").encode()}
    at = AppTest.from_function(review_script, args=(str(ROOT), files), default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    assumed = frame_with(at, "file", "detected or assumed")
    assert "column 'Last Contacted': numeric dates read day-first (a value has a first part above 12)" in \
        assumed["detected or assumed"].tolist()


def new_map_review_script(root: str, files: dict) -> None:
    """An app run of the Import page's review with no map in use (an upload that starts a new map)."""
    import datetime as dt
    import sys

    sys.path.insert(0, root)
    import graphmap
    from app_pages.import_view import review_upload

    review_upload(files, None, None, graphmap.Settings(), dt.date(2026, 11, 27))


def test_the_import_page_counts_a_new_map_of_one_account_in_words():
    files = {"hubspot.csv": b"Record ID,First Name,Last Name,Email,Contact owner,Associated Company\n"
                            b"1,Ana,Silva,ana@cobalt.example,Dana Reyes,Cobalt Mining Inc\n"}
    at = AppTest.from_function(new_map_review_script, args=(str(ROOT), files), default_timeout=60).run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.success[0].value == ("The upload is valid: 1 account, 2 people, 0 team memberships, "
                                   "1 connection.")


def test_the_import_page_shows_an_invalid_upload_and_keeps_the_map():
    files = {"people.csv": b"person_id,name,side\nx1,Ann,martian\n"}
    at = AppTest.from_function(review_script, args=(str(ROOT), files), default_timeout=60).run()
    assert not at.exception
    assert "the current map is kept" in at.error[0].value
    assert "unknown side; accepted: supplier, customer" in at.dataframe[0].value["problem"].tolist()
    assert not at.button and "uploaded_map" not in at.session_state
    files = {"notes.csv": b"foo,bar\n1,2\n"}
    at = AppTest.from_function(review_script, args=(str(ROOT), files), default_timeout=60).run()
    assert "notes.csv: cannot tell which export this is" in at.error[0].value

def test_downloads_offer_every_report_for_the_portfolio_or_one_account(app):
    at = open_page(app, PAGES[5])
    labels = [b.proto.label for b in at.get("download_button")]
    for label in ("HTML report", "Excel workbook", "Findings as CSV", "Markdown report", "Findings as JSON"):
        assert any(text.startswith(label) for text in labels), label
    at.radio(key="downloads_scope").set_value("account").run()
    at.selectbox(key="downloads_account").set_value("acc-vela").run()
    assert not at.exception
    reports = [b for b in at.get("download_button") if b.proto.label.startswith(("HTML", "Excel", "Findings", "Markdown"))]
    assert len(reports) == 5


def test_the_downloaded_reports_parse(sample_map, as_of):
    # The bytes the Downloads page serves: report_bytes, with the app's account map in the HTML report.
    import io
    import zipfile

    import openpyxl

    from graphmap.report.export import MEDIA_TYPES, report_bytes, report_file_name
    from graphmap.viz.figures import account_map_figure

    found = graphmap.analyze(sample_map, as_of=as_of, accounts=["acc-vela"])
    html = report_bytes(sample_map, found, "html", account_figure=account_map_figure).decode()
    assert "Vela Logistics" in html and "Uncovered stakeholder (red ring)" in html
    assert "Summary" in openpyxl.load_workbook(io.BytesIO(report_bytes(sample_map, found, "xlsx"))).sheetnames
    assert zipfile.ZipFile(io.BytesIO(report_bytes(sample_map, found, "csv"))).namelist()
    assert report_bytes(sample_map, found, "md").startswith(b"# Vela Logistics")
    assert json.loads(report_bytes(sample_map, found, "json"))["accounts"][0]["account_id"] == "acc-vela"
    assert report_file_name(found, "csv") == "graphmap-acc-vela-2026-11-27.zip"
    assert MEDIA_TYPES["csv"] == "application/zip"


def test_switching_maps_keeps_the_pages_working(app, tmp_path):
    folder = graphmap.write_sample_map(tmp_path / "other")
    at = open_page(app, PAGES[1])
    at.selectbox(key="map_account").set_value("acc-cobalt").run()
    (folder / "accounts.csv").write_text("account_id,name\nacc-new,New Account\n", encoding="utf-8")
    (folder / "team.csv").write_text("account_id,person_id\n", encoding="utf-8")
    (folder / "connections.csv").write_text("from_id,to_id\n", encoding="utf-8")
    (folder / "people.csv").write_text("person_id,name,side,account_id\nn1,Nia Obi,customer,acc-new\n",
                                       encoding="utf-8")
    at.text_input(key="map_folder").set_value(str(folder)).run()
    assert not at.exception and not at.error
    assert at.selectbox(key="map_account").value == "acc-new"
    assert "Nia Obi" in json.dumps(figures(at)[0])


def moment_script(clock: str) -> None:
    """An app run that writes the moment of an import where the browser is, at the UTC time `clock`."""
    import datetime as dt

    import streamlit as st

    from app_pages.common import user_moment

    moment = user_moment(dt.datetime.fromisoformat(clock))
    st.write(moment.isoformat() if moment else "the server's")


@pytest.mark.parametrize("context, moment", [
    # Sydney keeps summer time in November (UTC+11); the zone's rules, not a fixed offset
    ({"timezone": "Australia/Sydney", "timezone_offset": -660}, "2026-11-30T08:00:00+11:00"),
    ({"timezone": None, "timezone_offset": 300}, "2026-11-29T16:00:00-05:00"),  # only the offset known
    ({}, "the server's"),
])
def test_an_import_is_as_of_the_moment_where_the_user_is(context, moment):
    at = AppTest.from_function(moment_script, args=("2026-11-29T21:00:00+00:00",), default_timeout=60)
    at.context = context
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.markdown[0].value == moment
