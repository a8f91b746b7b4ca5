"""The command line's opt-out of transparent huge pages (graphmap/memory_pages.py)."""

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
