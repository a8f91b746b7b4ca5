"""The Neo4j store against a real server: push, pull, updates, failures, an interrupted push."""

from __future__ import annotations

import logging

import pytest
from click.testing import CliRunner

import graphmap
from graphmap.cli import cli
from graphmap.exceptions import StoreError, UnknownAccountError
from graphmap.generate import write_generated_map
from graphmap.store import merge_maps, open_neo4j_store
from graphmap.store.neo4j_config import Neo4jSettings
from graphmap.store.neo4j_push import ensure_schema
from tests.store_helpers import AS_OF, assert_same_map, graph_dump, neo4j_env, settings_of, store, wipe  # noqa: F401

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("gen") / "map"
    write_generated_map(folder, 80, seed=7, as_of=AS_OF)
    return graphmap.read_map(folder)


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


# -- push and pull -------------------------------------------------------------------------------

def test_push_then_pull_gives_the_same_map_with_its_extra_columns(store, sample_map):
    store.push(sample_map)
    pulled = store.load()
    assert_same_map(pulled, sample_map)
    assert pulled.account("acc-cobalt").extra == {"industry": "Mining", "region": "EMEA"}


def test_push_then_pull_of_a_generated_portfolio(store, generated):
    store.push(generated, batch_size=700)
    assert_same_map(store.load(), generated)


def test_a_second_push_of_the_same_map_changes_nothing(store, sample_map):
    store.push(sample_map)
    first = graph_dump(store)
    store.push(sample_map, batch_size=7)
    assert graph_dump(store) == first


def test_the_id_constraints_exist_and_are_created_idempotently(store):
    ensure_schema(store)
    ensure_schema(store)
    found = {(tuple(r["labelsOrTypes"]), tuple(r["properties"]), r["type"])
             for r in store.run("SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type")}
    assert {(("Account",), ("account_id",), "UNIQUENESS"), (("Person",), ("person_id",), "UNIQUENESS")} <= found


def test_pulling_some_accounts_gives_what_subset_gives(store, sample_map):
    store.push(sample_map)
    assert_same_map(store.load(["acc-vela", "acc-orion"]), sample_map.subset(["acc-vela", "acc-orion"]))


def test_pulling_an_account_the_database_lacks_names_it(store, sample_map):
    store.push(sample_map)
    with pytest.raises(UnknownAccountError, match="acc-nope"):
        store.load(["acc-vela", "acc-nope"])


def test_pushing_one_account_replaces_what_changed_there_and_keeps_the_rest(store, sample_map):
    store.push(sample_map)
    people = sample_map.people
    vela_people = set(people.loc[people["account_id"] == "acc-vela", "person_id"])
    gone = sorted(vela_people)[0]
    conns = sample_map.connections
    edited = sample_map.with_tables(
        people=people[people["person_id"] != gone].assign(
            reports_to=lambda p: p["reports_to"].where(p["reports_to"] != gone, "")),
        connections=conns[(conns["from_id"] != gone) & (conns["to_id"] != gone)].assign(
            strength=conns["strength"].where(~conns["to_id"].isin(vela_people), 5)),
        team=sample_map.team[~((sample_map.team["account_id"] == "acc-vela")
                               & (sample_map.team["person_id"] == sample_map.team.loc[
                                   sample_map.team["account_id"] == "acc-vela", "person_id"].iloc[0]))])
    store.push(edited, ["acc-vela"])
    after = store.load()
    assert_same_map(after, merge_maps(sample_map, edited.subset(["acc-vela"])))
    assert gone not in set(after.people["person_id"])
    assert_same_map(after.subset(["acc-cobalt"]), sample_map.subset(["acc-cobalt"]))


def test_pushing_an_edited_whole_map_gives_exactly_that_map(store, generated):
    store.push(generated)
    conns = generated.connections
    edited = generated.with_tables(connections=conns.iloc[::2],
                                   people=generated.people.assign(title=generated.people["title"] + " (new)"))
    store.push(edited)
    assert_same_map(store.load(), edited)


def test_a_connection_reversed_in_the_map_is_reversed_in_the_database(store, sample_map):
    store.push(sample_map)
    first = sample_map.connections.iloc[0]
    flipped = sample_map.connections.copy()
    flipped.loc[flipped.index[0], ["from_id", "to_id"]] = [first["to_id"], first["from_id"]]
    edited = sample_map.with_tables(connections=flipped)
    store.push(edited)
    assert_same_map(store.load(), edited)


# -- the command line ----------------------------------------------------------------------------

def test_cli_push_status_pull_round_trip(neo4j_env, sample_folder, tmp_path, sample_map):
    with open_neo4j_store(settings_of(neo4j_env)) as opened:
        wipe(opened)
    pushed = run("neo4j", "push", str(sample_folder), "--batch-size", "10")
    assert pushed.exit_code == 0, pushed.output
    assert "connections" in pushed.stderr  # the progress bar
    assert pushed.stdout.startswith(f"pushed {sample_folder} to Neo4j at {neo4j_env.uri}: 5 accounts, 35 people")
    status = run("neo4j", "status")
    assert status.exit_code == 0
    assert "5 accounts, 35 people, 16 team memberships, 41 connections" in status.stdout
    pulled = run("neo4j", "pull", str(tmp_path / "out"))
    assert pulled.exit_code == 0, pulled.output
    assert_same_map(graphmap.read_map(tmp_path / "out"), sample_map)
    one = run("neo4j", "pull", str(tmp_path / "vela"), "--account", "acc-vela")
    assert one.exit_code == 0 and graphmap.read_map(tmp_path / "vela").account_ids == ["acc-vela"]


def test_a_wrong_password_is_one_line_naming_the_uri(neo4j_env, monkeypatch):
    monkeypatch.setenv("GRAPHMAP_NEO4J_PASSWORD", "not-the-password-xyz")
    result = run("neo4j", "status")
    assert result.exit_code == 2
    assert result.stderr == (f"graphmap: Neo4j at {neo4j_env.uri}: authentication failed for user 'neo4j'; "
                             "check the user and GRAPHMAP_NEO4J_PASSWORD\n")
    assert "not-the-password-xyz" not in result.output


def test_a_missing_database_is_one_line_naming_the_uri_and_database(neo4j_env):
    result = run("neo4j", "pull", "unused-out", "--neo4j-database", "nosuchdb")
    assert result.exit_code == 2
    assert result.stderr == (f"graphmap: Neo4j at {neo4j_env.uri} (database 'nosuchdb'): database 'nosuchdb' "
                             "does not exist on this server\n")


def test_the_password_is_never_printed_or_logged(neo4j_env, sample_folder, tmp_path, caplog, monkeypatch):
    monkeypatch.setattr(logging.getLogger("neo4j"), "propagate", True)
    caplog.set_level(logging.DEBUG, logger="neo4j")
    password = neo4j_env.password
    with open_neo4j_store(Neo4jSettings.from_env()) as opened:
        opened.push(graphmap.read_map(sample_folder))
        opened.load()
        assert password not in repr(opened) + repr(opened.settings) + opened.location
    outputs = [run("neo4j", "push", str(sample_folder)), run("neo4j", "status"),
               run("neo4j", "pull", str(tmp_path / "out")),
               run("analyze", "--store", "neo4j", "--as-of", "2026-11-27", "--format", "json")]
    assert all(r.exit_code == 0 for r in outputs)
    assert "LOGON" in caplog.text or "HELLO" in caplog.text  # the driver's debug log was captured
    assert password not in caplog.text
    assert all(password not in r.output for r in outputs)
    assert all(password not in p.read_text() for p in (tmp_path / "out").iterdir())


# -- a push interrupted by the server dying ------------------------------------------------------

def test_a_push_cut_by_a_dying_server_completes_on_the_rerun(neo4j_server_factory, generated):
    server = neo4j_server_factory()  # a server of this test's own: it is killed on purpose
    settings = settings_of(server)

    def kill_midway(stage: str, done: int, total: int) -> None:
        if stage == "connections" and done >= total // 3 and done > 0:
            server.kill()

    opened = open_neo4j_store(settings, retry_seconds=2)
    try:
        with pytest.raises(StoreError, match=f"Neo4j at {server.uri}: "):
            opened.push(generated, batch_size=500, progress=kill_midway)
    finally:
        opened.close()
    # While the server is down: one clear line, no traceback.
    down = CliRunner().invoke(cli, ["neo4j", "status", "--neo4j-uri", server.uri])
    assert down.exit_code == 2
    assert down.stderr == f"graphmap: Neo4j at {server.uri}: cannot connect: the server is down or unreachable\n"

    server.restart()  # same data directory, same port
    with open_neo4j_store(settings_of(server)) as opened:
        partial = opened.status()
        assert 0 < partial.connections < len(generated.connections)  # the first push was cut midway
        opened.push(generated, batch_size=500)
        rerun = graph_dump(opened)
        assert_same_map(opened.load(), generated)
        wipe(opened)
        opened.push(generated, batch_size=500)
        assert graph_dump(opened) == rerun
