"""Benchmark of the report exports against ``graphmap analyze`` on the same portfolio, in the same run.

Usage::

    .venv/bin/python bench/bench_report.py [--accounts 2000] [--repeat 3]

It generates a portfolio (``graphmap generate``, cached in bench/out/), then measures, each as the
median of --repeat child processes so that every side pays the same interpreter start-up, the runs
interleaved (analyze, then each format, repeated) so that a busy machine slows every side alike:

- baseline: ``graphmap analyze MAP --format json --as-of 2026-11-27 > /dev/null``;
- ``graphmap report MAP --format xlsx|html|csv -o bench/out/report.*`` (the report includes the analysis);
- the peak RSS of each process (the kernel's maximum resident set size).

Ratios against analyze, not seconds, are the result: the machine is shared and noisy. The HTML report
draws interactive maps for the 40 riskiest accounts (its default ``--max-maps``); every account keeps
its coverage matrix and findings.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys

from common import AS_OF, OUT, connection_rows, generated_map, run_measured

FORMATS = {"xlsx": "report.xlsx", "html": "report.html", "csv": "report.zip", "md": "report.md"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--formats", nargs="+", default=["xlsx", "html", "csv"], choices=sorted(FORMATS))
    args = parser.parse_args()

    folder = generated_map(args.accounts)
    graphmap = [sys.executable, "-m", "graphmap"]
    commands = {"analyze": [*graphmap, "analyze", str(folder), "--format", "json", "--as-of", AS_OF]}
    for fmt in args.formats:
        commands[fmt] = [*graphmap, "report", str(folder), "--format", fmt, "--as-of", AS_OF,
                         "-o", str(OUT / FORMATS[fmt])]
    runs: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(args.repeat):
        for name, argv in commands.items():
            runs[name].append(run_measured(argv))
    measured = {name: (statistics.median(t for t, _ in got), max(m for _, m in got)) for name, got in runs.items()}

    base_t, base_rss = measured["analyze"]
    result = {"accounts": args.accounts, "connections": connection_rows(folder), "analyze_s": round(base_t, 3),
              "analyze_rss_mib": round(base_rss), "reports": {}}
    print(f"{args.accounts} accounts, {result['connections']} connections: analyze {base_t:.2f} s, "
          f"peak RSS {base_rss:.0f} MiB (median of {args.repeat})")
    for fmt in args.formats:
        t, rss = measured[fmt]
        size = (OUT / FORMATS[fmt]).stat().st_size / 2**20
        result["reports"][fmt] = {"seconds": round(t, 3), "rss_mib": round(rss), "time_ratio": round(t / base_t, 2),
                                  "rss_ratio": round(rss / base_rss, 2), "file_mib": round(size, 1)}
        print(f"  report {fmt:>4}: {t:6.2f} s ({t / base_t:4.1f}x analyze), peak RSS {rss:5.0f} MiB "
              f"({rss / base_rss:4.2f}x), file {size:6.1f} MiB")
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "report.json").write_text(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
