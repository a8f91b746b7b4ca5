"""Salesforce Task and Event exports (Data Loader) scored into connection strength like an activity log.

The fixtures are one org's exports: sf_contacts.csv and sf_users.csv (Dana Reyes and Marcus Chen own
Ines Duarte, Karl Berg and Mia Storm at Orion Bank), sf_tasks.csv (API-name headers) and
sf_events.csv (upper-case headers, as Data Loader writes them), with the rows a real history holds:
open, deleted, planned, to-do and Lead activities among the done ones.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest

import graphmap
from graphmap.imports import import_files
from graphmap.imports.detect import detect_profile
from graphmap.imports.readers import read_export
from tests.imports_helpers import error_rows, export, fixture, run, snapshot

HISTORY = ["sf_contacts.csv", "sf_users.csv", "sf_tasks.csv", "sf_events.csv"]
#: 08:00 on 30 November in Sydney (UTC+10), where it is still 29 November in UTC.
SYDNEY_MORNING = dt.datetime(2026, 11, 30, 8, 0, tzinfo=dt.timezone(dt.timedelta(hours=10)))


def _import(folder: Path, names=HISTORY):
    result = run("import", *[str(fixture(n)) for n in names], "--into", str(folder))
    assert result.exit_code == 0, result.output
    return result.output


def _tasks_into_a_map(tmp_path: Path, header: str, *rows: str, now: dt.datetime | None = None,
                      name: str = "Task.csv"):
    """A map from the contacts and users fixtures, then a small Task (or Event, by its `name`) export
    (`header`, `rows`) imported into it, at the moment `now`: the map folder and the second import's
    report."""
    folder = tmp_path / "map"
    import_files([fixture("sf_contacts.csv"), fixture("sf_users.csv")], folder)
    tasks = export(tmp_path, name, "\n".join((header, *rows)) + "\n")
    return folder, import_files([tasks], folder, now=now)


def _karl_after_sydney_tasks(tmp_path: Path, *rows: str,
                             header: str = "Id,WhoId,OwnerId,ActivityDate,Status,IsClosed,TaskSubtype"):
    """A Task export (`header`, `rows`) imported at 08:00 in Sydney: Marcus Chen's connection to Karl
    Berg, the map folder and the import's report."""
    folder, report = _tasks_into_a_map(tmp_path, header, *rows, now=SYDNEY_MORNING)
    return _connection(graphmap.read_map(folder), "Marcus Chen", "Karl Berg"), folder, report


def _connection(amap, member: str, contact: str):
    """The connection between two people named so, or None."""
    ids = dict(zip(amap.people["name"], amap.people["person_id"]))
    conns = amap.connections
    pair = conns[(conns["from_id"] == ids[member]) & (conns["to_id"] == ids[contact])]
    return None if pair.empty else pair.iloc[0]


@pytest.mark.parametrize("name, kind", [("sf_tasks.csv", "tasks"), ("sf_events.csv", "events")])
def test_task_and_event_exports_are_detected_as_salesforce(name, kind):
    assert detect_profile(read_export(fixture(name)).header) == ("salesforce", kind)


def test_tasks_and_events_give_connection_strength_and_last_contact(tmp_path):
    out = _import(tmp_path / "map")
    assert "sf_tasks.csv: salesforce tasks (detected), 11 rows" in out
    assert "sf_events.csv: salesforce events (detected), 7 rows" in out
    assert "strength scored as of 2026-11-20" in out
    amap = graphmap.read_map(tmp_path / "map")
    factors = ["strength", "strength_source", "activities", "activities_90d", "meetings_90d", "reciprocal",
               "days_since_last", "activity_as_of"]
    # Dana and Ines: an e-mail, an inbound call, a workshop and an all-day briefing (its ActivityDate).
    ines = _connection(amap, "Dana Reyes", "Ines Duarte")
    assert ines[factors].tolist() == [4, "activities", "4", "4", "3", "yes", "2", "2026-11-20"]
    assert ines["last_contact"].date().isoformat() == "2026-11-18"
    # Marcus and Karl: a call logged as a task of Type Call, an e-mail, and a meeting at 23:30 UTC on
    # 20 November, which is that day, whatever the time zone of the reader.
    karl = _connection(amap, "Marcus Chen", "Karl Berg")
    assert karl[factors].tolist() == [3, "activities", "3", "2", "1", "yes", "0", "2026-11-20"]
    assert karl["last_contact"].date().isoformat() == "2026-11-20"


def test_outreach_with_no_reply_is_not_a_relationship(tmp_path):
    report = import_files([fixture(n) for n in HISTORY], tmp_path / "map")
    amap = graphmap.read_map(tmp_path / "map")
    # Marcus e-mailed Mia twice (one mail and a list e-mail): no connection at all.
    assert _connection(amap, "Marcus Chen", "Mia Storm") is None
    # Dana's only activity with Mia is an outbound call (a voicemail): her CRM owner link stays as it was.
    mia = _connection(amap, "Dana Reyes", "Mia Storm")
    assert mia["strength_source"] == "crm" and mia["activities"] == ""
    tasks = next(f for f in report.files if f.kind == "tasks")
    assert tasks.skipped["one-way outreach with no reply (not a relationship)"] == 2


def test_a_call_from_the_contact_makes_emails_a_relationship(tmp_path):
    folder, _ = _tasks_into_a_map(tmp_path, "Id,WhoId,OwnerId,ActivityDate,IsClosed,TaskSubtype,CallType,IsDeleted",
                                  "00T1,0035g00000AAAA4AAP,0055g00000UUUU2AAP,2026-11-10,true,Email,,false",
                                  "00T2,0035g00000AAAA4AAP,0055g00000UUUU2AAP,2026-11-12,true,Call,Inbound,false")
    mia = _connection(graphmap.read_map(folder), "Marcus Chen", "Mia Storm")
    assert mia[["strength", "strength_source", "reciprocal", "meetings_90d"]].tolist() == [3, "activities", "yes", "1"]


def test_rows_that_are_no_interaction_are_reported_with_their_reason(tmp_path):
    folder = tmp_path / "map"
    _import(folder)
    reasons = {(Path(r["file"]).name, int(r["row"])): r for r in error_rows(folder)}
    expected = {
        ("sf_tasks.csv", 9): "open task (IsClosed is false): not done yet",
        ("sf_tasks.csv", 10): "deleted in Salesforce (IsDeleted is true)",
        ("sf_tasks.csv", 11): "a to-do, not an interaction: TaskSubtype 'Task' names no call, e-mail or meeting, "
                              "nor does its Type or CallType",
        ("sf_tasks.csv", 12): "WhoId '00Q5g00000LLLL1EAP' is a Lead, not a contact: leads are not in the map",
        ("sf_events.csv", 5): "dated '2099-03-10T09:00:00.000Z', after the import day ",  # (not its minute)
        ("sf_events.csv", 6): "deleted in Salesforce (IsDeleted is true)",
        ("sf_events.csv", 7): "no WhoId: the activity names no contact",
        ("sf_events.csv", 8): "OwnerId '0055g00000UUUU7AAP' is not in a User export of this import nor a member "
                              "of the map",
    }
    for where, reason in expected.items():
        assert where in reasons, f"{where} not reported"
        assert reasons[where]["reason"].startswith(reason)
        assert reasons[where]["action"] == "skipped" and reasons[where]["profile"] == "salesforce"
    # The original row, as the file had it, goes with the reason (the event's location has a comma).
    assert reasons[("sf_events.csv", 5)]["original_row"].startswith("00U5g00000EEEE4EAP,0035g00000AAAA4AAP,")
    assert '"Orion Bank, Lisbon"' in reasons[("sf_events.csv", 5)]["original_row"]
    # Nothing of the skipped rows counts: the planned QBR with Mia would have been a meeting.
    assert _connection(graphmap.read_map(folder), "Dana Reyes", "Mia Storm")["strength_source"] == "crm"
    assert sum(1 for r in error_rows(folder) if r["file"].endswith(("sf_tasks.csv", "sf_events.csv"))) == len(expected)


def test_open_tasks_are_told_by_status_where_the_export_has_no_is_closed(tmp_path):
    folder, report = _tasks_into_a_map(tmp_path, "Id,WhoId,OwnerId,ActivityDate,Status,TaskSubtype",
                                       "00T1,0035g00000AAAA2AAP,0055g00000UUUU2AAP,2026-11-10,In Progress,Call",
                                       "00T2,0035g00000AAAA2AAP,0055g00000UUUU2AAP,2026-11-12,Completed,Call")
    assert any("a task counts as done when its Status is 'Completed' (assumed" in n for n in report.files[0].notes)
    assert error_rows(folder)[0]["reason"] == "open task: Status 'In Progress' is not 'Completed': not done yet"
    karl = _connection(graphmap.read_map(folder), "Marcus Chen", "Karl Berg")
    assert karl[["activities", "last_contact"]].astype(str).tolist() == ["1", "2026-11-12 00:00:00"]


def test_a_task_of_the_users_day_counts_though_utc_is_still_on_the_day_before(tmp_path):
    # A call logged this morning in Sydney is today's; a call due tomorrow is planned.
    karl, _, report = _karl_after_sydney_tasks(
        tmp_path, "00T1,0035g00000AAAA2AAP,0055g00000UUUU2AAP,2026-11-30,Completed,true,Call",
        "00T2,0035g00000AAAA2AAP,0055g00000UUUU2AAP,2026-12-01,Not Started,false,Call")
    assert karl[["activities", "activity_as_of"]].tolist() == ["1", "2026-11-30"]
    assert karl["last_contact"].date().isoformat() == "2026-11-30"
    assert report.files[0].skipped == {"open task (not done)": 1}


def test_a_closed_task_due_later_was_done_by_the_import(tmp_path):
    # Marcus called Karl ahead of the task's due date and closed it; the export has no CompletedDateTime.
    karl, folder, report = _karl_after_sydney_tasks(
        tmp_path, "00T1,0035g00000AAAA2AAP,0055g00000UUUU2AAP,2026-11-10,Completed,true,Call",
        "00T2,0035g00000AAAA2AAP,0055g00000UUUU2AAP,2026-12-04,Completed,true,Call")
    assert karl[["activities", "activity_as_of"]].tolist() == ["2", "2026-11-30"]
    assert karl["last_contact"].date().isoformat() == "2026-11-30"  # not 4 December
    assert report.files[0].warnings == {"closed task due after the import day (counted on the import day)": 1}
    (row,) = error_rows(folder)
    assert (row["row"], row["action"]) == ("3", "imported without the value")
    assert row["reason"] == ("closed task due '2026-12-04', after the import day: done, so counted on the import day "
                             "2026-11-30 (a CompletedDateTime would date it by its completion)")


def test_a_task_done_before_it_was_due_counts_on_the_day_of_its_completion(tmp_path):
    karl, folder, report = _karl_after_sydney_tasks(
        tmp_path,
        "00T1,0035g00000AAAA2AAP,0055g00000UUUU2AAP,2026-12-04,Completed,true,Call,2026-11-25T15:00:00.000Z",
        # logged on the 12th for a call of the 10th: the day of the call
        "00T2,0035g00000AAAA2AAP,0055g00000UUUU2AAP,2026-11-10,Completed,true,Call,2026-11-12T09:00:00.000Z",
        header="Id,WhoId,OwnerId,ActivityDate,Status,IsClosed,TaskSubtype,CompletedDateTime")
    assert karl[["activities", "days_since_last", "activity_as_of"]].tolist() == ["2", "0", "2026-11-25"]
    assert karl["last_contact"].date().isoformat() == "2026-11-25"
    assert report.files[0].warnings == {} and not (folder / "import-errors.csv").exists()


def test_a_task_due_later_in_an_export_that_cannot_tell_it_is_done_is_planned(tmp_path):
    karl, folder, report = _karl_after_sydney_tasks(
        tmp_path, "00T1,0035g00000AAAA2AAP,0055g00000UUUU2AAP,2026-11-10,Call",
        "00T2,0035g00000AAAA2AAP,0055g00000UUUU2AAP,2026-12-04,Call",
        header="Id,WhoId,OwnerId,ActivityDate,TaskSubtype")
    assert report.files[0].skipped == {"dated after the import day (planned, not happened)": 1}
    assert error_rows(folder)[0]["reason"] == \
        "dated '2026-12-04', after the import day 2026-11-30: planned, not happened"
    assert karl["last_contact"].date().isoformat() == "2026-11-10"


def test_an_event_counts_once_its_time_has_passed_and_an_all_day_one_on_its_day(tmp_path):
    header = "Id,WhoId,OwnerId,ActivityDate,StartDateTime,IsAllDayEvent,IsDeleted"
    folder, report = _tasks_into_a_map(
        tmp_path, header,
        "00U1,0035g00000AAAA2AAP,0055g00000UUUU2AAP,2026-11-29,2026-11-29T21:00:00.000Z,false,false",  # 07:00
        "00U2,0035g00000AAAA2AAP,0055g00000UUUU2AAP,2026-11-29,2026-11-29T23:00:00.000Z,false,false",  # 09:00
        # all day today in Sydney: its date-time is midnight UTC, which is 10:00 there
        "00U3,0035g00000AAAA4AAP,0055g00000UUUU1AAP,2026-11-30,2026-11-30T00:00:00.000Z,true,false",
        "00U4,0035g00000AAAA4AAP,0055g00000UUUU1AAP,2026-12-01,2026-12-01T00:00:00.000Z,true,false",
        now=SYDNEY_MORNING, name="Event.csv")
    amap = graphmap.read_map(folder)
    assert _connection(amap, "Marcus Chen", "Karl Berg")["activities"] == "1"
    assert _connection(amap, "Dana Reyes", "Mia Storm")["last_contact"].date().isoformat() == "2026-11-30"
    assert report.files[0].skipped == {"dated after the import day (planned, not happened)": 2}
    assert [r["reason"] for r in error_rows(folder)] == [
        "dated '2026-11-29T23:00:00.000Z', after the time of the import (2026-11-30T08:00+10:00): planned, "
        "not happened",
        "dated '2026-12-01', after the import day 2026-11-30: planned, not happened"]


#: 21:00 on 29 November in New York (UTC-5), where it is already 30 November in UTC.
NEW_YORK_EVENING = dt.datetime(2026, 11, 29, 21, 0, tzinfo=dt.timezone(dt.timedelta(hours=-5)))


@pytest.mark.parametrize("name, header, row", [
    ("Task.csv", "Id,WhoId,OwnerId,ActivityDate,Status,IsClosed,TaskSubtype,CompletedDateTime",
     "00T2,0035g00000AAAA2AAP,0055g00000UUUU2AAP,2026-12-04,Completed,true,Call,2026-11-30T01:00:00.000Z"),
    ("Event.csv", "Id,WhoId,OwnerId,ActivityDate,StartDateTime,IsAllDayEvent",
     "00U2,0035g00000AAAA2AAP,0055g00000UUUU2AAP,2026-11-30,2026-11-30T01:00:00.000Z,false"),
])
def test_an_activity_of_this_evening_is_not_dated_tomorrow(tmp_path, name, header, row):
    # A call closed, or a meeting held, at 20:00 in New York is dated 30 November in UTC; imported at
    # 21:00 there, it has happened, on the import day: last_contact never lies after it.
    first = ("00T1,0035g00000AAAA2AAP,0055g00000UUUU2AAP,2026-11-10,Completed,true,Call,2026-11-10T15:00:00.000Z"
             if name == "Task.csv" else
             "00U1,0035g00000AAAA2AAP,0055g00000UUUU2AAP,2026-11-10,2026-11-10T15:00:00.000Z,false")
    folder, report = _tasks_into_a_map(tmp_path, header, first, row, now=NEW_YORK_EVENING, name=name)
    karl = _connection(graphmap.read_map(folder), "Marcus Chen", "Karl Berg")
    assert report.files[0].skipped == {} and report.files[0].warnings == {}
    assert karl[["activities", "activity_as_of"]].tolist() == ["2", "2026-11-29"]
    assert karl["last_contact"].date().isoformat() == "2026-11-29"


@pytest.mark.parametrize("due", ["2026-12-10", "2026-11-20"])
def test_a_task_completed_after_the_import_was_not_done_by_then(tmp_path, due):
    # An import replayed as of 29 November (now=) of an export where the task was closed on
    # 5 December: at the import it was still open, whenever it was due.
    karl, folder, report = _karl_after_sydney_tasks(
        tmp_path,
        "00T1,0035g00000AAAA2AAP,0055g00000UUUU2AAP,2026-11-10,Completed,true,Call,2026-11-10T15:00:00.000Z",
        f"00T2,0035g00000AAAA2AAP,0055g00000UUUU2AAP,{due},Completed,true,Call,2026-12-05T10:00:00.000Z",
        header="Id,WhoId,OwnerId,ActivityDate,Status,IsClosed,TaskSubtype,CompletedDateTime")
    assert karl[["activities", "activity_as_of"]].tolist() == ["1", "2026-11-10"]
    assert report.files[0].skipped == {"dated after the import day (planned, not happened)": 1}
    assert [r["reason"] for r in error_rows(folder)] == [
        "completed '2026-12-05T10:00:00.000Z', after the import day 2026-11-30: not done by then"]


def test_a_completion_not_written_as_an_iso_date_time_is_reported_not_ignored(tmp_path):
    # Saved again in Excel, CompletedDateTime reads "25/11/2026 15:00": the task is dated without it,
    # and the error file says so, rather than taking its due date silently.
    karl, folder, report = _karl_after_sydney_tasks(
        tmp_path,
        "00T1,0035g00000AAAA2AAP,0055g00000UUUU2AAP,2026-11-20,Completed,true,Call,25/11/2026 15:00",
        "00T2,0035g00000AAAA2AAP,0055g00000UUUU2AAP,2026-12-04,Completed,true,Call,26/11/2026 10:00",
        header="Id,WhoId,OwnerId,ActivityDate,Status,IsClosed,TaskSubtype,CompletedDateTime")
    assert karl[["activities", "activity_as_of"]].tolist() == ["2", "2026-11-30"]
    assert report.files[0].warnings == {"CompletedDateTime not a date (dated without it)": 2}
    assert [(r["row"], r["action"], r["reason"]) for r in error_rows(folder)] == [
        ("2", "imported without the value", "column 'CompletedDateTime': '25/11/2026 15:00' is not an ISO date-time "
         "(Data Loader writes 2024-03-12T14:00:00.000Z): dated by its ActivityDate"),
        ("3", "imported without the value", "column 'CompletedDateTime': '26/11/2026 10:00' is not an ISO date-time "
         "(Data Loader writes 2024-03-12T14:00:00.000Z): due after the import day, so counted on the import day "
         "2026-11-30")]


def test_a_weekly_export_alone_finds_contacts_and_owners_in_the_map(tmp_path):
    """Without the users and contacts files: the contact by its id (15 or 18 characters), the owner as
    the member the map knows by that user id; a date-time is read in UTC."""
    folder = tmp_path / "map"
    lea = export(tmp_path, "Contact.csv", "Id,AccountId,FirstName,LastName,Email,OwnerId\n"
                 "0035g00000Kq7ZtAAJ,0015g00000ZZZZ1AAP,Lea,Hahn,lea.hahn@orion.example,0055g00000UUUU2AAP\n")
    import_files([fixture("sf_contacts.csv"), lea, fixture("sf_users.csv")], folder)
    events = export(tmp_path, "Event.csv", "Id,WhoId,OwnerId,ActivityDateTime,IsDeleted\n"
                    "00U1,0035g00000AAAA2AAP,0055g00000UUUU2AAP,2026-11-20T22:00:00.000-05:00,false\n"
                    "00U2,0035g00000Kq7Zt,0055g00000UUUU2AAP,2026-11-19T10:00:00.000Z,false\n"
                    "00U3,0035g00000QQQQ9AAP,0055g00000UUUU2AAP,2026-11-19T10:00:00.000Z,false\n")
    report = import_files([events], folder)
    amap = graphmap.read_map(folder)
    karl = _connection(amap, "Marcus Chen", "Karl Berg")
    assert karl["last_contact"].date().isoformat() == "2026-11-21"  # 22:00 at UTC-5 is the 21st in UTC
    assert karl["strength_source"] == "activities"
    assert _connection(amap, "Marcus Chen", "Lea Hahn")["last_contact"].date().isoformat() == "2026-11-19"
    assert report.files[0].skipped == {"contact in neither this import nor the map": 1}
    assert error_rows(folder)[0]["reason"] == \
        "WhoId '0035g00000QQQQ9AAP' is a contact neither of the map nor of this import"
    assert (amap.people["side"] == "supplier").sum() == 2  # Marcus is the member he was, not a new one


def test_reimporting_the_same_exports_changes_nothing(tmp_path):
    folder = tmp_path / "map"
    _import(folder)
    before = snapshot(folder)
    out = _import(folder)
    assert snapshot(folder) == before
    assert "connections: 0 added, 0 updated, 2 unchanged" in out


def test_a_strength_typed_by_hand_wins_and_last_contact_moves_forward(tmp_path):
    folder = tmp_path / "map"
    import_files([fixture("sf_contacts.csv"), fixture("sf_users.csv")], folder)
    path = folder / "connections.csv"
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    ines = next(r for r in rows if r["to_id"] == "c-ines-duarte")
    ines.update(strength="2", strength_source="")  # the rep knows better: typed by hand
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    import_files([fixture(n) for n in HISTORY], folder)
    row = _connection(graphmap.read_map(folder), "Dana Reyes", "Ines Duarte")
    assert row["strength"] == 2 and row["strength_source"] == ""
    assert row["last_contact"].date().isoformat() == "2026-11-18"  # was 2026-11-02, the contact's last activity
    # Where nobody typed a strength, the history's score replaces the CRM owner link's 3.
    assert _connection(graphmap.read_map(folder), "Marcus Chen", "Karl Berg")["strength_source"] == "activities"


def test_analyze_reads_the_activity_history_into_coverage(tmp_path):
    def uncovered(folder: Path) -> dict[str, str]:
        result = run("analyze", str(folder), "--as-of", "2026-11-27", "--format", "json")
        assert result.exit_code == 0, result.output
        (account,) = json.loads(result.output)["accounts"]
        return {u["name"]: u["reason"] for u in account["uncovered"]}

    # From the contacts alone, Marcus's last activity with Karl is July's: Karl is uncovered, stale.
    contacts_only = tmp_path / "contacts"
    _import(contacts_only, ["sf_contacts.csv", "sf_users.csv"])
    assert uncovered(contacts_only) == {"Karl Berg": "stale"}
    # The history has November's meeting: Karl is covered.
    _import(tmp_path / "history")
    assert uncovered(tmp_path / "history") == {}


def test_an_owner_known_only_from_the_user_export_becomes_a_member(tmp_path):
    folder = tmp_path / "map"
    import_files([fixture("sf_contacts.csv")], folder)  # no User export: the owners are unknown, no members
    assert (graphmap.read_map(folder).people["side"] == "supplier").sum() == 0
    import_files([fixture(n) for n in ("sf_users.csv", "sf_tasks.csv", "sf_events.csv")], folder)
    amap = graphmap.read_map(folder)
    members = amap.people[amap.people["side"] == "supplier"]
    # Only the users with a scored connection: not Nobody Here, who owns no activity.
    assert sorted(members["name"]) == ["Dana Reyes", "Marcus Chen"]
    assert members["salesforce_id"].str.len().tolist() == [18, 18]
    assert _connection(amap, "Dana Reyes", "Ines Duarte")["strength"] == 4


def test_an_event_dated_beyond_what_a_date_holds_is_reported_not_moved_to_another_date(tmp_path):
    # Found by a property test: 9999-12-31, Salesforce's "never", wrapped round to 1816-03-29 and the
    # event was scored as an interaction of that day.
    folder = tmp_path / "map"
    import_files([fixture("sf_contacts.csv"), fixture("sf_users.csv")], folder)
    events = export(tmp_path, "Event.csv", "Id,WhoId,OwnerId,Subject,ActivityDateTime,IsDeleted\n"
                    "00U1,0035g00000AAAA1AAP,0055g00000UUUU1AAP,Review,9999-12-31T10:00:00.000Z,false\n")
    before = snapshot(folder)
    report = import_files([events], folder)
    assert report.files[0].skipped == {"not a date": 1}
    assert [r["reason"] for r in error_rows(folder)] == [
        "column 'ActivityDateTime': '9999-12-31T10:00:00.000Z' is not an ISO date-time (Data Loader writes "
        "2024-03-12T14:00:00.000Z)"]
    assert {k: v for k, v in snapshot(folder).items() if k != "import-errors.csv"} == \
        {k: v for k, v in before.items() if k != "import-errors.csv"}
