"""Benchmark of map validation (`validate_tables`) against reading the same map's CSV files.

Usage::

    .venv/bin/python bench/bench_validate.py [--map FOLDER ...] [--repeat 5]

Without --map it uses the generated 20,000-account portfolio of bench_core (cached in bench/out/).
Each run is a fresh child process that reads the four files with `read_text_table` (the baseline:
pyarrow's CSV reader on both cores) and then validates them once, as `read_map` does; the first call
is the one that matters, since a command validates its map once. Reported: the median wall and CPU
time of each step and their ratio. Ratios, not seconds, are the result: the machine is shared.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

from common import generated_map

CHILD = """
import json, resource, sys, time
from pathlib import Path
import pandas as pd
from graphmap.mapfolder import MAP_FILES, read_text_table
from graphmap.model.accountmap import CANONICAL_COLUMNS
from graphmap.model.validation import validate_tables

def cpu():
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime

folder = Path(sys.argv[1])
wall, used = time.perf_counter(), cpu()
raw = {t: read_text_table(folder / f) if (folder / f).exists()
       else pd.DataFrame({c: pd.Series(dtype=object) for c in CANONICAL_COLUMNS[t]}) for t, f in MAP_FILES.items()}
read = (time.perf_counter() - wall, cpu() - used)
wall, used = time.perf_counter(), cpu()
amap = validate_tables(raw, source=str(folder))
check = (time.perf_counter() - wall, cpu() - used)
print(json.dumps({"read": read, "validate": check, "rows": {t: len(getattr(amap, t)) for t in MAP_FILES}}))
"""


def measure(folder: Path, repeat: int) -> dict:
    runs = [json.loads(subprocess.run([sys.executable, "-c", CHILD, str(folder)], check=True,
                                      capture_output=True, text=True).stdout) for _ in range(repeat)]
    median = {step: [statistics.median(r[step][i] for r in runs) for i in (0, 1)] for step in ("read", "validate")}
    return {"map": str(folder), "rows": runs[0]["rows"], **median,
            "ratio_wall": round(median["validate"][0] / median["read"][0], 2),
            "ratio_cpu": round(median["validate"][1] / median["read"][1], 2)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--map", type=Path, nargs="+", help="map folders (default: bench_core's 20,000 accounts)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    for folder in args.map or [generated_map(20000)]:
        row = measure(folder, args.repeat)
        (read_wall, read_cpu), (wall, cpu) = row["read"], row["validate"]
        rows = ", ".join(f"{n:,} {t}" for t, n in row["rows"].items())
        print(f"{folder} ({rows}): read CSV {read_wall:.2f} s wall {read_cpu:.2f} s CPU | "
              f"validate_tables {wall:.2f} s wall {cpu:.2f} s CPU | ratio {row['ratio_wall']:.2f}x wall "
              f"{row['ratio_cpu']:.2f}x CPU", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
