"""The findings engine: pure functions from a map, settings and a date to findings (DESIGN.md §4).

One module per family of findings; `analyze` runs them all and assembles `Findings`.
"""

from __future__ import annotations

import datetime as dt
import gc
from contextlib import contextmanager
from typing import Iterator


from graphmap.analysis.alignment import CHECK_IDS, account_alignment
from graphmap.analysis.arrays import MapArrays
from graphmap.analysis.coverage import (
    account_coverage,
    single_threaded_stakeholders,
    uncovered_key_people,
    uncovered_stakeholders,
)
from graphmap.analysis.findings import AccountFindings, Findings
from graphmap.analysis.heroes import account_heroes
from graphmap.analysis.outside import outside_team_connections
from graphmap.analysis.portfolio import portfolio_view
from graphmap.analysis.weak_links import account_weak_links
from graphmap.model.accountmap import AccountMap
from graphmap.settings import DEFAULT_SETTINGS, Settings

__all__ = ["analyze", "CHECK_IDS"]


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while creating records.

    A large portfolio creates a million acyclic records; every automatic collection would walk all of
    them again, which costs more than the analysis itself.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def analyze(amap: AccountMap, settings: Settings = DEFAULT_SETTINGS, as_of: dt.date | None = None,
            accounts: list[str] | None = None) -> Findings:
    """Every finding of a map, as of a date (default today).

    Parameters
    ----------
    amap
        A validated map.
    settings
        The thresholds (`Settings`); defaults as documented in DESIGN.md §4.
    as_of
        The date against which contacts are judged stale; results are reproducible for a fixed date.
    accounts
        Restrict the findings to these account ids (the portfolio view then covers only them).

    Examples
    --------
    >>> import datetime, graphmap, tempfile
    >>> amap = graphmap.read_map(graphmap.write_sample_map(tempfile.mkdtemp() + "/s"))
    >>> found = analyze(amap, as_of=datetime.date(2026, 11, 27))
    >>> [u.name for u in found.account("acc-vela").uncovered]
    ['Fatima Zahra', 'Yuki Tanaka']
    >>> found.account("acc-cobalt").heroes[0].name
    'Dana Reyes'
    """
    as_of = as_of or dt.date.today()
    if accounts:
        amap = amap.subset(accounts)
    with _collector_paused():
        return _analyze(amap, settings, as_of)


def _analyze(amap: AccountMap, settings: Settings, as_of: dt.date) -> Findings:
    arrays = MapArrays(amap, settings, as_of)
    coverage = account_coverage(arrays)
    uncovered = uncovered_stakeholders(arrays)
    uncovered_key = uncovered_key_people(arrays)
    alignment = account_alignment(arrays, uncovered_key)
    heroes = account_heroes(arrays)
    single = single_threaded_stakeholders(arrays)
    weak = account_weak_links(arrays)
    outside = outside_team_connections(arrays)
    portfolio = portfolio_view(arrays, coverage, alignment, heroes, [len(k) for k in uncovered_key])
    ids = amap.accounts["account_id"].to_numpy(dtype=object)
    names = amap.accounts["name"].to_numpy(dtype=object)
    found = tuple(AccountFindings(ids[a], names[a], coverage[a], uncovered[a], single[a], heroes[a], weak[a],
                                  alignment[a], outside[a]) for a in range(arrays.n_accounts))
    return Findings(as_of, settings, found, portfolio)


