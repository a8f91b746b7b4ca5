"""What spans accounts: members who are heroes across the portfolio, and accounts ranked by risk."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from graphmap.analysis.arrays import MapArrays
from graphmap.analysis.findings import AccountRisk, Alignment, Coverage, Hero, Portfolio, PortfolioHero

__all__ = ["portfolio_view", "OVER_CAPACITY", "HERO_ON_MANY_ACCOUNTS"]

OVER_CAPACITY = "over_capacity"
HERO_ON_MANY_ACCOUNTS = "hero_on_many_accounts"


def portfolio_view(arrays: MapArrays, coverage: list[Coverage], alignment: list[Alignment],
                   heroes: list[tuple[Hero, ...]], uncovered_key: list[int]) -> Portfolio:
    """The portfolio: its heroes (over capacity, or a hero on many accounts) and accounts by risk."""
    s = arrays.settings
    load = np.bincount(arrays.cp_supplier[arrays.cp_healthy], minlength=arrays.n_people)
    account_ids = arrays.amap.accounts["account_id"].to_numpy(dtype=object)
    hero_accounts: dict[str, list[str]] = {}
    for a, found in enumerate(heroes):
        for hero in found:
            hero_accounts.setdefault(hero.person_id, []).append(account_ids[a])
    over = set(np.flatnonzero(load > s.capacity).tolist())
    many = {p for p, accs in hero_accounts.items() if len(accs) >= s.hero_accounts_min}
    many_rows = pc.index_in(pa.array(sorted(many), pa.string()), value_set=pa.array(arrays.person_ids, pa.string()))
    candidates = over | set(many_rows.to_pylist())
    members = []
    for p in sorted(candidates, key=lambda p: (-load[p], arrays.names[p])):
        pid = arrays.person_ids[p]
        reasons = tuple(r for r, on in ((OVER_CAPACITY, p in over), (HERO_ON_MANY_ACCOUNTS, pid in many)) if on)
        members.append(PortfolioHero(pid, arrays.names[p], reasons, int(load[p]), tuple(hero_accounts.get(pid, ()))))

    names = arrays.amap.accounts["name"].to_numpy(dtype=object)
    risks = [AccountRisk(account_ids[a], names[a], coverage[a].weighted, coverage[a].key, alignment[a].score,
                         uncovered_key[a], len(heroes[a])) for a in range(arrays.n_accounts)]
    risks.sort(key=lambda r: (r.coverage_key or 0.0, -r.uncovered_key, r.alignment_score, r.coverage_weighted or 0.0,
                              r.account_id))

    customers = ~arrays.is_supplier
    weight = arrays.influence[customers].sum()
    covered_weight = arrays.influence[arrays.covered].sum()
    return Portfolio(
        accounts=arrays.n_accounts,
        stakeholders=int(customers.sum()),
        members=int(arrays.is_supplier.sum()),
        coverage_weighted=round(float(covered_weight / weight), 4) if weight else None,
        heroes=tuple(members),
        accounts_by_risk=tuple(risks),
    )
