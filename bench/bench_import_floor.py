"""Benchmark: the least any import of the 1-million-row export must do, against the same baseline.

Issue 3 asks the import to take at most 3x `pandas.read_csv(engine="pyarrow")`. This measures how
close an import can get on this stack at all: in a fresh process it runs only the steps no import of
the bench's HubSpot export can skip, each the cheapest way pyarrow or the project's column functions
do it, and nothing else:

- start-up, with the memory settings of `graphmap import` (`graphmap.memory_pages`): numpy and pyarrow, pandas (the project's column functions need it) and those functions,
  each timed apart;
- parse the file into text columns (pyarrow's multi-threaded reader, what the baseline calls);
- join first and last names; lower-case the e-mails;
- hash the e-mails (to find rows that are one person); fold the names into id slugs
  (`graphmap.imports.normalize.slugs`) and hash those (to number namesakes);
- accounts, buying roles from titles, dates and owners, each worked out once per distinct value;
- write people.csv and connections.csv with pyarrow's CSV writer.

Left out, though a real import needs them: cleaning cells, skipping bad rows and writing the error
file, matching against an existing map, the merge rules, numbering repeats, validating the map,
writing to a temporary folder and swapping it in. So the floor is a lower bound, not a design.
Baseline and floor alternate run by run (``--repeat`` each); it prints the medians, each step's
time and the ratios::

    python bench/bench_import_floor.py [--rows 1000000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_import import generate  # noqa: E402  (the same export as bench_import.py)

_FLOOR = r"""
import csv, json, sys, time
start = time.perf_counter()
spent = {}
def step(name):
    global start
    now = time.perf_counter()
    spent[name] = now - start
    start = now
from graphmap.memory_pages import disable_transparent_huge_pages, keep_freed_memory
disable_transparent_huge_pages()  # as `graphmap import` does
keep_freed_memory()
import numpy as np, pyarrow as pa, pyarrow.compute as pc, pyarrow.csv as pacsv
step("import numpy and pyarrow")
import pandas as pd
step("import pandas")
from graphmap.imports.normalize import arrow_text, company_keys, slugs, text_series
from graphmap.imports.titles import roles_from_titles
step("import graphmap")
path, out = sys.argv[1], sys.argv[2]
with open(path, encoding="utf-8", newline="") as handle:
    header = next(csv.reader(handle))
table = pacsv.read_csv(path, convert_options=pacsv.ConvertOptions(
    column_types={c: pa.string() for c in header}, strings_can_be_null=False))
column = {c: table[c] for c in header}  # chunked, as parsed: no copy
step("parse")
name = pc.utf8_trim_whitespace(pc.binary_join_element_wise(column["First Name"], column["Last Name"], " "))
email = pc.utf8_lower(column["Email"])
step("names, e-mails")
person_codes = pc.dictionary_encode(email)
step("hash the e-mails")
text = lambda value: pa.scalar(value, pa.large_string())  # the type of the project's text columns
ids = pc.binary_join_element_wise(text("c-"), arrow_text(slugs(text_series(name))), text(""))
step("slugs of names")
id_codes = pc.dictionary_encode(ids).indices
step("hash the ids")
def per_distinct(values, func):
    encoded = pc.dictionary_encode(values.combine_chunks())  # one dictionary for the whole column
    return pa.array(func(pd.Series(encoded.dictionary.to_pylist())).tolist(), pa.large_string()).take(encoded.indices)
account_id = per_distinct(column["Associated Company"], lambda names: "acc-" + slugs(company_keys(names)))
role = per_distinct(column["Job Title"], roles_from_titles)
last_contact = per_distinct(column["Last Contacted"], lambda dates: dates.str.slice(0, 10))
owner_id = per_distinct(column["Contact owner"], lambda owners: "s-" + slugs(owners))
step("accounts, roles, dates, owners")
n = len(ids)
constant = lambda value: pa.array([value], pa.large_string()).take(pa.array(np.zeros(n, dtype=np.int32)))
pacsv.write_csv(pa.table({"person_id": ids, "name": name, "side": constant("customer"), "account_id": account_id,
                          "role": role, "title": column["Job Title"], "email": email,
                          "hubspot_id": column["Record ID"]}), out + "/people.csv")
pacsv.write_csv(pa.table({"from_id": owner_id, "to_id": ids, "strength": constant("2"),
                          "strength_source": constant("crm"), "last_contact": last_contact}), out + "/connections.csv")
step("write two files")
print(json.dumps(spent))
"""

_BASELINE = r"""
import json, sys, time
start = time.perf_counter()
import pandas as pd
imported = time.perf_counter()
pd.read_csv(sys.argv[1], engine="pyarrow", dtype=str)
print(json.dumps({"import pandas": imported - start, "read_csv": time.perf_counter() - imported}))
"""


def _run(code: str, *args: str) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"a measured run failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="graphmap-bench-floor-") as work:
        path = Path(work) / "hubspot-contacts.csv"
        generate(path, args.rows)
        base_runs, floor_runs = [], []
        for _ in range(args.repeat):  # alternated, so that a change in the machine's load hits both
            base_runs.append(_run(_BASELINE, str(path)))
            floor_runs.append(_run(_FLOOR, str(path), work))
    base = [sum(r.values()) for r in base_runs]
    floor = [sum(r.values()) for r in floor_runs]
    no_pandas = [t - r["import pandas"] for t, r in zip(floor, floor_runs)]
    median = statistics.median
    print(f"export: {args.rows:,} rows; medians of {args.repeat} alternated runs")
    print("baseline pandas.read_csv(engine='pyarrow', dtype=str): " + ", ".join(
        f"{k} {median(r[k] for r in base_runs):.2f} s" for k in base_runs[0]) + f"; total {median(base):.2f} s")
    print("floor: " + ", ".join(f"{k} {median(r[k] for r in floor_runs):.2f} s" for k in floor_runs[0])
          + f"; total {median(floor):.2f} s")
    ratios = ", ".join(f"{f / b:.1f}x" for f, b in zip(floor, base))
    print(f"floor / baseline: {median(floor) / median(base):.2f}x (runs: {ratios}); without the time of importing "
          f"pandas (as if the import and the functions it calls did not need it): "
          f"{median(no_pandas) / median(base):.2f}x")


if __name__ == "__main__":
    main()
