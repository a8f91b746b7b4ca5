"""Benchmark: `graphmap.write_map` against pyarrow's own CSV writer on the same tables.

For each map folder (by default the bench_core portfolio of 20,000 accounts, generated once into
bench/out/) it reads the map once, then in one process alternates, ``--repeat`` times each:

- the baseline: ``pyarrow.csv.write_csv`` of the four typed tables as they are held in memory (C++,
  every string quoted, dates and numbers formatted by Arrow): a floor for "write these tables as CSV";
- write_map: the canonical files (text as graphmap writes it, minimal quoting, atomic swap of the
  folder), written over the previous run's folder as the app and ``graphmap import`` do.

It prints the median wall and CPU time (user + system of the process) of both and their ratio.
Usage::

    python bench/bench_write.py [--maps FOLDER ...] [--repeat 5]

The map of a 1M-row HubSpot import (the size ``graphmap import`` writes in bench_import.py)::

    python -c "import sys; sys.path.insert(0, 'bench'); from bench_import import generate; \\
        from pathlib import Path; generate(Path('/tmp/hub.csv'), 1_000_000)"
    python -c "from graphmap.imports import import_files; import_files(['/tmp/hub.csv'], '/tmp/hubmap')"
    python bench/bench_write.py --maps /tmp/hubmap
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv

from common import generated_map

from graphmap.mapfolder import MAP_FILES, read_map, write_map


def _timed(work) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu


def _arrow_write(amap, folder: Path) -> None:
    folder.mkdir(exist_ok=True)
    for table, file_name in MAP_FILES.items():
        pacsv.write_csv(pa.Table.from_pandas(getattr(amap, table), preserve_index=False), folder / file_name)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--maps", type=Path, nargs="+", default=None)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    for source in args.maps or [generated_map(20000)]:
        amap = read_map(source)
        work = Path(tempfile.mkdtemp(prefix="bench-write-"))
        try:
            runs: dict[str, list[tuple[float, float]]] = {"baseline": [], "write_map": []}
            for _ in range(args.repeat):
                runs["baseline"].append(_timed(lambda: _arrow_write(amap, work / "arrow")))
                runs["write_map"].append(_timed(lambda: write_map(amap, work / "map")))
        finally:
            shutil.rmtree(work, ignore_errors=True)
        wall = {k: statistics.median(w for w, _ in v) for k, v in runs.items()}
        cpu = {k: statistics.median(c for _, c in v) for k, v in runs.items()}
        print(f"{source}: {len(amap.people)} people, {len(amap.connections)} connections | "
              f"baseline {wall['baseline']:.3f} s wall {cpu['baseline']:.3f} s CPU | "
              f"write_map {wall['write_map']:.3f} s wall {cpu['write_map']:.3f} s CPU | "
              f"ratio {wall['write_map'] / wall['baseline']:.2f}x wall "
              f"{cpu['write_map'] / cpu['baseline']:.2f}x CPU", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
