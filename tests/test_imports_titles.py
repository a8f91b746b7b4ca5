"""Buying roles from job titles and from the CRMs' picklists."""

from __future__ import annotations

import pandas as pd
import pytest

from graphmap.imports.contacts import export_roles
from graphmap.imports.titles import TITLE_RULES, role_from_title


@pytest.mark.parametrize("title, role", [
    ("CFO", "economic_buyer"),
    ("VP Finance", "economic_buyer"),
    ("Chief Financial Officer", "economic_buyer"),
    ("Financial Controller", "economic_buyer"),
    ("CEO", "economic_buyer"),
    ("Managing Director", "economic_buyer"),
    ("CIO", "technical_buyer"),
    ("Chief Technology Officer", "technical_buyer"),
    ("IT Director", "technical_buyer"),
    ("Head of IT", "technical_buyer"),
    ("Enterprise Architect", "technical_buyer"),
    ("CISO", "technical_buyer"),
    ("COO", "decision_maker"),
    ("VP Operations", "decision_maker"),
    ("Director of Operations", "decision_maker"),
    ("Head of Safety", "decision_maker"),
    ("Procurement Lead", "gatekeeper"),
    ("Executive Assistant to the CEO", "gatekeeper"),
    ("General Counsel", "influencer"),
    ("Fleet Operations Manager", "user_buyer"),
    ("Data Analyst", "technical_buyer"),
    ("Astronaut", "unknown"),
    ("", "unknown"),
])
def test_title_rules(title, role):
    assert role_from_title(title) == role


def test_every_rule_is_documented():
    from pathlib import Path

    doc = (Path(__file__).resolve().parent.parent / "docs" / "imports.md").read_text()
    for _, role, words in TITLE_RULES:
        assert words in doc, f"docs/imports.md lacks the title rule {words!r} ({role})"


@pytest.mark.parametrize("value, role", [
    ("Economic Buyer", "economic_buyer"),
    ("Economic Decision Maker", "economic_buyer"),
    ("Budget Holder", "economic_buyer"),
    ("Technical Buyer", "technical_buyer"),
    ("Evaluator", "technical_buyer"),
    ("Business User", "user_buyer"),
    ("End User", "user_buyer"),
    ("Decision Maker", "decision_maker"),
    ("Influencer", "influencer"),
    ("Champion", "champion"),
    ("Executive Sponsor", "economic_buyer"),
    ("Blocker", "blocker"),
    ("Legal", "influencer"),
    ("Legal & Compliance", "influencer"),  # HubSpot's default picklist
    ("Other", ""),  # a catch-all says nothing: the title decides
    ("Other;Champion", "champion"),
    ("Decision Maker;Champion", "decision_maker"),
])
def test_crm_picklist_values_map_to_buying_roles(value, role):
    roles, unknown = export_roles(pd.Series([value]))
    assert roles.tolist() == [role] and not unknown.any()


def test_an_unknown_picklist_value_is_flagged_not_guessed():
    roles, unknown = export_roles(pd.Series(["Astronaut", ""]))
    assert roles.tolist() == ["", ""]
    assert unknown.tolist() == [True, False]
