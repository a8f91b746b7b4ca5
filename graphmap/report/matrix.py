"""The coverage matrix of an account: their stakeholders × our members, each cell a connection point.

The findings say what is wrong; the matrix shows the whole picture behind them, as a manager reads it
in an account review: who on our side reaches whom on theirs, how strongly and how recently. Every
report format draws it, so it is computed here once, account by account, from the same integer-coded
arrays the analysis uses (`MapArrays`), so that a portfolio of thousands of accounts costs one pass.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Iterator

import numpy as np
import pandas as pd

from graphmap.analysis.arrays import UNKNOWN_DAYS, MapArrays, group_rows
from graphmap.analysis.findings import Findings
from graphmap.model.accountmap import AccountMap

__all__ = ["CELL_STATUSES", "CoverageMatrix", "MatrixCell", "MatrixMember", "MatrixStakeholder",
           "coverage_matrices"]

#: What a cell can say, best first; ``weak`` wins over ``stale`` as it does for weak links.
CELL_STATUSES = ("healthy", "stale", "weak")


@dataclass(frozen=True, slots=True)
class MatrixMember:
    """A supplier member with a connection into the account, or on its team."""

    person_id: str
    name: str
    role: str
    """Their team role on this account (their own role when they are not on the team or it is blank)."""
    on_team: bool
    """False for a member connected to the account's stakeholders from outside its team."""
    quarterback: bool


@dataclass(frozen=True, slots=True)
class MatrixStakeholder:
    """A stakeholder of the account."""

    person_id: str
    name: str
    title: str
    role: str
    influence: int
    key: bool
    covered: bool
    """At least one healthy connection point reaches them."""


@dataclass(frozen=True, slots=True)
class MatrixCell:
    """The connection point between one member and one stakeholder (the best one, if several)."""

    strength: int
    last_contact: dt.date | None
    days_since_contact: int | None
    status: str
    """``healthy``, ``stale`` or ``weak`` (weak whether or not it is also stale)."""


@dataclass(frozen=True)
class CoverageMatrix:
    """One account's stakeholders (rows, key and influential first) × members (columns, team first)."""

    account_id: str
    name: str
    stakeholders: tuple[MatrixStakeholder, ...]
    members: tuple[MatrixMember, ...]
    cells: dict[tuple[int, int], MatrixCell] = field(repr=False)
    """By (stakeholder position, member position); a pair with no connection point has no cell."""

    def cell(self, stakeholder: int, member: int) -> MatrixCell | None:
        """The cell at these positions, or None when they are not connected."""
        return self.cells.get((stakeholder, member))

    def row(self, stakeholder: int) -> list[MatrixCell | None]:
        """One stakeholder's cells, one per member."""
        return [self.cells.get((stakeholder, m)) for m in range(len(self.members))]


def coverage_matrices(amap: AccountMap, findings: Findings) -> Iterator[CoverageMatrix]:
    """The coverage matrix of every account in `findings`, in the findings' order, one at a time.

    Connection health is judged with the findings' own settings and as-of date, so the matrix and the
    findings always agree.

    Examples
    --------
    >>> import graphmap
    >>> amap = graphmap.read_map(graphmap.write_sample_map(__import__("tempfile").mkdtemp() + "/s"))
    >>> found = graphmap.analyze(amap, as_of=graphmap.SAMPLE_AS_OF, accounts=["acc-vela"])
    >>> matrix = next(coverage_matrices(amap, found))
    >>> [s.name for s in matrix.stakeholders if not s.covered]
    ['Fatima Zahra', 'Yuki Tanaka']
    >>> [m.name for m in matrix.members]
    ['Tom Okafor', 'Aisha Bello', 'Lukas Meyer']
    """
    if len(findings.accounts) < len(amap.accounts):
        # The part of the map the findings were computed on (as `analyze` does), so a one-account report
        # of a large portfolio costs one account.
        amap = amap.subset([found.account_id for found in findings.accounts])
    arrays = MapArrays(amap, findings.settings, findings.as_of)
    positions = arrays.account_index.get_indexer([found.account_id for found in findings.accounts])
    people_order, people_bounds = group_rows(np.where(arrays.is_supplier, arrays.n_accounts,
                                                      arrays.person_account), arrays.n_accounts + 1)
    cp_order, cp_bounds = group_rows(arrays.cp_account, arrays.n_accounts)
    team_order, team_bounds = group_rows(arrays.team_account, arrays.n_accounts)
    # Plain Python lists, converted once: the loop below reads them cell by cell.
    status = np.where(arrays.cp_weak, 2, np.where(arrays.cp_stale, 1, 0)).tolist()
    last = amap.connections["last_contact"].iloc[arrays.cp_row]
    last_contact = [None if pd.isna(day) else day for day in last.dt.date.tolist()] if len(last) else []
    days = arrays.cp_days.tolist()
    strength, cp_supplier, cp_customer = (arrays.cp_strength.tolist(), arrays.cp_supplier.tolist(),
                                          arrays.cp_customer.tolist())
    team_person, team_role = arrays.team_person.tolist(), list(arrays.team_role)
    roles, names, titles, ids = list(arrays.role), list(arrays.names), list(arrays.titles), list(arrays.person_ids)
    influence, is_key, covered = arrays.influence.tolist(), arrays.is_key.tolist(), arrays.covered.tolist()
    owners = arrays.owner.tolist()

    for found, a in zip(findings.accounts, positions.tolist()):
        stakeholders = people_order[people_bounds[a]:people_bounds[a + 1]].tolist()
        stakeholders.sort(key=lambda p: (not is_key[p], -influence[p], names[p]))
        rows = cp_order[cp_bounds[a]:cp_bounds[a + 1]].tolist()
        team_rows = team_order[team_bounds[a]:team_bounds[a + 1]].tolist()
        owner = owners[a]

        member_pos: dict[int, int] = {}
        members: list[MatrixMember] = []

        def add_member(person: int, role: str, on_team: bool) -> None:
            member_pos[person] = len(members)
            members.append(MatrixMember(ids[person], names[person], role or roles[person], on_team,
                                        person == owner))

        # The quarterback first, then the team in the map's order, then anyone connected from outside.
        team_rows.sort(key=lambda t: team_person[t] != owner)
        for t in team_rows:
            if team_person[t] not in member_pos:
                add_member(team_person[t], team_role[t], True)
        for r in rows:
            if cp_supplier[r] not in member_pos:
                add_member(cp_supplier[r], "", False)

        stakeholder_pos = {p: i for i, p in enumerate(stakeholders)}
        cells: dict[tuple[int, int], MatrixCell] = {}
        for r in rows:
            pair = (stakeholder_pos[cp_customer[r]], member_pos[cp_supplier[r]])
            cell = MatrixCell(strength[r], last_contact[r], None if days[r] == UNKNOWN_DAYS else days[r],
                              CELL_STATUSES[status[r]])
            # Several rows for one pair: show the best (healthiest, strongest, most recent) one.
            if pair not in cells or _rank(cell) > _rank(cells[pair]):
                cells[pair] = cell

        yield CoverageMatrix(
            found.account_id, found.name,
            tuple(MatrixStakeholder(ids[p], names[p], titles[p], roles[p], influence[p], is_key[p], covered[p])
                  for p in stakeholders),
            tuple(members), cells)


def _rank(cell: MatrixCell) -> tuple[int, int, int]:
    return (-CELL_STATUSES.index(cell.status), cell.strength,
            -cell.days_since_contact if cell.days_since_contact is not None else 0)
