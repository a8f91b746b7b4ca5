"""Who is covered: uncovered stakeholders, single threads to key people, and coverage shares."""

from __future__ import annotations

import numpy as np

from graphmap.analysis.arrays import MapArrays, split_records
from graphmap.analysis.findings import Coverage, SingleThread, UncoveredStakeholder

__all__ = ["account_coverage", "uncovered_stakeholders", "single_threaded_stakeholders", "uncovered_reason",
           "uncovered_key_people"]


def uncovered_reason(arrays: MapArrays) -> np.ndarray:
    """Per person: why a stakeholder is uncovered (``no_connection``, ``stale``, ``weak``), "" if covered.

    ``stale`` means it has connection points strong enough to be healthy, and every one of them is stale.
    """
    n = arrays.n_people
    any_point = np.bincount(arrays.cp_customer, minlength=n)
    strong = np.bincount(arrays.cp_customer[~arrays.cp_weak], minlength=n)
    reason = np.where(any_point == 0, "no_connection", np.where(strong > 0, "stale", "weak")).astype(object)
    reason[arrays.covered | arrays.is_supplier] = ""
    return reason


def uncovered_key_people(arrays: MapArrays) -> list[list[int]]:
    """Per account: the positions of its key stakeholders who are not covered."""
    people = np.flatnonzero(arrays.is_key & ~arrays.covered)
    # By account (split_records needs them grouped; an imported map's accounts interleave), map order within.
    people = people[np.argsort(arrays.person_account[people], kind="stable")]
    return [list(found) for found in split_records(arrays.person_account[people], people.tolist(),
                                                   arrays.n_accounts)]


def uncovered_stakeholders(arrays: MapArrays) -> list[tuple[UncoveredStakeholder, ...]]:
    """Per account: stakeholders with no healthy connection point, key first, then by influence."""
    reason = uncovered_reason(arrays)
    rows = np.flatnonzero(reason != "")
    # Ranking within an account: key first, influence high to low, then the map's order.
    names = arrays.names
    rows = rows[np.lexsort((rows, -arrays.influence[rows], ~arrays.is_key[rows], arrays.person_account[rows]))]
    records = list(map(UncoveredStakeholder, arrays.person_ids[rows].tolist(), names[rows].tolist(),
                       arrays.titles[rows].tolist(), arrays.role[rows].tolist(), arrays.influence[rows].tolist(),
                       arrays.is_key[rows].tolist(), reason[rows].tolist()))
    return split_records(arrays.person_account[rows], records, arrays.n_accounts)


def single_threaded_stakeholders(arrays: MapArrays) -> list[tuple[SingleThread, ...]]:
    """Per account: key stakeholders whose healthy connection points come from exactly one member."""
    sole = arrays.cp_sole & arrays.is_key[arrays.cp_customer]
    cust, sup = arrays.cp_customer[sole], arrays.cp_supplier[sole]
    order = np.lexsort((-arrays.influence[cust], arrays.person_account[cust]))
    cust, sup = cust[order], sup[order]
    ids, names = arrays.person_ids, arrays.names
    records = list(map(SingleThread, ids[cust].tolist(), names[cust].tolist(), arrays.titles[cust].tolist(),
                       arrays.role[cust].tolist(), arrays.influence[cust].tolist(), ids[sup].tolist(),
                       names[sup].tolist()))
    return split_records(arrays.person_account[cust], records, arrays.n_accounts)


def account_coverage(arrays: MapArrays) -> list[Coverage]:
    """Per account: the influence-weighted, unweighted and key-only shares of stakeholders covered."""
    customers = np.flatnonzero(~arrays.is_supplier)
    acc = arrays.person_account[customers]
    covered = arrays.covered[customers].astype(np.float64)
    weight = arrays.influence[customers].astype(np.float64)
    key = arrays.is_key[customers]
    n = arrays.n_accounts

    def share(numerator: np.ndarray, denominator: np.ndarray) -> list[float | None]:
        with np.errstate(invalid="ignore", divide="ignore"):
            values = numerator / denominator
        return [None if d == 0 else round(float(v), 4) for v, d in zip(values.tolist(), denominator.tolist())]

    weighted = share(np.bincount(acc, covered * weight, n), np.bincount(acc, weight, n))
    unweighted = share(np.bincount(acc, covered, n), np.bincount(acc, minlength=n).astype(np.float64))
    key_only = share(np.bincount(acc[key], covered[key], n), np.bincount(acc[key], minlength=n).astype(np.float64))
    return [Coverage(w, u, k) for w, u, k in zip(weighted, unweighted, key_only)]

