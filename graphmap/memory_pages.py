"""Memory for bulk work in a short-lived process: small pages, and freed memory kept for reuse (Linux).

Imports and analyses of large maps allocate and free hundreds of megabytes of short-lived column
buffers, and every page the kernel hands the process is faulted in and zeroed first. Two settings
of the command line cut that kernel time (measured on a 1-million-row import, docs/performance.md):

- `disable_transparent_huge_pages`: where the kernel backs every anonymous mapping with 2 MiB huge
  pages (``always`` in ``/sys/kernel/mm/transparent_hugepage/enabled``, the default of several
  distributions), each fresh buffer is faulted in and zeroed a huge page at a time, and the kernel
  compacts memory to find them; that was a third of an import's time. The opt-out is
  ``prctl(PR_SET_THP_DISABLE)``, for this process and its children only.
- `keep_freed_memory`: Arrow's allocator (mimalloc, where pyarrow uses it) gives freed pages back
  to the kernel after 10 ms, and glibc's malloc (numpy, pandas) unmaps or trims large blocks when they are freed, so
  the next column of the same size is faulted in and zeroed again; an import faulted 2 GB for a
  1.3 GB peak. Kept, the memory is reused: a fifth fewer page faults, 0.2 s of a 3 s import.
  That suits a command that exits when done (``graphmap import`` does it), not a server, nor the
  analysis, which gives memory back to keep its peak low.

Both are no-ops where the calls do not exist. The library never changes the process on its own:
an application embedding graphmap decides for itself.
"""

from __future__ import annotations

import ctypes
import os
import sys

__all__ = ["disable_transparent_huge_pages", "keep_freed_memory"]

#: From <linux/prctl.h>.
_PR_SET_THP_DISABLE = 41
#: From glibc's <malloc.h>: `mallopt` parameters.
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3
#: The largest block glibc will carve from its heap rather than map on its own (its maximum, 32 MiB
#: on 64-bit systems): a million-row column of numbers is 8 MB.
_HEAP_BLOCKS_UP_TO = 32 << 20
#: Freed memory at the top of glibc's heap is given back to the kernel only beyond this (the
#: largest value `mallopt`, which takes a C int, accepts: 2 GiB).
_KEEP_UP_TO = (1 << 31) - 1


def disable_transparent_huge_pages() -> bool:
    """Opt this process out of transparent huge pages; True when the kernel took it.

    Called by the command line before a command runs.
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(_PR_SET_THP_DISABLE, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def keep_freed_memory() -> bool:
    """Keep memory this process frees for its own reuse instead of giving it back to the kernel.

    Must run before pyarrow is loaded (mimalloc reads its options when it starts); returns False,
    changing nothing, when it is already loaded or this is not Linux with glibc. An explicit
    ``MIMALLOC_PURGE_DELAY`` in the environment wins.
    """
    if not sys.platform.startswith("linux") or "pyarrow" in sys.modules:
        return False
    try:
        libc = ctypes.CDLL(None)
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return False
    if not (mallopt(_M_MMAP_THRESHOLD, _HEAP_BLOCKS_UP_TO) and mallopt(_M_TRIM_THRESHOLD, _KEEP_UP_TO)):
        return False
    os.environ.setdefault("MIMALLOC_PURGE_DELAY", "-1")  # -1: never give pages back
    return True
