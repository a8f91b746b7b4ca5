"""Buying roles inferred from job titles, by documented rules (docs/imports.md, "Title rules").

A role read from an export always wins over one inferred here, and a role typed in the map wins over
both; an inferred role is marked ``role_source = title`` so that the user can see and override it.
The rules are tried in order and the first that matches gives the role.
"""

from __future__ import annotations

import re

import pandas as pd

__all__ = ["TITLE_RULES", "role_from_title", "roles_from_titles"]

#: (pattern on the lower-cased title, buying role, the rule in words). Order matters: first match wins.
TITLE_RULES: tuple[tuple[str, str, str], ...] = (
    (r"\b(executive |personal )?assistant\b|\bchief of staff\b|\boffice manager\b|\breceptionist\b",
     "gatekeeper", "assistants, chiefs of staff and office managers guard access"),
    (r"\bprocurement\b|\bpurchasing\b|\bsourcing\b|\bbuyer\b|\bvendor management\b|\bcategory manager\b",
     "gatekeeper", "procurement and purchasing run the buying process"),
    (r"\bcfo\b|\bchief financial\b|\bfinance\b|\bfinancial\b|\bcontroller\b|\btreasurer\b|\bbudget\b",
     "economic_buyer", "CFO, VP or director of finance, controller: they own the budget"),
    (r"\bceo\b|\bchief executive\b|\bpresident\b|\bmanaging director\b|\bgeneral manager\b|\bowner\b"
     r"|\bfounder\b|\bmanaging partner\b",
     "economic_buyer", "CEO, president, managing director, general manager, founder"),
    (r"\bcio\b|\bcto\b|\bciso\b|\bcdo\b|\bchief (information|technology|technical|security|data|digital)\b"
     r"|\bit\b|\binformation technology\b|\barchitect|\bengineer|\bsecurity\b|\binfrastructure\b"
     r"|\bdevops\b|\bdeveloper\b|\bdata\b|\bsystems?\b|\bsoftware\b|\btechnology\b|\btechnical\b",
     "technical_buyer", "CIO, CTO, CISO, IT director or manager, architect, engineer, security, data"),
    (r"\blegal\b|\bcounsel\b|\battorney\b|\bcompliance\b|\brisk\b|\bconsultant\b|\badvisor\b",
     "influencer", "legal, compliance, risk and advisers shape the decision without owning it"),
    (r"\bc[a-z]o\b|\bchief\b|\bexecutive vice president\b|\bsenior vice president\b|\bevp\b|\bsvp\b"
     r"|\bvice president\b|\bvp\b|\bhead of\b|\bdirector\b",
     "decision_maker", "other chiefs, vice presidents, heads and directors decide for their area"),
    (r"\bmanager\b|\blead\b|\bsupervisor\b|\banalyst\b|\bcoordinator\b|\bspecialist\b|\boperator\b"
     r"|\bplanner\b|\bnurse\b|\bclinician\b|\bdispatcher\b|\buser\b|\bsuperintendent\b",
     "user_buyer", "managers, leads, analysts and specialists use what is bought"),
)

_COMPILED = tuple((re.compile(pattern), role) for pattern, role, _ in TITLE_RULES)


def role_from_title(title: str) -> str:
    """The buying role a job title suggests, or ``unknown`` when no rule matches.

    >>> role_from_title("VP Finance")
    'economic_buyer'
    >>> role_from_title("Chief Information Officer")
    'technical_buyer'
    >>> role_from_title("Executive Assistant to the CEO")
    'gatekeeper'
    >>> role_from_title("Astronaut")
    'unknown'
    """
    text = " ".join(title.lower().replace("&", " and ").replace("/", " ").split())
    for pattern, role in _COMPILED:
        if pattern.search(text):
            return role
    return "unknown"


def roles_from_titles(titles: pd.Series) -> pd.Series:
    """`role_from_title` of each title, computed once per distinct title."""
    from graphmap.imports.normalize import per_unique

    return per_unique(titles.fillna(""), lambda title: role_from_title(str(title)))
