"""Dates as exports write them, each column in whatever single style it uses (ISO, named months,
day-first or month-first numbers), with what was assumed said (docs/imports.md, "Messy files", Dates);
and which of them are after the import (planned, not happened).

The moment of the import (`import_moment`) is an aware date-time in the user's time zone: a value
written as a date (or a date and a time without a zone) is after it when its date is after the
import's local date; a value with a time and a zone (an instant, ``2026-11-29T16:00:00Z``) when the
instant is after it.
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from graphmap.imports.normalize import arrow_text, distinct, positions_in, text_series

__all__ = ["parse_dates", "nanosecond_dates", "DateReading", "import_moment", "zoned_instants", "after_import",
           "happened_days"]


_DATE_PART = re.compile(
    r"^\s*(\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2}|\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}"
    r"|\d{1,2}[ \-][A-Za-z]{3,9}[ \-,]+\d{4}|\d{1,2}[ \-][A-Za-z]{3}[ \-]\d{2}(?!\d)|[A-Za-z]{3,9} \d{1,2},? \d{4})")
_ISO = ("%Y-%m-%d", "%Y/%m/%d")
#: Named months; ``6-Feb-26`` is Excel's "d-mmm-yy", as a LinkedIn export saved again in Excel has it.
_NAMED = ("%d %b %Y", "%d %B %Y", "%d-%b-%Y", "%b %d %Y", "%B %d %Y", "%d-%b-%y", "%d %b %y")


class DateReading:
    """Dates parsed from one column, with what was assumed about their order."""

    def __init__(self, dates: pd.Series, unparsed: np.ndarray, note: str | None) -> None:
        self.dates = dates
        """datetime64 per row (NaT where blank or unparsable)."""
        self.unparsed = unparsed
        """Boolean mask: a value was written but is not a date."""
        self.note = note
        """What was assumed (day-first or month-first), or None."""


def nanosecond_dates(dates: pd.Series) -> pd.Series:
    """Dates (naive, of any unit) as ``datetime64[ns]``, NaT where a date is outside what that holds
    (the years 1677 to 2262): pandas parses ``9999-12-31``, a CRM's "never", or a year typed ``202``,
    into microseconds, and the cast would fail or wrap round to another date.

    >>> nanosecond_dates(pd.to_datetime(pd.Series(["9999-12-31", "2026-11-18"]))).tolist()
    [NaT, Timestamp('2026-11-18 00:00:00')]
    """
    inside = (dates >= pd.Timestamp.min) & (dates <= pd.Timestamp.max)
    return dates.where(inside).astype("datetime64[ns]")


def parse_dates(values: pd.Series, column: str = "", day_first_hint: bool = False) -> DateReading:
    """Parse a column of dates in whatever single style it is written.

    ISO dates, ``12 Mar 2024``, ``6-Feb-26``, ``Mar 12, 2024`` and numeric dates with ``/``, ``.`` or
    ``-`` are read; a time after the date is ignored. Numeric dates are month-first unless a value
    proves them day-first (a first part above 12), the separator is ``.``, or `day_first_hint` (a
    European file) says so; the assumption is returned as a note.

    >>> r = parse_dates(pd.Series(["13/03/2024", "01/02/2024", ""]))
    >>> [str(d.date()) if not pd.isna(d) else "" for d in r.dates]
    ['2024-03-13', '2024-02-01', '']
    >>> r.note
    "column '': numeric dates read day-first (a value has a first part above 12)"
    >>> [str(d.date()) for d in parse_dates(pd.Series(["6-Feb-26", "30 May 2024", "1/8/18, 6:14 PM"])).dates]
    ['2026-02-06', '2024-05-30', '2018-01-08']
    """
    # Dates repeat: parse each distinct written value once, then take the results by code.
    codes, raw = distinct(values)
    stripped = [str(v).strip() for v in raw]
    uniques = pd.Series(pd.unique(pd.Series([v for v in stripped if v != ""], dtype=object)), dtype=object)
    part = uniques.str.extract(_DATE_PART, expand=False).fillna("").str.replace(",", "", regex=False)
    part = part.str.replace(r"\s+", " ", regex=True)
    parsed = pd.Series(pd.NaT, index=uniques.index, dtype="datetime64[ns]")
    note = None
    for fmt in _ISO + _NAMED:
        todo = parsed.isna() & (part != "")
        if todo.any():
            parsed[todo] = nanosecond_dates(pd.to_datetime(part[todo], format=fmt, errors="coerce"))
    numeric = parsed.isna() & part.str.match(r"^\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}$")
    if numeric.any():
        pieces = part[numeric].str.split(r"[/.\-]", regex=True, expand=True).astype(int)
        first_big = bool((pieces[0] > 12).any())
        second_big = bool((pieces[1] > 12).any())
        dotted = bool(part[numeric].str.contains(".", regex=False).any())
        day_first = first_big or ((dotted or day_first_hint) and not second_big)
        if first_big:
            why = "a value has a first part above 12"
        elif second_big:
            why = "a value has a second part above 12"
        elif dotted:
            why = "dates written with dots are day-first"
        elif day_first_hint:
            why = "assumed: the file uses European separators"
        else:
            why = "assumed: no value proves the order"
        note = f"column {column!r}: numeric dates read {'day-first' if day_first else 'month-first'} ({why})"
        day, month = (pieces[0], pieces[1]) if day_first else (pieces[1], pieces[0])
        year = pieces[2].where(pieces[2] >= 100, pieces[2] + 2000)
        built = pd.to_datetime(pd.DataFrame({"year": year, "month": month, "day": day}), errors="coerce")
        parsed[numeric] = nanosecond_dates(built)
    per_raw = np.full(len(stripped) + 1, np.datetime64("NaT"), dtype="datetime64[ns]")  # last: blank cells
    if len(uniques):
        found = positions_in(pd.Series(stripped, dtype=object), uniques)
        hit = np.flatnonzero(found >= 0)
        per_raw[hit] = parsed.to_numpy(dtype="datetime64[ns]")[found[hit]]
    written = np.append(np.array([v != "" for v in stripped], dtype=bool), False)
    codes = np.where(codes < 0, len(stripped), codes)
    dates = pd.Series(per_raw[codes], dtype="datetime64[ns]")
    unparsed = written[codes] & np.isnat(per_raw[codes])
    return DateReading(dates, unparsed, note)


#: An ISO date-time with a zone ("2026-11-29T16:00:00Z", "2026-11-29 16:00+01:00", "...+0100"): an instant.
_ZONED = r"^\s*\d{4}-\d{1,2}-\d{1,2}[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}(:?\d{2})?)\s*$"
#: Two zones' dates differ by at most 26 hours (UTC-12 to UTC+14): a value dated two days or more
#: before the import's local date is before the import, whatever its time and zone.
_ZONE_SPREAD = np.timedelta64(2, "D")


def import_moment(now: dt.datetime | None = None) -> dt.datetime:
    """The moment of an import as an aware date-time in the user's time zone: `now` (a naive one is
    the machine's local time), else the clock's, in the machine's time zone.

    >>> import_moment(dt.datetime(2026, 11, 30, 8, 0, tzinfo=dt.timezone(dt.timedelta(hours=10)))).isoformat()
    '2026-11-30T08:00:00+10:00'
    """
    if now is None:
        return dt.datetime.now().astimezone()
    return now if now.tzinfo is not None else now.astimezone()


def zoned_instants(values: pd.Series, days: np.ndarray, now: dt.datetime) -> np.ndarray:
    """Per row, the instant (UTC, ``datetime64[ns]``) a value written as an ISO date-time with a zone
    stands for, NaT for any other value.

    Only rows whose `days` (their parsed dates) are near or after `now`'s date are read: an earlier
    value is before the import whatever its zone, so a log of a million past activities reads a few
    rows here.

    >>> now = dt.datetime(2026, 11, 29, 9, 0, tzinfo=dt.timezone.utc)
    >>> values = pd.Series(["2026-11-29T16:00:00Z", "2026-11-29 16:00", "2026-11-29T08:00:00-05:00"])
    >>> days = np.array(["2026-11-29"] * 3, dtype="datetime64[ns]")
    >>> [str(t) for t in zoned_instants(values, days, now)]
    ['2026-11-29T16:00:00.000000000', 'NaT', '2026-11-29T13:00:00.000000000']
    """
    instants = np.full(len(values), np.datetime64("NaT"), dtype="datetime64[ns]")
    near = np.flatnonzero(~np.isnat(days) & (days >= np.datetime64(now.date(), "ns") - _ZONE_SPREAD))
    if not len(near):
        return instants
    written = arrow_text(values).take(pa.array(near))
    zoned = np.asarray(pc.match_substring_regex(written, _ZONED).to_numpy(zero_copy_only=False), dtype=bool)
    if zoned.any():
        # Each distinct value is parsed once (a calendar's meetings start on the hour).
        values = written.filter(pa.array(zoned))
        uniques = pc.unique(values)
        parsed = pd.to_datetime(text_series(uniques), format="ISO8601", utc=True, errors="coerce")
        parsed = nanosecond_dates(parsed.dt.tz_localize(None)).to_numpy(dtype="datetime64[ns]")
        instants[near[zoned]] = parsed[pc.index_in(values, uniques).to_numpy()]
    return instants


def after_import(days: np.ndarray, instants: np.ndarray, now: dt.datetime) -> tuple[np.ndarray, np.ndarray]:
    """The rows dated after the import (planned, not happened), as two masks: by their day (rows
    without an instant, dated after `now`'s date, the user's local date) and by their instant (rows
    with one, after `now` itself). NaT is after nothing.

    >>> now = dt.datetime(2026, 11, 30, 8, 0, tzinfo=dt.timezone(dt.timedelta(hours=10)))
    >>> days = np.array(["2026-11-30", "2026-12-01", "2026-11-29", "NaT"], dtype="datetime64[ns]")
    >>> instants = np.array(["NaT", "NaT", "2026-11-29T23:00", "NaT"], dtype="datetime64[ns]")
    >>> [mask.tolist() for mask in after_import(days, instants, now)]
    [[False, True, False, False], [False, False, True, False]]
    """
    timed = ~np.isnat(instants)
    utc_now = np.datetime64(now.astimezone(dt.timezone.utc).replace(tzinfo=None), "ns")
    by_day = ~timed & (days > np.datetime64(now.date(), "ns"))
    return by_day, timed & (instants > utc_now)


def after_import_day(instants: np.ndarray, now: dt.datetime) -> np.ndarray:
    """A mask of the `instants` whose date where the user is (`now`'s offset) is after `now`'s date.
    Those are reported by the import's day, not its minute, so that two imports of one day report
    them alike (only an activity later on the day of the import needs the time to tell why).

    >>> now = dt.datetime(2026, 11, 30, 8, 0, tzinfo=dt.timezone(dt.timedelta(hours=10)))
    >>> instants = np.array(["2026-11-30T13:00", "2026-11-30T15:00", "NaT"], dtype="datetime64[ns]")
    >>> after_import_day(instants, now).tolist()
    [False, True, False]
    """
    offset = np.timedelta64(int(now.utcoffset().total_seconds()), "s")
    local = (instants + offset).astype("datetime64[D]")
    return ~np.isnat(instants) & (local > np.datetime64(now.date(), "D"))


def happened_days(days: np.ndarray, instants: np.ndarray, now: dt.datetime) -> np.ndarray:
    """The days of activities that have happened by `now`, never after its date (the user's local
    date): a row with an instant whose day (its date as written, or in UTC) is after that date takes
    the instant's date where the user is (`now`'s offset); every other row keeps its day.

    A meeting at 09:00 on 30 November at UTC+14 was held at 19:00 on the 29th in UTC: imported at
    20:00 there, it is dated the 29th, so last_contact never lies after the import day.

    >>> now = dt.datetime(2026, 11, 29, 20, 0, tzinfo=dt.timezone.utc)
    >>> days = np.array(["2026-11-30", "2026-11-20"], dtype="datetime64[ns]")
    >>> instants = np.array(["2026-11-29T19:00", "NaT"], dtype="datetime64[ns]")
    >>> [str(d)[:10] for d in happened_days(days, instants, now)]
    ['2026-11-29', '2026-11-20']
    """
    offset = np.timedelta64(int(now.utcoffset().total_seconds()), "s")
    local = (instants + offset).astype("datetime64[D]").astype("datetime64[ns]")
    later = ~np.isnat(instants) & (days > np.datetime64(now.date(), "ns"))
    return np.where(later, local, days)
