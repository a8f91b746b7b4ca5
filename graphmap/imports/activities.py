"""Activity logs: meetings, calls and e-mails between people, scored into connection strength.

A log has a date, a type, a direction and the two people (a person_id of the map or an e-mail);
the columns are found by name ("Date"/"Activity Date", "Type"/"Activity Type", "Direction",
"From"/"Owner"/"Organizer", "To"/"Contact"/"Attendee", ...). Both people must already be in the map
(or be created by contacts files of the same import); other rows are reported. A row dated after
the import (`graphmap.imports.dates.after_import`: a date after the import's local date, or a time
with a zone after its moment) is planned, not happened: it is reported and does not count; one
that has happened is never dated after the import day (`graphmap.imports.dates.happened_days`).

Per pair of people the log gives, counted up to its latest date among the rows kept (the
*reference*, so that the same log of past activities always scores the same):

- ``activities``: interactions in the log; ``activities_90d``: those in the 90 days up to the
  reference; ``meetings_90d``: meetings and calls among them (the two-way ones);
- ``reciprocal``: ``yes`` when there was a meeting or call, or e-mail went both ways. One-way
  outreach with no reply is not a relationship: such a pair gets no connection (it is counted as
  skipped), and an existing connection is left alone;
- ``days_since_last``: days from the last interaction to the reference.

strength = 1 + [activities_90d >= 3] + [activities_90d >= 8] + [meetings_90d >= 1]
+ [days_since_last <= 30], so 1 to 5; last_contact = the last interaction. The factors are written
as extra columns of connections.csv with ``strength_source = activities``; a strength typed by hand
(blank or ``manual`` strength_source) is never replaced.

`score_pairs` is that scoring on its own, from interactions given as integer codes of people; the
Salesforce Task and Event exports (`graphmap.imports.salesforce_activities`) are scored by it too.
"""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from graphmap.imports.emails import unwrapped_emails
from graphmap.imports.merge import Staged, empty_staged
from graphmap.imports.merge_links import ACTIVITY_AS_OF
from graphmap.imports.dates import (after_import, after_import_day, happened_days, import_moment, parse_dates,
                                    zoned_instants)
from graphmap.imports.normalize import arrow_text, clean_text, find_column, lookup, text_series
from graphmap.imports.other_emails import person_emails
from graphmap.imports.readers import ExportTable
from graphmap.imports.records import Issues, ProfileResult
from graphmap.imports.rows import equals, first_match

__all__ = ["COLUMNS", "activity_columns", "stage_activities", "score_pairs", "PairScores", "TYPES", "TYPE_OF",
           "ONE_WAY", "WINDOW_DAYS", "PLANNED"]

#: The columns of a log, each with the names it goes by.
COLUMNS = {
    "date": ("Date", "Activity Date", "Start Date", "Timestamp", "When", "Created Date"),
    "type": ("Type", "Activity Type", "Kind", "Channel"),
    "direction": ("Direction",),
    "from": ("From", "From Email", "From Id", "Sender", "Organizer", "Owner", "Owner Email", "User", "Person A"),
    "to": ("To", "To Email", "To Id", "Recipient", "Attendee", "Contact", "Contact Email", "Participant", "Person B"),
}
#: Accepted activity types and their spellings.
TYPES = {
    "meeting": ("meeting", "meet", "in person", "in-person", "video call", "video", "demo", "workshop", "visit",
                "lunch", "dinner", "event", "teams meeting", "zoom"),
    "call": ("call", "phone", "phone call", "logged call", "conference call"),
    "email": ("email", "e-mail", "mail", "inmail", "message"),
}
#: Each spelling of an activity type (lower case) and the type it stands for.
TYPE_OF = {spelling: kind for kind, spellings in TYPES.items() for spelling in spellings}
_INBOUND = ("inbound", "in", "incoming", "received", "reply")
WINDOW_DAYS = 90
#: How the summary counts the pairs that had only one-way outreach.
ONE_WAY = "one-way outreach with no reply (not a relationship)"
#: How the summary counts the rows dated after the import (an activity log's and Salesforce's).
PLANNED = "dated after the import day (planned, not happened)"


def activity_columns(header) -> dict[str, str | None]:
    """The log's column for each of date, type, direction, from and to (None when missing)."""
    return {field: find_column(header, *names) for field, names in COLUMNS.items()}


def stage_activities(table: ExportTable, people: pd.DataFrame, day_first: bool = False,
                     now: dt.datetime | None = None) -> ProfileResult:
    """Stage an activity log against the map's people (person_id, email), as of the import's moment
    `now` (`graphmap.imports.dates.import_moment`; the clock's when None)."""
    issues = Issues(table, "activities")
    cols = activity_columns(table.header)
    frame = table.frame
    notes: list[str] = []
    missing = [f for f in ("date", "from", "to") if cols[f] is None]
    if missing:
        from graphmap.exceptions import ImportFileError

        raise ImportFileError(f"{table.path}: an activity log needs columns for {', '.join(missing)} "
                              f"(e.g. {', '.join(COLUMNS[m][0] for m in missing)}); the header has: "
                              f"{', '.join(table.header)}")

    def text(field: str) -> pd.Series:
        col = cols[field]
        return clean_text(frame[col]) if col else pd.Series([""] * len(frame), dtype=object)

    issues.add_cell_errors(cols.values())
    reading = parse_dates(frame[cols["date"]], cols["date"], day_first)
    if reading.note:
        notes.append(reading.note)
    date = reading.dates
    raw_type = text("type").str.lower()
    kind = lookup(raw_type, TYPE_OF, "")
    if cols["type"] is None:
        notes.append("no type column; every activity counted as a meeting")
        kind[:] = "meeting"
    person_ids = arrow_text(people["person_id"])
    a_raw, b_raw = text("from"), text("to")
    # An end written as a "mailto:" link or "Name <address>" is looked up by the address.
    a, b = _map_rows(unwrapped_emails(arrow_text(a_raw))[0], unwrapped_emails(arrow_text(b_raw))[0], person_ids,
                     *person_emails(people))

    no_date = date.isna().to_numpy()
    written = text("date")
    issues.add_with_values(no_date, f"column {cols['date']!r}: ", written, " is not a date", summary="no date")
    now = import_moment(now)
    days = date.to_numpy(dtype="datetime64[ns]")
    instants = zoned_instants(written, days, now)
    late_day, late_time = after_import(days, instants, now)
    later_day = late_time & after_import_day(instants, now)  # (told by the day: the same all day long)
    issues.add_with_values(late_day | later_day, f"column {cols['date']!r}: ", written,
                           f" is after the import day {now.date().isoformat()}: planned, not happened", summary=PLANNED)
    issues.add_with_values(late_time & ~later_day, f"column {cols['date']!r}: ", written,
                           f" is after the time of the import ({now.isoformat(timespec='minutes')}): planned, "
                           "not happened", summary=PLANNED)
    happened = ~(no_date | late_day | late_time)
    bad_type = happened & (kind == "").to_numpy()
    issues.add_with_values(bad_type, f"column {cols['type']!r}: unknown activity type ", raw_type,
                           "; accepted: meeting, call, email (and common spellings)", summary="unknown activity type")
    ok = happened & ~bad_type
    for end, raw, found in (("from", a_raw, a), ("to", b_raw, b)):
        unknown = ok & (found < 0)
        issues.add_with_values(unknown, f"column {cols[end]!r}: ", raw, " is not a person_id or e-mail of the map",
                               summary="person not in the map")
        ok &= ~unknown
    same = ok & (a == b)
    issues.add(same, "both ends are the same person")
    ok &= ~same
    inbound = text("direction").str.lower().isin(_INBOUND).to_numpy()
    sender, receiver = np.where(inbound, b, a)[ok], np.where(inbound, a, b)[ok]
    staged = empty_staged()
    if not ok.any():
        return ProfileResult(staged, "activity log", issues, tuple(notes))
    # Each pair is (a, b) with a the person whose id sorts first, as the ids themselves would order
    # them; the people are ranked by id once, so the pairs are grouped and sorted as integers.
    seen = np.zeros(len(people), dtype=bool)
    seen[sender] = seen[receiver] = True
    involved = np.flatnonzero(seen)
    by_id = np.asarray(pc.sort_indices(person_ids.take(pa.array(involved))).to_numpy(), dtype=np.int64)
    rank = np.empty(len(people), dtype=np.int64)
    rank[involved[by_id]] = np.arange(len(involved))
    email = equals(arrow_text(kind), "email")[ok]
    scores = score_pairs(rank[sender], rank[receiver], happened_days(days, instants, now)[ok], two_way=~email)
    notes.append(scores.record(issues))
    people_by_rank = involved[by_id]
    ids_by_rank = person_ids.take(pa.array(people_by_rank))
    low, high = scores.pairs["low"].to_numpy(), scores.pairs["high"].to_numpy()
    links = pd.DataFrame({
        "from_key": text_series(ids_by_rank.take(pa.array(low))),
        "to_key": text_series(ids_by_rank.take(pa.array(high))),
        # the rows of the two people among the map's, so that the merge need not look their ids up
        "from_map_row": people_by_rank[low], "to_map_row": people_by_rank[high],
        **scores.link_columns()})
    return ProfileResult(Staged(staged.accounts, staged.people, links, staged.team), "activity log", issues,
                         tuple(notes))


@dataclass(frozen=True)
class PairScores:
    """An activity log scored per pair of people (`score_pairs`)."""

    pairs: pd.DataFrame
    """One row per pair with a connection: ``low`` and ``high`` (the pair's two codes, as the caller
    gave them, the smaller first), then the connection's columns: ``strength``, ``strength_source``,
    ``last_contact`` and the factors (``activities``, ``activities_90d``, ``meetings_90d``, ``reciprocal``,
    ``days_since_last``, ``activity_as_of``)."""
    one_way: int
    """Pairs with one-way outreach only: not a relationship, so no connection."""
    reference: pd.Timestamp
    """The date the pairs were scored as of: the latest of the interactions scored."""

    def link_columns(self) -> dict[str, pd.Series]:
        """The staged connection's columns (all but the two ends)."""
        return {col: self.pairs[col] for col in self.pairs.columns if col not in ("low", "high")}

    def record(self, issues: Issues) -> str:
        """Count the one-way pairs among `issues`' skipped rows; returns the note that says the reference."""
        if self.one_way:
            issues.skipped[ONE_WAY] = issues.skipped.get(ONE_WAY, 0) + self.one_way
        return f"strength scored as of {self.reference.date().isoformat()}, the log's latest date"


def score_pairs(sender: np.ndarray, receiver: np.ndarray, dates: np.ndarray, two_way: np.ndarray) -> PairScores:
    """Score interactions into connections, per pair of people, as of the latest of `dates`.

    Parameters
    ----------
    sender, receiver
        The two people of each interaction as non-negative integer codes (for a one-way interaction,
        who reached out to whom); a pair is written with its smaller code first.
    dates
        The day of each interaction (datetime64).
    two_way
        Whether each interaction was both ways (a meeting, a call): such a pair is a relationship.
        One-way ones (an e-mail, an outbound call) make one only when both people sent one.

    Examples
    --------
    >>> days = np.array(["2026-11-01", "2026-11-20", "2026-11-02"], dtype="datetime64[ns]")
    >>> scores = score_pairs(np.array([0, 1, 0]), np.array([1, 0, 2]), days, np.array([False, True, False]))
    >>> scores.pairs[["low", "high", "strength", "activities", "meetings_90d", "days_since_last"]].values.tolist()
    [[0, 1, 3.0, '2', '1', '0']]
    >>> scores.one_way, str(scores.reference.date())
    (1, '2026-11-20')
    """
    reference = pd.Timestamp(dates.max())
    low, high = np.minimum(sender, receiver), np.maximum(sender, receiver)
    width = int(high.max()) + 1
    # Whole days before the reference (the log's latest date, so never negative).
    recent = (reference.value - dates.astype("datetime64[ns]").astype(np.int64)) // (86_400 * 10**9) <= WINDOW_DAYS
    one_way = ~np.asarray(two_way, dtype=bool)
    pair = _per_pair(low * width + high, dates, recent=recent, meeting_recent=recent & ~one_way, spoken=~one_way,
                     a_sent=one_way & (sender == low), b_sent=one_way & (sender == high))
    reciprocal = (pair["spoken"] | (pair["a_sent"] & pair["b_sent"])).to_numpy()
    pair = pair[reciprocal].reset_index(drop=True)
    days = (reference - pair["last"]).dt.days
    strength = (1 + (pair["activities_90d"] >= 3).astype(int) + (pair["activities_90d"] >= 8).astype(int)
                + (pair["meetings_90d"] >= 1).astype(int) + (days <= 30).astype(int)).clip(1, 5)
    low, high = np.divmod(pair["pair"].to_numpy(), width)
    scored = pd.DataFrame({
        "low": low, "high": high, "strength": strength.astype(float), "strength_source": "activities",
        "last_contact": pair["last"].astype("datetime64[ns]"),
        "activities": pair["activities"].astype(str), "activities_90d": pair["activities_90d"].astype(str),
        "meetings_90d": pair["meetings_90d"].astype(str), "reciprocal": "yes",
        "days_since_last": days.astype(str), ACTIVITY_AS_OF: reference.date().isoformat()})
    return PairScores(scored, int((~reciprocal).sum()), reference)


def _map_rows(a: pa.Array, b: pa.Array, person_ids: pa.Array, emails: pa.Array,
              email_rows: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The row of the map's person each end of each activity names: a person_id of the map, else an
    e-mail (case-insensitive: `emails` are the people's in lower case, as `person_emails` gives them,
    and `email_rows` the row each names, None when they are one per row), -1 for neither.

    An end is looked up once: an end with an "@" among the e-mails, one without among the ids (an
    id is a slug of a name, an e-mail has an "@"). Where the map has ids with an "@", or e-mails
    without one, the ends that could be those are looked up both ways, the id first, as the rule
    says. The two look-ups run side by side, the e-mails on a second thread.
    """
    ends, emails = pa.concat_arrays([a, b]), emails.fill_null("")
    at_sign = np.asarray(pc.match_substring(ends, "@").to_numpy(zero_copy_only=False), dtype=bool)
    ids_with_at = pc.any(pc.match_substring(person_ids, "@")).as_py() or False
    emails_without_at = pc.any(pc.and_(pc.not_equal(emails, ""), pc.invert(pc.match_substring(emails, "@")))).as_py() \
        or False
    as_id = np.flatnonzero(~at_sign | ids_with_at)
    as_email = np.flatnonzero(at_sign | emails_without_at)
    row = np.full(len(ends), -1, dtype=np.int64)
    with ThreadPoolExecutor(max_workers=1) as pool:
        by_email = pool.submit(lambda: first_match(pc.utf8_lower(ends.take(pa.array(as_email))), emails))
        row[as_id] = first_match(ends.take(pa.array(as_id)), person_ids)
        found = by_email.result()
    if email_rows is not None:  # (a person's other e-mails follow the e-mails of all)
        found = np.where(found >= 0, email_rows[np.maximum(found, 0)], -1)
    unresolved = row[as_email] < 0  # an id found first wins
    row[as_email[unresolved]] = found[unresolved]
    return row[: len(a)], row[len(a):]


def _per_pair(codes: np.ndarray, dates: np.ndarray, **flags: np.ndarray) -> pd.DataFrame:
    """Per pair code, in code order: its ``activities``, its latest date (``last``), and for each flag
    the count of rows holding it (``activities_90d`` from ``recent``, ``meetings_90d`` from
    ``meeting_recent``) or whether any row does (the others).

    One sort of the codes, then numpy's reductions over each run of equal codes: a pandas groupby
    with seven aggregations takes several times as long on a million rows.
    """
    order = np.argsort(codes, kind="stable")
    ranked = codes[order]
    starts = np.flatnonzero(np.r_[True, ranked[1:] != ranked[:-1]]) if len(ranked) else np.zeros(0, dtype=np.int64)
    counted = {"recent": "activities_90d", "meeting_recent": "meetings_90d"}
    out = {"pair": ranked[starts], "activities": np.diff(np.r_[starts, len(ranked)])}
    for name, values in flags.items():
        values = values[order]
        if name in counted:
            out[counted[name]] = np.add.reduceat(values.astype(np.int64), starts)
        else:
            out[name] = np.logical_or.reduceat(values, starts)
    days = dates.astype("datetime64[ns]")[order]
    out["last"] = np.maximum.reduceat(days.view(np.int64), starts).view("datetime64[ns]")
    return pd.DataFrame(out)
