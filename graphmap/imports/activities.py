"""Activity logs: meetings, calls and e-mails between people, scored into connection strength.

A log has a date, a type, a direction and the two people (a person_id of the map or an e-mail);
the columns are found by name ("Date"/"Activity Date", "Type"/"Activity Type", "Direction",
"From"/"Owner"/"Organizer", "To"/"Contact"/"Attendee", ...). Both people must already be in the map
(or be created by contacts files of the same import); other rows are reported.

Per pair of people the log gives, counted up to its latest date (the *reference*, so that the same
log always scores the same):

- ``activities``: interactions in the log; ``activities_90d``: those in the 90 days up to the
  reference; ``meetings_90d``: meetings and calls among them;
- ``reciprocal``: ``yes`` when there was a meeting or call, or e-mail went both ways. One-way
  outreach with no reply is not a relationship: such a pair gets no connection (it is counted as
  skipped), and an existing connection is left alone;
- ``days_since_last``: days from the last interaction to the reference.

strength = 1 + [activities_90d >= 3] + [activities_90d >= 8] + [meetings_90d >= 1]
+ [days_since_last <= 30], so 1 to 5; last_contact = the last interaction. The factors are written
as extra columns of connections.csv with ``strength_source = activities``; a strength typed by hand
(blank or ``manual`` strength_source) is never replaced.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from graphmap.imports.emails import unwrapped_emails
from graphmap.imports.merge import Staged, empty_staged
from graphmap.imports.merge_links import ACTIVITY_AS_OF
from graphmap.imports.normalize import arrow_text, clean_text, find_column, lookup, parse_dates, text_series
from graphmap.imports.readers import ExportTable
from graphmap.imports.records import Issues, ProfileResult
from graphmap.imports.rows import equals, first_match

__all__ = ["COLUMNS", "activity_columns", "stage_activities", "TYPES", "WINDOW_DAYS"]

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
_INBOUND = ("inbound", "in", "incoming", "received", "reply")
WINDOW_DAYS = 90


def activity_columns(header) -> dict[str, str | None]:
    """The log's column for each of date, type, direction, from and to (None when missing)."""
    return {field: find_column(header, *names) for field, names in COLUMNS.items()}


def stage_activities(table: ExportTable, people: pd.DataFrame, day_first: bool = False) -> ProfileResult:
    """Stage an activity log against the map's people (person_id, email)."""
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
    kind_lookup = {spelling: kind for kind, spellings in TYPES.items() for spelling in spellings}
    raw_type = text("type").str.lower()
    kind = lookup(raw_type, kind_lookup, "")
    if cols["type"] is None:
        notes.append("no type column; every activity counted as a meeting")
        kind[:] = "meeting"
    person_ids = arrow_text(people["person_id"])
    a_raw, b_raw = text("from"), text("to")
    # An end written as a "mailto:" link or "Name <address>" is looked up by the address.
    a, b = _map_rows(unwrapped_emails(arrow_text(a_raw))[0], unwrapped_emails(arrow_text(b_raw))[0], person_ids,
                     arrow_text(people["email"]))

    def reasons(mask: np.ndarray, before: str, values: pd.Series, after: str) -> pd.Series:
        """A reason per reported row, naming its value (written only for the rows reported)."""
        out = np.full(len(frame), "", dtype=object)
        out[mask] = [before + repr(value) + after for value in arrow_text(values).filter(pa.array(mask)).to_pylist()]
        return pd.Series(out, dtype=object)

    no_date = date.isna().to_numpy()
    if no_date.any():
        issues.add(no_date, reasons(no_date, f"column {cols['date']!r}: ", text("date"), " is not a date"),
                   summary="no date")
    bad_type = ~no_date & (kind == "").to_numpy()
    if bad_type.any():
        issues.add(bad_type, reasons(bad_type, f"column {cols['type']!r}: unknown activity type ", raw_type,
                                     "; accepted: meeting, call, email (and common spellings)"),
                   summary="unknown activity type")
    ok = ~no_date & ~bad_type
    for end, raw, found in (("from", a_raw, a), ("to", b_raw, b)):
        unknown = ok & (found < 0)
        if unknown.any():
            issues.add(unknown, reasons(unknown, f"column {cols[end]!r}: ", raw,
                                        " is not a person_id or e-mail of the map"), summary="person not in the map")
        ok &= ~unknown
    same = ok & (a == b)
    issues.add(same, "both ends are the same person")
    ok &= ~same
    inbound = text("direction").str.lower().isin(_INBOUND).to_numpy()
    sender, receiver = np.where(inbound, b, a)[ok], np.where(inbound, a, b)[ok]
    date_ok = date.to_numpy()[ok]
    staged = empty_staged()
    if not ok.any():
        return ProfileResult(staged, "activity log", issues, tuple(notes))
    reference = pd.Timestamp(date_ok.max())
    notes.append(f"strength scored as of {reference.date().isoformat()}, the log's latest date")
    # Each pair is (a, b) with a the person whose id sorts first, as the ids themselves would order
    # them; the people are ranked by id once, so the pairs are grouped and sorted as integers.
    seen = np.zeros(len(people), dtype=bool)
    seen[sender] = seen[receiver] = True
    involved = np.flatnonzero(seen)
    by_id = np.asarray(pc.sort_indices(person_ids.take(pa.array(involved))).to_numpy(), dtype=np.int64)
    rank = np.empty(len(people), dtype=np.int64)
    rank[involved[by_id]] = np.arange(len(involved))
    low = np.where(rank[sender] <= rank[receiver], sender, receiver)
    high = np.where(rank[sender] <= rank[receiver], receiver, sender)
    # Whole days before the reference (the log's latest date, so never negative).
    recent = (reference.value - date_ok.astype("datetime64[ns]").astype(np.int64)) // (86_400 * 10**9) <= WINDOW_DAYS
    email = equals(arrow_text(kind), "email")[ok]
    pair = _per_pair(rank[low] * len(involved) + rank[high], date_ok, recent=recent, meeting_recent=recent & ~email,
                     spoken=~email, a_sent=email & (sender == low), b_sent=email & (sender == high))
    people_by_rank = involved[by_id]
    ids_by_rank = person_ids.take(pa.array(people_by_rank))
    a_rank, b_rank = np.divmod(pair["pair"].to_numpy(), len(involved))
    pair["a"] = text_series(ids_by_rank.take(pa.array(a_rank)))
    pair["b"] = text_series(ids_by_rank.take(pa.array(b_rank)))
    reciprocal = pair["spoken"] | (pair["a_sent"] & pair["b_sent"])
    one_way = int((~reciprocal).sum())
    if one_way:
        issues.skipped["one-way outreach with no reply (not a relationship)"] = one_way
    pair = pair[reciprocal].reset_index(drop=True)
    days = (reference - pair["last"]).dt.days
    strength = (1 + (pair["activities_90d"] >= 3).astype(int) + (pair["activities_90d"] >= 8).astype(int)
                + (pair["meetings_90d"] >= 1).astype(int) + (days <= 30).astype(int)).clip(1, 5)
    links = pd.DataFrame({
        "from_key": pair["a"], "to_key": pair["b"], "strength": strength.astype(float),
        # the rows of the two people among the map's, so that the merge need not look their ids up
        "from_map_row": people_by_rank[a_rank[reciprocal.to_numpy()]],
        "to_map_row": people_by_rank[b_rank[reciprocal.to_numpy()]],
        "strength_source": "activities", "last_contact": pair["last"].astype("datetime64[ns]"),
        "activities": pair["activities"].astype(str), "activities_90d": pair["activities_90d"].astype(str),
        "meetings_90d": pair["meetings_90d"].astype(str), "reciprocal": "yes",
        "days_since_last": days.astype(str), ACTIVITY_AS_OF: reference.date().isoformat()})
    return ProfileResult(Staged(staged.accounts, staged.people, links, staged.team), "activity log", issues,
                         tuple(notes))


def _map_rows(a: pa.Array, b: pa.Array, person_ids: pa.Array, emails: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """The row of the map's person each end of each activity names: a person_id of the map, else an
    e-mail (case-insensitive), -1 for neither.

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
        by_email = pool.submit(lambda: first_match(pc.utf8_lower(ends.take(pa.array(as_email))), pc.utf8_lower(emails)))
        row[as_id] = first_match(ends.take(pa.array(as_id)), person_ids)
        found = by_email.result()
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
