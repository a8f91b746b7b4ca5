"""Weak links: connection points that are weak, stale, or the single thread to a key stakeholder."""

from __future__ import annotations

import numpy as np

from graphmap.analysis.arrays import UNKNOWN_DAYS, MapArrays, split_records
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
    sup, cust, days = arrays.cp_supplier[rows], arrays.cp_customer[rows], arrays.cp_days[rows]
    known = days != UNKNOWN_DAYS
    dates = (np.datetime64(arrays.as_of, "D") - np.where(known, days, 0).astype("timedelta64[D]")).astype(object)
    dates[~known] = None
    ages = days.astype(object)
    ages[~known] = None
    ids, names = arrays.person_ids, arrays.names
    records = list(map(WeakLink, ids[sup].tolist(), names[sup].tolist(), ids[cust].tolist(), names[cust].tolist(),
                       arrays.cp_strength[rows].tolist(), dates.tolist(), ages.tolist(), reason[rows].tolist()))
    return split_records(arrays.cp_account[rows], records, arrays.n_accounts)
