"""Validation of a map's four tables: every fault is collected, then the map is refused as a whole.

Input is text tables as read from the canonical folder (every cell a string, "" when blank); output is
an `AccountMap` with typed columns. Each check is a column operation, so a portfolio of a million rows
validates in about a second; a fault names the file, the row a spreadsheet shows (header = row 1), the
column, the value and what would be accepted.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Mapping

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from graphmap.exceptions import Fault, MapValidationError
from graphmap.model.accountmap import CANONICAL_COLUMNS, AccountMap, IdPositions
from graphmap.model.roles import BuyingRole, Side, Stance, StrategyType, SupplierRole, normalize_buying_role, normalize_supplier_role
from graphmap.text_buffers import empty_cells, may_have_outer_space, offsets

__all__ = ["validate_tables", "MAX_FAULTS", "REQUIRED_COLUMNS", "parse_level", "refers_to_rows"]

#: Faults listed before the rest are only counted.
MAX_FAULTS = 200

REQUIRED_COLUMNS: dict[str, tuple[str, ...]] = {
    "accounts": ("account_id", "name"),
    "people": ("person_id", "name", "side"),
    "team": ("account_id", "person_id"),
    "connections": ("from_id", "to_id"),
}

#: The columns checked label by label (an enum, a level or a date), each encoded once.
_LABEL_COLUMNS = (("people", "side"), ("accounts", "strategy_type"), ("people", "role"), ("people", "influence"),
                  ("people", "stance"), ("team", "team_role"), ("connections", "strength"),
                  ("connections", "last_contact"))

_LEVELS = {"1": 1, "2": 2, "3": 3, "4": 4, "5": 5}
_INFLUENCE_WORDS = {"low": 1, "medium": 3, "high": 5}
_STRENGTH_WORDS = {"weak": 1, "medium": 3, "strong": 5}


def parse_level(values: pd.Series, words: Mapping[str, int], blank: int = 3) -> pd.Series:
    """Parse 1-5 or words into float levels (NaN where unparsable); blank gives `blank`.

    >>> parse_level(pd.Series(["4", "", "High", "9", "4.0"]), {"high": 5}).tolist()
    [4.0, 3.0, 5.0, nan, 4.0]
    """
    return _levels(_Labels.of(values), values.index, words, blank)


def _levels(column: "_Labels", index: pd.Index, words: Mapping[str, int], blank: int = 3) -> pd.Series:
    """`parse_level` of a column already encoded as labels."""
    lookup = {**_LEVELS, **{f"{k}.0": v for k, v in _LEVELS.items()}, **words, "": blank}
    folded = pc.utf8_lower(pc.utf8_trim_whitespace(column.labels))
    position = pc.index_in(folded, value_set=pa.array(list(lookup), type=folded.type))
    levels = pc.take(pa.array(list(lookup.values()), type=pa.float64()), position)
    return pd.Series(column.spread(levels), index=index)


#: The dtype ``astype(str)`` gives: pandas' text column, held by Arrow.
_TEXT = pd.Series([], dtype=object).astype(str).dtype


def _chunks(values: pd.Series) -> list[pa.Array]:
    """A text column's Arrow chunks, as pandas holds them (no copy when it holds them in Arrow)."""
    array = pa.array(values.array, type=pa.large_string())
    return array.chunks if isinstance(array, pa.ChunkedArray) else [array]


def _encode(chunks: list[pa.Array]) -> tuple[pa.Array, np.ndarray]:
    """Dictionary-encode chunks as one column: the distinct values, and each cell's code."""
    encoded = pc.dictionary_encode(pa.chunked_array(chunks, type=pa.large_string()), null_encoding="encode")
    if not encoded.num_chunks:
        return pa.array([], type=pa.large_string()), np.zeros(0, dtype=np.int64)
    codes = np.empty(len(encoded), dtype=np.int64)
    start = 0
    for chunk in encoded.chunks:  # slice by slice: np.concatenate's own cast to int64 is several times slower
        codes[start:start + len(chunk)] = chunk.indices.to_numpy()
        start += len(chunk)
    return encoded.chunk(0).dictionary, codes


def _text_column(values: pd.Series, strip: bool) -> pd.Series:
    """A column as text without missing cells, stripped of outer white space when `strip`.

    The same as ``values.fillna("").astype(str)`` (then ``.str.strip()``), without the copies when
    the column is already text without gaps and no cell starts or ends with white space: a map read
    from its folder has a million-row column of ids like that.
    """
    if not isinstance(values, pd.Series) or values.dtype != _TEXT or values.hasnans:
        values = values.fillna("").astype(str)
    if strip and (not isinstance(values, pd.Series) or may_have_outer_space(_chunks(values))):
        values = values.str.strip()
    return values


def _blank(values: pd.Series) -> np.ndarray:
    """``values == ""`` for a text column without missing cells, from the cells' lengths alone."""
    parts = [empty_cells(chunk) for chunk in _chunks(values) if len(chunk)]
    return np.concatenate(parts) if parts else np.zeros(len(values), dtype=bool)


@dataclass(frozen=True, eq=False)
class _Labels:
    """A column as codes of its distinct labels, so that a check or conversion runs once per label.

    A role, level, enum or date column of a million rows has a handful (or a few thousand) labels.
    """

    labels: pa.Array
    """The distinct cells (large_string), in order of first appearance."""
    codes: np.ndarray
    """Per row: the position of its cell in `labels`."""

    @classmethod
    def of(cls, values: pd.Series) -> "_Labels":
        return cls(*_encode(_chunks(values)))

    def spread(self, per_label: pa.Array | np.ndarray) -> np.ndarray:
        """A value per label (in label order) as a numpy value per row."""
        if isinstance(per_label, pa.Array):
            per_label = per_label.to_numpy(zero_copy_only=False)
        return per_label[self.codes]

    def column(self, per_label: pa.Array, index: pd.Index, offset: np.ndarray | int = 0) -> pd.Series:
        """Text per label (Arrow, in label order; each row's label moved by `offset`) as a text column."""
        return pd.Series(_TEXT.__from_arrow__(pc.take(per_label, pa.array(self.codes + offset))), index=index)


class _Ids:
    """Id columns of one kind (account ids, or person ids) encoded against one dictionary, so that
    membership and duplicates are integer work.

    Hashing a million ids once, instead of once per check, is most of the cost of validating a
    large portfolio. The columns are encoded chunk by chunk as pandas holds them, not concatenated,
    and a chunk of blanks only (a map without ``reports_to``) is not hashed at all.
    """

    def __init__(self, columns: Mapping[str, pd.Series], rows: Mapping[str, np.ndarray] | None = None) -> None:
        """Encode `columns`; `rows` may say, for a column of references, the row of the first column
        that each reference names (an import knows the two people of every connection it made).

        Such a hint is checked, not trusted: the first column's cells at those rows must equal the
        references, which is a take and a comparison instead of a hash. A hint that does not hold is
        ignored and the column hashed like the others.
        """
        chunks = {name: _chunks(col) for name, col in columns.items()}
        home = next(iter(columns))
        hinted = {name: at for name, at in (rows or {}).items() if name != home and name in chunks}
        if hinted:
            ids = _one_array(chunks[home])
            hinted = {name: at for name, at in hinted.items() if refers_to_rows(chunks[name], ids, at)}
        hashed = [chunk for name, parts in chunks.items() if name not in hinted
                  for chunk in parts if not _all_blank(chunk)]
        dictionary, codes = _encode(hashed)
        found = dictionary.index("").as_py() if len(dictionary) else -1
        self.blank = found if found >= 0 else len(dictionary)
        """The code of the blank id (after the dictionary's when no hashed cell is blank)."""
        self.size = len(dictionary) + (found < 0)
        self.codes: dict[str, np.ndarray] = {}
        start = 0
        for name, parts in chunks.items():
            if name in hinted:
                continue
            column_codes = []
            for chunk in parts:
                if _all_blank(chunk):
                    column_codes.append(np.full(len(chunk), self.blank, dtype=np.int64))
                else:
                    column_codes.append(codes[start:start + len(chunk)])
                    start += len(chunk)
            self.codes[name] = column_codes[0] if len(column_codes) == 1 else \
                np.concatenate(column_codes) if column_codes else np.zeros(0, dtype=np.int64)
        for name, at in hinted.items():
            self.codes[name] = self.codes[home][at]

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

    def duplicated(self, name: str, members: np.ndarray) -> np.ndarray:
        """True for every row of column `name` repeating an id of an earlier row (`members` of it)."""
        if np.count_nonzero(members) == len(self.codes[name]):
            return np.zeros(len(self.codes[name]), dtype=bool)  # as many distinct ids as rows
        return _duplicated(self.codes[name])


def _one_array(chunks: list[pa.Array]) -> pa.Array:
    """A column's chunks as one array (no copy for a single chunk)."""
    if len(chunks) == 1:
        return chunks[0]
    return pa.concat_arrays(chunks) if chunks else pa.array([], type=pa.large_string())


def refers_to_rows(cells: list[pa.Array] | pa.Array | pa.ChunkedArray, ids: pa.Array, rows: np.ndarray) -> bool:
    """Whether each cell of a text column (an array, or its chunks) is the id at its row in `rows` of `ids`.

    How a hint about references is checked without hashing them (a take and a comparison).
    """
    chunks = cells.chunks if isinstance(cells, pa.ChunkedArray) else [cells] if isinstance(cells, pa.Array) else cells
    rows = np.asarray(rows)
    if rows.dtype.kind not in "iu" or len(rows) != sum(len(c) for c in chunks):
        return False
    if len(rows) and (rows.min() < 0 or rows.max() >= len(ids)):
        return False
    start = 0
    for chunk in chunks:  # chunk by chunk: a take over a chunked column would first copy all of it
        named = ids.take(pa.array(rows[start:start + len(chunk)]))
        if len(chunk) and not pc.all(pc.equal(chunk, named), skip_nulls=False).as_py():
            return False
        start += len(chunk)
    return True


def _all_blank(chunk: pa.Array) -> bool:
    """Whether every cell of a text chunk without missing cells is empty (its cells hold no bytes)."""
    bounds = offsets(chunk) if len(chunk) else None
    return bounds is None or bounds[0] == bounds[-1]


def _duplicated(keys: np.ndarray) -> np.ndarray:
    """True for every occurrence of a key after its first."""
    return pd.Series(keys).duplicated().to_numpy()


def _duplicated_pairs(first: np.ndarray, second: np.ndarray, size: int) -> np.ndarray:
    """`_duplicated` of code pairs (codes below `size`), hashing only the rows that can repeat a pair.

    A repeated pair repeats its first code in `first` and its second in `second`; in a portfolio most
    connections join a contact seen once, so few rows are left to hash.
    """
    repeated = (np.bincount(first, minlength=size) > 1)[first] & (np.bincount(second, minlength=size) > 1)[second]
    candidates = np.flatnonzero(repeated)
    found = np.zeros(len(first), dtype=bool)
    found[candidates] = _duplicated(first[candidates] * size + second[candidates])
    return found


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


def _enum_column(faults: _Faults, file: str, frame: pd.DataFrame, column: str, enum, cells: _Labels,
                 blank_ok: bool = True) -> _Labels:
    """Fold a column of enum values (encoded as `cells`) to lower case in place, reporting every value
    the enum lacks.

    Returns the folded column's labels. Each distinct cell is folded and looked up once.
    """
    folded = _Labels(pc.utf8_lower(cells.labels), cells.codes)
    if not folded.labels.equals(cells.labels):
        frame[column] = folded.column(folded.labels, frame.index)
    accepted = [e.value for e in enum] + ([""] if blank_ok else [])
    known = pc.is_in(folded.labels, value_set=pa.array(accepted, type=folded.labels.type))
    faults.add_rows(file, frame, ~folded.spread(known), column,
                    f"unknown {column}; accepted: {_accepted(enum)}" + (" or blank" if blank_ok else ""))
    return folded


def _accepted(values) -> str:
    return ", ".join(v.value if hasattr(v, "value") else str(v) for v in values)


def validate_tables(raw: Mapping[str, pd.DataFrame], source: str = "",
                    file_names: Mapping[str, str] | None = None,
                    connection_ends: tuple[np.ndarray, np.ndarray] | None = None) -> AccountMap:
    """Check four text tables and return the typed `AccountMap`, or raise `MapValidationError`.

    Parameters
    ----------
    raw
        ``accounts``, ``people``, ``team`` and ``connections``: every cell text, "" when blank.
    source
        Where the tables came from (a folder), named in the error.
    file_names
        The file each table came from, for the messages (default ``<table>.csv``).
    connection_ends
        Optionally, per connections row, the rows of ``people`` its ``from_id`` and ``to_id`` are
        believed to name (an import knows them). Checked, not trusted: it only saves hashing those
        columns when it holds.
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
            # " s01" is s01; free text keeps its spacing
            values = frame[col]
            text = _text_column(values, strip=col in CANONICAL_COLUMNS[table] and col != "notes")
            if text is not values:
                frame[col] = text
        tables[table] = frame
    if faults.items:
        raise MapValidationError(faults.items, source, faults.more)

    accounts, people, team, conns = tables["accounts"], tables["people"], tables["team"], tables["connections"]
    fa, fp, ft, fc = names["accounts"], names["people"], names["team"], names["connections"]
    # Account ids and person ids are two separate kinds: each is encoded on its own thread (Arrow's
    # hashing releases the GIL).
    with ThreadPoolExecutor(max_workers=2) as pool:
        account_ids = pool.submit(_Ids, {"account_id": accounts["account_id"],
                                         "people.account_id": people["account_id"],
                                         "team.account_id": team["account_id"]})
        # The columns of labels are encoded there too, while this thread hashes the person ids.
        encoding = {(table, col): pool.submit(_Labels.of, tables[table][col]) for table, col in _LABEL_COLUMNS}
        person_ids = _Ids({"person_id": people["person_id"], "strategy_owner": accounts["strategy_owner"],
                           "reports_to": people["reports_to"], "team.person_id": team["person_id"],
                           "from_id": conns["from_id"], "to_id": conns["to_id"]},
                          rows=dict(zip(("from_id", "to_id"), connection_ends)) if connection_ends else None)
        account_ids = account_ids.result()
        labels = {column: future.result() for column, future in encoding.items()}
    is_account, is_person = account_ids.members("account_id"), person_ids.members("person_id")

    # -- required values and unique ids -------------------------------------------------------
    for table, frame in tables.items():
        for col in REQUIRED_COLUMNS[table]:
            if col == "side":
                continue  # a blank side is reported with the accepted sides below
            faults.add_rows(names[table], frame, _blank(frame[col]), col, f"{col} is required and is blank")
    faults.add_rows(fa, accounts, account_ids.duplicated("account_id", is_account) & account_ids.given("account_id"),
                    "account_id", "duplicate account_id; each account appears once")
    faults.add_rows(fp, people, person_ids.duplicated("person_id", is_person) & person_ids.given("person_id"),
                    "person_id", "duplicate person_id; each person appears once")

    side = _enum_column(faults, fp, people, "side", Side, labels["people", "side"], blank_ok=False)
    is_customer = side.spread(pc.equal(side.labels, "customer"))
    is_supplier = side.spread(pc.equal(side.labels, "supplier"))
    # Per dictionary code: is this id a supplier member? (With duplicate ids, any row counts.)
    supplier_code = np.zeros(person_ids.size, dtype=bool)
    supplier_code[person_ids.codes["person_id"][is_supplier]] = True

    # -- accounts ------------------------------------------------------------------------------
    _enum_column(faults, fa, accounts, "strategy_type", StrategyType, labels["accounts", "strategy_type"])
    owner = person_ids.codes["strategy_owner"]
    owner_given = person_ids.given("strategy_owner")
    faults.add_rows(fa, accounts, owner_given & ~is_person[owner], "strategy_owner",
                    "strategy_owner is not a person_id in people.csv")
    faults.add_rows(fa, accounts, owner_given & is_person[owner] & ~supplier_code[owner], "strategy_owner",
                    "strategy_owner must be a supplier member (side supplier)")

    # -- people --------------------------------------------------------------------------------
    acc = account_ids.codes["people.account_id"]
    acc_given = account_ids.given("people.account_id")
    faults.add_rows(fp, people, is_customer & ~acc_given, "account_id",
                    "account_id is required for a customer stakeholder")
    faults.add_rows(fp, people, acc_given & ~is_account[acc], "account_id",
                    "account_id is not an account_id in accounts.csv")

    roles = labels["people", "role"]
    buying = _normalize_labels(roles, normalize_buying_role)
    supplying = _normalize_labels(roles, normalize_supplier_role)
    faults.add_rows(fp, people, is_customer & roles.spread(buying.is_null()), "role",
                    f"unknown buying role; accepted: {_accepted(BuyingRole)} (or a common spelling such as EB)")
    faults.add_rows(fp, people, is_supplier & roles.spread(supplying.is_null()), "role",
                    f"unknown supplier role; accepted: {_accepted(SupplierRole)} or blank")
    # A customer's role is its buying role, anyone else's the supplier role. The column is rewritten
    # only when that changes a cell (a map graphmap wrote holds canonical roles already).
    buying, supplying = buying.fill_null("unknown"), supplying.fill_null("")
    rewritten = np.where(is_customer, roles.spread(pc.not_equal(buying, roles.labels)),
                         roles.spread(pc.not_equal(supplying, roles.labels)))
    if rewritten.any():  # labels 0..n-1 are the buying roles, n..2n-1 the supplier roles
        people["role"] = roles.column(pa.concat_arrays([buying, supplying]), people.index,
                                      offset=np.where(is_customer, 0, len(roles.labels)))

    influence = _levels(labels["people", "influence"], people.index, _INFLUENCE_WORDS)
    faults.add_rows(fp, people, influence.isna(), "influence",
                    "influence must be 1 to 5 or low/medium/high (blank = 3)")
    people["influence"] = influence.fillna(3).astype("int8")

    _enum_column(faults, fp, people, "stance", Stance, labels["people", "stance"])
    boss = person_ids.codes["reports_to"]
    boss_given = person_ids.given("reports_to")
    faults.add_rows(fp, people, boss_given & ~is_person[boss], "reports_to",
                    "reports_to is not a person_id in people.csv")
    faults.add_rows(fp, people, boss_given & (boss == person_ids.codes["person_id"]), "reports_to",
                    "a person cannot report to themselves")

    # -- team ----------------------------------------------------------------------------------
    team_acc, member = account_ids.codes["team.account_id"], person_ids.codes["team.person_id"]
    faults.add_rows(ft, team, account_ids.given("team.account_id") & ~is_account[team_acc], "account_id",
                    "account_id is not an account_id in accounts.csv")
    member_given = person_ids.given("team.person_id")
    faults.add_rows(ft, team, member_given & ~is_person[member], "person_id",
                    "person_id is not a person_id in people.csv")
    faults.add_rows(ft, team, is_person[member] & ~supplier_code[member], "person_id",
                    "a team member must be a supplier member (side supplier)")
    pair_size = max(account_ids.size, person_ids.size)
    faults.add_rows(ft, team, _duplicated_pairs(team_acc, member, pair_size) & member_given, "person_id",
                    "this person is already on this account's team")
    team_roles = labels["team", "team_role"]
    team_role = _normalize_labels(team_roles, normalize_supplier_role)
    faults.add_rows(ft, team, team_roles.spread(team_role.is_null()), "team_role",
                    f"unknown team_role; accepted: {_accepted(SupplierRole)} or blank")
    team["team_role"] = pd.Series(team_roles.spread(team_role.fill_null("")), index=team.index, dtype=object)

    # -- connections ---------------------------------------------------------------------------
    a, b = person_ids.codes["from_id"], person_ids.codes["to_id"]
    for col, codes in (("from_id", a), ("to_id", b)):
        faults.add_rows(fc, conns, person_ids.given(col) & ~is_person[codes], col,
                        f"{col} is not a person_id in people.csv")
    faults.add_rows(fc, conns, (a == b) & person_ids.given("from_id"), "to_id", "a connection joins two different people")
    repeated = _duplicated_pairs(np.minimum(a, b), np.maximum(a, b), person_ids.size)
    faults.add_rows(fc, conns, repeated & person_ids.given("from_id"), "to_id",
                    "these two people are already connected by an earlier row; keep one row per pair")
    strength = _levels(labels["connections", "strength"], conns.index, _STRENGTH_WORDS)
    faults.add_rows(fc, conns, strength.isna(), "strength", "strength must be 1 to 5 or weak/medium/strong (blank = 3)")
    conns["strength"] = strength.fillna(3).astype("int8")
    dates = labels["connections", "last_contact"]  # a few thousand distinct days: each is parsed once
    days = pd.Series(_TEXT.__from_arrow__(dates.labels))
    parsed = pd.to_datetime(days, format="%Y-%m-%d", errors="coerce")
    unparsed = (parsed.isna() & (days != "")).to_numpy()
    faults.add_rows(fc, conns, dates.spread(unparsed), "last_contact",
                    "last_contact must be an ISO date YYYY-MM-DD (blank = unknown)")
    conns["last_contact"] = pd.Series(dates.spread(parsed.astype("datetime64[s]").to_numpy()), index=conns.index)

    if faults.items:
        raise MapValidationError(faults.ordered(list(names.values())), source, faults.more)
    order = {t: list(CANONICAL_COLUMNS[t]) + [c for c in tables[t].columns if c not in CANONICAL_COLUMNS[t]]
             for t in tables}
    row_of_person = person_ids.rows("person_id")
    row_of_account = account_ids.rows("account_id")
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


def _normalize_labels(column: _Labels, normalize) -> pa.Array:
    """Apply a per-label normaliser once per distinct label: the result per label, null where unrecognised."""
    return pa.array([normalize(label) for label in column.labels.to_pylist()], type=pa.large_string())

