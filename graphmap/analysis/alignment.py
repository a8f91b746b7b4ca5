"""The alignment checklist: the source article's coaching questions, seven checks per account.

Check ids, in order: ``quarterback_named``, ``roles_defined``, ``members_connected``, ``strategy_set``,
``quarterback_in_touch``, ``key_stakeholders_covered``, ``role_fit``. A check with nothing to check
passes; a check about the quarterback fails when none is named. The score is the share passed.
"""

from __future__ import annotations

import numpy as np

from graphmap.analysis.arrays import MapArrays, group_rows
from graphmap.analysis.findings import Alignment, AlignmentCheck
from graphmap.model.roles import ROLE_FIT

__all__ = ["CHECK_IDS", "CHECK_TITLES", "account_alignment"]

CHECK_IDS = ("quarterback_named", "roles_defined", "members_connected", "strategy_set", "quarterback_in_touch",
             "key_stakeholders_covered", "role_fit")

#: Each check in the words of the article's coaching checklist, for tables and reports.
CHECK_TITLES = {
    "quarterback_named": "A quarterback is named and on the team",
    "roles_defined": "Every member has a role and responsibilities",
    "members_connected": "Every member has a healthy connection point",
    "strategy_set": "A strategy type and text are set",
    "quarterback_in_touch": "The quarterback is in touch with every member",
    "key_stakeholders_covered": "Every key stakeholder is covered",
    "role_fit": "Buyers are reached by fitting roles",
}

_FIT_WORDS = {"economic_buyer": "an executive sponsor, the strategy owner or an account executive",
              "decision_maker": "an executive sponsor, the strategy owner or an account executive",
              "technical_buyer": "a sales engineer or specialist"}


def _names(arrays: MapArrays, people: list[int], limit: int = 6) -> str:
    shown = ", ".join(arrays.names[p] for p in people[:limit])
    return shown + (f" and {len(people) - limit} more" if len(people) > limit else "")


def _all(members: int) -> str:
    return {1: "The one team member has", 2: "Both team members have"}.get(members, f"All {members} team members have")


def _others(count: int) -> str:
    return "the other team member" if count == 1 else f"all {count} other team members"


def _role_fit_failures(arrays: MapArrays) -> list[list[int]]:
    """Per account: covered stakeholders whose buying role wants a fitting member and has none."""
    healthy = np.flatnonzero(arrays.cp_healthy)
    wants_fit = np.isin(arrays.role[arrays.cp_customer[healthy]], list(ROLE_FIT))
    rows = healthy[wants_fit]
    acc, sup, cust = arrays.cp_account[rows], arrays.cp_supplier[rows], arrays.cp_customer[rows]
    # The member's role on this account: their team role, else their own; the quarterback is the strategy owner.
    keys = arrays.pair_key(arrays.team_account, arrays.team_person)
    order = np.argsort(keys)
    pos = np.searchsorted(keys[order], arrays.pair_key(acc, sup))
    pos = np.minimum(pos, max(len(keys) - 1, 0))
    on_team = (keys[order][pos] == arrays.pair_key(acc, sup)) if len(keys) else np.zeros(len(rows), bool)
    team_role = arrays.team_role[order][pos] if len(keys) else np.array([""] * len(rows), dtype=object)
    member_role = np.where(on_team, team_role, arrays.role[sup])
    is_owner = arrays.owner[acc] == sup
    fits = np.array([member_role[i] in ROLE_FIT[arrays.role[c]]
                     or (is_owner[i] and "strategy_owner" in ROLE_FIT[arrays.role[c]])
                     for i, c in enumerate(cust.tolist())], dtype=bool)
    fitted = np.bincount(cust[fits], minlength=arrays.n_people)
    needing = np.flatnonzero(arrays.covered & np.isin(arrays.role, list(ROLE_FIT)) & (fitted == 0))
    out: list[list[int]] = [[] for _ in range(arrays.n_accounts)]
    for p in needing.tolist():
        out[arrays.person_account[p]].append(p)
    return out


def account_alignment(arrays: MapArrays, uncovered_key: list[list[int]]) -> list[Alignment]:
    """Per account: the seven checks with their details, and the score.

    `uncovered_key` lists, per account, the key stakeholders who are not covered.
    """
    s = arrays.settings
    amap = arrays.amap
    accounts = amap.accounts
    stype = accounts["strategy_type"].to_numpy(dtype=object)
    strategy = accounts["strategy"].to_numpy(dtype=object)
    healthy_pairs = np.unique(arrays.pair_key(arrays.cp_account[arrays.cp_healthy],
                                              arrays.cp_supplier[arrays.cp_healthy]))
    member_has_healthy = np.isin(arrays.pair_key(arrays.team_account, arrays.team_person), healthy_pairs)
    n = max(arrays.n_people, 1)
    fresh = set((np.minimum(arrays.link_a, arrays.link_b) * n + np.maximum(arrays.link_a, arrays.link_b))
                [arrays.link_fresh].tolist())
    fit_failures = _role_fit_failures(arrays)
    order, bounds = group_rows(arrays.team_account, arrays.n_accounts)
    team_person, team_role, team_resp = arrays.team_person, arrays.team_role, arrays.team_responsibilities
    owner = arrays.owner
    key_count = np.bincount(arrays.person_account[arrays.is_key], minlength=arrays.n_accounts)

    out: list[Alignment] = []
    for a in range(arrays.n_accounts):
        rows = order[bounds[a]:bounds[a + 1]].tolist()
        members = [int(team_person[r]) for r in rows]
        qb = int(owner[a])
        checks = []

        if qb < 0:
            checks.append(AlignmentCheck("quarterback_named", False, "No quarterback (strategy owner) is named."))
        elif qb in members:
            checks.append(AlignmentCheck("quarterback_named", True,
                                         f"{arrays.names[qb]} is the quarterback and on the team."))
        else:
            checks.append(AlignmentCheck("quarterback_named", False,
                                         f"Quarterback {arrays.names[qb]} is not on the account team."))

        lacking = [(int(team_person[r]), not team_role[r], not team_resp[r]) for r in rows
                   if not team_role[r] or not team_resp[r]]
        if not members:
            checks.append(AlignmentCheck("roles_defined", True, "No team members are listed."))
        elif lacking:
            what = "; ".join(f"{arrays.names[p]} ({' and '.join(w for w, on in (('role', r), ('responsibilities', d)) if on)})"
                             for p, r, d in lacking)
            checks.append(AlignmentCheck("roles_defined", False, f"Missing: {what}."))
        else:
            checks.append(AlignmentCheck("roles_defined", True,
                                         f"{_all(len(members))} a role and responsibilities."))

        idle = [int(team_person[r]) for r in rows if not member_has_healthy[r]]
        if idle:
            checks.append(AlignmentCheck("members_connected", False,
                                         f"No healthy connection point: {_names(arrays, idle)}."))
        else:
            checks.append(AlignmentCheck("members_connected", True,
                                         f"{_all(len(members))} a healthy connection point."
                                         if members else "No team members are listed."))

        missing = [w for w, v in (("strategy type", stype[a]), ("strategy text", strategy[a])) if not v]
        checks.append(AlignmentCheck("strategy_set", not missing,
                                     f"Missing: {' and '.join(missing)}." if missing
                                     else f"A {stype[a]} strategy is written down."))

        if qb < 0:
            checks.append(AlignmentCheck("quarterback_in_touch", False, "No quarterback is named."))
        else:
            others = [m for m in members if m != qb]
            silent = [m for m in others if min(m, qb) * n + max(m, qb) not in fresh]
            if silent:
                checks.append(AlignmentCheck(
                    "quarterback_in_touch", False,
                    f"{arrays.names[qb]} has no internal contact within {s.stale_days} days with "
                    f"{_names(arrays, silent)}."))
            else:
                checks.append(AlignmentCheck(
                    "quarterback_in_touch", True,
                    f"{arrays.names[qb]} is in touch with {_others(len(others))}."
                    if others else f"{arrays.names[qb]} has no other team members to reach."))

        gaps = uncovered_key[a]
        checks.append(AlignmentCheck("key_stakeholders_covered", not gaps,
                                     f"Uncovered key stakeholders: {_names(arrays, gaps)}." if gaps
                                     else "Every key stakeholder is covered." if key_count[a]
                                     else "No key stakeholder is mapped yet."))

        misfits = fit_failures[a]
        if misfits:
            detail = "; ".join(f"{arrays.names[p]} ({arrays.role[p]}) is not reached by {_FIT_WORDS[arrays.role[p]]}"
                               for p in misfits[:6])
            checks.append(AlignmentCheck("role_fit", False, detail + "."))
        else:
            checks.append(AlignmentCheck("role_fit", True,
                                         "Every covered buyer is reached by a fitting role."))

        passed = sum(c.passed for c in checks)
        out.append(Alignment(round(passed / len(checks), 4), tuple(checks)))
    return out
