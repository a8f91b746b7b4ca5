"""Benchmark of `graphmap analyze` against pandas' pyarrow CSV reader on the same files.

Usage::

    .venv/bin/python bench/bench_core.py [--sizes 2000 20000] [--repeat 3]

For each portfolio size it generates a map (cached in bench/out/), then measures in one run, each as
the median of --repeat child processes so that both sides pay the same interpreter start-up:

- baseline: ``python -c "import pandas; pandas.read_csv(f, engine='pyarrow')"`` for the four files;
- analyze:  ``graphmap analyze MAP --format json --as-of 2026-11-27 > /dev/null`` end to end;
- peak RSS of the analyze process (the kernel's maximum resident set size).

Targets (issue 2): analyze within 5x the baseline at 20,000 accounts, peak RSS within 1 GiB, and ten
times the data costing at most eleven times the time. Ratios, not seconds, are the result: the machine
is shared and noisy.
"""

from __future__ import annotations

import argparse
import json
import sys

from common import AS_OF, OUT, connection_rows, generated_map, median_runs

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
        base_t, base_rss = median_runs([sys.executable, "-c", BASELINE, str(folder)], args.repeat)
        run_t, run_rss = median_runs([sys.executable, "-m", "graphmap", "analyze", str(folder), "--format", "json",
                                      "--as-of", AS_OF], args.repeat)
        results.append({"accounts": accounts, "connections": connection_rows(folder), "baseline_s": round(base_t, 3),
                        "baseline_rss_mib": round(base_rss), "analyze_s": round(run_t, 3),
                        "analyze_rss_mib": round(run_rss), "ratio": round(run_t / base_t, 2)})
        print(f"{accounts:>7} accounts {results[-1]['connections']:>9} connections: baseline {base_t:6.2f} s, "
              f"analyze {run_t:6.2f} s ({run_t / base_t:4.1f}x), peak RSS {run_rss:5.0f} MiB", flush=True)

    if len(results) >= 2:
        small, large = results[0], results[-1]
        growth = large["analyze_s"] / small["analyze_s"]
        data = large["connections"] / small["connections"]
        print(f"scaling: {data:.1f}x the connections cost {growth:.1f}x the time")
        results.append({"scaling_data": round(data, 2), "scaling_time": round(growth, 2)})
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "core.json").write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
