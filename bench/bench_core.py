"""Benchmark of `graphmap analyze` against pandas' pyarrow CSV reader on the same files.

Usage::

    .venv/bin/python bench/bench_core.py [--sizes 2000 20000] [--repeat 3]

For each portfolio size it generates a map (cached in bench/out/), then measures in one run, each as
the median of --repeat child processes so that both sides pay the same interpreter start-up:

- baseline: ``python -c "import pandas; pandas.read_csv(f, engine='pyarrow')"`` for the four files;
- analyze:  ``graphmap analyze MAP --format json --as-of 2026-11-27 > /dev/null`` end to end;
- peak RSS of the analyze process (the kernel's maximum resident set size).

Runs are interleaved (baseline, analyze, baseline, ...) and both wall and CPU time are reported: the
pyarrow reader uses both cores, the analysis mostly one.

Targets (issue 2): analyze within 5x the baseline at 20,000 accounts, peak RSS within 1 GiB, and ten
times the data costing at most eleven times the time. Ratios, not seconds, are the result: the machine
is shared and noisy.
"""

from __future__ import annotations

import argparse
import json
import sys

from common import AS_OF, OUT, connection_rows, generated_map, interleaved_medians

BASELINE = ("import pandas as pd, sys\n"
            "for name in ('accounts', 'people', 'team', 'connections'):\n"
            "    pd.read_csv(f'{sys.argv[1]}/{name}.csv', engine='pyarrow')\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 20000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    results = []
    for accounts in args.sizes:
        folder = generated_map(accounts)
        measured = interleaved_medians({
            "baseline": [sys.executable, "-c", BASELINE, str(folder)],
            "analyze": [sys.executable, "-m", "graphmap", "analyze", str(folder), "--format", "json", "--as-of", AS_OF],
        }, args.repeat)
        base, run = measured["baseline"], measured["analyze"]
        row = {"accounts": accounts, "connections": connection_rows(folder), "baseline": base, "analyze": run,
               "ratio_wall": round(run["wall_s"] / base["wall_s"], 2), "ratio_cpu": round(run["cpu_s"] / base["cpu_s"], 2)}
        results.append(row)
        print(f"{accounts:>7} accounts {row['connections']:>9} connections: "
              f"baseline {base['wall_s']:6.2f} s wall {base['cpu_s']:6.2f} s CPU | "
              f"analyze {run['wall_s']:6.2f} s wall {run['cpu_s']:6.2f} s CPU | "
              f"ratio {row['ratio_wall']:.1f}x wall {row['ratio_cpu']:.1f}x CPU | "
              f"peak RSS {run['rss_mib']:.0f} MiB", flush=True)

    if len(results) >= 2:
        small, large = results[0], results[-1]
        growth = large["analyze"]["wall_s"] / small["analyze"]["wall_s"]
        growth_cpu = large["analyze"]["cpu_s"] / small["analyze"]["cpu_s"]
        data = large["connections"] / small["connections"]
        print(f"scaling: {data:.1f}x the connections cost {growth:.1f}x the wall time, {growth_cpu:.1f}x the CPU time")
        results.append({"scaling_data": round(data, 2), "scaling_wall": round(growth, 2),
                        "scaling_cpu": round(growth_cpu, 2)})
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "core.json").write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
