"""Synthetic portfolios with realistic shapes, for scale work and demos (``graphmap generate``).

Each account gets a team of 2-6 supplier members drawn from a shared pool (so members sit on many
accounts), 3-60 stakeholders (about 24 on average) with an org chart, buying roles and influence, and
connection points mostly from its team (some from outside it), of mixed strength and age. A
20,000-account portfolio has about a million connection rows. Everything is drawn with numpy in
columns, so generation takes seconds; the same seed gives the same map.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from graphmap.exceptions import MapError

__all__ = ["write_generated_map"]

_FIRST = ("Alex Ana Ben Carla Chen Dana Eli Emma Farah Felix Grace Hana Ian Ines Jon Julia Kai Kim Lars Lena Luca "
          "Maya Mei Nora Omar Pia Raj Rosa Sam Sara Tom Uma Vik Wen Yara Zoe").split()
_LAST = ("Adams Baker Brandt Chen Costa Diaz Evans Fischer Garcia Hale Ito Jensen Khan Kowalski Lewis Li Meyer "
         "Nguyen Novak Okafor Park Patel Quinn Reyes Rossi Sato Silva Stone Tanaka Weber Wong Young Zahra").split()
_COMPANY_A = "Cobalt Harbor Vela Orion Kestrel Summit Granite Aurora Meridian Atlas Beacon Cedar Delta Falcon".split()
_COMPANY_B = "Mining Health Logistics Bank Energy Foods Motors Pharma Retail Telecom Insurance Steel Water".split()
_BUYING = np.array(["economic_buyer", "decision_maker", "technical_buyer", "user_buyer", "champion", "coach",
                    "influencer", "gatekeeper", "blocker", "unknown"], dtype=object)
_BUYING_P = np.array([0.04, 0.06, 0.14, 0.26, 0.06, 0.04, 0.22, 0.06, 0.03, 0.09])
_SUPPLIER = np.array(["account_executive", "sales_engineer", "executive_sponsor", "customer_success", "delivery",
                      "specialist", "partner", "sales_manager"], dtype=object)
_SUPPLIER_P = np.array([0.25, 0.2, 0.08, 0.17, 0.1, 0.12, 0.04, 0.04])
_TITLES = {"economic_buyer": "Chief Financial Officer", "decision_maker": "VP Operations",
           "technical_buyer": "IT Director", "user_buyer": "Operations Manager", "champion": "Program Lead",
           "coach": "Business Analyst", "influencer": "Senior Manager", "gatekeeper": "Procurement Lead",
           "blocker": "Security Officer", "unknown": "Manager"}


def _names(rng: np.random.Generator, n: int) -> np.ndarray:
    first = np.array(_FIRST, dtype=object)[rng.integers(0, len(_FIRST), n)]
    last = np.array(_LAST, dtype=object)[rng.integers(0, len(_LAST), n)]
    return first + " " + last


def _ids(prefix: str, n: int) -> np.ndarray:
    width = max(len(str(n)), 5)
    return np.char.add(prefix, np.char.zfill(np.arange(1, n + 1).astype(str), width)).astype(object)


def _write(path: Path, columns: dict[str, np.ndarray]) -> None:
    table = pa.table({k: pa.array(v.tolist() if v.dtype == object else v) for k, v in columns.items()})
    pacsv.write_csv(table, path, pacsv.WriteOptions(quoting_style="needed"))


def write_generated_map(folder: str | os.PathLike, n_accounts: int, seed: int = 0,
                        as_of: dt.date | None = None) -> dict[str, int]:
    """Write a synthetic map of `n_accounts` accounts into a new folder; return the row counts.

    Examples
    --------
    >>> import tempfile, graphmap
    >>> folder = tempfile.mkdtemp() + "/g"
    >>> write_generated_map(folder, 10, seed=1)["accounts"]
    10
    >>> len(graphmap.read_map(folder))
    10
    """
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise MapError(f"{folder}: exists and is not empty; choose a new folder")
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    as_of = as_of or dt.date.today()
    today = np.datetime64(as_of, "D")

    # Supplier pool: about one member per six accounts, at least eight.
    n_sup = max(8, n_accounts // 6)
    sup_ids = _ids("S", n_sup)
    sup_roles = rng.choice(_SUPPLIER, n_sup, p=_SUPPLIER_P)

    # Teams: 2-6 members per account, distinct within the account.
    team_size = rng.integers(2, 7, n_accounts)
    team_acc = np.repeat(np.arange(n_accounts), team_size)
    team_sup = rng.integers(0, n_sup, len(team_acc))
    _, first = np.unique(team_acc * n_sup + team_sup, return_index=True)
    first.sort()
    team_acc, team_sup = team_acc[first], team_sup[first]
    team_start = np.searchsorted(team_acc, np.arange(n_accounts))
    team_count = np.bincount(team_acc, minlength=n_accounts)

    # Accounts: most name their first team member as quarterback and write a strategy down.
    acc_ids = _ids("A", n_accounts)
    acc_names = (np.array(_COMPANY_A, dtype=object)[rng.integers(0, len(_COMPANY_A), n_accounts)] + " "
                 + np.array(_COMPANY_B, dtype=object)[rng.integers(0, len(_COMPANY_B), n_accounts)] + " "
                 + np.char.zfill(np.arange(1, n_accounts + 1).astype(str), 5).astype(object))
    has_owner = rng.random(n_accounts) < 0.85
    owner = np.where(has_owner, sup_ids[team_sup[team_start]], "")
    stype = rng.choice(np.array(["pursuit", "growth", "delivery", ""], dtype=object), n_accounts,
                       p=[0.4, 0.35, 0.15, 0.1])
    strategy = np.where(rng.random(n_accounts) < 0.8, "Grow the footprint with the operations sponsor", "")
    team_role = np.where(rng.random(len(team_acc)) < 0.9, sup_roles[team_sup], "")
    team_role = np.where(np.isin(np.arange(len(team_acc)), team_start[has_owner]), "strategy_owner", team_role)
    responsibilities = np.where(rng.random(len(team_acc)) < 0.85, "Own the relationships assigned in the plan", "")

    # Stakeholders: 3-60 per account, an org chart, roles and influence.
    n_cust_per = np.clip(rng.poisson(24, n_accounts), 3, 60)
    cust_acc = np.repeat(np.arange(n_accounts), n_cust_per)
    n_cust = len(cust_acc)
    cust_ids = _ids("C", n_cust)
    cust_start = np.searchsorted(cust_acc, np.arange(n_accounts))
    position = np.arange(n_cust) - cust_start[cust_acc]
    roles = rng.choice(_BUYING, n_cust, p=_BUYING_P)
    roles[position == 0] = "economic_buyer"
    roles[position == 1] = "decision_maker"
    influence = np.clip(np.rint(rng.normal(2.8, 1.1, n_cust)), 1, 5).astype(int)
    influence[position < 2] = 5
    boss_pos = (rng.random(n_cust) * np.maximum(position, 1)).astype(int)
    reports_to = np.where(position >= 2, cust_ids[cust_start[cust_acc] + boss_pos], "")
    titles = np.vectorize(_TITLES.get, otypes=[object])(roles)

    # Connection points: about 2 per stakeholder, mostly from the account's own team.
    per_cust = rng.poisson(2.0, n_cust)
    cp_cust = np.repeat(np.arange(n_cust), per_cust)
    cp_acc = cust_acc[cp_cust]
    from_team = rng.random(len(cp_cust)) < 0.92
    pick = team_start[cp_acc] + (rng.random(len(cp_cust)) * team_count[cp_acc]).astype(int)
    cp_sup = np.where(from_team, team_sup[pick], rng.integers(0, n_sup, len(cp_cust)))
    _, keep = np.unique(cp_cust.astype(np.int64) * n_sup + cp_sup, return_index=True)
    keep.sort()
    cp_cust, cp_sup = cp_cust[keep], cp_sup[keep]

    # Customer links: influence between colleagues of the same account.
    n_links = n_cust // 4
    link_a = rng.integers(0, n_cust, n_links)
    link_b = cust_start[cust_acc[link_a]] + (rng.random(n_links) * n_cust_per[cust_acc[link_a]]).astype(int)
    ok = link_a != link_b
    lo, hi = np.minimum(link_a, link_b)[ok], np.maximum(link_a, link_b)[ok]
    _, keep = np.unique(lo.astype(np.int64) * n_cust + hi, return_index=True)
    lo, hi = lo[keep], hi[keep]
    lo, hi = lo[~np.isin(lo * n_cust + hi, hi * n_cust + lo)], hi[~np.isin(lo * n_cust + hi, hi * n_cust + lo)]

    # Internal links: each quarterback with their team, deduplicated across accounts.
    qb = team_sup[team_start]
    mates = np.flatnonzero(team_sup != qb[team_acc])
    ia, ib = np.minimum(qb[team_acc[mates]], team_sup[mates]), np.maximum(qb[team_acc[mates]], team_sup[mates])
    _, keep = np.unique(ia.astype(np.int64) * n_sup + ib, return_index=True)
    ia, ib = ia[keep], ib[keep]

    from_ids = np.concatenate([sup_ids[cp_sup], cust_ids[lo], sup_ids[ia]])
    to_ids = np.concatenate([cust_ids[cp_cust], cust_ids[hi], sup_ids[ib]])
    n_conn = len(from_ids)
    strength = rng.choice(np.arange(1, 6), n_conn, p=[0.12, 0.18, 0.32, 0.25, 0.13]).astype(str).astype(object)
    age = rng.exponential(55, n_conn).astype(int)
    dates = np.datetime_as_string(today - age.astype("timedelta64[D]"), unit="D").astype(object)
    dates[rng.random(n_conn) < 0.08] = ""

    _write(folder / "accounts.csv", {"account_id": acc_ids, "name": acc_names, "strategy_owner": owner,
                                     "strategy_type": stype, "strategy": strategy})
    _write(folder / "people.csv", {
        "person_id": np.concatenate([sup_ids, cust_ids]),
        "name": np.concatenate([_names(rng, n_sup), _names(rng, n_cust)]),
        "side": np.concatenate([np.full(n_sup, "supplier", object), np.full(n_cust, "customer", object)]),
        "account_id": np.concatenate([np.full(n_sup, "", object), acc_ids[cust_acc]]),
        "role": np.concatenate([sup_roles, roles]),
        "title": np.concatenate([np.full(n_sup, "Account team", object), titles]),
        "influence": np.concatenate([np.full(n_sup, "", object), influence.astype(str).astype(object)]),
        "reports_to": np.concatenate([np.full(n_sup, "", object), reports_to]),
    })
    _write(folder / "team.csv", {"account_id": acc_ids[team_acc], "person_id": sup_ids[team_sup],
                                 "team_role": team_role, "responsibilities": responsibilities})
    _write(folder / "connections.csv", {"from_id": from_ids, "to_id": to_ids, "strength": strength,
                                        "last_contact": dates})
    return {"accounts": n_accounts, "people": n_sup + n_cust, "team memberships": len(team_acc),
            "connections": n_conn}
