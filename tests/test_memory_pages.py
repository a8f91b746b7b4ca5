"""The command line's opt-out of transparent huge pages (graphmap/memory_pages.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

_STATUS = Path("/proc/self/status")


def _thp_enabled_after(code: str) -> str:
    """The THP_enabled value of a fresh Python process after it runs `code`.

    The process first clears the flag it may have inherited (a test before this one may have run the
    command line in the test process, which sets it), so that only `code` decides.
    """
    probe = ("import ctypes\nctypes.CDLL(None).prctl(41, 0, 0, 0, 0)\n" + code +
             "\nprint(next(l for l in open('/proc/self/status') if l.startswith('THP_enabled')).split()[1])")
    return subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True, text=True).stdout.strip()


@pytest.mark.skipif(not _STATUS.exists() or "THP_enabled" not in _STATUS.read_text(),
                    reason="the kernel does not report THP_enabled (not Linux 5.0+)")
def test_the_opt_out_reaches_the_kernel_for_this_process_only():
    assert _thp_enabled_after("") == "1"
    assert _thp_enabled_after("from graphmap.memory_pages import disable_transparent_huge_pages as d\n"
                              "assert d() is True") == "0"
