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
    """Run a command; return its wall time in seconds and its peak RSS in MiB (from the kernel).

    The CPU time (user + system) of the last run is kept in `last_cpu_seconds`.
    """
    global last_cpu_seconds
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=stdout, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    last_cpu_seconds = usage.ru_utime + usage.ru_stime
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed: {proc.stderr.read().decode()[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024


last_cpu_seconds = 0.0


def median_runs(argv: list[str], repeat: int) -> tuple[float, float]:
    """Median wall time and maximum peak RSS over `repeat` runs."""
    runs = [run_measured(argv) for _ in range(repeat)]
    return statistics.median(t for t, _ in runs), max(m for _, m in runs)


def interleaved_medians(commands: dict[str, list[str]], repeat: int) -> dict[str, dict[str, float]]:
    """Run each command `repeat` times, interleaved (a, b, a, b, ...) so that load drifts hit all alike.

    Returns per command the median wall time, median CPU time and the largest peak RSS.
    """
    samples: dict[str, list[tuple[float, float, float]]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, argv in commands.items():
            wall, rss = run_measured(argv)
            samples[name].append((wall, last_cpu_seconds, rss))
    return {name: {"wall_s": statistics.median(s[0] for s in runs), "cpu_s": statistics.median(s[1] for s in runs),
                   "rss_mib": max(s[2] for s in runs)} for name, runs in samples.items()}


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
