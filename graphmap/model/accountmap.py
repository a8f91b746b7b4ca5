"""`AccountMap`: a whole map held as four typed tables, one per file of the canonical folder.

Columns, after validation (`graphmap.model.validation`):

- ``accounts``: account_id, name, strategy_owner, strategy_type, strategy (all text; "" when blank)
- ``people``: person_id, name, side, account_id, role, title, email, stance, reports_to (text),
  influence (int8, 1-5)
- ``team``: account_id, person_id, team_role, responsibilities (text)
- ``connections``: from_id, to_id, notes (text), strength (int8, 1-5), last_contact (datetime64, NaT
  when unknown)

Any other column is an extra, kept as text. The tables are columnar so that a portfolio of a million
connections is analysed without a Python object per row; the typed records of
`graphmap.model.records` are the convenient view of a few rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Iterable, Iterator, Mapping

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from graphmap.exceptions import UnknownAccountError
from graphmap.model.records import Account, Connection, Person, TeamMembership

__all__ = ["AccountMap", "CANONICAL_COLUMNS", "IdPositions", "counts_in_words", "frame_as_text",
           "text_by_distinct_value"]

#: The columns graphmap interprets, per table, in the order it writes them.
CANONICAL_COLUMNS: dict[str, tuple[str, ...]] = {
    "accounts": ("account_id", "name", "strategy_owner", "strategy_type", "strategy"),
    "people": ("person_id", "name", "side", "account_id", "role", "title", "email", "influence", "stance",
               "reports_to"),
    "team": ("account_id", "person_id", "team_role", "responsibilities"),
    "connections": ("from_id", "to_id", "strength", "last_contact", "notes"),
}


def _extras(frame: pd.DataFrame, table: str) -> list[str]:
    canonical = set(CANONICAL_COLUMNS[table])
    return [c for c in frame.columns if c not in canonical]


@dataclass(frozen=True, eq=False)
class IdPositions:
    """Where each id reference points, as row positions (-1 for a blank reference).

    Validation hashes every id once and keeps the result here, so that the analysis of a large
    portfolio does not hash a million ids a second time.
    """

    person_account: np.ndarray
    """Per people row: the accounts row of its account_id."""
    owner: np.ndarray
    """Per accounts row: the people row of its strategy owner."""
    team_account: np.ndarray
    """Per team row: the accounts row."""
    team_person: np.ndarray
    """Per team row: the people row."""
    from_person: np.ndarray
    """Per connections row: the people row of from_id."""
    to_person: np.ndarray
    """Per connections row: the people row of to_id."""


@dataclass(frozen=True, eq=False)
class AccountMap:
    """A validated map: accounts, people, team memberships and connections.

    Build one with `graphmap.read_map` (a folder) or `AccountMap.from_records` (typed records);
    both validate. The tables are not to be changed in place: derive a new map instead.

    Examples
    --------
    >>> from graphmap.model.records import Account, Person, Connection
    >>> amap = AccountMap.from_records(
    ...     accounts=[Account("a1", "Cobalt Mining")],
    ...     people=[Person("s1", "Dana Reyes", "supplier"),
    ...             Person("c1", "Lee Park", "customer", account_id="a1", role="EB")],
    ...     connections=[Connection("s1", "c1", strength=4)])
    >>> amap.person("c1").role
    'economic_buyer'
    >>> amap.account_ids
    ['a1']
    """

    accounts: pd.DataFrame
    people: pd.DataFrame
    team: pd.DataFrame
    connections: pd.DataFrame
    positions: IdPositions | None = field(default=None, repr=False)
    """Row positions of the id references, when validation computed them for exactly these tables
    (None for derived maps; the analysis then computes them itself)."""

    # -- construction -------------------------------------------------------------------------

    @classmethod
    def from_records(
        cls,
        accounts: Iterable[Account] = (),
        people: Iterable[Person] = (),
        team: Iterable[TeamMembership] = (),
        connections: Iterable[Connection] = (),
    ) -> "AccountMap":
        """Build and validate a map from typed records (raises `MapValidationError` on faults)."""
        from graphmap.model.validation import validate_tables

        def rows(records: Iterable, table: str) -> pd.DataFrame:
            out = []
            for rec in records:
                row = {}
                for col in CANONICAL_COLUMNS[table]:
                    value = getattr(rec, col)
                    if isinstance(value, dt.date):
                        value = value.isoformat()
                    row[col] = "" if value is None else str(value)
                row.update({k: str(v) for k, v in rec.extra.items()})
                out.append(row)
            frame = pd.DataFrame(out, columns=None if out else list(CANONICAL_COLUMNS[table]), dtype=object)
            return frame.fillna("")

        return validate_tables(
            {
                "accounts": rows(accounts, "accounts"),
                "people": rows(people, "people"),
                "team": rows(team, "team"),
                "connections": rows(connections, "connections"),
            },
            source="records",
        )

    # -- lookups ------------------------------------------------------------------------------

    @property
    def account_ids(self) -> list[str]:
        """Every account id, in the map's order."""
        return self.accounts["account_id"].tolist()

    def account(self, account_id: str) -> Account:
        """The account with this id (raises `UnknownAccountError`)."""
        hit = self.accounts[self.accounts["account_id"] == account_id]
        if hit.empty:
            raise UnknownAccountError(f"account {account_id!r} is not in the map; known: {_sample(self.account_ids)}")
        return _account_record(hit.iloc[0], _extras(self.accounts, "accounts"))

    def person(self, person_id: str) -> Person:
        """The person with this id (raises `KeyError`)."""
        hit = self.people[self.people["person_id"] == person_id]
        if hit.empty:
            raise KeyError(person_id)
        return _person_record(hit.iloc[0], _extras(self.people, "people"))

    def iter_accounts(self) -> Iterator[Account]:
        """Every account as a record."""
        extras = _extras(self.accounts, "accounts")
        for _, row in self.accounts.iterrows():
            yield _account_record(row, extras)

    def iter_people(self) -> Iterator[Person]:
        """Every person as a record."""
        extras = _extras(self.people, "people")
        for _, row in self.people.iterrows():
            yield _person_record(row, extras)

    def iter_team(self) -> Iterator[TeamMembership]:
        """Every team membership as a record."""
        extras = _extras(self.team, "team")
        for _, row in self.team.iterrows():
            yield TeamMembership(row["account_id"], row["person_id"], row["team_role"], row["responsibilities"],
                                 {c: row[c] for c in extras})

    def iter_connections(self) -> Iterator[Connection]:
        """Every connection as a record."""
        extras = _extras(self.connections, "connections")
        for _, row in self.connections.iterrows():
            last = row["last_contact"]
            yield Connection(row["from_id"], row["to_id"], int(row["strength"]),
                             None if pd.isna(last) else last.date(), row["notes"], {c: row[c] for c in extras})

    # -- derived maps -------------------------------------------------------------------------

    def subset(self, account_ids: Iterable[str]) -> "AccountMap":
        """The part of the map about some accounts.

        Keeps those accounts, their stakeholders, the supplier members on their teams or connected to
        their stakeholders, and every connection among the people kept.
        """
        wanted = list(dict.fromkeys(account_ids))
        account_col = _arrow_text(self.accounts["account_id"])
        unknown = [a for a, found in zip(wanted, _member(_arrow_text(wanted), account_col)) if not found]
        if unknown:
            raise UnknownAccountError(
                f"account {unknown[0]!r} is not in the map; known: {_sample(self.account_ids)}")
        # Membership tests are Arrow hash look-ups on the id columns (no Python sets of a million ids).
        wanted_ids = _arrow_text(wanted)
        accounts = self.accounts[_member(account_col, wanted_ids)]
        people = self.people
        person_col = _arrow_text(people["person_id"])
        customer = (people["side"] == "customer").to_numpy(dtype=bool) & \
            _member(_arrow_text(people["account_id"]), wanted_ids)
        customer_ids = person_col.filter(pa.array(customer))
        conns = self.connections
        from_col, to_col = _arrow_text(conns["from_id"]), _arrow_text(conns["to_id"])
        touching = _member(from_col, customer_ids) | _member(to_col, customer_ids)
        team = self.team[_member(_arrow_text(self.team["account_id"]), wanted_ids)]
        owners = _arrow_text(accounts["strategy_owner"])
        owners = owners.filter(pc.not_equal(owners, ""))
        kept = pc.unique(pa.concat_arrays([
            customer_ids, _arrow_text(team["person_id"]), from_col.filter(pa.array(touching)),
            to_col.filter(pa.array(touching)), owners]))
        people_kept = people[_member(person_col, kept)]
        conns_kept = conns[_member(from_col, kept) & _member(to_col, kept)]
        # A manager outside the subset would dangle; the org chart is cut at the subset's edge.
        people_kept = people_kept.assign(
            reports_to=people_kept["reports_to"].where(_member(_arrow_text(people_kept["reports_to"]), kept), ""))
        return AccountMap(accounts.reset_index(drop=True), people_kept.reset_index(drop=True),
                          team.reset_index(drop=True), conns_kept.reset_index(drop=True))

    def with_tables(self, **tables: pd.DataFrame) -> "AccountMap":
        """A new map with some tables replaced, validated again (raises `MapValidationError`)."""
        from graphmap.model.validation import validate_tables
        from graphmap.mapfolder import tables_as_text

        current = tables_as_text(self)
        current.update({name: frame_as_text(frame) for name, frame in tables.items()})
        return validate_tables(current, source="edited map")

    def __len__(self) -> int:
        return len(self.accounts)

    def __repr__(self) -> str:
        return (f"AccountMap({len(self.accounts)} accounts, {len(self.people)} people, "
                f"{len(self.team)} team memberships, {len(self.connections)} connections)")

    def size_in_words(self) -> str:
        """"5 accounts, 35 people, 16 team memberships, 40 connections", as the command line and the app say it."""
        return counts_in_words({table: len(getattr(self, table)) for table in CANONICAL_COLUMNS})


#: A row of each table as a count names it: one, and more.
TABLE_NOUNS = {"accounts": ("account", "accounts"), "people": ("person", "people"),
               "team": ("team membership", "team memberships"), "connections": ("connection", "connections")}


def counts_in_words(counts: Mapping[str, int]) -> str:
    """Rows of a map's tables (by table name) in words.

    >>> counts_in_words({"accounts": 1, "people": 2, "team": 0, "connections": 1})
    '1 account, 2 people, 0 team memberships, 1 connection'
    >>> counts_in_words({"accounts": 1200, "people": 1})
    '1,200 accounts, 1 person'
    """
    return ", ".join(f"{n:,} {TABLE_NOUNS[table][bool(n != 1)]}" for table, n in counts.items())  # (n may be numpy's)


def frame_as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of a table with every cell as text: dates as ISO, blanks as ""."""
    out = frame.copy()
    for col in out.columns:
        out[col] = _column_as_text(out[col])
    return out


def _column_as_text(values: pd.Series) -> pd.Series:
    """One column as text; Arrow-backed text stays Arrow-backed (no Python object per cell)."""
    if pd.api.types.is_datetime64_any_dtype(values):
        return text_by_distinct_value(values, lambda days: days.strftime("%Y-%m-%d"))
    if pd.api.types.is_string_dtype(values):
        return values.fillna("").astype(str)
    if pd.api.types.is_integer_dtype(values) or pd.api.types.is_bool_dtype(values):
        return text_by_distinct_value(values, lambda numbers: pd.Series(numbers).astype(object).astype(str))
    return values.astype(object).where(values.notna(), "").astype(str)


def text_by_distinct_value(values: pd.Series, text_of) -> pd.Series:
    """A column as text, formatting each distinct value once ("" for a missing one).

    A million connections hold a few thousand distinct days and five strengths: formatting those and
    taking them by code is a hundred times faster than formatting a million cells one by one, and
    gives the same text (the same formatter sees the same values).
    """
    codes, uniques = pd.factorize(values)
    lookup = pa.array(list(text_of(uniques)) + [""], type=pa.large_string())
    text = lookup.take(np.where(codes < 0, len(uniques), codes))
    if isinstance(_TEXT_DTYPE, pd.StringDtype) and _TEXT_DTYPE.storage == "pyarrow":
        cells = pd.array(text, dtype=_TEXT_DTYPE)  # wraps the Arrow array, no copy
    else:
        cells = text.to_numpy(zero_copy_only=False)  # pandas without Arrow-backed text: Python strs
    return pd.Series(cells, index=values.index, name=values.name, dtype=_TEXT_DTYPE)


#: The dtype of text made with ``astype(str)``: Arrow-backed "str" from pandas 3, object before.
_TEXT_DTYPE = pd.Series([""], dtype=object).astype(str).dtype


def _arrow_text(values) -> pa.Array:
    """A text column (pandas or a list) as one Arrow large_string array (zero-copy for Arrow strings)."""
    if isinstance(values, pd.Series):
        values = values.array if isinstance(values.dtype, pd.StringDtype) else values.to_numpy(dtype=object)
    arr = pa.array(values, type=pa.large_string(), from_pandas=True)
    return arr.combine_chunks() if isinstance(arr, pa.ChunkedArray) else arr


def _member(values: pa.Array, value_set: pa.Array) -> np.ndarray:
    """Whether each value is in `value_set`, as a numpy mask (one Arrow hash look-up)."""
    return np.asarray(pc.is_in(values, value_set=value_set).to_numpy(zero_copy_only=False), dtype=bool)


def _sample(ids: list[str], limit: int = 5) -> str:
    shown = ", ".join(ids[:limit])
    return shown + (f" and {len(ids) - limit} more" if len(ids) > limit else "") if ids else "(none)"


def _account_record(row: pd.Series, extras: list[str]) -> Account:
    return Account(row["account_id"], row["name"], row["strategy_owner"], row["strategy_type"], row["strategy"],
                   {c: row[c] for c in extras})


def _person_record(row: pd.Series, extras: list[str]) -> Person:
    return Person(row["person_id"], row["name"], row["side"], row["account_id"], row["role"], row["title"],
                  row["email"], int(row["influence"]), row["stance"], row["reports_to"],
                  {c: row[c] for c in extras})
