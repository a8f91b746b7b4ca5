"""Small hand-made maps for rule tests: one account, a few people, connections given inline."""

from __future__ import annotations

import datetime as dt

from graphmap.model import Account, AccountMap, Connection, Person, TeamMembership

AS_OF = dt.date(2026, 11, 27)


def days_ago(n: int) -> dt.date:
    return AS_OF - dt.timedelta(days=n)


def build_map(
    connections: list[tuple[str, str, int, dt.date | None]],
    customers: dict[str, tuple[str, int]] | None = None,
    suppliers: dict[str, str] | None = None,
    team: dict[str, str] | None = None,
    owner: str = "s1",
    strategy: tuple[str, str] = ("pursuit", "Win the platform deal"),
    responsibilities: str = "Owns the relationships assigned",
    extra_accounts: list[Account] = (),
    extra_people: list[Person] = (),
    extra_team: list[TeamMembership] = (),
) -> AccountMap:
    """One account ``a1``; `customers` maps id -> (role, influence), `suppliers` id -> role,
    `team` id -> team role (default: every supplier on the team with their own role)."""
    customers = customers or {"c1": ("economic_buyer", 5)}
    suppliers = suppliers or {"s1": "account_executive"}
    team = team if team is not None else dict(suppliers)
    people = [Person(s, f"Member {s}", "supplier", role=r) for s, r in suppliers.items()]
    people += [Person(c, f"Stakeholder {c}", "customer", account_id="a1", role=r, influence=i)
               for c, (r, i) in customers.items()]
    return AccountMap.from_records(
        accounts=[Account("a1", "Acme", owner, *strategy), *extra_accounts],
        people=[*people, *extra_people],
        team=[TeamMembership("a1", s, r, responsibilities) for s, r in team.items()] + list(extra_team),
        connections=[Connection(a, b, strength, last) for a, b, strength, last in connections],
    )
