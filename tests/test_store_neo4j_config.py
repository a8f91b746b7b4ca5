"""Neo4j connection settings: flags, the environment, and a password that is never shown."""

from __future__ import annotations

import sys

import pytest
from click.testing import CliRunner

from graphmap.cli import cli
from graphmap.exceptions import MissingDependencyError, StoreError
from graphmap.store import open_store
from graphmap.store.neo4j_config import Neo4jSettings

SECRET = "pa55-never-shown"


def test_flags_win_over_the_environment():
    env = {"GRAPHMAP_NEO4J_URI": "bolt://env:7687", "GRAPHMAP_NEO4J_USER": "envuser",
           "GRAPHMAP_NEO4J_DATABASE": "envdb", "GRAPHMAP_NEO4J_PASSWORD": SECRET}
    s = Neo4jSettings.from_env(uri="neo4j://flag:7687", database="flagdb", environ=env)
    assert (s.uri, s.user, s.database, s.password) == ("neo4j://flag:7687", "envuser", "flagdb", SECRET)


def test_defaults_are_user_neo4j_and_the_servers_database():
    s = Neo4jSettings.from_env(environ={"GRAPHMAP_NEO4J_URI": "bolt://h:7687"})
    assert (s.user, s.database, s.password) == ("neo4j", None, None)


def test_a_missing_uri_says_how_to_give_one():
    with pytest.raises(StoreError, match="--neo4j-uri or set GRAPHMAP_NEO4J_URI"):
        Neo4jSettings.from_env(environ={})


def test_the_password_is_in_no_repr_str_or_description():
    s = Neo4jSettings.from_env(environ={"GRAPHMAP_NEO4J_URI": "bolt://h:7687", "GRAPHMAP_NEO4J_PASSWORD": SECRET})
    assert all(SECRET not in text for text in (repr(s), str(s), s.describe(), f"{s!r}", f"{[s]}"))
    assert "password=<set>" in repr(s)


def test_a_uri_of_another_protocol_is_refused_in_one_line(monkeypatch):
    monkeypatch.setenv("GRAPHMAP_NEO4J_PASSWORD", SECRET)
    result = CliRunner().invoke(cli, ["neo4j", "status", "--neo4j-uri", "http://localhost:7474"])
    assert result.exit_code == 2
    assert result.stderr.strip() == ("graphmap: Neo4j at http://localhost:7474: not a Neo4j URI; it must start "
                                     "with one of bolt://, bolt+s://, bolt+ssc://, neo4j://, neo4j+s://, neo4j+ssc://")
    assert SECRET not in result.output


def test_without_the_driver_the_message_says_what_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "neo4j", None)  # what Python does when a package is not installed
    with pytest.raises(MissingDependencyError, match=r"pip install 'graphmap\[neo4j\]'"):
        open_store("neo4j", neo4j=Neo4jSettings("bolt://localhost:7687"))


def test_analyze_from_neo4j_takes_no_map_folder(sample_folder):
    result = CliRunner().invoke(cli, ["analyze", str(sample_folder), "--store", "neo4j"])
    assert result.exit_code == 2 and "give no MAP folder" in result.output


def test_analyze_from_a_folder_needs_the_folder():
    result = CliRunner().invoke(cli, ["analyze"])
    assert result.exit_code == 2 and "missing the MAP folder" in result.output
