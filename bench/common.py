"""Helpers shared by the benchmarks: timing child processes with their peak memory, and cached maps."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
AS_OF = "2026-11-27"


def run_measured(argv: list[str], stdout=subprocess.DEVNULL) -> tuple[float, float]:
    """Run a command; return its wall time in seconds and its peak RSS in MiB (from the kernel)."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=stdout, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed: {proc.stderr.read().decode()[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024


def median_runs(argv: list[str], repeat: int) -> tuple[float, float]:
    """Median wall time and maximum peak RSS over `repeat` runs."""
    runs = [run_measured(argv) for _ in range(repeat)]
    return statistics.median(t for t, _ in runs), max(m for _, m in runs)


def generated_map(accounts: int, seed: int = 1) -> Path:
    """A generated portfolio in bench/out, made once and reused."""
    folder = OUT / f"portfolio-{accounts}-seed{seed}"
    if not (folder / "connections.csv").exists():
        subprocess.run([sys.executable, "-m", "graphmap", "generate", str(folder), "--accounts", str(accounts),
                        "--seed", str(seed), "--as-of", AS_OF], check=True, stdout=subprocess.DEVNULL)
    return folder


def connection_rows(folder: Path) -> int:
    with open(folder / "connections.csv", "rb") as handle:
        return sum(1 for _ in handle) - 1
