"""The findings of a map do not depend on the order of its rows (imports append rows as files come)."""

from __future__ import annotations

import datetime as dt

import numpy as np
import orjson
import pytest

import graphmap
from graphmap.generate import write_generated_map
from graphmap.report.jsonfmt import findings_json

AS_OF = dt.date(2026, 11, 27)


def _findings(folder) -> dict:
    found = orjson.loads(findings_json(graphmap.analyze(graphmap.read_map(folder), as_of=AS_OF)))
    out = {}
    for account in found["accounts"]:
        checks = account["alignment"]["checks"]
        out[account["account_id"]] = {
            "coverage": account["coverage"],
            "uncovered": sorted((u["person_id"], u["reason"]) for u in account["uncovered"]),
            "single_threaded": sorted((s["person_id"], s["supplier_id"]) for s in account["single_threaded"]),
            "heroes": sorted((h["person_id"], tuple(h["reasons"]), h["share"]) for h in account["heroes"]),
            "weak_links": sorted((w["supplier_id"], w["customer_id"], w["reason"]) for w in account["weak_links"]),
            "alignment": (account["alignment"]["score"], [(c["id"], c["passed"]) for c in checks]),
            "key_gaps": _named(next(c["detail"] for c in checks if c["id"] == "key_stakeholders_covered")),
        }
    portfolio = found["portfolio"]
    out["(portfolio)"] = {"accounts_by_risk": portfolio["accounts_by_risk"],  # ranked, ties by account_id
                          "heroes": sorted((h["person_id"], tuple(h["reasons"]), tuple(sorted(h["hero_accounts"])))
                                           for h in portfolio["heroes"])}
    return out


def _named(detail: str) -> tuple[int, list[str]]:
    """How many people a check's detail names, and which when it names them all (it lists the first
    five in map order, then "and N more")."""
    if not detail.startswith("Uncovered key stakeholders: "):
        return 0, []
    names = detail.removeprefix("Uncovered key stakeholders: ").rstrip(".").split(", ")
    _, _, more = names[-1].partition(" and ")
    if more:
        return len(names) + int(more.split()[0]), []
    return len(names), sorted(names)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_findings_do_not_depend_on_the_order_of_rows(tmp_path, seed):
    write_generated_map(tmp_path / "map", 40, seed=7, as_of=AS_OF)
    rng = np.random.default_rng(seed)
    shuffled = tmp_path / "shuffled"
    shuffled.mkdir()
    for path in (tmp_path / "map").glob("*.csv"):
        header, *rows = path.read_text(encoding="utf-8").splitlines(keepends=True)
        (shuffled / path.name).write_text(header + "".join(rows[i] for i in rng.permutation(len(rows))),
                                          encoding="utf-8")
    before, after = _findings(tmp_path / "map"), _findings(shuffled)
    assert sum(len(before[a]["uncovered"]) for a in before if a != "(portfolio)") > 20  # there is something to find
    assert after == before
