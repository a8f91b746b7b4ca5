"""Every error graphmap raises on purpose.

The tree, one base class so that callers catch one thing::

    GraphmapError
    ├── MapError                 a map folder cannot be used
    │   └── MapValidationError   the map's files hold faults (each one listed)
    ├── ImportFileError          an export file cannot be read at all
    ├── ReportError              a report cannot be written where it was asked for
    ├── SettingsError            a threshold or date given by the user is out of range
    ├── StoreError               a store (folder or Neo4j) cannot be reached or used
    │   └── MissingDependencyError  an optional extra is not installed
    ├── UnknownAccountError      an account id that the map does not have
    └── UnknownPersonError       a person id that the map does not have (or on the wrong side)

The CLI and the app catch `GraphmapError` and show its message; anything else is a bug.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "Fault",
    "GraphmapError",
    "ImportFileError",
    "MapError",
    "MapValidationError",
    "MissingDependencyError",
    "ReportError",
    "SettingsError",
    "StoreError",
    "UnknownAccountError",
    "UnknownPersonError",
]


class GraphmapError(Exception):
    """Base class of every error graphmap raises on purpose; its message is meant for the user."""


class MapError(GraphmapError):
    """A map folder is missing, unreadable or not a map."""


@dataclass(frozen=True)
class Fault:
    """One fault in one cell of one file of a map."""

    file: str
    """The file's name, e.g. ``people.csv``."""
    row: int | None
    """The row as a spreadsheet shows it (the header is row 1); None for a fault of the whole file."""
    column: str | None
    """The column at fault; None when the fault is not about one column."""
    value: str | None
    """The value found, as written."""
    problem: str
    """What is wrong and what would be accepted."""

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f", row {self.row}"
        if self.column is not None:
            where += f", column {self.column}"
        shown = "" if self.value is None else f" {self.value!r}:"
        return f"{where}:{shown} {self.problem}"


class MapValidationError(MapError):
    """The map holds faults; it is refused as a whole. `faults` lists them (up to a cap)."""

    def __init__(self, faults: list[Fault], folder: str = "", truncated: int = 0) -> None:
        self.faults = list(faults)
        self.folder = folder
        self.truncated = truncated
        lines = [str(f) for f in self.faults]
        if truncated:
            lines.append(f"... and {truncated} more faults not shown")
        head = f"{folder}: " if folder else ""
        count = len(self.faults) + truncated
        super().__init__(f"{head}{count} fault{'s' if count != 1 else ''} in the map\n" + "\n".join(lines))


class ImportFileError(GraphmapError):
    """An export file cannot be read at all (encoding, no header, not CSV)."""


class ReportError(GraphmapError):
    """A report cannot be written: an unknown format, or an output path that is not ours to replace."""


class SettingsError(GraphmapError):
    """A setting or an as-of date is out of its accepted range."""


class StoreError(GraphmapError):
    """A store cannot be reached or used: a server down, a wrong password, a missing database."""


class MissingDependencyError(StoreError):
    """An optional extra is not installed; the message says what to install."""


class UnknownAccountError(GraphmapError):
    """An account id that the map does not hold."""


class UnknownPersonError(GraphmapError):
    """A person id that the map does not hold, or a person on the wrong side for what was asked."""
