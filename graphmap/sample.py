"""The sample portfolio shipped with graphmap (the same files as ``data/sample``).

Five accounts of a fictional supplier, Northwind Analytics, in which every kind of finding occurs at
least once when analysed as of `SAMPLE_AS_OF`.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from importlib import resources
from pathlib import Path

from graphmap.exceptions import MapError
from graphmap.mapfolder import MAP_FILES

__all__ = ["SAMPLE_AS_OF", "sample_map_path", "write_sample_map"]

#: The date the sample's contact dates were written against.
SAMPLE_AS_OF = dt.date(2026, 11, 27)


def sample_map_path() -> Path:
    """The folder holding the sample map inside the installed package."""
    return Path(str(resources.files("graphmap") / "sample_map"))


def write_sample_map(folder: str | os.PathLike) -> Path:
    """Write the sample map into a new folder and return its path (refuses a non-empty folder)."""
    folder = Path(folder)
    if folder.exists() and any(folder.iterdir()):
        raise MapError(f"{folder}: exists and is not empty; choose a new folder for the sample map")
    folder.mkdir(parents=True, exist_ok=True)
    for name in MAP_FILES.values():
        shutil.copyfile(sample_map_path() / name, folder / name)
    return folder
