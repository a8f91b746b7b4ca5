"""The role vocabulary of DESIGN.md §2, and the common spellings importers meet.

`normalize_buying_role` and `normalize_supplier_role` turn what CRMs and people write ("EB",
"Economic Decision Maker", "Tech Buyer", Salesforce's contact-role picklist) into the canonical value.
"""

from __future__ import annotations

import re
from enum import Enum

__all__ = [
    "BuyingRole",
    "SupplierRole",
    "Side",
    "Stance",
    "StrategyType",
    "KEY_ROLES",
    "ROLE_FIT",
    "normalize_buying_role",
    "normalize_supplier_role",
    "normalize_key",
]


class Side(str, Enum):
    """Which team a person is on."""

    SUPPLIER = "supplier"
    CUSTOMER = "customer"


class StrategyType(str, Enum):
    """What an account team is trying to do (the article's three objectives)."""

    PURSUIT = "pursuit"
    GROWTH = "growth"
    DELIVERY = "delivery"


class Stance(str, Enum):
    """How a stakeholder feels about us."""

    SUPPORTER = "supporter"
    NEUTRAL = "neutral"
    DETRACTOR = "detractor"


class SupplierRole(str, Enum):
    """A position on our account team."""

    STRATEGY_OWNER = "strategy_owner"
    ACCOUNT_EXECUTIVE = "account_executive"
    SALES_ENGINEER = "sales_engineer"
    EXECUTIVE_SPONSOR = "executive_sponsor"
    CUSTOMER_SUCCESS = "customer_success"
    DELIVERY = "delivery"
    SPECIALIST = "specialist"
    PARTNER = "partner"
    SALES_MANAGER = "sales_manager"


class BuyingRole(str, Enum):
    """A position on the customer's buying and decision team."""

    ECONOMIC_BUYER = "economic_buyer"
    DECISION_MAKER = "decision_maker"
    TECHNICAL_BUYER = "technical_buyer"
    USER_BUYER = "user_buyer"
    CHAMPION = "champion"
    COACH = "coach"
    INFLUENCER = "influencer"
    GATEKEEPER = "gatekeeper"
    BLOCKER = "blocker"
    UNKNOWN = "unknown"


#: Buying roles that make a stakeholder key whatever their influence.
KEY_ROLES = frozenset({BuyingRole.ECONOMIC_BUYER.value, BuyingRole.DECISION_MAKER.value})

#: The supplier roles that fit each buying role for the alignment check "role fit" (DESIGN §4).
ROLE_FIT: dict[str, frozenset[str]] = {
    BuyingRole.ECONOMIC_BUYER.value: frozenset({"executive_sponsor", "strategy_owner", "account_executive"}),
    BuyingRole.DECISION_MAKER.value: frozenset({"executive_sponsor", "strategy_owner", "account_executive"}),
    BuyingRole.TECHNICAL_BUYER.value: frozenset({"sales_engineer", "specialist"}),
}


def normalize_key(text: str) -> str:
    """Fold a label for lookup: lower case, punctuation and spaces to single underscores.

    >>> normalize_key("  Economic Decision-Maker ")
    'economic_decision_maker'
    """
    return re.sub(r"[^a-z0-9]+", "_", text.strip().lower()).strip("_")


_BUYING_SYNONYMS: dict[str, str] = {
    # economic buyer
    "eb": "economic_buyer", "economic": "economic_buyer", "economic_buyer": "economic_buyer",
    "economic_decision_maker": "economic_buyer", "budget_holder": "economic_buyer",
    "budget_owner": "economic_buyer", "executive_sponsor": "economic_buyer", "signer": "economic_buyer",
    "approver": "economic_buyer", "economic_approver": "economic_buyer",
    # decision maker
    "dm": "decision_maker", "decision_maker": "decision_maker", "decision": "decision_maker",
    "business_decision_maker": "decision_maker", "final_decision_maker": "decision_maker",
    # technical buyer
    "tb": "technical_buyer", "tech_buyer": "technical_buyer", "technical_buyer": "technical_buyer",
    "technical": "technical_buyer", "technical_evaluator": "technical_buyer",
    "technical_decision_maker": "technical_buyer", "evaluator": "technical_buyer",
    # user buyer
    "user": "user_buyer", "user_buyer": "user_buyer", "business_user": "user_buyer", "end_user": "user_buyer",
    "ub": "user_buyer",
    # champion, coach, influencer, gatekeeper, blocker
    "champion": "champion", "internal_champion": "champion",
    "coach": "coach", "mentor": "coach",
    # (legal and compliance shape the decision without owning it, as the title rules have it)
    "influencer": "influencer", "legal": "influencer", "legal_compliance": "influencer",
    "legal_and_compliance": "influencer", "compliance": "influencer", "procurement": "gatekeeper",
    "purchasing": "gatekeeper", "gatekeeper": "gatekeeper",
    "blocker": "blocker", "detractor": "blocker",
    # "Other" (a picklist's catch-all) says nothing: the title is a better guess
    "unknown": "unknown", "": "unknown", "tbd": "unknown", "n_a": "unknown", "none": "unknown", "other": "unknown",
}

_SUPPLIER_SYNONYMS: dict[str, str] = {
    "strategy_owner": "strategy_owner", "quarterback": "strategy_owner", "qb": "strategy_owner",
    "account_executive": "account_executive", "ae": "account_executive", "account_manager": "account_executive",
    "strategic_account_manager": "account_executive", "sam": "account_executive", "sales_rep": "account_executive",
    "sales_engineer": "sales_engineer", "se": "sales_engineer", "solutions_engineer": "sales_engineer",
    "solution_engineer": "sales_engineer", "presales": "sales_engineer", "solutions_architect": "sales_engineer",
    "executive_sponsor": "executive_sponsor", "exec_sponsor": "executive_sponsor", "sponsor": "executive_sponsor",
    "customer_success": "customer_success", "csm": "customer_success",
    "customer_success_manager": "customer_success",
    "delivery": "delivery", "delivery_manager": "delivery", "project_manager": "delivery",
    "professional_services": "delivery",
    "specialist": "specialist", "product_specialist": "specialist", "overlay": "specialist",
    "partner": "partner", "channel_partner": "partner",
    "sales_manager": "sales_manager", "manager": "sales_manager", "sales_director": "sales_manager",
}


def normalize_buying_role(text: str) -> str | None:
    """Map a written buying role to its canonical value, or None when it is not recognised.

    A blank role is ``unknown``.

    >>> normalize_buying_role("Economic Decision Maker")
    'economic_buyer'
    >>> normalize_buying_role("Tech Buyer")
    'technical_buyer'
    >>> normalize_buying_role("astronaut") is None
    True
    """
    return _BUYING_SYNONYMS.get(normalize_key(text))


def normalize_supplier_role(text: str) -> str | None:
    """Map a written supplier role to its canonical value; None when not recognised, "" when blank.

    >>> normalize_supplier_role("SE")
    'sales_engineer'
    >>> normalize_supplier_role("")
    ''
    """
    key = normalize_key(text)
    if not key:
        return ""
    return _SUPPLIER_SYNONYMS.get(key)
