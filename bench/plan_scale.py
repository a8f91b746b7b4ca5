"""How the coverage plan scales: its time against the analysis of the same map, at two portfolio sizes.

    .venv/bin/python bench/plan_scale.py [ACCOUNTS]     (default 500; the second size is twice that)

Prints, per size, the CPU seconds of `analyze` (the baseline) and of `coverage_plan` over every account,
their ratio, and how each grows when the portfolio doubles (2.0 is linear). Ratios, not absolute times,
are what to compare across machines.
"""

from __future__ import annotations

import sys
import tempfile
import time

import graphmap
from graphmap.analysis.plan import coverage_plan
from graphmap.generate import write_generated_map

AS_OF = graphmap.SAMPLE_AS_OF


def measure(n_accounts: int) -> tuple[float, float, int]:
    folder = tempfile.mkdtemp() + "/map"
    write_generated_map(folder, n_accounts, seed=7, as_of=AS_OF)
    amap = graphmap.read_map(folder)
    start = time.process_time()
    findings = graphmap.analyze(amap, as_of=AS_OF)
    analysed = time.process_time() - start
    start = time.process_time()
    plan = coverage_plan(amap, findings, capacity=1_000)  # generated members are busy: let the plan assign
    planned = time.process_time() - start
    return analysed, planned, sum(len(a.assignments) for a in plan.accounts)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    rows = [(size, *measure(size)) for size in (n, 2 * n)]
    for size, analysed, planned, assigned in rows:
        print(f"{size:>7} accounts: analyze {analysed:7.2f} s, plan {planned:7.2f} s ({assigned} assignments), "
              f"plan/analyze {planned / analysed:6.1f}")
    (_, a1, p1, _), (_, a2, p2, _) = rows
    print(f"doubling the portfolio: analyze x{a2 / a1:.2f}, plan x{p2 / p1:.2f} (2.00 is linear)")


if __name__ == "__main__":
    main()
