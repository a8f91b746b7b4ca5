"""Records, roles, the columnar map and the per-account graph. No I/O here."""

from graphmap.model.accountmap import CANONICAL_COLUMNS, AccountMap
from graphmap.model.graph import account_graph, account_graphs, edge_kind
from graphmap.model.records import Account, Connection, Person, TeamMembership
from graphmap.model.roles import (
    KEY_ROLES,
    ROLE_FIT,
    BuyingRole,
    Side,
    Stance,
    StrategyType,
    SupplierRole,
    normalize_buying_role,
    normalize_supplier_role,
)
from graphmap.model.validation import validate_tables

__all__ = [
    "Account", "AccountMap", "BuyingRole", "CANONICAL_COLUMNS", "Connection", "KEY_ROLES", "Person", "ROLE_FIT",
    "Side", "Stance", "StrategyType", "SupplierRole", "TeamMembership", "account_graph", "account_graphs", "edge_kind",
    "normalize_buying_role", "normalize_supplier_role", "validate_tables",
]
