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

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from graphmap.imports.merge import Staged, empty_staged
from graphmap.imports.normalize import arrow_text, clean_text, find_column, lookup, parse_dates, text_series
from graphmap.imports.readers import ExportTable
from graphmap.imports.records import Issues, ProfileResult
from graphmap.imports.rows import first_match

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
    emails = pc.utf8_lower(arrow_text(people["email"]))

    def resolve(values: pd.Series) -> pd.Series:
        """The person_id each cell names: a person_id of the map, else an e-mail ("" for neither)."""
        text = arrow_text(values)
        at = first_match(text, person_ids)
        todo = np.flatnonzero(at < 0)
        if len(todo):
            by_email = first_match(pc.utf8_lower(text.take(pa.array(todo))), emails)
            at[todo] = by_email
        return text_series(person_ids.take(pa.array(at, mask=at < 0)).fill_null(""), values.index)

    a_raw, b_raw = text("from"), text("to")
    a, b = resolve(a_raw), resolve(b_raw)
    # (Each reason is written per row, so only when some row has it.)
    no_date = date.isna().to_numpy()
    if no_date.any():
        issues.add(no_date, f"column {cols['date']!r}: " + text("date").map(repr) + " is not a date", summary="no date")
    bad_type = ~no_date & (kind == "").to_numpy()
    if bad_type.any():
        issues.add(bad_type, f"column {cols['type']!r}: unknown activity type " + raw_type.map(repr) +
                   "; accepted: meeting, call, email (and common spellings)", summary="unknown activity type")
    ok = ~no_date & ~bad_type
    for end, raw, found in (("from", a_raw, a), ("to", b_raw, b)):
        unknown = ok & (found == "").to_numpy()
        if unknown.any():
            issues.add(unknown, f"column {cols[end]!r}: " + raw.map(repr) + " is not a person_id or e-mail of the map",
                       summary="person not in the map")
        ok &= ~unknown
    same = ok & (a == b).to_numpy()
    issues.add(same, "both ends are the same person")
    ok &= ~same
    inbound = text("direction").str.lower().isin(_INBOUND)
    sender = a.where(~inbound, b)[ok]
    receiver = b.where(~inbound, a)[ok]
    log = pd.DataFrame({"sender": sender.to_numpy(), "receiver": receiver.to_numpy(),
                        "kind": kind[ok].to_numpy(), "date": date[ok].to_numpy()})
    staged = empty_staged()
    if log.empty:
        return ProfileResult(staged, "activity log", issues, tuple(notes))
    reference = log["date"].max()
    notes.append(f"strength scored as of {reference.date().isoformat()}, the log's latest date")
    low = np.minimum(log["sender"].to_numpy(dtype=object), log["receiver"].to_numpy(dtype=object))
    high = np.maximum(log["sender"].to_numpy(dtype=object), log["receiver"].to_numpy(dtype=object))
    log["a"], log["b"] = low, high
    recent = (reference - log["date"]).dt.days <= WINDOW_DAYS
    spoken = log["kind"] != "email"
    log["recent"] = recent
    log["meeting_recent"] = recent & spoken
    log["spoken"] = spoken
    log["a_sent"] = (log["kind"] == "email") & (log["sender"] == log["a"])
    log["b_sent"] = (log["kind"] == "email") & (log["sender"] == log["b"])
    pair = log.groupby(["a", "b"], sort=True).agg(
        activities=("date", "size"), activities_90d=("recent", "sum"), meetings_90d=("meeting_recent", "sum"),
        spoken=("spoken", "any"), a_sent=("a_sent", "any"), b_sent=("b_sent", "any"), last=("date", "max"),
    ).reset_index()
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
        "strength_source": "activities", "last_contact": pair["last"].astype("datetime64[ns]"),
        "activities": pair["activities"].astype(str), "activities_90d": pair["activities_90d"].astype(str),
        "meetings_90d": pair["meetings_90d"].astype(str), "reciprocal": "yes",
        "days_since_last": days.astype(str), "activity_as_of": reference.date().isoformat()})
    return ProfileResult(Staged(staged.accounts, staged.people, links, staged.team), "activity log", issues,
                         tuple(notes))
