"""The command line's memory settings (graphmap/memory_pages.py): no transparent huge pages, and
freed memory kept for reuse by an import."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


def _thp_enabled_after(code: str) -> str:
    """The THP_enabled value of a fresh Python process after it runs `code`.

    The process first clears the flag it may have inherited (a test before this one may have run the
    command line in the test process, which sets it), so that only `code` decides.
    """
    probe = ("import ctypes\nctypes.CDLL(None).prctl(41, 0, 0, 0, 0)\n" + code +
             "\nprint(next(l for l in open('/proc/self/status') if l.startswith('THP_enabled')).split()[1])")
    return subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True).stdout.strip()


@pytest.mark.skipif(not sys.platform.startswith("linux") and not os.environ.get("CI"),
                    reason="transparent huge pages are a Linux feature")
def test_the_opt_out_reaches_the_kernel_for_this_process_only():
    assert _thp_enabled_after("") == "1"
    assert _thp_enabled_after("from graphmap.memory_pages import disable_transparent_huge_pages as d\n"
                              "assert d() is True") == "0"


def _kept_after_free(code: str) -> dict[str, int]:
    """MiB still resident in a fresh Python process after `code` runs and it frees a 256 MiB Arrow
    buffer (asking the pool to give back what it does not use) and a 16 MiB numpy array."""
    probe = code + """
import numpy as np, pyarrow as pa
def rss():
    return int(next(l for l in open('/proc/self/status') if l.startswith('VmRSS')).split()[1]) // 1024
base = rss()
buffer = pa.allocate_buffer(256 << 20)
np.frombuffer(buffer, dtype=np.uint8)[:] = 1
del buffer
pa.default_memory_pool().release_unused()
arrow = rss() - base
base = rss()
array = np.ones(16 << 20, dtype=np.uint8)
del array
print(arrow, rss() - base)
"""
    arrow, numpy = subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True,
                                  text=True).stdout.split()
    return {"arrow": int(arrow), "numpy": int(numpy)}


@pytest.mark.skipif(not sys.platform.startswith("linux") and not os.environ.get("CI"),
                    reason="the allocator settings are for Linux with glibc")
def test_an_import_keeps_freed_memory_for_reuse_and_other_processes_give_it_back():
    assert _kept_after_free("") == {"arrow": pytest.approx(0, abs=32), "numpy": pytest.approx(0, abs=8)}
    kept = _kept_after_free("from graphmap.memory_pages import keep_freed_memory\nassert keep_freed_memory()")
    assert kept == {"arrow": pytest.approx(256, abs=32), "numpy": pytest.approx(16, abs=8)}
    # Too late once pyarrow is loaded (mimalloc has read its options): it says so and changes nothing.
    assert _kept_after_free("import pyarrow\nfrom graphmap.memory_pages import keep_freed_memory\n"
                            "assert keep_freed_memory() is False") == {"arrow": pytest.approx(0, abs=32),
                                                                       "numpy": pytest.approx(0, abs=8)}


@pytest.mark.skipif(not sys.platform.startswith("linux") and not os.environ.get("CI"),
                    reason="the allocator settings are for Linux with glibc")
def test_the_import_command_keeps_freed_memory_and_analyze_does_not():
    probe = ("import sys, os\nsys.argv = ['graphmap', '{}', '--help']\nfrom graphmap.cli import main\n"
             "try:\n    main()\nexcept SystemExit:\n    pass\nprint(os.environ.get('MIMALLOC_PURGE_DELAY'), file=sys.stderr)")
    env = {k: v for k, v in os.environ.items() if k != "MIMALLOC_PURGE_DELAY"}
    said = {command: subprocess.run([sys.executable, "-c", probe.format(command)], env=env, check=True,
                                    capture_output=True, text=True).stderr.strip()
            for command in ("import", "analyze")}
    assert said == {"import": "-1", "analyze": "None"}
