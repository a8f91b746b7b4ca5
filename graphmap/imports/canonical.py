"""Canonical map files (DESIGN §3) merged into another map: the ``map`` profile.

The files of one folder (``accounts.csv`` and ``people.csv``, with ``team.csv`` and
``connections.csv`` when present) are read as a map and validated as a whole, exactly as
``graphmap validate`` would, so a fault stops the import with the file, row and column named. Then
they merge like any export: accounts by normalised name (or the same account_id with the same name),
people by e-mail, else the same person_id with the same name, else the name within the account. The
source's own ids are never trusted alone, since two maps may use ``s01`` for different people.
A strength in the source map counts as typed by hand, but never replaces one the target map has.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from graphmap.exceptions import ImportFileError
from graphmap.imports.merge import Staged
from graphmap.imports.readers import ExportTable
from graphmap.imports.salesforce_ids import case_safe_map_ids
from graphmap.model.accountmap import AccountMap
from graphmap.model.validation import validate_tables

__all__ = ["map_table_kind", "stage_map", "TABLE_SIGNATURES"]

#: The table a header is, by the columns it must have; the first match wins.
TABLE_SIGNATURES = (
    ("connections", ("from_id", "to_id")),
    ("people", ("person_id", "name", "side")),
    ("team", ("account_id", "person_id")),
    ("accounts", ("account_id", "name")),
)


def map_table_kind(header) -> str | None:
    """Which table of a map a header is (``accounts``, ``people``, ``team``, ``connections``), or None."""
    names = {h.strip().lower() for h in header}
    for table, needed in TABLE_SIGNATURES:
        if set(needed) <= names:
            return table
    return None


def read_map_group(tables: dict[str, ExportTable], folder: Path) -> AccountMap:
    """Validate the tables of one source folder as a map (raises `MapValidationError` naming each fault)."""
    missing = [t for t in ("accounts", "people") if t not in tables]
    if missing:
        raise ImportFileError(f"{folder}: a map import needs {' and '.join(m + '.csv' for m in missing)} beside "
                              f"{', '.join(t.path.name + ' (' + kind + ')' for kind, t in tables.items())} (the files of one map folder)")
    raw = {}
    for table in ("accounts", "people", "team", "connections"):
        if table in tables:
            frame = tables[table].frame.copy()
            frame.columns = [c.strip().lower() if c.strip().lower() in _CANONICAL else c for c in frame.columns]
            raw[table] = frame
        else:
            raw[table] = pd.DataFrame({c: pd.Series(dtype=object) for c in _CANONICAL_BY_TABLE[table]})
    names = {t: tables[t].path.name if t in tables else f"{t}.csv" for t in raw}
    return validate_tables(raw, source=str(folder), file_names=names)


def stage_map(amap: AccountMap) -> Staged:
    """Stage a validated source map for merging."""
    from graphmap.mapfolder import tables_as_text

    text, _, _ = case_safe_map_ids(tables_as_text(amap))  # matched as the imports write them
    accounts = text["accounts"].astype(object).assign(key="map:" + text["accounts"]["account_id"])
    accounts["strategy_owner_key"] = ("map:" + accounts["strategy_owner"]).where(accounts["strategy_owner"] != "", "")
    accounts = accounts.drop(columns=["strategy_owner"])
    people = text["people"].astype(object)
    people = people.assign(key="map:" + people["person_id"],
                           account_key=("map:" + people["account_id"]).where(people["account_id"] != "", ""),
                           reports_to_key=("map:" + people["reports_to"]).where(people["reports_to"] != "", ""),
                           role_source=people.get("role_source", pd.Series([""] * len(people))).fillna(""))
    people["role_source"] = people["role_source"].where(
        (people["role_source"] != "") | people["role"].isin(["", "unknown"]), "manual")
    people = people.drop(columns=["reports_to"])
    conns = amap.connections.copy()
    source = conns["strength_source"].astype(str) if "strength_source" in conns.columns else ""
    links = conns.drop(columns=[c for c in ("from_id", "to_id", "strength", "last_contact", "strength_source")
                                if c in conns.columns]).astype(str)
    links = links.assign(from_key=("map:" + conns["from_id"]).to_numpy(), to_key=("map:" + conns["to_id"]).to_numpy(),
                         strength=conns["strength"].astype(float).to_numpy(),
                         strength_source=(source.replace("", "manual") if not isinstance(source, str)
                                          else "manual"),
                         last_contact=conns["last_contact"].astype("datetime64[ns]").to_numpy())
    team = text["team"].astype(object)
    team = team.assign(account_key="map:" + team["account_id"], person_key="map:" + team["person_id"])
    team = team.drop(columns=["account_id", "person_id"])
    return Staged(accounts.reset_index(drop=True), people.reset_index(drop=True), links.reset_index(drop=True),
                  team.reset_index(drop=True))


_CANONICAL_BY_TABLE = {
    "accounts": ("account_id", "name", "strategy_owner", "strategy_type", "strategy"),
    "people": ("person_id", "name", "side", "account_id", "role", "title", "email", "influence", "stance",
               "reports_to"),
    "team": ("account_id", "person_id", "team_role", "responsibilities"),
    "connections": ("from_id", "to_id", "strength", "last_contact", "notes"),
}
_CANONICAL = {c for cols in _CANONICAL_BY_TABLE.values() for c in cols}
