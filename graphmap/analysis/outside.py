"""Connections from outside the team: hidden relationships the account team could use."""

from __future__ import annotations

import numpy as np

from graphmap.analysis.arrays import MapArrays
from graphmap.analysis.findings import OutsideTeamConnection, PersonRef

__all__ = ["outside_team_connections"]


def outside_team_connections(arrays: MapArrays) -> list[tuple[OutsideTeamConnection, ...]]:
    """Per account: members connected to its stakeholders without being on its team.

    Their healthy connection points still count for coverage; this list shows where they are.
    """
    outside = ~arrays.on_team(arrays.cp_account, arrays.cp_supplier)
    rows = np.flatnonzero(outside)
    rows = rows[np.lexsort((arrays.cp_customer[rows], arrays.cp_supplier[rows], arrays.cp_account[rows]))]
    ids, names = arrays.person_ids, arrays.names
    grouped: dict[tuple[int, int], list[int]] = {}
    for r in rows.tolist():
        grouped.setdefault((int(arrays.cp_account[r]), int(arrays.cp_supplier[r])), []).append(r)
    out: list[list[OutsideTeamConnection]] = [[] for _ in range(arrays.n_accounts)]
    for (account, member), points in grouped.items():
        out[account].append(OutsideTeamConnection(
            ids[member], names[member],
            tuple(PersonRef(ids[arrays.cp_customer[r]], names[arrays.cp_customer[r]]) for r in points),
            int(arrays.cp_healthy[points].sum())))
    return [tuple(found) for found in out]
