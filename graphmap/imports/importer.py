"""`import_files`: exports into a map folder, all or nothing.

The run reads every file, detects its profile, converts it (one module per profile) and merges it
into the map in memory, in this order: map files, Salesforce lookups (users, accounts, contact roles;
an Account export names the map's accounts named by their Salesforce ids),
contacts (Salesforce, HubSpot) in the order given, LinkedIn connections, activity logs and Salesforce
Task and Event exports (which need the people in place; the Task and Event exports of one import are
scored together, as one activity history). The merged map is validated, then written with
`graphmap.mapfolder.write_map`, which swaps the folder atomically; rows that were skipped or imported
without a value go to ``MAP/import-errors.csv``. A dry run does all of it but write.
"""

from __future__ import annotations

import datetime as dt
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from typing import Callable, Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from graphmap.exceptions import ImportFileError
from graphmap.imports.activities import stage_activities
from graphmap.imports.canonical import read_map_group, stage_map
from graphmap.imports.dates import import_moment
from graphmap.imports.detect import PROFILES, detect_profile, profile_kind
from graphmap.imports.emails import unwrapped_emails
from graphmap.imports.hubspot import stage_hubspot
from graphmap.imports.linkedin import stage_linkedin
from graphmap.imports.managers import find_managers_again
from graphmap.imports.merge import Ends, MergeCounts, RowFindings, empty_staged, merge_staged
from graphmap.imports.normalize import arrow_text, company_keys, find_column, positions_in
from graphmap.imports.other_emails import person_emails
from graphmap.imports.readers import ExportTable, read_export
from graphmap.imports.records import ERROR_COLUMNS, ERROR_FILE, FileReport, ImportReport, Issues, ProfileResult
from graphmap.imports.rows import equals, first_match
from graphmap.imports.salesforce import (REPORT_LABELS, SalesforceLookups, accounts_named_by_id, lookups_from,
                                         roles_for_map_people, stage_salesforce)
from graphmap.imports.salesforce_activities import stage_salesforce_activities
from graphmap.imports.salesforce_ids import case_safe_map_ids, id_case_notes
from graphmap.mapfolder import MAP_FILES, map_folder_to_write, read_map, tables_as_text, write_map, write_text_csv
from graphmap.model.accountmap import CANONICAL_COLUMNS
from graphmap.model.validation import validate_tables

__all__ = ["import_files", "ProgressCallback"]

#: Called as progress(path, bytes_read, bytes_total) while files are read.
ProgressCallback = Callable[[str, int, int], None]
#: How the summary counts rows refused because their name matches several people.
NAMESAKES = "name matches several people at the account (not guessed)"
#: How the summary counts rows refused because their company is the name of several accounts.
SEVERAL_ACCOUNTS = "company is the name of several accounts (not guessed)"
_ORDER = {"map": 0, "salesforce-lookup": 1, "salesforce": 2, "hubspot": 2, "linkedin": 3, "activities": 4,
          "salesforce-activities": 4}
#: How the profiles split for the run are reported: they are all Salesforce files.
_REPORTED_AS = {"salesforce-lookup": "salesforce", "salesforce-activities": "salesforce"}
#: The Salesforce kinds that are the activity history (scored like an activity log).
_SALESFORCE_ACTIVITIES = ("tasks", "events")


def import_files(paths: Sequence[str | os.PathLike], into: str | os.PathLike, profile: str = "auto",
                 owner: str | None = None, dry_run: bool = False,
                 progress: ProgressCallback | None = None, now: dt.datetime | None = None) -> ImportReport:
    """Import export files into the map folder `into` (created when missing, merged into when present).

    Parameters
    ----------
    paths
        Export files; a folder stands for the map files in it.
    into
        The map folder.
    profile
        ``auto`` (detect each file from its header) or one of ``salesforce``, ``hubspot``, ``linkedin``,
        ``activities``, ``map`` for every file.
    owner
        For LinkedIn exports: the supplier member whose network it is (a person_id or an e-mail).
    dry_run
        Do everything but write.
    progress
        Called while files are read, for a progress bar (on a worker thread: the files are read while
        the map is).
    now
        The moment of the import, an aware date-time in the user's time zone (a naive one is the
        machine's local time); the clock's when None. Activities dated after it are planned, not
        happened: a date after its date, a date-time with a zone after the moment itself.

    Raises
    ------
    ImportFileError
        A file cannot be read at all, or its profile cannot be told.
    MapValidationError
        The existing map, or map files being imported, hold faults.
    """
    if profile != "auto" and profile not in PROFILES:
        raise ImportFileError(f"unknown profile {profile!r}; accepted: auto, {', '.join(PROFILES)}")
    folder = Path(into)
    now = import_moment(now)
    if not dry_run:
        map_folder_to_write(folder)  # (a folder that cannot be written is said before the work, not after)
    # An empty folder (made ready for the map) counts as missing.
    created = not folder.exists() or (folder.is_dir() and not any(folder.iterdir()))
    exports = _expand(paths)
    map_notes: list[str] = []
    # The exports are read on a second thread while the map is: both are mostly Arrow parsing CSV,
    # which releases the GIL. (A fault in the map is still reported first.)
    with ThreadPoolExecutor(max_workers=1) as reader:
        reading = reader.submit(_read_all, exports, profile, progress)
        if created:
            tables = {t: pd.DataFrame({c: pd.Series(dtype="str") for c in cols})
                      for t, cols in CANONICAL_COLUMNS.items()}
            original = None
            ends = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
        else:
            original = read_map(folder)
            tables, lengthened, recased = case_safe_map_ids(tables_as_text(original))
            if lengthened:
                map_notes.append(f"{lengthened:,} Salesforce id(s) of the map are in the 15-character form: "
                                 "matched, and written, in the 18-character form (the same ids)")
            if recased:
                map_notes.append(f"{recased:,} Salesforce id(s) of the map are written in one case, as a tool that "
                                 "ignores case saves them: matched, and written, in their real case, which their "
                                 "last three characters give")
            # The rows of people each connection names: the merges and the final validation check
            # them instead of hashing a million ids again.
            ends = (original.positions.from_person, original.positions.to_person) if original.positions else None
        files = reading.result()
    reports: list[FileReport] = []
    issue_frames: list[pd.DataFrame] = []

    recorded: list[tuple[dict, ProfileResult, MergeCounts]] = []

    def record(entry, result: ProfileResult, counts: MergeCounts) -> None:
        recorded.append((entry, result, counts))  # reported at the end: a later file may add to its issues

    def report(entry, result: ProfileResult, counts: MergeCounts) -> None:
        # The rows the profile read: a Salesforce report's footer is not counted as rows.
        table, prof, detected = result.issues.table, _REPORTED_AS.get(entry["profile"], entry["profile"]), \
            entry["detected"]
        reports.append(FileReport(str(table.path), prof, result.kind, detected,
                                  len(table.frame) + len(table.bad_rows), counts, dict(result.issues.skipped),
                                  dict(result.issues.warnings), tuple(result.issues.table.notes) + result.notes))
        issue_frames.append(result.issues.frame())

    groups: dict[Path, dict[str, ExportTable]] = {}
    for entry in files:
        if entry["profile"] == "map":
            groups.setdefault(entry["table"].path.parent, {})[entry["kind"]] = entry["table"]
    for group_folder, group in groups.items():
        source = read_map_group(group, group_folder)
        tables, counts, ends, found = merge_staged(tables, stage_map(source), ends)  # (map people have no rows)
        first = next(e for e in files if e["profile"] == "map" and e["table"].path.parent == group_folder)
        for entry in files:
            if entry["profile"] == "map" and entry["table"].path.parent == group_folder:
                issues = Issues(entry["table"], "map")
                issues.add_cell_errors(entry["table"].header)  # a map file keeps every column
                result = ProfileResult(empty_staged(), entry["kind"], issues,
                                       found.account_notes if entry is first else ())
                record(entry, result, counts if entry is first else MergeCounts())

    lookups = SalesforceLookups()
    for entry in files:
        if entry["profile"] == "salesforce-lookup":
            issues = Issues(entry["table"], "salesforce")
            lookups_from(entry["table"], entry["kind"], lookups, issues)
            entry["result"] = ProfileResult(empty_staged(), entry["kind"], issues)
    managerless: list[tuple[ProfileResult, RowFindings]] = []  # rows whose manager was not found yet
    for entry in sorted(files, key=lambda e: _ORDER[e["profile"]]):
        prof, table = entry["profile"], entry["table"]
        day_first = table.delimiter == ";"
        if prof == "salesforce-lookup":
            result, counts = entry["result"], MergeCounts()
            if entry["kind"] == "accounts":  # (the first names the map's accounts for every Account export)
                staged = accounts_named_by_id(tables["accounts"], lookups)
                if len(staged.accounts):
                    tables, counts, ends, found = merge_staged(tables, staged, ends)
                    result = replace(result, notes=result.notes + found.account_notes)
            record(entry, result, counts)
            continue
        if prof == "map":
            continue
        if prof == "salesforce-activities":
            history = [e for e in files if e["profile"] == "salesforce-activities"]
            if entry is history[0]:  # the Task and Event exports are staged together, with the first
                tables, ends = _import_salesforce_activities(history, tables, ends, lookups, record, now)
            continue
        if prof == "salesforce":
            result = stage_salesforce(table, entry["kind"], lookups, day_first, _member_emails(tables["people"]),
                                      _members_by_salesforce_id(tables["people"]), tables["accounts"])
        elif prof == "hubspot":
            result = stage_hubspot(table, day_first, _member_emails(tables["people"]))
        elif prof == "linkedin":
            known = set(company_keys(tables["accounts"]["name"]))
            result = stage_linkedin(table, _owner_person(tables, owner, table.path), known,
                                    _member_emails(tables["people"]))
        else:
            result = stage_activities(table, tables["people"], day_first, now)
        tables, counts, ends, found = merge_staged(tables, result.staged, ends)
        if found.account_notes:
            result = replace(result, notes=result.notes + found.account_notes)
        result.issues.add_rows(found.refused["row"].to_numpy(), found.refused["reason"].to_numpy(dtype=object),
                               NAMESAKES)
        result.issues.add_rows(found.account_unknown["row"].to_numpy(),
                               found.account_unknown["reason"].to_numpy(dtype=object), SEVERAL_ACCOUNTS)
        if len(found.no_manager) and result.staged.people_rows is not None:
            managerless.append((result, found))
        result.issues.add_rows(found.owner_unplaced["row"].to_numpy(), found.owner_unplaced["reason"].to_numpy(
            dtype=object), "contact owner matches several members", skipped=False)
        result.issues.add_rows(found.ids_withheld["row"].to_numpy(), found.ids_withheld["reason"].to_numpy(
            dtype=object), "id that would name two people", skipped=False)
        record(entry, result, counts)
    # People updated after their file's merge: given a manager once every file is merged (counted
    # unchanged by that merge), or a role by a ContactRole export (which merges no people itself).
    managed = _report_managers_not_found(tables["people"], managerless)
    given_roles = {id(issues): n for issues, n in roles_for_map_people(tables, lookups)}
    for entry, result, counts in recorded:
        late, roles = managed.get(id(result), 0), given_roles.get(id(result.issues), 0)
        report(entry, result, replace(counts, people_updated=counts.people_updated + late + roles,
                                      people_unchanged=counts.people_unchanged - late))

    amap = validate_tables(tables, source=f"{folder} (after the import)", connection_ends=ends)
    errors = pd.concat(issue_frames, ignore_index=True) if issue_frames else \
        pd.DataFrame({c: pd.Series(dtype=object) for c in ERROR_COLUMNS})
    error_path = None
    if not dry_run:
        if original is None or not _same(original, amap):
            write_map(amap, folder)
        error_path = _write_errors(errors, folder)
    totals = {t: len(getattr(amap, t)) for t in CANONICAL_COLUMNS}
    return ImportReport(str(folder), tuple(reports), created, dry_run, error_path, len(errors), totals,
                        tuple(map_notes))


def _import_salesforce_activities(history: list[dict], tables: dict[str, pd.DataFrame], ends: Ends | None,
                                  lookups: SalesforceLookups, record: Callable, now: dt.datetime
                                  ) -> tuple[dict[str, pd.DataFrame], Ends | None]:
    """Merge the Task and Event exports of the import (`history`), scored as one activity history as
    of the import's moment `now`; the connections are counted under the first."""
    results = stage_salesforce_activities([(e["table"], e["kind"]) for e in history], tables["people"], lookups.users,
                                          _members_by_salesforce_id(tables["people"]), now,
                                          history[0]["table"].delimiter == ";")
    tables, counts, ends, _ = merge_staged(tables, results[0].staged, ends)  # (no row of these files is a person)
    for position, (entry, result) in enumerate(zip(history, results)):
        record(entry, result, counts if position == 0 else MergeCounts())
    return tables, ends


def _report_managers_not_found(people: pd.DataFrame, managerless: list[tuple[ProfileResult, RowFindings]]
                               ) -> dict[int, int]:
    """Look again, once every file is merged, for the managers that rows named and their file's merge
    did not find (the manager may be in a file merged later; one look for all files), and record the
    rows whose Reports To still matches no other person, or several at the contact's account: the
    contact is imported, without a manager. Returns, by the `id` of each file's result, how many
    people its merge counted unchanged were given a manager now (they are updated).
    """
    parts = []  # per file: its rows of the file, what each names, its person, whether counted unchanged
    for result, found in managerless:
        rows = result.staged.people_rows[found.no_manager]
        filed = rows >= 0
        values = arrow_text(result.staged.people["reports_to_key"]).take(pa.array(found.no_manager[filed]))
        people_ids = np.asarray(found.no_manager_people, dtype=object)[filed]
        parts.append((result, rows[filed], values.to_pylist(), people_ids, found.no_manager_unchanged[filed]))
    if not parts:
        return {}
    looked_for = [p for part in parts for p in part[3]]
    # A person given a manager by a later file's merge was updated by that file, not by this look.
    managed = arrow_text(people["reports_to"]).take(pa.array(positions_in(pd.Series(looked_for, dtype="str"),
                                                                          people["person_id"]))).fill_null("")
    managed_before = set(np.asarray(looked_for, dtype=object)[~equals(managed, "")])
    still, candidates = find_managers_again(people, looked_for, [v for part in parts for v in part[2]])
    left = iter(candidates)
    start = 0
    updated: dict[int, int] = {}
    credited: set[str] = set()  # (a person on rows of several files: the first file's row gave the manager)
    for result, rows, values, people_ids, unchanged in parts:
        mine = still[start:start + len(rows)]
        start += len(rows)
        given = {pid for pid, missing in zip(people_ids, mine) if not missing}
        late = {pid for pid, missing, same in zip(people_ids, mine, unchanged) if not missing and same} - credited \
            - managed_before
        credited |= given
        if late:
            updated[id(result)] = len(late)
        table = result.issues.table
        positions = np.searchsorted(table.rows, rows[mine])  # both in file order
        # Said as the file has it: its column, and the value as written (a 15-character ReportsToId
        # is matched in 18 characters).
        column = find_column(table.header, *REPORT_LABELS["reports_to"], "ReportsToId")
        values = [value for value, missing in zip(values, mine) if missing] if column is None else \
            [" ".join(str(value).split()) for value in table.frame[column].to_numpy(dtype=object)[positions]]
        column = column or "Reports To"
        candidates_here = [next(left) for _ in values]
        for ambiguous, summary in ((False, "Reports To matches no other person"),
                                   (True, "Reports To matches several people")):
            mask = np.zeros(len(table.frame), dtype=bool)
            reasons = np.full(len(table.frame), "", dtype=object)  # written only for the rows reported
            for position, value, ids in zip(positions, values, candidates_here):
                if bool(ids) != ambiguous:
                    continue
                mask[position] = True
                reasons[position] = (
                    f"{column} {value!r} matches {len(ids)} people at the contact's account ({', '.join(ids)}); "
                    "imported without a manager: set reports_to in people.csv to say which" if ids else
                    f"{column} {value!r} matches no other person in the map or in the files of this import; "
                    "imported without a manager")
            result.issues.add(mask, pd.Series(reasons, dtype=object), skipped=False, summary=summary)
    return updated


def _expand(paths: Sequence[str | os.PathLike]) -> list[Path]:
    out: list[Path] = []
    for item in paths:
        path = Path(item)
        if path.is_dir():
            found = [path / name for name in MAP_FILES.values() if (path / name).exists()]
            if not found:
                raise ImportFileError(f"{path}: a folder holds no map files ({', '.join(MAP_FILES.values())})")
            out.extend(found)
        else:
            out.append(path)
    if not out:
        raise ImportFileError("no files to import")
    return out


def _read_all(paths: list[Path], profile: str, progress: ProgressCallback | None) -> list[dict]:
    files = []
    for path in paths:
        size = path.stat().st_size if path.exists() else 0
        callback = (lambda done, p=str(path), s=size: progress(p, done, s)) if progress else None
        table = read_export(path, callback)
        if progress:
            progress(str(path), size, size)
        if profile == "auto":
            prof, kind = detect_profile(table.header, str(path))
            detected = True
        else:
            prof, kind, detected = profile, profile_kind(profile, table.header), False
            if kind is None:
                if profile in ("hubspot", "linkedin", "activities"):
                    kind = {"hubspot": "contacts", "linkedin": "connections", "activities": "activity log"}[profile]
                else:
                    raise ImportFileError(f"{path}: not a {profile} file: its header ({', '.join(table.header)}) "
                                          f"has none of the {profile} profile's column sets")
        if prof == "salesforce" and kind == "leads":
            raise ImportFileError(f"{path}: a Salesforce Lead export (it has Company where a Contact export has "
                                  "AccountId): leads are prospects not yet placed at an account, which graphmap does "
                                  "not import (as it skips activities on leads); convert the leads you want in the map "
                                  "into contacts in Salesforce, and import the Contact export")
        if prof == "salesforce":
            table = replace(table, notes=table.notes + id_case_notes(table))
        if prof == "salesforce" and kind in ("users", "accounts", "contact roles"):
            prof = "salesforce-lookup"
        elif prof == "salesforce" and kind in _SALESFORCE_ACTIVITIES:
            prof = "salesforce-activities"
        files.append({"table": table, "profile": prof, "kind": kind, "detected": detected})
    return files


def _member_emails(people: pd.DataFrame) -> pa.Array:
    """The e-mails of the map's supplier members (their other e-mails too), lower-cased as the merge
    compares them."""
    members = people[(people["side"] == "supplier").to_numpy()] if len(people) else people
    emails = person_emails(members)[0] if len(members) else pa.array([], pa.large_string())
    return emails.filter(pc.invert(pc.equal(emails, "")))


def _members_by_salesforce_id(people: pd.DataFrame) -> pd.Series:
    """The person_id of each supplier member of the map that has a salesforce_id, indexed by it."""
    if "salesforce_id" not in people.columns:
        return pd.Series(dtype="str")
    members = people[(people["side"] == "supplier") & (people["salesforce_id"] != "")]
    members = members.drop_duplicates("salesforce_id")
    return pd.Series(members["person_id"].to_numpy(), index=members["salesforce_id"].to_numpy(), dtype="str")


def _owner_person(tables: dict[str, pd.DataFrame], owner: str | None, path: Path) -> pd.DataFrame | None:
    """The LinkedIn owner as a staged supplier person keyed ``owner`` (None when no --owner is given)."""
    if not owner:
        return None
    people = tables["people"]
    # "mailto:ana@x.com" or "Ana Silva <ana@x.com>" (pasted from a mail client) is the address.
    owner = unwrapped_emails(pa.array([owner.strip()], pa.large_string()))[0][0].as_py()
    hit = people[people["person_id"] == owner]
    if hit.empty and "@" in owner and len(people):
        # Both sides lower-cased by Arrow's kernel, as the merge matches e-mails (Python's str.lower
        # differs from it on a final Σ or an İ); a member's other e-mails name the member too.
        emails, email_rows = person_emails(people)
        at = int(first_match(pc.utf8_lower(pa.array([owner], pa.large_string())), emails)[0])
        if at >= 0:
            hit = people.iloc[[at if email_rows is None else int(email_rows[at])]]
    if not hit.empty:
        row = hit.iloc[0]
        if row["side"] != "supplier":
            raise ImportFileError(f"--owner {owner}: {row['person_id']} is a customer stakeholder; the owner of a "
                                  "LinkedIn network must be a supplier member")
        return pd.DataFrame([{"key": "owner", "side": "supplier", "name": row["name"], "email": row["email"],
                              "person_id": row["person_id"]}])
    if "@" not in owner:
        raise ImportFileError(f"{path}: --owner {owner!r} is neither a person_id of the map nor an e-mail; "
                              "give a member's person_id, or an e-mail to create the member")
    return pd.DataFrame([{"key": "owner", "side": "supplier", "name": owner, "email": owner}])


def _same(old, new) -> bool:
    """Whether two validated maps hold the same tables, but for columns the new one adds blank (then
    the map's files need not be written again).

    Compared as typed by validation, column by column: formatting both maps as text first would
    cost more than the comparison.
    """
    for table in CANONICAL_COLUMNS:
        a, b = getattr(old, table), getattr(new, table)
        # A column the merge added and left blank everywhere (role_source, hubspot_id, ...) holds nothing.
        blank = [c for c in b.columns if c not in a.columns and (b[c].fillna("") == "").all()]
        b = b.drop(columns=blank) if blank else b
        if a.shape != b.shape or list(a.columns) != list(b.columns):
            return False
        if not all(a[col].reset_index(drop=True).equals(b[col].reset_index(drop=True)) for col in a.columns):
            return False
    return True


def _write_errors(errors: pd.DataFrame, folder: Path) -> str | None:
    """Write (or, when there are none, remove) the error file of this import, atomically."""
    path = folder / ERROR_FILE
    if errors.empty:
        if path.exists():
            path.unlink()
        return None
    staging = folder / f".{ERROR_FILE}.tmp"
    errors = errors.sort_values(["file", "row"], kind="stable")
    # Written as the map's files are: a cell with a bare carriage return (an original_row can hold
    # one) is quoted, where pandas' writer left it bare and the row broke in two when read back.
    write_text_csv(errors.fillna("").astype(str), staging)
    os.replace(staging, path)
    return str(path)
