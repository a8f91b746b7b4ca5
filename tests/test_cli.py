"""The command line as a user runs it: exit codes, messages, JSON against the documented schema."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from graphmap.cli import COMMAND_MODULES, cli
from graphmap.report.jsonfmt import findings_schema

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = str(ROOT / "data" / "sample")


def run(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_analyze_json_follows_the_schema_and_design(as_of):
    result = run("analyze", SAMPLE, "--as-of", str(as_of), "--format", "json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    jsonschema.validate(doc, findings_schema())
    assert doc["as_of"] == "2026-11-27"
    vela = next(a for a in doc["accounts"] if a["account_id"] == "acc-vela")
    assert vela["uncovered"][0] == {"person_id": "vl2", "name": "Fatima Zahra", "title": "Head of Finance",
                                    "role": "economic_buyer", "influence": 4, "key": True, "reason": "no_connection"}
    assert vela["alignment"]["score"] == 0.2857
    assert [c["id"] for c in vela["alignment"]["checks"]] == [
        "quarterback_named", "roles_defined", "members_connected", "strategy_set", "quarterback_in_touch",
        "key_stakeholders_covered", "role_fit"]
    cobalt = next(a for a in doc["accounts"] if a["account_id"] == "acc-cobalt")
    assert cobalt["heroes"][0]["critical_for"] == [{"person_id": "cm1", "name": "Helen Brandt"},
                                                   {"person_id": "cm2", "name": "Raj Malhotra"}]
    assert cobalt["weak_links"][0] == {
        "supplier_id": "s03", "supplier_name": "Priya Natarajan", "customer_id": "cm1",
        "customer_name": "Helen Brandt", "strength": 2, "last_contact": "2026-10-01", "days_since_contact": 57,
        "reason": "weak"}
    assert doc["portfolio"]["heroes"][0]["hero_accounts"] == ["acc-cobalt", "acc-orion", "acc-kestrel"]


def test_analyze_one_account_and_thresholds(as_of):
    result = run("analyze", SAMPLE, "--as-of", str(as_of), "--format", "json", "--account", "acc-harbor",
                 "--stale-days", "200")
    doc = json.loads(result.stdout)
    assert [a["account_id"] for a in doc["accounts"]] == ["acc-harbor"]
    assert doc["settings"]["stale_days"] == 200
    # With a 200-day window Samuel Park's contacts are recent again: only the weak one is uncovered.
    assert [u["name"] for u in doc["accounts"][0]["uncovered"]] == ["Carlos Mendes"]


def test_analyze_table_is_readable(as_of):
    result = CliRunner(env={"COLUMNS": "160"}).invoke(cli, ["analyze", SAMPLE, "--as-of", str(as_of)])
    assert result.exit_code == 0
    out = result.stdout
    for text in ("Vela Logistics (acc-vela)", "Fatima Zahra", "no_connection", "Dana Reyes", "FAIL",
                 "riskiest first", "hero_on_many_accounts"):
        assert text in out


def test_malformed_map_exits_2_with_one_line_per_fault(sample_folder):
    people = sample_folder / "people.csv"
    people.write_text(people.read_text().replace("s02,Marcus Chen,supplier", "s02,Marcus Chen,vendor"))
    conns = sample_folder / "connections.csv"
    conns.write_text(conns.read_text().replace("s01,cm1,4,2026-11-10", "s01,cm1,9,2026-11-10"))
    result = subprocess.run([sys.executable, "-m", "graphmap", "analyze", str(sample_folder)],
                            capture_output=True, text=True)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[0] == f"graphmap: {sample_folder}: 4 faults in the map"
    assert lines[1] == "people.csv, row 3, column side: 'vendor': unknown side; accepted: supplier, customer"
    assert lines[-1] == ("connections.csv, row 2, column strength: '9': strength must be 1 to 5 or "
                         "weak/medium/strong (blank = 3)")
    assert result.stdout == ""


def test_validate_counts_a_map_of_one_account_in_words(tmp_path):
    (tmp_path / "accounts.csv").write_text("account_id,name\na1,Cobalt\n")
    (tmp_path / "people.csv").write_text("person_id,name,side,account_id\nc1,Lee,customer,a1\ns1,Ana,supplier,\n")
    (tmp_path / "connections.csv").write_text("from_id,to_id\ns1,c1\n")
    assert run("validate", str(tmp_path)).stdout == (f"{tmp_path}: valid: 1 account, 2 people, "
                                                     "0 team memberships, 1 connection\n")


def test_validate_sample_and_usage_errors(tmp_path):
    assert run("validate", SAMPLE).stdout.startswith(f"{SAMPLE}: valid: 5 accounts, 35 people")
    assert run("sample", str(tmp_path / "s")).exit_code == 0
    assert (tmp_path / "s" / "people.csv").exists()
    again = run("sample", str(tmp_path / "s"))
    assert again.exit_code == 2 and "exists and is not empty" in again.stderr
    assert run("analyze", SAMPLE, "--as-of", "27/11/2026").exit_code == 2
    assert run("analyze", SAMPLE, "--hero-share", "1.5").exit_code == 2
    unknown = run("analyze", SAMPLE, "--account", "acc-nope")
    assert unknown.exit_code == 2 and "account 'acc-nope' is not in the map" in unknown.stderr
    missing = run("analyze", str(tmp_path / "nowhere"))
    assert missing.exit_code == 2 and "no such map folder" in missing.stderr


def test_generate_writes_a_valid_reproducible_map(tmp_path):
    first = run("generate", str(tmp_path / "a"), "--accounts", "30", "--seed", "7", "--as-of", "2026-11-27")
    run("generate", str(tmp_path / "b"), "--accounts", "30", "--seed", "7", "--as-of", "2026-11-27")
    assert first.exit_code == 0 and "30 accounts" in first.stdout
    for name in ("accounts.csv", "people.csv", "team.csv", "connections.csv"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    result = run("analyze", str(tmp_path / "a"), "--as-of", "2026-11-27", "--format", "json")
    doc = json.loads(result.stdout)
    jsonschema.validate(doc, findings_schema())
    assert len(doc["accounts"]) == 30
    assert any(a["uncovered"] for a in doc["accounts"]) and any(a["heroes"] for a in doc["accounts"])


@pytest.mark.parametrize("command", cli.list_commands(None))
def test_every_command_is_documented_in_the_readme(command):
    readme = (ROOT / "README.md").read_text()
    assert f"graphmap {command}" in readme


def test_every_command_module_is_listed_and_defines_its_commands():
    import importlib

    for command, module in COMMAND_MODULES.items():
        importlib.import_module(f"graphmap.cli.{module}")
        assert command in cli.commands, f"graphmap.cli.{module} does not define {command!r}"
    assert set(cli.commands) == set(COMMAND_MODULES)


def test_console_script_runs():
    script = Path(sys.executable).parent / "graphmap"  # installed beside the interpreter that runs the tests
    result = subprocess.run([str(script), "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("graphmap, version")


def test_streamed_json_is_the_same_document_as_the_library_gives(as_of, sample_findings):
    from graphmap.report.jsonfmt import findings_dict

    result = run("analyze", SAMPLE, "--as-of", str(as_of), "--format", "json")
    assert json.loads(result.stdout) == findings_dict(sample_findings)
    assert len(result.stdout.splitlines()) == len(sample_findings.accounts) + 4  # one account per line
