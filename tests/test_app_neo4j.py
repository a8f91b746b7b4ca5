"""The app opening a map from Neo4j (sidebar), against the real test server (tests/conftest_neo4j.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.store_helpers import neo4j_env, store  # noqa: F401  (fixtures)

pytestmark = pytest.mark.neo4j

ROOT = Path(__file__).resolve().parent.parent


def shown_text(at: AppTest) -> str:
    """Everything the run shows as text: messages, markdown, captions, tables, and the inputs' values except the
    password field's (masked by the browser)."""
    parts = [e.value for kind in ("error", "info", "success", "warning", "markdown", "caption", "title")
             for e in getattr(at, kind)]
    parts += [str(t.value) for t in at.sidebar.text_input if t.key != "neo4j_password"]
    parts += [df.value.to_csv() for df in at.dataframe]
    return "\n".join(map(str, parts))


@pytest.fixture
def app(monkeypatch) -> AppTest:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("GRAPHMAP_MAP", raising=False)
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)


def test_the_app_opens_the_map_pushed_to_neo4j(app, store, neo4j_env, sample_map):  # noqa: F811
    store.push(sample_map)
    at = app.run()
    at.sidebar.radio(key="map_source").set_value("neo4j").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.sidebar.text_input(key="neo4j_uri").value == neo4j_env.uri
    text = shown_text(at)
    assert f"Neo4j {neo4j_env.uri}" in text and "Vela Logistics" in text and "Fatima Zahra" in text
    assert neo4j_env.password not in text
    assert at.sidebar.text_input(key="neo4j_password").value == ""  # the password is never put in the field
    # The other pages work on the same map.
    at.switch_page("app_pages/plan.py").run()
    assert not at.exception
    at.selectbox(key="plan_account").set_value("acc-cobalt").run()
    assert "Priya Natarajan" in shown_text(at)


def test_a_wrong_password_shows_one_line_and_no_secret(app, store, neo4j_env):  # noqa: F811
    at = app.run()
    at.sidebar.radio(key="map_source").set_value("neo4j").run()
    at.sidebar.text_input(key="neo4j_password").input("not-the-password").run()
    assert not at.exception, [e.value for e in at.exception]
    message = at.error[0].value
    assert "authentication failed" in message and neo4j_env.uri in message
    assert "not-the-password" not in shown_text(at) and neo4j_env.password not in shown_text(at)
    assert at.sidebar.text_input(key="neo4j_password").proto.type == 1  # a password field: masked


def test_no_uri_asks_for_one(app, monkeypatch):
    monkeypatch.delenv("GRAPHMAP_NEO4J_URI", raising=False)
    at = app.run()
    at.sidebar.radio(key="map_source").set_value("neo4j").run()
    assert not at.exception
    assert "Type the Neo4j URI" in at.info[0].value
