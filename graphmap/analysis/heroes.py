"""Heroes: members who hold too much of an account's relationships (the article's "individual heroics")."""

from __future__ import annotations

import numpy as np

from graphmap.analysis.arrays import MapArrays
from graphmap.analysis.findings import Hero, PersonRef

__all__ = ["account_heroes", "SOLE_KEY_CONTACT", "MAJORITY_OF_CONNECTIONS"]

SOLE_KEY_CONTACT = "sole_key_contact"
MAJORITY_OF_CONNECTIONS = "majority_of_connections"


def account_heroes(arrays: MapArrays) -> list[tuple[Hero, ...]]:
    """Per account: members who are heroes there, most healthy connection points first.

    A member is a hero of an account when they hold the only healthy connection to at least
    ``hero_sole_key_min`` key stakeholders, or when two or more members hold healthy connection points
    into the account and this one holds more than ``hero_share`` of them. ``critical_for`` lists every
    stakeholder (key or not) who would be left uncovered if the member left.
    """
    s = arrays.settings
    healthy = arrays.cp_healthy
    acc, sup, cust = arrays.cp_account[healthy], arrays.cp_supplier[healthy], arrays.cp_customer[healthy]
    sole = arrays.cp_sole[healthy]
    pair = arrays.pair_key(acc, sup)
    pairs, pair_of_row, counts = np.unique(pair, return_inverse=True, return_counts=True)
    pair_account = pairs // max(arrays.n_people, 1)
    pair_member = pairs % max(arrays.n_people, 1)
    account_total = np.bincount(acc, minlength=arrays.n_accounts)
    members_with_healthy = np.bincount(pair_account, minlength=arrays.n_accounts)
    sole_key = np.bincount(pair_of_row[sole & arrays.is_key[cust]], minlength=len(pairs))

    share = counts / np.maximum(account_total[pair_account], 1)
    majority = (members_with_healthy[pair_account] >= 2) & (share > s.hero_share)
    by_sole_key = sole_key >= s.hero_sole_key_min
    heroes = np.flatnonzero(majority | by_sole_key)

    # Stakeholders each hero is critical for: the sole healthy threads they hold.
    critical: dict[int, list[int]] = {}
    hero_set = set(heroes.tolist())
    for row_pair, c in zip(pair_of_row[sole].tolist(), cust[sole].tolist()):
        if row_pair in hero_set:
            critical.setdefault(row_pair, []).append(c)

    ids, names, infl, key = arrays.person_ids, arrays.names, arrays.influence, arrays.is_key
    out: list[list[Hero]] = [[] for _ in range(arrays.n_accounts)]
    order = heroes[np.lexsort((-counts[heroes], pair_account[heroes]))]
    for h in order.tolist():
        member = int(pair_member[h])
        reasons = tuple(r for r, on in ((SOLE_KEY_CONTACT, by_sole_key[h]), (MAJORITY_OF_CONNECTIONS, majority[h]))
                        if on)
        crit = sorted(critical.get(h, []), key=lambda c: (not key[c], -infl[c], names[c]))
        out[int(pair_account[h])].append(Hero(
            ids[member], names[member], reasons, tuple(PersonRef(ids[c], names[c]) for c in crit),
            int(sole_key[h]), int(counts[h]), round(float(share[h]), 4)))
    return [tuple(found) for found in out]
