"""Weak links: connection points that are weak, stale, or the single thread to a key stakeholder."""

from __future__ import annotations

import datetime as dt

import numpy as np

from graphmap.analysis.arrays import UNKNOWN_DAYS, MapArrays
from graphmap.analysis.findings import WeakLink

__all__ = ["weak_link_reason", "account_weak_links"]


def weak_link_reason(arrays: MapArrays) -> np.ndarray:
    """Per connection point: ``weak``, else ``stale``, else ``single_thread``, else "" (not a weak link)."""
    single = arrays.cp_sole & arrays.is_key[arrays.cp_customer]
    return np.select([arrays.cp_weak, arrays.cp_stale, single], ["weak", "stale", "single_thread"], "").astype(object)


def account_weak_links(arrays: MapArrays) -> list[tuple[WeakLink, ...]]:
    """Per account: its weak links, weak first, then stale, then single threads; oldest contact first."""
    reason = weak_link_reason(arrays)
    rows = np.flatnonzero(reason != "")
    rank = np.select([reason[rows] == "weak", reason[rows] == "stale"], [0, 1], 2)
    rows = rows[np.lexsort((-arrays.cp_days[rows], rank, arrays.cp_account[rows]))]
    ids, names = arrays.person_ids, arrays.names
    out: list[list[WeakLink]] = [[] for _ in range(arrays.n_accounts)]
    as_of = arrays.as_of
    for r in rows.tolist():
        s, c, days = arrays.cp_supplier[r], arrays.cp_customer[r], int(arrays.cp_days[r])
        known = days != UNKNOWN_DAYS
        out[arrays.cp_account[r]].append(WeakLink(
            ids[s], names[s], ids[c], names[c], int(arrays.cp_strength[r]),
            as_of - dt.timedelta(days=days) if known else None, days if known else None, reason[r]))
    return [tuple(found) for found in out]
