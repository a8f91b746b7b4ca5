"""Salesforce Task and Event exports (Data Loader, API names): the activity history, scored like a log.

Each row is one activity between a member of our team and a customer contact:

- ``WhoId`` is the contact: a Contact's id, found among the map's customers by ``salesforce_id``
  (15 or 18 characters, one id), the contacts files of the same import included. A Lead's id
  (``00Q...``) is no contact of the map, and nor is an id the map does not hold: such rows are
  reported. Only the primary contact counts (the ``WhoId``); contacts related to the activity through
  TaskRelation or EventRelation are not in these exports.
- ``OwnerId`` is the member: a user of a User export of the same import, else a member the map knows
  by that ``salesforce_id`` (`graphmap.imports.salesforce.owners_by_user_id`, as for contact owners).
- An **Event** is a meeting (two-way). Its day is ``ActivityDateTime``, else ``StartDateTime``: Data
  Loader writes date-times in UTC ("2024-03-12T14:00:00.000Z") and the day is the date part in UTC,
  not in the owner's time zone; an all-day event, which has no date-time, takes ``ActivityDate``.
- A **Task**'s channel is its ``TaskSubtype`` (``Email``, ``ListEmail`` and ``LinkedIn`` are messages,
  ``Call`` a call), else its ``Type`` (the activity log's spellings: "Call", "Email", "Meeting"), else
  a call where ``CallType`` is set. A message goes one way, from the owner to the contact; a call is
  two-way unless its ``CallType`` is ``Outbound``. A task with no channel (a plain to-do, a cadence
  step) is no interaction: it is skipped and reported. Its day is ``ActivityDate`` (the due date),
  or the date in UTC of its ``CompletedDateTime`` where that is earlier (done before it was due).
  Open tasks are not done yet: ``IsClosed`` false, or, in an export without that column, a
  ``Status`` other than "Completed" (said in the notes).
- Rows with ``IsDeleted`` true, and activities dated after the import (planned, not happened), are
  skipped and reported: a date (a Task's ``ActivityDate``, an all-day event's) when it is after the
  import's local date, the user's, not UTC's (a call logged this morning in Sydney is today's,
  though UTC's date is still yesterday); an event's date-time when it is after the import's moment.
  A closed task due after the import was done all the same: without a ``CompletedDateTime`` to date
  it, it counts on the import day, and is reported so. A task whose ``CompletedDateTime`` is after
  the import's moment was still open then (an import replayed with an earlier `now`): skipped as
  planned. An activity kept is never dated after the import day
  (`graphmap.imports.dates.happened_days`): a meeting at 20:00 in New York, the next day in UTC,
  counts on the import day when imported that evening.

The Task and Event exports of one import are one activity history: their interactions are scored
together by `graphmap.imports.activities.score_pairs`, as of their latest date, exactly as an activity
log is (strength, last contact and factors; a strength typed by hand still wins at the merge).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from graphmap.imports.activities import PLANNED, TYPE_OF, score_pairs
from graphmap.imports.contacts import column
from graphmap.imports.merge import Staged, empty_staged
from graphmap.imports.dates import after_import, after_import_day, happened_days, nanosecond_dates, parse_dates
from graphmap.imports.normalize import arrow_text, find_column, lookup, text_series
from graphmap.imports.readers import ExportTable
from graphmap.imports.records import Issues, ProfileResult
from graphmap.imports.rows import append_rows, first_match
from graphmap.imports.salesforce import ACTIVITY_DATES, DELETED, UNKNOWN_OWNER, checked, owners_by_user_id
from graphmap.imports.salesforce_ids import LEAD_PREFIX, id_column

__all__ = ["stage_salesforce_activities", "TASK_SUBTYPES"]

#: A Task's channel by its TaskSubtype (lower case); "Task" (a to-do) and "Cadence" (a step of a
#: sales cadence) name none, so the Type and CallType are read.
TASK_SUBTYPES = {"email": "email", "listemail": "email", "linkedin": "email", "call": "call"}
_DATE_TIME_FORM = "2024-03-12T14:00:00.000Z"


@dataclass(frozen=True)
class _Interactions:
    """The rows of one export that are interactions."""

    owner: pd.Series
    """The owner's key (see `graphmap.imports.salesforce.Owners.key`)."""
    contact: np.ndarray
    """The contact's row among the map's people."""
    day: np.ndarray
    """The day (datetime64)."""
    two_way: np.ndarray
    """Whether the interaction went both ways (a meeting, a call other than an outbound one)."""
    owners: pd.DataFrame
    """The User export's users these rows name, as staged members."""


def stage_salesforce_activities(exports: Sequence[tuple[ExportTable, str]], people: pd.DataFrame,
                                users: pd.DataFrame, member_of_user: pd.Series | None, now: dt.datetime,
                                day_first: bool = False) -> list[ProfileResult]:
    """Stage the Task and Event exports of one import as one activity history.

    Parameters
    ----------
    exports
        Each export with its kind (``tasks`` or ``events``).
    people
        The map's people, with the contacts of this import merged in (person_id, side, salesforce_id).
    users
        The User exports of this import (id, name, email), see `graphmap.imports.salesforce.SalesforceLookups`.
    member_of_user
        The person_id of the map's members by their Salesforce user id.
    now
        The moment of the import, aware, in the user's time zone
        (`graphmap.imports.dates.import_moment`): an activity dated after it is planned, not happened.
    day_first
        Read numeric dates day-first (a European file).

    Returns
    -------
    One `ProfileResult` per export, in their order; the first holds the staged connections of them
    all (the others an empty batch), and the pairs with one-way outreach only are counted there.
    """
    contact_ids = _customer_ids(people)
    issues = [Issues(table, "salesforce") for table, _ in exports]
    notes: list[list[str]] = [[] for _ in exports]
    found = [_interactions(table, kind, contact_ids, users, member_of_user, now, day_first, issue, note)
             for (table, kind), issue, note in zip(exports, issues, notes)]
    staged = empty_staged()
    if sum(len(f.contact) for f in found):
        staged = _scored(found, people, issues[0], notes)
    if len(exports) > 1:
        names = [str(table.path.name) for table, _ in exports]
        for position, note in enumerate(notes):
            others = ", ".join(n for i, n in enumerate(names) if i != position)
            note.append(f"scored with {others} as one activity history; " +
                        ("the connections of all are counted here" if position == 0 else
                         f"its connections are counted under {names[0]}"))
    empty = empty_staged()
    return [ProfileResult(staged if position == 0 else empty, kind, issue, tuple(note))
            for position, ((_, kind), issue, note) in enumerate(zip(exports, issues, notes))]


def _customer_ids(people: pd.DataFrame) -> pa.Array:
    """Per person of the map, its salesforce_id if a customer, else "" (in 18 characters: the import
    wrote the map's ids so when it read them, `graphmap.imports.salesforce_ids.case_safe_map_ids`)."""
    if "salesforce_id" not in people.columns or not len(people):
        return pa.array([""] * len(people), pa.large_string())
    ids = arrow_text(column(people, "salesforce_id"))
    return pc.if_else(pa.array((people["side"] == "customer").to_numpy()), ids, pa.scalar("", pa.large_string()))


def _interactions(table: ExportTable, kind: str, contact_ids: pa.Array, users: pd.DataFrame,
                  member_of_user: pd.Series | None, now: dt.datetime, day_first: bool, issues: Issues,
                  notes: list[str]) -> _Interactions:
    """The interactions of one export; every other row is recorded in `issues` with its reason (the
    first that applies)."""
    frame, cols = table.frame, table.header
    left = np.ones(len(frame), dtype=bool)

    def skip(mask: np.ndarray, before: str, values: pd.Series | None = None, after: str = "",
             summary: str | None = None) -> None:
        nonlocal left
        mask = np.asarray(mask, dtype=bool) & left
        if values is None:
            issues.add(mask, before, summary=summary)
        else:
            issues.add_with_values(mask, before, values, after, summary=summary)
        left &= ~mask

    issues.add_cell_errors([find_column(cols, name) for name in (  # (a workbook's cells that held an Excel error)
        "IsDeleted", "WhoId", "OwnerId", "IsClosed", "Status", "ActivityDate", *ACTIVITY_DATES[:2], "TaskSubtype",
        "Type", "CallType", "CompletedDateTime")])
    skip(checked(frame, find_column(cols, "IsDeleted")), DELETED)
    closed = kind == "tasks" and _open_tasks(frame, cols, notes, skip)
    day, instant = _days(frame, cols, kind, day_first, notes, skip)
    # A task done before its due date was done on the day of its completion; one done after it keeps
    # its ActivityDate, the day the call was logged for.
    completed = _completions(frame, cols if kind == "tasks" else (), notes)
    completed_day = completed.astype("datetime64[D]").astype("datetime64[ns]")
    by_completion = ~np.isnat(completed) & ~(day <= completed_day)
    day = np.where(by_completion, completed_day, day)
    instant = np.where(by_completion, completed, instant)
    time_col = find_column(cols, *ACTIVITY_DATES[:2]) if kind == "events" else None
    completed_col = find_column(cols, "CompletedDateTime") if kind == "tasks" else None
    written = " nor ".join(c for c in (time_col, find_column(cols, "ActivityDate"), completed_col) if c)
    skip(np.isnat(day), f"no date: the activity has no {written}", summary="no date")
    # A task completed after the import's moment (an import replayed with an earlier `now`) was open then.
    done_late = after_import(completed_day, completed, now)[1]
    done_later_day = done_late & after_import_day(completed, now)  # (told by the day: the same all day long)
    skip(done_later_day, "completed ", column(frame, completed_col),
         f", after the import day {now.date().isoformat()}: not done by then", summary=PLANNED)
    skip(done_late & ~done_later_day, "completed ", column(frame, completed_col),
         f", after the time of the import ({now.isoformat(timespec='minutes')}): not done by then", summary=PLANNED)
    late_day, late_time = after_import(day, instant, now)
    late_day &= np.isnat(completed)  # (completed, so not planned, whatever the date of its completion in UTC)
    # A closed task due after the import with no date of completion was done all the same, by the
    # import at the latest.
    early = late_day & closed
    day = np.where(early, np.datetime64(now.date(), "ns"), day)
    late_day &= ~early
    skip(late_day, "dated ", text_series(pa.array(np.datetime_as_string(day, unit="D"), pa.large_string())),
         f", after the import day {now.date().isoformat()}: planned, not happened", summary=PLANNED)
    later_day = late_time & after_import_day(instant, now)
    skip(later_day, "dated ", column(frame, time_col),
         f", after the import day {now.date().isoformat()}: planned, not happened", summary=PLANNED)
    skip(late_time & ~later_day, "dated ", column(frame, time_col),
         f", after the time of the import ({now.isoformat(timespec='minutes')}): planned, not happened", summary=PLANNED)
    # Happened by the import, so never dated after its day (an evening in New York is tomorrow in UTC).
    day = happened_days(day, instant, now)
    # An event is a meeting.
    two_way = _task_channels(frame, cols, notes, skip) if kind == "tasks" else np.ones(len(frame), dtype=bool)
    who = id_column(frame, find_column(cols, "WhoId"))
    skip((who == "").to_numpy(), "no WhoId: the activity names no contact", summary="no contact (WhoId blank)")
    lead = who.str.startswith(LEAD_PREFIX).to_numpy()
    skip(lead, "WhoId ", who, " is a Lead, not a contact: leads are not in the map", summary="a Lead, not a contact")
    contact = first_match(who, contact_ids)
    skip(contact < 0, "WhoId ", who, " is a contact neither of the map nor of this import",
         summary="contact in neither this import nor the map")
    owner_id = id_column(frame, find_column(cols, "OwnerId"))
    # A user the map already has as a member is that member: only the others are staged as members.
    known = users["id"].isin(member_of_user.index) if member_of_user is not None else np.zeros(len(users), bool)
    owners = owners_by_user_id(owner_id, users[~known], member_of_user)
    skip((owners.key == "").to_numpy(), "OwnerId ", owner_id,
         UNKNOWN_OWNER + ": the activity has no member of our team", summary="owner not in a User export")
    # A completion written but not readable is said, with the day taken instead of it.
    unread = left & (column(frame, completed_col) != "").to_numpy() & np.isnat(completed)
    for rows, instead in ((unread & ~early, "dated by its ActivityDate"),
                          (unread & early, f"due after the import day, so counted on the import day {now.date()}")):
        issues.add_with_values(rows, f"column {completed_col!r}: ", column(frame, completed_col),
                               f" is not an ISO date-time (Data Loader writes {_DATE_TIME_FORM}): {instead}",
                               summary=f"{completed_col} not a date (dated without it)", skipped=False)
    issues.add_with_values(early & left & ~unread, "closed task due ", column(frame, find_column(cols, "ActivityDate")),
                           f", after the import day: done, so counted on the import day {now.date().isoformat()} "
                           "(a CompletedDateTime would date it by its completion)",
                           summary="closed task due after the import day (counted on the import day)", skipped=False)
    keep = pa.array(left)
    return _Interactions(text_series(arrow_text(owners.key).filter(keep)), contact[left], day[left], two_way[left],
                         owners.people)


def _open_tasks(frame: pd.DataFrame, cols, notes: list[str], skip) -> bool:
    """Skip the tasks not done yet: by IsClosed, else by Status (and say so); whether the export tells
    them (the tasks left are then closed)."""
    closed = find_column(cols, "IsClosed")
    if closed:
        skip(~checked(frame, closed), "open task (IsClosed is false): not done yet", summary="open task (not done)")
        return True
    status = find_column(cols, "Status")
    if status is None:
        notes.append("no IsClosed or Status column: every task taken as done (assumed), but one due after the "
                     "import day as planned")
        return False
    notes.append(f"no IsClosed column: a task counts as done when its {status} is 'Completed' (assumed; "
                 "export IsClosed to follow your organisation's own closed statuses)")
    written = column(frame, status)
    skip((written.str.lower() != "completed").to_numpy(), "open task: Status ", written,
         " is not 'Completed': not done yet", summary="open task (not done)")
    return True


def _days(frame: pd.DataFrame, cols, kind: str, day_first: bool, notes: list[str],
          skip) -> tuple[np.ndarray, np.ndarray]:
    """Each activity's day (datetime64[ns], NaT where none) and its instant where an event's date-time
    gives one (UTC, NaT elsewhere: a date, or an all-day event, whose date-time is a midnight in UTC
    that stands for a calendar day); unreadable values are skipped here with their own reason."""
    date_col = find_column(cols, "ActivityDate")
    day = np.full(len(frame), np.datetime64("NaT"), dtype="datetime64[ns]")
    instant = day.copy()
    time_col = find_column(cols, *ACTIVITY_DATES[:2]) if kind == "events" else None
    if time_col:
        written = column(frame, time_col)
        utc = nanosecond_dates(pd.to_datetime(written, utc=True, errors="coerce", format="ISO8601").dt.tz_localize(None))
        instant = np.where(checked(frame, find_column(cols, "IsAllDayEvent")), np.datetime64("NaT"),
                           utc.to_numpy(dtype="datetime64[ns]"))
        day = utc.dt.normalize().to_numpy(dtype="datetime64[ns]")
        bad = (written != "").to_numpy() & np.isnat(day)
        skip(bad, f"column {time_col!r}: ", written, f" is not an ISO date-time (Data Loader writes {_DATE_TIME_FORM})",
             summary="not a date")
        notes.append(f"{time_col} read as UTC date-times: an event's day is its date in UTC")
    if date_col:
        wanted = np.isnat(day)
        reading = parse_dates(frame[date_col], date_col, day_first)
        if reading.note:
            notes.append(reading.note)
        skip(wanted & reading.unparsed, f"column {date_col!r}: ", column(frame, date_col), " is not a date",
             summary="not a date")
        day = np.where(wanted, reading.dates.to_numpy(dtype="datetime64[ns]"), day)
    return day, instant


def _completions(frame: pd.DataFrame, cols, notes: list[str]) -> np.ndarray:
    """Each task's moment of completion (its ``CompletedDateTime`` in UTC, ``datetime64[ns]``; NaT where
    the export has none, and for an Event export, given no `cols`). Salesforce sets it when a task is
    closed."""
    completed_col = find_column(cols, "CompletedDateTime")
    if completed_col is None:
        return np.full(len(frame), np.datetime64("NaT"), dtype="datetime64[ns]")
    notes.append(f"{completed_col} read as UTC date-times: a closed task's day is the earlier of its ActivityDate "
                 "and its completion's date in UTC")
    completed = pd.to_datetime(column(frame, completed_col), utc=True, errors="coerce", format="ISO8601")
    return nanosecond_dates(completed.dt.tz_localize(None)).to_numpy(dtype="datetime64[ns]")


def _task_channels(frame: pd.DataFrame, cols, notes: list[str], skip) -> np.ndarray:
    """Whether each task went both ways, from its channel (``email``, ``call`` or ``meeting``); the
    tasks with none (to-dos) are skipped here."""
    subtype_col, type_col, call_col = (find_column(cols, name) for name in ("TaskSubtype", "Type", "CallType"))
    subtype, written_type, call_type = (column(frame, c) for c in (subtype_col, type_col, call_col))
    channel = lookup(subtype.str.lower(), TASK_SUBTYPES, "")
    channel = channel.where(channel != "", lookup(written_type.str.lower(), TYPE_OF, ""))
    channel = channel.where(channel != "", pd.Series(np.where(call_type != "", "call", ""), index=channel.index))
    channel = channel.to_numpy(dtype=object)
    outbound = (call_type.str.lower() == "outbound").to_numpy()
    if not (subtype_col or type_col or call_col):
        notes.append("no TaskSubtype, Type or CallType column: a task cannot be told from a to-do, so none is "
                     "an interaction")
    said = subtype_col or type_col
    if said:
        others = " or ".join(c for c in (type_col, call_col) if c and c != said)
        skip(channel == "", "a to-do, not an interaction: " + said + " ", column(frame, said),
             " names no call, e-mail or meeting" + (f", nor does its {others}" if others else ""),
             summary="a to-do, not an interaction")
    else:
        skip(channel == "", "a to-do, not an interaction: no TaskSubtype, Type or CallType",
             summary="a to-do, not an interaction")
    return ((channel == "meeting") | (channel == "call")) & ~outbound


def _scored(found: list[_Interactions], people: pd.DataFrame, issues: Issues, notes: list[list[str]]) -> Staged:
    """The connections the interactions of every export give, scored as one history, and the members
    they need that the map may not have yet (the User export's users)."""
    owner = pa.concat_arrays([arrow_text(f.owner) for f in found])
    contact = arrow_text(people["person_id"]).take(pa.array(np.concatenate([f.contact for f in found])))
    # Owners (a User's key, or a member's person_id) and contacts (customers' person_ids) are coded
    # in one dictionary: their pairs are then grouped as integers.
    ends = pc.dictionary_encode(pa.concat_arrays([owner, contact]))
    codes = np.asarray(ends.indices.to_numpy(zero_copy_only=False), dtype=np.int64)
    scores = score_pairs(codes[: len(owner)], codes[len(owner):], np.concatenate([f.day for f in found]),
                         np.concatenate([f.two_way for f in found]))
    notes[0].append(scores.record(issues))
    for later in notes[1:]:
        later.append(f"strength scored as of {scores.reference.date().isoformat()}, the history's latest date")
    keys = ends.dictionary
    links = pd.DataFrame({"from_key": text_series(keys.take(pa.array(scores.pairs["low"].to_numpy()))),
                          "to_key": text_series(keys.take(pa.array(scores.pairs["high"].to_numpy()))),
                          **scores.link_columns()})
    owners = pd.concat([f.owners for f in found], ignore_index=True).drop_duplicates("key")
    used = owners["key"].isin(pd.concat([links["from_key"], links["to_key"]]))
    empty = empty_staged()
    return Staged(empty.accounts, append_rows(empty.people, owners[used].reset_index(drop=True)), links, empty.team)
