"""Ids of new people and accounts: made of their names, numbered -2, -3, ... where they repeat, never
one the map holds (graphmap/imports/rows.py, `unique_ids`)."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

import graphmap
from graphmap.imports import import_files
from graphmap.imports.rows import unique_ids


def _ids(candidates: list[str], taken: list[str]) -> list[str]:
    return unique_ids(pd.Series(candidates, dtype=object), pa.array(taken, pa.large_string())).tolist()


def _one_by_one(candidates: list[str], taken: list[str]) -> list[str]:
    """The rule, written plainly: the first of each candidate the map does not hold keeps it; every
    other one takes the lowest number from 2 that neither the map nor an id already given holds."""
    seen: set[str] = set()
    kept = []
    for candidate in candidates:
        kept.append(candidate not in taken and candidate not in seen)
        seen.add(candidate)
    used = set(taken) | {c for c, k in zip(candidates, kept) if k}
    out = []
    for candidate, keep in zip(candidates, kept):
        if keep:
            out.append(candidate)
            continue
        number = 2
        while f"{candidate}-{number}" in used:
            number += 1
        out.append(f"{candidate}-{number}")
        used.add(out[-1])
    return out


def test_a_name_ending_in_a_number_does_not_set_the_numbering():
    # "Vela 2025" is a company, not the 2025th Vela: the next Vela is acc-vela-2.
    assert _ids(["acc-vela", "acc-vela"], ["acc-vela", "acc-vela-2025"]) == ["acc-vela-2", "acc-vela-3"]
    # Numbers the map holds are skipped, numbers it lacks are used.
    assert _ids(["c-ana-silva"] * 3, ["c-ana-silva", "c-ana-silva-3"]) == \
        ["c-ana-silva-2", "c-ana-silva-4", "c-ana-silva-5"]


def test_a_numbered_id_never_takes_one_the_map_or_the_batch_holds():
    # "c-a" twice and "c-a-2" written as a name: the repeat of c-a becomes c-a-3, and nothing
    # becomes the map's c-a-2-2.
    got = _ids(["c-a", "c-a", "c-a-2"], ["c-a-2-2"])
    assert got == ["c-a", "c-a-3", "c-a-2"]


_PARTS = st.sampled_from(["x", "y", "x-2", "y-1", "x-2-2", "x-3"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PARTS, min_size=1, max_size=12),
       st.lists(st.one_of(_PARTS, st.builds(lambda base, n: f"{base}-{n}", _PARTS, st.sampled_from(
           ["1", "2", "3", "4", "10", "01"]))), max_size=8))
def test_ids_follow_the_rule_and_are_unique(candidates, taken):
    # (`taken` may repeat an id, as a faulty map would.)
    got = _ids(candidates, taken)
    assert got == _one_by_one(candidates, set(taken))
    assert len(set(got)) == len(got) and not set(got) & set(taken)


def test_accounts_with_the_same_slug_are_numbered_in_file_order(tmp_path):
    export = tmp_path / "contacts.csv"
    export.write_text("Record ID,First Name,Last Name,Email,Contact owner,Associated Company,Job Title\n"
                      "1,Ana,Silva,ana@a.example,Dana Reyes,Vela & Sons,CFO\n"
                      "2,Ben,Ito,ben@b.example,Dana Reyes,Vela Sons,CTO\n"
                      "3,Cy,Oh,cy@c.example,Dana Reyes,Vela Sons 2,COO\n")
    import_files([export], tmp_path / "map")
    accounts = graphmap.read_map(tmp_path / "map").accounts.set_index("name")["account_id"]
    # Two companies ("& Sons" is not a legal suffix), one slug. "Vela Sons 2" keeps its own id, so
    # the second "Vela Sons" takes the next free number.
    assert accounts.to_dict() == {"Vela & Sons": "acc-vela-sons", "Vela Sons": "acc-vela-sons-3",
                                  "Vela Sons 2": "acc-vela-sons-2"}
