"""Benchmark: importing a 1-million-row HubSpot contacts export vs. pandas.read_csv(engine="pyarrow").

Generates a HubSpot-shaped export (Record ID, First Name, Last Name, Email, Contact owner, Associated
Company, Job Title, Buying Role, Last Contacted, Last Activity Date) into a temporary folder, with
what a real CRM export holds: nearly every name distinct (some accented or hyphenated), free-text job
titles with commas, 20,000 companies and 200 owners. Then in one run it measures, each as the median
of ``--repeat`` runs in a fresh subprocess:

- the baseline: ``pandas.read_csv(path, engine="pyarrow", dtype=str)``: every cell as text, as the
  import reads it (the stricter baseline: letting pyarrow infer the types, as the issue's call is
  written, takes longer; it is measured too and printed for reference);
- the import: ``graphmap import PATH --into NEW_MAP`` as a user runs it (the command line's start-up,
  then read, stage, merge, validate and write the map folder, error file included), run in-process
  through ``graphmap.cli.main`` so that the time counts from the same point as the baseline's;
- the re-import: the same file imported again into the map the import made (read that map, match
  every person and connection, find nothing changed, leave the files as they are): what a weekly
  re-import of a CRM export costs. No target; reported as a ratio too.

The three are alternated run by run. It prints the times (wall and CPU), their ratios to the
baseline (the import's target is <= 3.0) and each one's peak RSS. Usage::

    python bench/bench_import.py [--rows 1000000] [--repeat 3] [--keep DIR] [--phases] [--activities]
                                 [--salesforce] [--xlsx ROWS]

``--phases`` then runs one more import (in a fresh process, opted out of huge pages as the command
line is) and prints where its time goes: reading, staging, merging, validating and writing.
``--activities`` then generates an activity log of as many rows, between the map's supplier members
(by person_id) and its contacts (by e-mail), and times its import into a copy of the map against the
baseline read of the log. ``--salesforce`` then does the same for the Salesforce path: Data Loader
Contact, User and Account exports of as many contacts into a new map (against the read of
Contact.csv), then a Task export of as many rows into that map (against its read). ``--xlsx ROWS``
times a Salesforce report saved as an Excel workbook against ``pandas.read_excel(engine="calamine")``.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

# Names and titles are built from parts so that, as in a real CRM export, almost every contact's name
# is distinct (a few hundred names repeated would let per-value work look free) and job titles are
# free text with many spellings; some names carry accents, for the folding to do real work.
_SYLLABLES = ["an", "bel", "cor", "dan", "el", "fen", "gar", "hal", "is", "jo", "ka", "lo", "mar", "nor",
              "ol", "pe", "ra", "sa", "ta", "vi", "zé", "mü", "bø", "ric"]
_SURNAME_ENDINGS = ["", "son", "berg", "ez", "ski", "ova", "ini", "-Smith", "stad", "ard"]
_SENIORITY = ["", "", "Senior ", "Head of ", "VP ", "Director of ", "Lead ", "Chief ", "Junior ", "Assistant to "]
_FUNCTIONS = ["Finance", "IT", "Operations", "Procurement", "Safety", "Data", "Engineering", "Sales",
              "Marketing", "Legal", "HR", "Fleet", "Security", "Supply Chain", "Strategy", "Information"]
_REGIONS = ["", "", "", ", EMEA", " (APAC)", " - North America", ", DACH", " Nordics"]
ROLES = ["", "", "", "", "Decision Maker", "Champion", "Economic Buyer", "End User", "Influencer"]


def _names(parts: list[str], rng: np.random.Generator, count: int) -> np.ndarray:
    """`count` capitalised names of two or three syllables."""
    syl = np.array(_SYLLABLES, dtype=object)
    picks = rng.integers(0, len(syl), (count, 3))
    name = syl[picks[:, 0]] + syl[picks[:, 1]] + np.where(rng.random(count) < 0.5, syl[picks[:, 2]], "")
    name = name + np.array(parts, dtype=object)[rng.integers(0, len(parts), count)]
    return np.array([n[:1].upper() + n[1:] for n in name], dtype=object)


def generate(path: Path, rows: int, seed: int = 0) -> None:
    """Write a HubSpot-shaped contacts export of `rows` rows (vectorised, seconds for a million)."""
    rng = np.random.default_rng(seed)
    first = _names([""], rng, 5000)[rng.integers(0, 5000, rows)]
    last = _names(_SURNAME_ENDINGS, rng, 50000)[rng.integers(0, 50000, rows)]
    title = (np.array(_SENIORITY, dtype=object)[rng.integers(0, len(_SENIORITY), rows)]
             + np.array(_FUNCTIONS, dtype=object)[rng.integers(0, len(_FUNCTIONS), rows)]
             + np.array(_REGIONS, dtype=object)[rng.integers(0, len(_REGIONS), rows)])
    title = np.where(rng.random(rows) < 0.05, "", title)
    ids = np.arange(1, rows + 1)
    email = np.char.add(np.char.add("c", ids.astype(str)), "@example.com").astype(object)
    company_n = rng.integers(0, max(rows // 50, 1), rows)
    company = np.char.add("Company ", company_n.astype(str)).astype(object)
    company = np.where(company_n % 3 == 0, company + ", Inc.", company)
    company = np.where(rng.random(rows) < 0.01, "", company)  # 1% with no company: reported, not guessed
    owner = np.char.add("Owner ", rng.integers(0, 200, rows).astype(str)).astype(object)
    days = rng.integers(0, 720, rows)
    dates = (np.datetime64("2026-11-27") - days.astype("timedelta64[D]")).astype(str)
    contacted = np.where(rng.random(rows) < 0.3, "", np.char.add(dates, " 10:30"))
    table = pa.table({
        "Record ID": ids.astype(str), "First Name": first.astype(str), "Last Name": last.astype(str),
        "Email": email.astype(str), "Contact owner": owner.astype(str), "Associated Company": company.astype(str),
        "Job Title": title.astype(str),
        "Buying Role": np.array(ROLES)[rng.integers(0, len(ROLES), rows)],
        "Last Contacted": contacted.astype(str), "Last Activity Date": np.char.add(dates, " 10:30")})
    pacsv.write_csv(table, path, pacsv.WriteOptions(quoting_style="needed"))


_CHILD = r"""
import json, sys, time, psutil
mode, out, *paths = sys.argv[1:]
path = paths[0]  # what the baseline reads
def cpu_now():
    times = psutil.Process().cpu_times()
    return times.user + times.system
cpu_start = cpu_now()
start = time.perf_counter()
if mode in ("pandas", "pandas-inferred"):
    import pandas as pd
    frame = pd.read_csv(path, engine="pyarrow", **({"dtype": str} if mode == "pandas" else {}))
    n = len(frame)
elif mode.startswith("pandas-excel-"):  # pandas-excel-calamine, pandas-excel-openpyxl
    import pandas as pd
    n = len(pd.read_excel(path, engine=mode.rpartition("-")[2], dtype=str))
else:
    import contextlib, io
    from graphmap.cli import main
    summary = io.StringIO()
    with contextlib.redirect_stdout(summary):
        try:
            main(["import", *paths, "--into", out])
        except SystemExit as done:
            if done.code:
                raise
elapsed = time.perf_counter() - start
cpu = cpu_now() - cpu_start
if not mode.startswith("pandas"):  # counted after the clock stops (the bench's names hold no line breaks)
    with open(out + "/people.csv", "rb") as people:
        n = sum(block.count(b"\n") for block in iter(lambda: people.read(1 << 20), b"")) - 1
# This process's own peak: VmHWM belongs to the memory of the running program (ru_maxrss would also
# count the bench's parent, which held the generated table when it started this process).
peak = 0
try:
    with open("/proc/self/status") as status:
        peak = next(int(line.split()[1]) * 1024 for line in status if line.startswith("VmHWM"))
except (OSError, StopIteration):
    peak = getattr(psutil.Process().memory_info(), "peak_wset", 0)
print(json.dumps({"seconds": elapsed, "cpu": cpu, "peak_rss": peak, "n": n}))
"""


_PHASES = r"""
import json, sys, time
from graphmap.memory_pages import disable_transparent_huge_pages, keep_freed_memory
disable_transparent_huge_pages()
keep_freed_memory()  # as `graphmap import` does
start = time.perf_counter()
import graphmap.imports.importer as importer
spent = {"start-up and imports": time.perf_counter() - start}
for name, label in (("read_export", "read the export"), ("stage_hubspot", "stage it"),
                    ("merge_staged", "merge into the map"), ("validate_tables", "validate the new map"),
                    ("write_map", "write the map folder")):
    def timed(*args, _run=getattr(importer, name), _label=label, **kwargs):
        began = time.perf_counter()
        try:
            return _run(*args, **kwargs)
        finally:
            spent[_label] = spent.get(_label, 0.0) + time.perf_counter() - began
    setattr(importer, name, timed)
began = time.perf_counter()
importer.import_files([sys.argv[1]], sys.argv[2])
spent["the rest"] = time.perf_counter() - began - sum(v for k, v in spent.items() if k != "start-up and imports")
print(json.dumps(spent))
"""


def generate_activities(path: Path, into: Path, rows: int, seed: int = 2) -> None:
    """Write an activity log of `rows` meetings, calls and e-mails between the supplier members of the
    map `into` (by person_id) and its contacts (by e-mail), over two years, 60% of them outbound."""
    rng = np.random.default_rng(seed)
    people = pacsv.read_csv(into / "people.csv", convert_options=pacsv.ConvertOptions(strings_can_be_null=False))
    supplier = pc.equal(people["side"], "supplier")
    members = people["person_id"].filter(supplier).to_numpy(zero_copy_only=False).astype(object)
    contacts = people["email"].filter(pc.invert(supplier)).to_numpy(zero_copy_only=False).astype(object)
    member = members[rng.integers(0, len(members), rows)]
    contact = contacts[rng.integers(0, len(contacts), rows)]
    outbound = rng.random(rows) < 0.6
    days = rng.integers(0, 720, rows)
    log = pa.table({
        "Date": (np.datetime64("2026-11-27") - days.astype("timedelta64[D]")).astype(str),
        "Type": np.array(["meeting", "call", "email"])[rng.integers(0, 3, rows)],
        "Direction": np.where(outbound, "outbound", "inbound"),
        "From": np.where(outbound, member, contact).astype(str), "To": np.where(outbound, contact, member).astype(str)})
    pacsv.write_csv(log, path, pacsv.WriteOptions(quoting_style="needed"))


def measure_against_read(paths: list[Path], into: Path | None, work: Path, repeat: int, name: str,
                         baseline: str = "pandas") -> dict[str, dict]:
    """The baseline read of ``paths[0]`` (mode `baseline` of the child) and the import of all `paths`
    into a copy of the map `into` (a new map when None), alternated."""
    runs: dict[str, list[dict]] = {baseline: [], "import": []}
    for i in range(repeat):
        for mode in runs:
            out = work / f"map-{name}-{i}"
            shutil.rmtree(out, ignore_errors=True)
            if mode == "import" and into is not None:
                shutil.copytree(into, out)
            runs[mode].append(run_once(paths, mode, out))
    return {mode: {"seconds": statistics.median(r["seconds"] for r in rs),
                   "cpu": statistics.median(r["cpu"] for r in rs),
                   "peak_rss": max(r["peak_rss"] for r in rs)} for mode, rs in runs.items()}


def _salesforce_ids(prefix: str, numbers: np.ndarray) -> np.ndarray:
    """18-character ids: the key prefix, the number in 12 digits, and the case suffix (CASESAFEID), in
    which only the prefix's capitals set a bit (digits have no case): ``003`` gives ``AAA``, ``00T``
    ``EAA``."""
    suffix = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"[sum(1 << i for i, c in enumerate(prefix) if c.isupper())] + "AA"
    return np.char.add(np.char.add(prefix, np.char.zfill(numbers.astype(str), 12)), suffix)


def generate_salesforce(folder: Path, rows: int, seed: int = 3) -> list[Path]:
    """Write Data Loader exports shaped like sf_*.csv in tests/fixtures/imports: `rows` contacts with
    their accounts (one per 50 contacts) and 200 users, then `rows` completed tasks (e-mails and
    calls) over two years; the files in import order, the Task export last."""
    rng = np.random.default_rng(seed)
    companies = max(rows // 50, 1)
    user_ids = _salesforce_ids("005", np.arange(200))
    account_ids = _salesforce_ids("001", np.arange(companies))
    contact_ids = _salesforce_ids("003", np.arange(rows))
    days = rng.integers(0, 720, rows)
    dates = (np.datetime64("2026-11-27") - days.astype("timedelta64[D]")).astype(str)
    files = {
        "User.csv": {"Id": user_ids, "Name": np.char.add("Owner ", np.arange(200).astype(str)),
                     "Email": np.char.add(np.char.add("owner", np.arange(200).astype(str)), "@ours.example"),
                     "IsActive": np.full(200, "true")},
        "Account.csv": {"Id": account_ids, "Name": np.char.add("Company ", np.arange(companies).astype(str))},
        "Contact.csv": {
            "Id": contact_ids, "AccountId": account_ids[rng.integers(0, companies, rows)],
            "FirstName": _names([""], rng, 5000)[rng.integers(0, 5000, rows)].astype(str),
            "LastName": _names(_SURNAME_ENDINGS, rng, 50000)[rng.integers(0, 50000, rows)].astype(str),
            "Title": (np.array(_SENIORITY, dtype=object)[rng.integers(0, len(_SENIORITY), rows)]
                      + np.array(_FUNCTIONS, dtype=object)[rng.integers(0, len(_FUNCTIONS), rows)]).astype(str),
            "Email": np.char.add(np.char.add("c", np.arange(rows).astype(str)), "@example.com"),
            "OwnerId": user_ids[rng.integers(0, 200, rows)], "ReportsToId": np.full(rows, ""),
            "LastActivityDate": dates, "IsDeleted": np.where(rng.random(rows) < 0.01, "true", "false")},
        "Task.csv": {
            "Id": _salesforce_ids("00T", np.arange(rows)), "WhoId": contact_ids[rng.integers(0, rows, rows)],
            "OwnerId": user_ids[rng.integers(0, 200, rows)],
            "ActivityDate": (np.datetime64("2026-11-27") - rng.integers(0, 720, rows).astype("timedelta64[D]")
                             ).astype(str),
            "Status": np.full(rows, "Completed"), "IsClosed": np.full(rows, "true"),
            "TaskSubtype": np.array(["Email", "Call"])[rng.integers(0, 2, rows)],
            "Type": np.full(rows, ""), "IsDeleted": np.full(rows, "false")},
    }
    paths = []
    for name, columns in files.items():  # (Users and Accounts first: the bench's baseline reads the Contacts)
        paths.append(folder / name)
        pacsv.write_csv(pa.table(columns), paths[-1], pacsv.WriteOptions(quoting_style="needed"))
    return paths


def generate_workbook(path: Path, rows: int, seed: int = 4) -> None:
    """Write a Salesforce contacts report as an Excel workbook of `rows` contacts: two title rows
    above the header, as a Formatted Report has, and typed cells (dates as dates)."""
    from openpyxl import Workbook

    rng = np.random.default_rng(seed)
    first = _names([""], rng, 5000)[rng.integers(0, 5000, rows)]
    last = _names(_SURNAME_ENDINGS, rng, 50000)[rng.integers(0, 50000, rows)]
    titles = np.array(_SENIORITY, dtype=object)[rng.integers(0, len(_SENIORITY), rows)] + \
        np.array(_FUNCTIONS, dtype=object)[rng.integers(0, len(_FUNCTIONS), rows)]
    company = rng.integers(0, max(rows // 50, 1), rows)
    owner = rng.integers(0, 200, rows)
    day = np.datetime64("2026-11-27") - rng.integers(0, 720, rows).astype("timedelta64[D]")
    book = Workbook(write_only=True)  # (streamed to disk: a million rows would not fit as cells)
    sheet = book.create_sheet("Contacts & Accounts")
    sheet.append(["Contacts & Accounts"])
    sheet.append(["As of Nov 27, 2026 10:00 AM"])
    sheet.append(["First Name", "Last Name", "Title", "Email", "Account Name", "Contact Owner", "Last Activity"])
    for i in range(rows):
        sheet.append([first[i], last[i], titles[i], f"c{i}@example.com", f"Company {company[i]}", f"Owner {owner[i]}",
                      day[i].astype(object)])
    book.save(path)


def phases(path: Path, out: Path) -> dict[str, float]:
    """Seconds per phase of one import of `path` into a new map `out`."""
    shutil.rmtree(out, ignore_errors=True)
    done = subprocess.run([sys.executable, "-c", _PHASES, str(path), str(out)], check=True,
                          capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_once(path: Path | list[Path], mode: str, out: Path) -> dict:
    """One run in a fresh process: the baseline read of `path` (the first, if a list), or the import of
    `path` (every file of the list) into `out`."""
    paths = path if isinstance(path, list) else [path]
    done = subprocess.run([sys.executable, "-c", _CHILD, mode, str(out), *map(str, paths)], check=True,
                          capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(path: Path, work: Path, repeat: int) -> dict[str, dict]:
    """Both modes, alternated run by run so that a change in the machine's load hits both alike."""
    runs: dict[str, list[dict]] = {"pandas": [], "import": [], "reimport": [], "pandas-inferred": []}
    for i in range(repeat):
        for mode in runs:
            out = work / f"map-{mode}-{i}"
            shutil.rmtree(out, ignore_errors=True)  # a --keep folder may hold an earlier run's maps
            if mode == "reimport":  # into a copy of the map this round's import made
                shutil.copytree(work / f"map-import-{i}", out)
            runs[mode].append(run_once(path, mode, out))
    return {mode: {"seconds": statistics.median(r["seconds"] for r in rs),
                   "cpu": statistics.median(r["cpu"] for r in rs),
                   "ratios": [r["seconds"] for r in rs],
                   "peak_rss": max(r["peak_rss"] for r in rs), "n": rs[-1]["n"]} for mode, rs in runs.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="Keep the generated export and maps in this folder.")
    parser.add_argument("--phases", action="store_true", help="Then time the phases of one more import.")
    parser.add_argument("--activities", action="store_true",
                        help="Then time an activity log of as many rows imported into the map the import made.")
    parser.add_argument("--xlsx", type=int, metavar="ROWS",
                        help="Then time a Salesforce report workbook (.xlsx) of ROWS contacts into a new map, against "
                             "pandas.read_excel(engine='calamine') of it (and, once, engine='openpyxl').")
    parser.add_argument("--salesforce", action="store_true",
                        help="Then time Salesforce Data Loader exports of as many contacts (with their users and "
                             "accounts) into a new map, and a Task export of as many rows into that map.")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="graphmap-bench-import-"))
    work.mkdir(parents=True, exist_ok=True)
    path = work / "hubspot-contacts.csv"
    generate(path, args.rows)
    size = path.stat().st_size
    result = measure(path, work, args.repeat)
    base, imp, again = result["pandas"], result["import"], result["reimport"]
    per_run = [i / b for i, b in zip(imp["ratios"], base["ratios"])]
    print(f"export: {args.rows:,} rows, {size / 1e6:.0f} MB ({path})")
    print(f"pandas.read_csv(engine='pyarrow'): {base['seconds']:.2f} s, CPU {base['cpu']:.2f} s "
          f"(medians of {args.repeat}), peak RSS {base['peak_rss'] / 1e6:.0f} MB")
    print(f"graphmap import:                   {imp['seconds']:.2f} s, CPU {imp['cpu']:.2f} s "
          f"(medians of {args.repeat}), peak RSS {imp['peak_rss'] / 1e6:.0f} MB, {imp['n']:,} people in the map")
    print(f"ratio: {imp['seconds'] / base['seconds']:.2f}x wall (runs: {', '.join(f'{r:.1f}x' for r in per_run)}), "
          f"{imp['cpu'] / base['cpu']:.2f}x CPU (target <= 3.0x)")
    print(f"graphmap re-import (same file):    {again['seconds']:.2f} s, CPU {again['cpu']:.2f} s, "
          f"peak RSS {again['peak_rss'] / 1e6:.0f} MB: {again['seconds'] / base['seconds']:.2f}x wall, "
          f"{again['cpu'] / base['cpu']:.2f}x CPU (no target)")
    inferred = result["pandas-inferred"]
    print(f"for reference, pandas.read_csv(engine='pyarrow') letting pyarrow infer the types (the issue's "
          f"call as written): {inferred['seconds']:.2f} s, CPU {inferred['cpu']:.2f} s: the import is "
          f"{imp['seconds'] / inferred['seconds']:.2f}x wall, {imp['cpu'] / inferred['cpu']:.2f}x CPU of that")
    if args.phases:
        spent = phases(path, work / "map-phases")
        print("one import, by phase: " + ", ".join(f"{name} {seconds:.2f} s" for name, seconds in spent.items()))
    if args.activities:
        log = work / "activities.csv"
        generate_activities(log, work / "map-import-0", args.rows)
        timed = measure_against_read([log], work / "map-import-0", work, args.repeat, "activities")
        read, into = timed["pandas"], timed["import"]
        print(f"activity log: {args.rows:,} rows, {log.stat().st_size / 1e6:.0f} MB; "
              f"pandas read {read['seconds']:.2f} s; import into that map {into['seconds']:.2f} s, CPU {into['cpu']:.2f} s, peak RSS "
              f"{into['peak_rss'] / 1e6:.0f} MB: {into['seconds'] / read['seconds']:.2f}x wall (no target)")
    if args.salesforce:
        (work / "salesforce").mkdir(exist_ok=True)
        users, accounts, contacts, tasks = generate_salesforce(work / "salesforce", args.rows)
        made = measure_against_read([contacts, users, accounts], None, work, args.repeat, "salesforce")
        read, into = made["pandas"], made["import"]
        print(f"Salesforce Data Loader: Contact.csv {args.rows:,} rows, {contacts.stat().st_size / 1e6:.0f} MB, with "
              f"User.csv and Account.csv; pandas read of Contact.csv {read['seconds']:.2f} s; import of the three "
              f"into a new map {into['seconds']:.2f} s, CPU {into['cpu']:.2f} s, peak RSS "
              f"{into['peak_rss'] / 1e6:.0f} MB: {into['seconds'] / read['seconds']:.2f}x wall")
        timed = measure_against_read([tasks], work / "map-salesforce-0", work, args.repeat, "tasks")
        read, into = timed["pandas"], timed["import"]
        print(f"Salesforce Task.csv: {args.rows:,} rows, {tasks.stat().st_size / 1e6:.0f} MB; pandas read "
              f"{read['seconds']:.2f} s; import into that map {into['seconds']:.2f} s, CPU {into['cpu']:.2f} s, "
              f"peak RSS {into['peak_rss'] / 1e6:.0f} MB: {into['seconds'] / read['seconds']:.2f}x wall (no target)")

    if args.xlsx:
        workbook = work / "salesforce-report.xlsx"
        generate_workbook(workbook, args.xlsx)
        timed = measure_against_read([workbook], None, work, args.repeat, "xlsx", "pandas-excel-calamine")
        read, into = timed["pandas-excel-calamine"], timed["import"]
        slow = run_once(workbook, "pandas-excel-openpyxl", work / "unused")
        print(f"workbook: {args.xlsx:,} rows, {workbook.stat().st_size / 1e6:.0f} MB; "
              f"pandas.read_excel(engine='calamine') {read['seconds']:.2f} s; import into a new map "
              f"{into['seconds']:.2f} s, CPU {into['cpu']:.2f} s, peak RSS {into['peak_rss'] / 1e6:.0f} MB: "
              f"{into['seconds'] / read['seconds']:.2f}x wall; for reference, engine='openpyxl' {slow['seconds']:.2f} s")


if __name__ == "__main__":
    main()
