"""Connections from outside the team: hidden relationships the account team could use."""

from __future__ import annotations

import numpy as np

from graphmap.analysis.arrays import MapArrays, split_records
from graphmap.analysis.findings import OutsideTeamConnection, PersonRef

__all__ = ["outside_team_connections"]


def outside_team_connections(arrays: MapArrays) -> list[tuple[OutsideTeamConnection, ...]]:
    """Per account: members connected to its stakeholders without being on its team.

    Their healthy connection points still count for coverage; this list shows where they are.
    """
    outside = ~arrays.on_team(arrays.cp_account, arrays.cp_supplier)
    rows = np.flatnonzero(outside)
    pair = arrays.pair_key(arrays.cp_account[rows], arrays.cp_supplier[rows])
    rows = rows[np.lexsort((arrays.cp_customer[rows], pair))]
    pairs, first, healthy_rows = _group_starts(arrays.pair_key(arrays.cp_account[rows], arrays.cp_supplier[rows]),
                                               arrays.cp_healthy[rows])
    ids, names = arrays.person_ids, arrays.names
    cust = arrays.cp_customer[rows]
    stakeholders = list(map(PersonRef, ids[cust].tolist(), names[cust].tolist()))
    bounds = [*first.tolist(), len(rows)]
    members = (pairs % max(arrays.n_people, 1)).tolist()
    records = [OutsideTeamConnection(ids[m], names[m], tuple(stakeholders[bounds[i]:bounds[i + 1]]), h)
               for i, (m, h) in enumerate(zip(members, healthy_rows.tolist()))]
    return split_records(pairs // max(arrays.n_people, 1), records, arrays.n_accounts)


def _group_starts(keys: np.ndarray, healthy: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For sorted keys: each distinct key, where its run starts, and how many of its rows are healthy."""
    pairs, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    return pairs, first, np.bincount(inverse, weights=healthy, minlength=len(pairs)).astype(np.int64)
