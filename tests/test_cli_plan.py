"""``graphmap paths``, ``plan``, ``whatif`` and ``diff`` as a user runs them: exit codes, messages, JSON schemas."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from graphmap.cli import cli
from graphmap.report.planjson import plan_schema

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = str(ROOT / "data" / "sample")
DAY = "2026-11-27"


def run(*args: str):
    return CliRunner(env={"COLUMNS": "200"}).invoke(cli, list(args), catch_exceptions=False)


def run_json(schema: str, *args: str) -> dict:
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    jsonschema.validate(doc, plan_schema(schema))
    return doc


@pytest.mark.parametrize("name", ["paths", "plan", "diff"])
def test_schemas_are_valid_draft_2020_12(name):
    jsonschema.Draft202012Validator.check_schema(plan_schema(name))


def test_paths_json(as_of):
    doc = run_json("paths", "paths", SAMPLE, "--account", "acc-cobalt", "--as-of", DAY)
    assert [t["name"] for t in doc["targets"]] == ["Helen Brandt", "Raj Malhotra"]
    best = doc["targets"][1]["paths"][0]
    assert (best["member_name"], best["strength"], [s["person_id"] for s in best["steps"]]) == (
        "Marcus Chen", 1.0, ["s01", "cm2"])
    one = run_json("paths", "paths", SAMPLE, "--account", "acc-vela", "--to", "vl1", "--as-of", DAY, "--max-hops", "2")
    assert [t["gap"] for t in one["targets"]] == ["single_thread"] and one["max_hops"] == 2


def test_plan_json_and_capacity():
    doc = run_json("plan", "plan", SAMPLE, "--as-of", DAY)
    assert (doc["assigned"], doc["unassigned"]) == (4, 6)
    cobalt = doc["accounts"][0]
    assert [(a["gap"]["name"], a["member_name"]) for a in cobalt["assignments"]] == [
        ("Helen Brandt", "Priya Natarajan"), ("Raj Malhotra", "Priya Natarajan")]
    tight = run_json("plan", "plan", SAMPLE, "--as-of", DAY, "--capacity", "2")
    assert all(m["load_after"] <= 2 for m in tight["members"])
    assert {u["reason"] for a in tight["accounts"] for u in a["unassigned"]} >= {"at_capacity"}
    only = run_json("plan", "plan", SAMPLE, "--as-of", DAY, "--account", "acc-orion")
    assert [a["account_id"] for a in only["accounts"]] == ["acc-orion"]


def test_whatif_removing_dana_reyes():
    doc = run_json("diff", "whatif", SAMPLE, "--remove", "s01", "--as-of", DAY)
    cobalt = next(a for a in doc["accounts"] if a["account_id"] == "acc-cobalt")
    assert [p["name"] for p in cobalt["lost"]] == ["Helen Brandt", "Raj Malhotra"]
    assert cobalt["verdict"] == "decayed"
    assert doc["changes"] == {"removed": ["s01"], "added": []}
    assert doc["decayed"] == ["acc-cobalt", "acc-kestrel"]
    # At Orion the role-fit check passes only because the buyers it was about are now uncovered: mixed.
    orion = next(a for a in doc["accounts"] if a["account_id"] == "acc-orion")
    assert (orion["verdict"], orion["checks_passing"], len(orion["lost"])) == ("mixed", ["role_fit"], 4)


def test_whatif_adding_a_connection():
    doc = run_json("diff", "whatif", SAMPLE, "--add", "s03:cm2:5", "--add", "s03:cm1", "--as-of", DAY,
                   "--account", "acc-cobalt")
    (cobalt,) = doc["accounts"]
    assert [t["name"] for t in cobalt["single_threads_resolved"]] == ["Helen Brandt", "Raj Malhotra"]
    assert doc["changes"]["added"] == [
        {"supplier_id": "s03", "customer_id": "cm2", "strength": 5, "last_contact": DAY},
        {"supplier_id": "s03", "customer_id": "cm1", "strength": 4, "last_contact": DAY}]


def test_diff_one_map_at_two_dates_and_two_snapshots(tmp_path, sample_folder):
    doc = run_json("diff", "diff", SAMPLE, SAMPLE, "--old-as-of", "2026-09-01", "--as-of", DAY)
    assert doc["decayed"] == ["acc-harbor", "acc-orion"]
    # A newer snapshot in which Priya Natarajan met Samuel Park last week.
    conns = sample_folder / "connections.csv"
    conns.write_text(conns.read_text().replace("s03,hh2,3,2026-07-01,", "s03,hh2,4,2026-11-20,"))
    doc = run_json("diff", "diff", SAMPLE, str(sample_folder), "--as-of", DAY, "--account", "acc-harbor")
    (harbor,) = doc["accounts"]
    assert harbor["verdict"] == "improved"
    assert [p["name"] for p in harbor["newly_covered"]] == ["Samuel Park"]


def test_diff_an_account_new_in_the_newer_snapshot(sample_folder):
    accounts = sample_folder / "accounts.csv"
    accounts.write_text(accounts.read_text() + "acc-new,Nova Freight,,,,Logistics,EMEA\n")
    doc = run_json("diff", "diff", SAMPLE, str(sample_folder), "--as-of", DAY, "--account", "acc-new")
    assert [(a["account_id"], a["status"], a["verdict"]) for a in doc["accounts"]] == [
        ("acc-new", "added", "unchanged")]
    doc = run_json("diff", "diff", str(sample_folder), SAMPLE, "--as-of", DAY, "--account", "acc-new",
                   "--account", "acc-vela")
    assert [(a["account_id"], a["status"]) for a in doc["accounts"]] == [("acc-vela", "compared"),
                                                                         ("acc-new", "removed")]


def test_tables_are_readable():
    result = run("plan", SAMPLE, "--as-of", DAY)
    assert result.exit_code == 0
    assert "Priya Natarajan" in result.output and "no_fitting_member" in result.output
    result = run("paths", SAMPLE, "--account", "acc-vela", "--as-of", DAY)
    assert "Aisha Bello → Tom Okafor → Thomas Becker" in result.output
    assert "no warm path from the team" in result.output
    result = run("diff", SAMPLE, SAMPLE, "--old-as-of", "2026-09-01", "--as-of", DAY)
    assert "lost (now uncovered): Samuel Park" in result.output
    result = run("whatif", SAMPLE, "--remove", "s01", "--as-of", DAY)
    assert "What if" in result.output and "Helen Brandt, Raj Malhotra" in result.output


@pytest.mark.parametrize("args, message", [
    (["paths", SAMPLE, "--account", "nope"], "account 'nope' is not in the map"),
    (["paths", SAMPLE, "--account", "acc-vela", "--to", "cm1"], "'cm1' is not a stakeholder of account 'acc-vela'"),
    (["plan", SAMPLE, "--account", "nope"], "account 'nope' is not in the map"),
    (["plan", SAMPLE, "--capacity", "0"], "capacity: 0 is out of range"),
    (["whatif", SAMPLE, "--remove", "zz"], "member to remove 'zz' is not a person_id of the map"),
    (["whatif", SAMPLE, "--add", "s01"], "expected MEMBER:STAKEHOLDER"),
    (["whatif", SAMPLE, "--add", "s01:cm5:9"], "strength '9' must be 1 to 5"),
    (["whatif", SAMPLE], "give at least one --remove or --add"),
    (["diff", SAMPLE, SAMPLE, "--old-as-of", "2026-13-01"], "is not an ISO date"),
    (["diff", SAMPLE, SAMPLE, "--account", "nope"], "account 'nope' is not in the map"),
    (["diff", SAMPLE, "no/such/folder"], "no/such/folder"),
])
def test_bad_input_exits_2_with_one_clear_message(args, message):
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize("command, schema", [("paths", "paths"), ("plan", "plan"), ("whatif", "diff"),
                                             ("diff", "diff")])
def test_each_command_and_its_schema_is_documented(command, schema):
    doc = (ROOT / "docs" / "plan.md").read_text()
    assert f"graphmap {command} " in doc
    assert f"graphmap/report/{schema}.schema.json" in doc
    assert (ROOT / "graphmap" / "report" / f"{schema}.schema.json").is_file()
    assert "## How a coach uses them" in doc
