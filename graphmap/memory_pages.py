"""Small memory pages for bulk work: opting the process out of transparent huge pages (Linux).

Imports and analyses of large maps allocate and free hundreds of megabytes of short-lived column
buffers. Where the kernel backs every anonymous mapping with 2 MiB huge pages (``always`` in
``/sys/kernel/mm/transparent_hugepage/enabled``, the default of several distributions), each fresh
buffer is faulted in and zeroed a huge page at a time, and the kernel compacts memory to find them.
Measured on a 1-million-row import (docs/performance.md), that kernel time was a third of the run;
with the process opted out it is gone, and nothing else changes. The opt-out is
``prctl(PR_SET_THP_DISABLE)``: it concerns this process and its children only, and is a no-op
where the call does not exist.
"""

from __future__ import annotations

import ctypes
import sys

__all__ = ["disable_transparent_huge_pages"]

#: From <linux/prctl.h>.
_PR_SET_THP_DISABLE = 41


def disable_transparent_huge_pages() -> bool:
    """Opt this process out of transparent huge pages; True when the kernel took it.

    Called by the command line before a command runs (the library never changes the process on
    its own: an application embedding graphmap decides for itself).
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_THP_DISABLE, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False
