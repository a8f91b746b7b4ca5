"""Validation of a map's four tables: every fault is collected, then the map is refused as a whole.

Input is text tables as read from the canonical folder (every cell a string, "" when blank); output is
an `AccountMap` with typed columns. Each check is a column operation, so a portfolio of a million rows
validates in about a second; a fault names the file, the row a spreadsheet shows (header = row 1), the
column, the value and what would be accepted.
"""

from __future__ import annotations

from typing import Mapping

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from graphmap.exceptions import Fault, MapValidationError
from graphmap.model.accountmap import CANONICAL_COLUMNS, AccountMap, IdPositions
from graphmap.model.roles import BuyingRole, Side, Stance, StrategyType, SupplierRole, normalize_buying_role, normalize_supplier_role

__all__ = ["validate_tables", "MAX_FAULTS", "REQUIRED_COLUMNS", "parse_level"]

#: Faults listed before the rest are only counted.
MAX_FAULTS = 200

REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "accounts": ("account_id", "name"),
    "people": ("person_id", "name", "side"),
    "team": ("account_id", "person_id"),
    "connections": ("from_id", "to_id"),
}

_LEVELS = {"1": 1, "2": 2, "3": 3, "4": 4, "5": 5}
_INFLUENCE_WORDS = {"low": 1, "medium": 3, "high": 5}
_STRENGTH_WORDS = {"weak": 1, "medium": 3, "strong": 5}


def parse_level(values: pd.Series, words: Mapping[str, int], blank: int = 3) -> pd.Series:
    """Parse 1-5 or words into float levels (NaN where unparsable); blank gives `blank`.

    >>> parse_level(pd.Series(["4", "", "High", "9", "4.0"]), {"high": 5}).tolist()
    [4.0, 3.0, 5.0, nan, 4.0]
    """
    lookup = {**_LEVELS, **{f"{k}.0": v for k, v in _LEVELS.items()}, **words, "": blank}
    folded = pc.utf8_lower(pc.utf8_trim_whitespace(_arrow(values)))
    position = pc.index_in(folded, value_set=pa.array(list(lookup), type=pa.string()))
    levels = pc.take(pa.array(list(lookup.values()), type=pa.float64()), position)
    return pd.Series(levels.to_numpy(zero_copy_only=False), index=values.index)


def _arrow(values: pd.Series) -> pa.Array:
    """A text column as one Arrow array (no copy when pandas already holds it in Arrow)."""
    array = pa.array(values.array, type=pa.string())
    return array.combine_chunks() if isinstance(array, pa.ChunkedArray) else array


class _Ids:
    """Every id column encoded against one dictionary, so membership and duplicates are integer work.

    Hashing a million ids once, instead of once per check, is most of the cost of validating a
    large portfolio.
    """

    def __init__(self, columns: Mapping[str, pd.Series]) -> None:
        arrays = [_arrow(col) for col in columns.values()]
        encoded = pc.dictionary_encode(pa.concat_arrays(arrays) if arrays else pa.array([], pa.string()))
        codes = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
        self.size = len(encoded.dictionary)
        self.codes: dict[str, np.ndarray] = {}
        start = 0
        for name, array in zip(columns, arrays):
            self.codes[name] = codes[start:start + len(array)]
            start += len(array)
        self.blank = encoded.dictionary.index("").as_py() if self.size else -1

    def members(self, name: str) -> np.ndarray:
        """A lookup over the dictionary: True for the codes that appear in column `name`."""
        found = np.zeros(self.size, dtype=bool)
        found[self.codes[name]] = True
        return found

    def rows(self, name: str) -> np.ndarray:
        """A lookup over the dictionary: the row of column `name` holding each code, -1 where none."""
        found = np.full(self.size, -1, dtype=np.int64)
        found[self.codes[name]] = np.arange(len(self.codes[name]))
        return found

    def given(self, name: str) -> np.ndarray:
        return self.codes[name] != self.blank


def _duplicated(keys: np.ndarray) -> np.ndarray:
    """True for every occurrence of a key after its first."""
    return pd.Series(keys).duplicated().to_numpy()


def _isin(values: pd.Series, allowed: list[str]) -> np.ndarray:
    """`Series.isin` for a few allowed labels, through Arrow (pandas' own makes Python objects first)."""
    found = pc.is_in(_arrow(values), value_set=pa.array(allowed, type=pa.string()))
    return found.to_numpy(zero_copy_only=False)


class _Faults:
    def __init__(self) -> None:
        self.items: list[Fault] = []
        self.more = 0

    def add_rows(self, file: str, frame: pd.DataFrame, mask: pd.Series | np.ndarray, column: str | None,
                 problem: str, values: pd.Series | None = None) -> None:
        mask = np.asarray(mask, dtype=bool)
        hits = np.flatnonzero(mask)
        if not len(hits):
            return
        room = max(MAX_FAULTS - len(self.items), 0)
        shown = values if values is not None else (frame[column] if column is not None else None)
        for pos in hits[:room]:
            value = None if shown is None else str(shown.iloc[pos])
            self.items.append(Fault(file, int(pos) + 2, column, value, problem))
        self.more += max(len(hits) - room, 0)

    def ordered(self, files: list[str]) -> list[Fault]:
        """Faults in the order a person fixes them: file by file, row by row."""
        rank = {name: i for i, name in enumerate(files)}
        return sorted(self.items, key=lambda f: (rank.get(f.file, len(rank)), f.row or 0))

    def add(self, fault: Fault) -> None:
        if len(self.items) < MAX_FAULTS:
            self.items.append(fault)
        else:
            self.more += 1


def _enum_column(faults: _Faults, file: str, frame: pd.DataFrame, column: str, enum, blank_ok: bool = True) -> pd.Series:
    """Fold a column of enum values to lower case in place, reporting every value the enum lacks."""
    folded = frame[column].str.lower()
    frame[column] = folded
    accepted = [e.value for e in enum] + ([""] if blank_ok else [])
    faults.add_rows(file, frame, ~_isin(folded, accepted), column,
                    f"unknown {column}; accepted: {_accepted(enum)}" + (" or blank" if blank_ok else ""))
    return folded


def _accepted(values) -> str:
    return ", ".join(v.value if hasattr(v, "value") else str(v) for v in values)


def validate_tables(raw: Mapping[str, pd.DataFrame], source: str = "",
                    file_names: Mapping[str, str] | None = None) -> AccountMap:
    """Check four text tables and return the typed `AccountMap`, or raise `MapValidationError`.

    Parameters
    ----------
    raw
        ``accounts``, ``people``, ``team`` and ``connections``: every cell text, "" when blank.
    source
        Where the tables came from (a folder), named in the error.
    file_names
        The file each table came from, for the messages (default ``<table>.csv``).
    """
    names = {t: (file_names or {}).get(t, f"{t}.csv") for t in CANONICAL_COLUMNS}
    faults = _Faults()
    tables: dict[str, pd.DataFrame] = {}
    for table, frame in raw.items():
        frame = frame.reset_index(drop=True)
        missing = [c for c in REQUIRED_COLUMNS[table] if c not in frame.columns]
        for col in missing:
            faults.add(Fault(names[table], 1, col, None,
                             f"required column {col!r} is missing; the header has: {', '.join(map(str, frame.columns))}"))
        for col in CANONICAL_COLUMNS[table]:
            if col not in frame.columns:
                frame[col] = ""
        for col in frame.columns:
            frame[col] = frame[col].fillna("").astype(str)
            if col in CANONICAL_COLUMNS[table] and col != "notes":
                frame[col] = frame[col].str.strip()  # " s01" is s01; free text keeps its spacing
        tables[table] = frame
    if faults.items:
        raise MapValidationError(faults.items, source, faults.more)

    accounts, people, team, conns = tables["accounts"], tables["people"], tables["team"], tables["connections"]
    fa, fp, ft, fc = names["accounts"], names["people"], names["team"], names["connections"]
    ids = _Ids({
        "account_id": accounts["account_id"], "person_id": people["person_id"],
        "strategy_owner": accounts["strategy_owner"], "people.account_id": people["account_id"],
        "reports_to": people["reports_to"], "team.account_id": team["account_id"],
        "team.person_id": team["person_id"], "from_id": conns["from_id"], "to_id": conns["to_id"],
    })
    is_account, is_person = ids.members("account_id"), ids.members("person_id")

    # -- required values and unique ids -------------------------------------------------------
    for table, frame in tables.items():
        for col in REQUIRED_COLUMNS[table]:
            if col == "side":
                continue  # a blank side is reported with the accepted sides below
            faults.add_rows(names[table], frame, frame[col] == "", col, f"{col} is required and is blank")
    faults.add_rows(fa, accounts, _duplicated(ids.codes["account_id"]) & ids.given("account_id"),
                    "account_id", "duplicate account_id; each account appears once")
    faults.add_rows(fp, people, _duplicated(ids.codes["person_id"]) & ids.given("person_id"),
                    "person_id", "duplicate person_id; each person appears once")

    side = _enum_column(faults, fp, people, "side", Side, blank_ok=False)
    is_customer = (side == "customer").to_numpy()
    is_supplier = (side == "supplier").to_numpy()
    # Per dictionary code: is this id a supplier member? (With duplicate ids, any row counts.)
    supplier_code = np.zeros(ids.size, dtype=bool)
    supplier_code[ids.codes["person_id"][is_supplier]] = True

    # -- accounts ------------------------------------------------------------------------------
    _enum_column(faults, fa, accounts, "strategy_type", StrategyType)
    owner = ids.codes["strategy_owner"]
    owner_given = ids.given("strategy_owner")
    faults.add_rows(fa, accounts, owner_given & ~is_person[owner], "strategy_owner",
                    "strategy_owner is not a person_id in people.csv")
    faults.add_rows(fa, accounts, owner_given & is_person[owner] & ~supplier_code[owner], "strategy_owner",
                    "strategy_owner must be a supplier member (side supplier)")

    # -- people --------------------------------------------------------------------------------
    acc = ids.codes["people.account_id"]
    acc_given = ids.given("people.account_id")
    faults.add_rows(fp, people, is_customer & ~acc_given, "account_id",
                    "account_id is required for a customer stakeholder")
    faults.add_rows(fp, people, acc_given & ~is_account[acc], "account_id",
                    "account_id is not an account_id in accounts.csv")
    people["account_id"] = people["account_id"].where(is_customer, "")

    roles = people["role"]
    buying = _normalize_unique(roles, normalize_buying_role)
    supplying = _normalize_unique(roles, normalize_supplier_role)
    faults.add_rows(fp, people, is_customer & buying.isna(), "role",
                    f"unknown buying role; accepted: {_accepted(BuyingRole)} (or a common spelling such as EB)")
    faults.add_rows(fp, people, is_supplier & supplying.isna(), "role",
                    f"unknown supplier role; accepted: {_accepted(SupplierRole)} or blank")
    people["role"] = np.where(is_customer, buying.fillna("unknown"), supplying.fillna(""))

    influence = parse_level(people["influence"], _INFLUENCE_WORDS)
    faults.add_rows(fp, people, influence.isna(), "influence",
                    "influence must be 1 to 5 or low/medium/high (blank = 3)")
    people["influence"] = influence.fillna(3).astype("int8")

    _enum_column(faults, fp, people, "stance", Stance)
    boss = ids.codes["reports_to"]
    boss_given = ids.given("reports_to")
    faults.add_rows(fp, people, boss_given & ~is_person[boss], "reports_to",
                    "reports_to is not a person_id in people.csv")
    faults.add_rows(fp, people, boss_given & (boss == ids.codes["person_id"]), "reports_to",
                    "a person cannot report to themselves")

    # -- team ----------------------------------------------------------------------------------
    team_acc, member = ids.codes["team.account_id"], ids.codes["team.person_id"]
    faults.add_rows(ft, team, ids.given("team.account_id") & ~is_account[team_acc], "account_id",
                    "account_id is not an account_id in accounts.csv")
    member_given = ids.given("team.person_id")
    faults.add_rows(ft, team, member_given & ~is_person[member], "person_id",
                    "person_id is not a person_id in people.csv")
    faults.add_rows(ft, team, is_person[member] & ~supplier_code[member], "person_id",
                    "a team member must be a supplier member (side supplier)")
    faults.add_rows(ft, team, _duplicated(team_acc * ids.size + member) & member_given, "person_id",
                    "this person is already on this account's team")
    team_role = _normalize_unique(team["team_role"], normalize_supplier_role)
    faults.add_rows(ft, team, team_role.isna(), "team_role",
                    f"unknown team_role; accepted: {_accepted(SupplierRole)} or blank")
    team["team_role"] = team_role.fillna("")

    # -- connections ---------------------------------------------------------------------------
    a, b = ids.codes["from_id"], ids.codes["to_id"]
    for col, codes in (("from_id", a), ("to_id", b)):
        faults.add_rows(fc, conns, ids.given(col) & ~is_person[codes], col,
                        f"{col} is not a person_id in people.csv")
    faults.add_rows(fc, conns, (a == b) & ids.given("from_id"), "to_id", "a connection joins two different people")
    pair = np.minimum(a, b) * ids.size + np.maximum(a, b)
    faults.add_rows(fc, conns, _duplicated(pair) & ids.given("from_id"), "to_id",
                    "these two people are already connected by an earlier row; keep one row per pair")
    strength = parse_level(conns["strength"], _STRENGTH_WORDS)
    faults.add_rows(fc, conns, strength.isna(), "strength", "strength must be 1 to 5 or weak/medium/strong (blank = 3)")
    conns["strength"] = strength.fillna(3).astype("int8")
    text_date = conns["last_contact"]
    parsed = pd.to_datetime(text_date, format="%Y-%m-%d", errors="coerce")
    faults.add_rows(fc, conns, parsed.isna() & (text_date != ""), "last_contact",
                    "last_contact must be an ISO date YYYY-MM-DD (blank = unknown)")
    conns["last_contact"] = parsed.astype("datetime64[s]")

    if faults.items:
        raise MapValidationError(faults.ordered(list(names.values())), source, faults.more)
    order = {t: list(CANONICAL_COLUMNS[t]) + [c for c in tables[t].columns if c not in CANONICAL_COLUMNS[t]]
             for t in tables}
    row_of_person = ids.rows("person_id")
    row_of_account = ids.rows("account_id")
    positions = IdPositions(
        person_account=np.where(is_customer, row_of_account[acc], -1),
        owner=row_of_person[owner],
        team_account=row_of_account[team_acc],
        team_person=row_of_person[member],
        from_person=row_of_person[a],
        to_person=row_of_person[b],
    )
    return AccountMap(accounts[order["accounts"]], people[order["people"]], team[order["team"]],
                      conns[order["connections"]], positions)


def _normalize_unique(values: pd.Series, normalize) -> pd.Series:
    """Apply a per-label normaliser once per distinct label (a role column has a handful).

    Unrecognised labels come back as NaN.
    """
    column = _arrow(values)
    labels = pc.unique(column)
    normalized = pa.array([normalize(label) for label in labels.to_pylist()], type=pa.string())
    mapped = pc.take(normalized, pc.index_in(column, value_set=labels))
    return pd.Series(mapped.to_numpy(zero_copy_only=False), index=values.index, dtype=object)
