"""Writing a report file atomically: whole or not at all.

A report is written to a temporary file beside its target and renamed over it only once complete,
so an interrupted or failed export leaves the old file (or nothing), never half a report.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import BinaryIO, Iterator

from graphmap.exceptions import ReportError

__all__ = ["atomic_file", "atomic_path"]


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[Path]:
    """A temporary path to write the report to; it replaces `path` when the block ends without error.

    Raises `ReportError` when `path` is a folder or its parent folder cannot be written.
    """
    target = Path(path)
    if target.is_dir():
        raise ReportError(f"{target}: is a folder; give a file name for the report")
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=parent)
    except OSError as err:
        raise ReportError(f"{target}: cannot write the report there: {err.strerror}") from None
    os.close(handle)
    temp = Path(temp_name)
    try:
        yield temp
        # mkstemp makes a private file; a report gets the usual permissions (or keeps the old file's).
        os.chmod(temp, target.stat().st_mode & 0o777 if target.exists() else 0o644)
        os.replace(temp, target)
    finally:
        temp.unlink(missing_ok=True)


@contextlib.contextmanager
def atomic_file(path: str | os.PathLike) -> Iterator[BinaryIO]:
    """A binary file to write the report into; it replaces `path` when the block ends without error."""
    with atomic_path(path) as temp, open(temp, "wb") as handle:
        yield handle
