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


def _kept_after_free(code: str) -> dict[str, int | str]:
    """MiB still resident in a fresh Python process after `code` runs and it frees a 256 MiB Arrow
    buffer (asking the pool to give back what it does not use) and a 16 MiB numpy array, and the
    name of Arrow's memory pool.

    The process gets no allocator settings from this one's environment: only `code` decides.
    """
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
print(arrow, rss() - base, pa.default_memory_pool().backend_name)
"""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("MIMALLOC_", "JE_", "MALLOC_")) and k != "ARROW_DEFAULT_MEMORY_POOL"}
    arrow, numpy, pool = subprocess.run([sys.executable, "-c", probe], env=env, check=True, capture_output=True,
                                        text=True).stdout.split()
    return {"arrow": int(arrow), "numpy": int(numpy), "pool": pool}


@pytest.mark.skipif(not sys.platform.startswith("linux") and not os.environ.get("CI"),
                    reason="the allocator settings are for Linux with glibc")
def test_an_import_keeps_freed_memory_for_reuse_and_other_processes_give_it_back():
    def resident(code: str) -> dict[str, int]:
        kept = _kept_after_free(code)
        # The setting for Arrow is mimalloc's (pyarrow's pool here); where a build uses another
        # pool, only glibc's heap, numpy's memory, can be asserted.
        return {k: v for k, v in kept.items() if k != "pool" and (k != "arrow" or kept["pool"] == "mimalloc")}

    def approx(arrow: int, numpy: int) -> dict:
        return {"arrow": pytest.approx(arrow, abs=32), "numpy": pytest.approx(numpy, abs=8)}

    given_back = resident("")
    assert given_back == {k: v for k, v in approx(0, 0).items() if k in given_back}
    kept = resident("from graphmap.memory_pages import keep_freed_memory\nassert keep_freed_memory()")
    assert kept == {k: v for k, v in approx(256, 16).items() if k in kept}
    # Too late once pyarrow is loaded (mimalloc has read its options): it says so and changes nothing.
    late = resident("import pyarrow\nfrom graphmap.memory_pages import keep_freed_memory\n"
                    "assert keep_freed_memory() is False")
    assert late == {k: v for k, v in approx(0, 0).items() if k in late}


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
